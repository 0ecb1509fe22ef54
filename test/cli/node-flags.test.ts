import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { POOL_NODE_FLAGS } from '../../src/cli/node-flags';

describe('POOL_NODE_FLAGS', () => {
  it('are the flags the search script passes to node', () => {
    const scripts = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')).scripts as Record<string, string>;
    expect(scripts.search).toBe(`tsx ${POOL_NODE_FLAGS.join(' ')} src/cli/main.ts`);
  });
});
