import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { tfjsPatches } from './scripts/tfjs-patches.ts';

export default defineConfig({
  plugins: [react(), tfjsPatches()],
  // The candidates train in workers, which Vite bundles with these plugins, not the ones above.
  worker: { format: 'es', plugins: () => [tfjsPatches()] },
  // The dev server bundles dependencies ahead of time, outside the plugins above.
  optimizeDeps: { rolldownOptions: { plugins: [tfjsPatches()] } },
  build: { target: 'es2022', chunkSizeWarningLimit: 4000 },
  server: { host: '127.0.0.1', port: 5173 },
  preview: { host: '127.0.0.1', port: 4173 },
});
