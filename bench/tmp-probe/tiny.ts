import * as tf from '@tensorflow/tfjs-core';
import { chainGenome } from '../../src/core/genome';
import { Rng } from '../../src/core/rng';
import { nodeAssetReader } from '../../src/data/node-assets';
import { loadDataset } from '../../src/data/tasks';
import { initBackend } from '../../src/train/backend';
import { registerFastGradients } from '../../src/train/gradients';
import { buildModel } from '../../src/train/model';
import { withSeededRandom } from '../../src/train/seeded-random';
import { trainModel } from '../../src/train/train';
import { defaultRunConfig } from '../../src/state/config';
const width = Number(process.env.WIDTH ?? 16);
await initBackend('wasm');
registerFastGradients();
const base = defaultRunConfig('spiral');
const data = await loadDataset(base.task, nodeAssetReader());
const genome = chainGenome([{ kind: 'dense', params: { units: width } }, { kind: 'dense', params: { units: width } }]);
const settings = { ...base.training, epochs: 5 };
const t0 = performance.now(); let n = 0; const c0 = process.cpuUsage();
while (performance.now() - t0 < Number(process.env.MS ?? 8000)) {
  const model = withSeededRandom(new Rng(1), () => buildModel(genome, data));
  await trainModel(model, data.train, data, settings, { order: new Rng(2), steps: new Rng(3) });
  model.dispose(); n++;
}
const c = process.cpuUsage(c0); const wall = performance.now() - t0;
console.log(`width ${width}: ${(n / wall * 1000 * 60).toFixed(1)} trainings/min, cpu ${( (c.user + c.system) / 1000 / wall).toFixed(2)} cores, tensors ${tf.memory().numTensors}`);
