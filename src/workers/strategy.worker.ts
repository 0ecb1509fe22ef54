/** Browser Web Worker that runs a search strategy for the page (see strategy-host.ts). */

import { createStrategy } from '../core/search';
import type { SearchStrategy } from '../core/strategy';
import type { StrategyRequest, StrategyResponse } from './strategy-protocol';

let strategy: SearchStrategy | null = null;

type Value = Extract<StrategyResponse, { ok: true }>['value'];

function handle(request: StrategyRequest): Value {
  if (request.type === 'create') {
    strategy = createStrategy(request.settings, request.context, request.options);
    return null;
  }
  if (!strategy) throw new Error(`The strategy worker received "${request.type}" before "create".`);
  return request.type === 'propose' ? strategy.propose() : strategy.observe(request.results);
}

self.onmessage = (event: MessageEvent<StrategyRequest>) => {
  const request = event.data;
  let response: StrategyResponse;
  try {
    response = { id: request.id, ok: true, value: handle(request) };
  } catch (error) {
    response = { id: request.id, ok: false, message: error instanceof Error ? error.message : String(error) };
  }
  self.postMessage(response);
};
