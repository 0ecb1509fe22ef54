/** Browser entry: creates the app store for this page and renders the app. */

import * as Tooltip from '@radix-ui/react-tooltip';
import '@xyflow/react/dist/style.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { fetchAssetReader } from './data/assets';
import { createAppStore } from './state/store';
import { WASM_PATHS } from './train/wasm-paths.browser';
import { App } from './ui/App';
import { keepComparisons } from './ui/comparison-storage';
import { restoreDataFile } from './ui/data-file-storage';
import { exposeStoreForTests } from './ui/editor/dev-hooks';
import { AppStoreProvider } from './ui/store-context';
import { ThemeProvider } from './ui/theme';
import { browserWorkerFactory } from './workers/browser-pool';
import { browserStrategyHost } from './workers/browser-strategy';
import { PoolKeeper } from './workers/pool-keeper';
import './ui/styles/theme.css';
import './ui/styles/app.css';

// Absolute URLs, so that they resolve the same from the page and from inside workers.
const absolute = (path: string) => new URL(path, window.location.href).href;
const wasmPaths = Object.fromEntries(Object.entries(WASM_PATHS).map(([file, url]) => [file, absolute(url)]));

// Before the store, so that a reloaded data-file task finds its rows.
restoreDataFile();

const store = createAppStore({
  readAsset: fetchAssetReader(absolute(import.meta.env.BASE_URL)),
  workerFactory: browserWorkerFactory,
  wasmPaths,
  strategyHost: browserStrategyHost,
  // Long enough to change a setting or two between searches. An idle pool uses memory, not processor time.
  pools: new PoolKeeper(5 * 60_000),
});

keepComparisons(store);
exposeStoreForTests(store);

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no element with id "root" to render the app into.');

createRoot(container).render(
  <StrictMode>
    <AppStoreProvider store={store}>
      <ThemeProvider>
        <Tooltip.Provider delayDuration={300}>
          <App />
        </Tooltip.Provider>
      </ThemeProvider>
    </AppStoreProvider>
  </StrictMode>,
);
