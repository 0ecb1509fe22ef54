/** Compute settings: the tfjs backend and the number of evaluation workers. */

import { BACKENDS, type BackendPreference } from '../../train/types';
import { autoWorkerCount, logicalCores } from '../../workers/worker-count';
import { SelectField, type SelectOption } from '../controls/SelectField';
import { useActions, useApp } from '../store-context';
import { ConfigNumber } from './ConfigNumber';

const BACKEND_HINTS: Record<BackendPreference, string> = {
  auto: 'Tries WebGPU, then WebGL, then WASM, then CPU.',
  webgpu: 'GPU through WebGPU.',
  webgl: 'GPU through WebGL 2.',
  wasm: 'CPU through WebAssembly with SIMD.',
  cpu: 'Plain JavaScript on the CPU; slowest.',
};

const BACKEND_LABELS: Record<BackendPreference, string> = {
  auto: 'Auto',
  webgpu: 'WebGPU',
  webgl: 'WebGL',
  wasm: 'WASM',
  cpu: 'CPU',
};

const BACKEND_OPTIONS: SelectOption<BackendPreference>[] = (['auto', ...BACKENDS] as const).map((name) => ({
  value: name,
  label: BACKEND_LABELS[name],
  hint: BACKEND_HINTS[name],
}));

/** Describes what 0 (auto) workers means on this machine. */
function autoWorkersHint(): string {
  const cores = logicalCores();
  return `Auto: one worker per core on WASM and CPU (${autoWorkerCount('wasm', cores)} here), one on WebGL and WebGPU, which share the GPU.`;
}

export function ComputeSettings({ locked }: { locked: boolean }) {
  const backend = useApp((state) => state.config.backend);
  const workers = useApp((state) => state.config.workers);
  const { setBackend } = useActions();

  return (
    <section className="inspector__section" aria-labelledby="inspector-compute">
      <h3 id="inspector-compute">Compute</h3>
      <SelectField label="Backend" value={backend} options={BACKEND_OPTIONS} onChange={setBackend} disabled={locked} />
      <ConfigNumber path="workers" disabled={locked} />
      {workers === 0 && <p className="inspector__hint">{autoWorkersHint()}</p>}
    </section>
  );
}
