// @vitest-environment jsdom

/**
 * The Export dialog's model export against the real dialog and export client. jsdom has no
 * Worker, so a stand-in records what the client does with the export worker.
 */

import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAppStore } from '../../src/state/store';
import { ExportDialog } from '../../src/ui/session/ExportDialog';
import { AppStoreProvider } from '../../src/ui/store-context';

/** Stands in for the browser's Worker: keeps each instance and the messages posted to it. */
class RecordingWorker extends EventTarget {
  static created: RecordingWorker[] = [];
  readonly posted: unknown[] = [];
  terminated = false;

  constructor(readonly url: URL | string) {
    super();
    RecordingWorker.created.push(this);
  }

  postMessage(message: unknown): void {
    this.posted.push(message);
  }

  terminate(): void {
    this.terminated = true;
  }
}

// The dialog never searches, so the store reads no assets and starts no search workers.
const idleEnvironment = {
  readAsset: () => Promise.reject(new Error('the Export dialog tests read no assets')),
  workerFactory: () => {
    throw new Error('the Export dialog tests start no search workers');
  },
};

let root: Root;
let container: HTMLElement;

beforeEach(() => {
  (globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;
  RecordingWorker.created = [];
  globalThis.Worker = RecordingWorker as unknown as typeof Worker;
  container = document.createElement('div');
  document.body.append(container);
  root = createRoot(container);
});

afterEach(() => {
  container.remove();
});

/** Returns the button whose accessible name, its aria-label or its text, is `name`. */
function button(name: string): HTMLButtonElement {
  const found = [...document.querySelectorAll('button')].find((element) => (element.getAttribute('aria-label') ?? element.textContent?.trim()) === name);
  if (!found) throw new Error(`No button named "${name}" is on the page.`);
  return found;
}

describe('Export dialog', () => {
  it('stops its model export when it unmounts', async () => {
    const store = createAppStore(idleEnvironment);
    await act(async () => {
      root.render(
        <AppStoreProvider store={store}>
          <ExportDialog />
        </AppStoreProvider>,
      );
    });
    await act(async () => button('Export').click());
    await act(async () => button('TensorFlow.js model with trained weights of the network in the editor').click());

    expect(RecordingWorker.created).toHaveLength(1);
    const worker = RecordingWorker.created[0];
    expect(worker.posted).toHaveLength(1);
    expect(worker.terminated).toBe(false);
    expect(document.querySelector('[data-testid="model-export-status"]')?.textContent).toMatch(/^Training the network in the editor for export/);

    await act(async () => root.unmount());

    expect(worker.terminated).toBe(true);
  });

  it('keeps its model export while closed', async () => {
    const store = createAppStore(idleEnvironment);
    await act(async () => {
      root.render(
        <AppStoreProvider store={store}>
          <ExportDialog />
        </AppStoreProvider>,
      );
    });
    await act(async () => button('Export').click());
    await act(async () => button('TensorFlow.js model with trained weights of the network in the editor').click());
    await act(async () => button('Close').click());

    expect(document.querySelector('[role="dialog"]')).toBeNull();
    expect(RecordingWorker.created[0].terminated).toBe(false);
    await act(async () => root.unmount());
  });
});
