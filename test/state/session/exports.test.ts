import { describe, expect, it } from 'vitest';
import { canonicalHash } from '../../../src/core/canonical';
import { chainGenome } from '../../../src/core/genome';
import { deriveSeed } from '../../../src/core/rng';
import { nodeAssetReader } from '../../../src/data/node-assets';
import { defaultRunConfig } from '../../../src/state/config';
import { withEditorIds } from '../../../src/state/graph-model';
import { IDLE_RUN, runSettingsOf } from '../../../src/state/run-state';
import {
  editorKerasCodeText,
  editorModelExportRequest,
  editorNetwork,
  kerasCodeText,
  modelExportRequest,
  networkGenomeFileText,
  runFileName,
  runFileText,
} from '../../../src/state/session/exports';
import { createAppStore, type AppStore } from '../../../src/state/store';
import type { EvaluationMetrics } from '../../../src/train/types';
import type { EvaluatedCandidate } from '../../../src/workers/coordinator';
import { nodeWorkerFactory } from '../../../src/workers/node-pool';
import type { RunConfig } from '../../../src/workers/run-config';

function evaluated(id: string, metrics: Partial<EvaluationMetrics>): EvaluatedCandidate {
  const base: EvaluationMetrics = {
    fitness: 0.9, validationLoss: 0.3, validationAccuracy: 0.9, testLoss: 0.3, testAccuracy: 0.9,
    trainLoss: [0.5], params: 10, flops: 10, epochs: 30, trainMs: 100, backend: 'wasm',
  };
  return {
    candidate: { id, generation: 0, genome: chainGenome([{ kind: 'dense', params: { units: 4 } }]), hash: `hash-${id}`, origin: { type: 'random' } },
    metrics: { ...base, ...metrics },
    fitness: 0.9,
    reused: false,
    worker: 0,
    evaluation: 1,
    finishedAt: 0,
  };
}

function requestFor(candidate: EvaluatedCandidate, final: EvaluatedCandidate | null) {
  const app = createAppStore({ readAsset: nodeAssetReader(), workerFactory: nodeWorkerFactory });
  const state = app.getState();
  const config = { ...state.config, finalEpochs: 200 };
  return { config, request: modelExportRequest({ ...state, config, run: { ...state.run, final } }, candidate, 'http://127.0.0.1/', {}, true) };
}

describe('modelExportRequest', () => {
  it('trains the final network up to its scored epoch', () => {
    const final = evaluated('g3-1-final', { epochs: 120, bestEpoch: 87 });
    const { request } = requestFor(final, final);
    expect(request.settings.epochs).toBe(87);
    expect(request.settings.maxTrainRows).toBe(0);
    expect(request.keepBestEpoch).toBe(true);
  });

  it('falls back to finalEpochs without a best epoch', () => {
    const final = evaluated('g3-1-final', { epochs: 200 });
    expect(requestFor(final, final).request.settings.epochs).toBe(200);
  });

  it('trains a search candidate with the search settings', () => {
    const candidate = evaluated('g2-4', { bestEpoch: 12 });
    const { config, request } = requestFor(candidate, null);
    expect(request.settings).toEqual(config.training);
    expect(request.keepBestEpoch).toBe(false);
  });
});

describe('kerasCodeText', () => {
  it('names layers as the editor does', () => {
    const candidate = evaluated('g1-2', {});
    const genome = candidate.candidate.genome;
    // Assembled networks carry ids such as "n22:n10"; the editor shows them as l1, l2, ...
    const assembled = {
      ...genome,
      nodes: genome.nodes.map((gene) => ({
        ...gene,
        id: gene.kind === 'dense' ? 'n22:n10' : gene.id,
        inputs: gene.inputs.map((source) => (source.startsWith('l') ? 'n22:n10' : source)),
      })),
    };
    const app = createAppStore({ readAsset: nodeAssetReader(), workerFactory: nodeWorkerFactory });

    const code = kerasCodeText(app.getState(), { ...candidate, candidate: { ...candidate.candidate, genome: assembled } });

    expect(code).toMatch(/^l1 = layers\.Dense\(.*name="l1"\)\(inputs\)$/m);
    expect(code).not.toMatch(/n22/);
  });

  it('states the epochs the network trained', () => {
    const app = createAppStore({ readAsset: nodeAssetReader(), workerFactory: nodeWorkerFactory });

    const code = kerasCodeText(app.getState(), evaluated('g1-2-final', { epochs: 200 }));

    expect(code).toMatch(/^# Trained in the playground for 200 epochs, batch size \d+\.$/m);
  });
});

describe('kerasCodeText on standardised features', () => {
  it('writes the standardisation or its step', () => {
    const app = createAppStore({ readAsset: nodeAssetReader(), workerFactory: nodeWorkerFactory });
    app.getState().actions.setTask('iris');
    const candidate = evaluated('g0-1', {});
    const iris = { task: 'iris' as const, train: 90, validation: 30, test: 30, inputShape: [4] };

    const unknown = kerasCodeText(app.getState(), candidate);
    app.setState({ dataset: { ...iris, scaling: { mean: [5.8, 3, 3.7, 1.2], std: [0.8, 0.4, 1.7, 0.7] } } });
    const known = kerasCodeText(app.getState(), candidate);

    expect(unknown).toMatch(/^# Training saw standardised features/m);
    expect(known).toMatch(/^standardised = layers\.Normalization\(mean=\(5\.8, 3, 3\.7, 1\.2\), variance=\(0\.64, 0\.16, 2\.89, 0\.49\), name="standardise"\)\(inputs\)$/m);
  });
});

describe('editorNetwork', () => {
  const context = { inputShape: [2], outputUnits: 2 };
  const searched = (id: string, units: number): EvaluatedCandidate => {
    const genome = chainGenome([{ kind: 'dense', params: { units } }]);
    const result = evaluated(id, {});
    return { ...result, candidate: { ...result.candidate, genome, hash: canonicalHash(genome) } };
  };
  const best = searched('g4-5', 16);
  const opened = searched('g3-7', 8);
  const run = { evaluations: [opened, best], best, final: null };

  it('finds the candidate opened in the editor', () => {
    // The editor renames the layers of a network it opens.
    const network = editorNetwork(withEditorIds(opened.candidate.genome), run, context);
    expect(network?.result?.candidate.id).toBe('g3-7');
    expect(network?.problem).toBeNull();
  });

  it('skips the network Export saves as the best', () => {
    expect(editorNetwork(best.candidate.genome, run, context)).toBeNull();
    const retrained = { ...searched('g4-5-final', 16) };
    expect(editorNetwork(best.candidate.genome, { ...run, final: retrained }, context)).toBeNull();
  });

  it('offers the best when the final network differs', () => {
    // Final retraining kept another of the top candidates, so the best-network section saves that one.
    const other = searched('g3-7-final', 8);
    const withFinal = { ...run, final: other };
    expect(editorNetwork(other.candidate.genome, withFinal, context)).toBeNull();
    const network = editorNetwork(withEditorIds(best.candidate.genome), withFinal, context);
    expect(network?.result?.candidate.id).toBe('g4-5');
    expect(network?.problem).toBeNull();
  });

  it('offers a network the run did not train', () => {
    const own = chainGenome([{ kind: 'dense', params: { units: 5 } }, { kind: 'dense', params: { units: 3 } }]);
    const network = editorNetwork(own, run, context);
    expect(network?.result).toBeNull();
    expect(network?.invalid).toBe(false);
    expect(editorNetwork(own, { evaluations: [], best: null, final: null }, context)?.result).toBeNull();
  });

  it('names why a network cannot be built', () => {
    const slotted = chainGenome([{ kind: 'moduleSlot' }]);
    const network = editorNetwork(slotted, run, context);
    expect(network?.problem).toMatch(/Module slot .* is filled only by a search/);
    expect(network?.invalid).toBe(false);
  });
});

describe('editor network exports', () => {
  const own = chainGenome([{ kind: 'dense', params: { units: 5 } }]);

  it('trains it as the Train button does', () => {
    const app = createAppStore({ readAsset: nodeAssetReader(), workerFactory: nodeWorkerFactory });
    const { config } = app.getState();

    const request = editorModelExportRequest(app.getState(), own, 'http://127.0.0.1/', {}, true);

    expect(request.genome).toBe(own);
    expect(request.settings).toEqual({ ...config.training, maxTrainRows: 0 });
    expect(request.seed).toBe(deriveSeed(config.search.seed, 'train', canonicalHash(own)));
    expect(request.keepBestEpoch).toBe(false);
  });

  it('writes files without scores', () => {
    const app = createAppStore({ readAsset: nodeAssetReader(), workerFactory: nodeWorkerFactory });

    const file = JSON.parse(networkGenomeFileText(app.getState(), own)) as Record<string, unknown>;
    const code = editorKerasCodeText(app.getState(), own);

    expect(file.candidate).toBeNull();
    expect(file.fitness).toBeNull();
    expect(file.hash).toBe(canonicalHash(own));
    expect(file.genome).toEqual(own);
    expect(code).toMatch(/network built in the editor .*not evaluated by a search/);
    expect(code).toMatch(/^l1 = layers\.Dense\(/m);
  });
});

describe('exports after the settings change', () => {
  /**
   * Returns a store with a finished run that used seed 7, 30 epochs, learning rate 0.02 and 60
   * final epochs, whose page then changed them to seed 99, 5 epochs, 0.5 and 10.
   */
  function changedAfterRun(): { app: AppStore; best: EvaluatedCandidate; final: EvaluatedCandidate; seedGraph: unknown } {
    const app = createAppStore({ readAsset: nodeAssetReader(), workerFactory: nodeWorkerFactory });
    const { actions } = app.getState();
    actions.setNumber('search.seed', 7);
    actions.setNumber('training.epochs', 30);
    actions.setNumber('training.learningRate', 0.02);
    actions.setNumber('finalEpochs', 60);

    // The run is recorded as Start search records it, from the page's settings at the start.
    const { config, graph } = app.getState();
    const best = evaluated('g2-4', {});
    const final = evaluated('g2-4-final', { epochs: 60 });
    const settings = runSettingsOf({ ...config, seedGenome: graph });
    app.setState({ run: { ...IDLE_RUN, runId: 'run-1', settings, phase: 'finished', outcome: 'completed', evaluations: [best], best, final } });

    actions.setNumber('search.seed', 99);
    actions.setNumber('training.epochs', 5);
    actions.setNumber('training.learningRate', 0.5);
    actions.setNumber('finalEpochs', 10);
    return { app, best, final, seedGraph: graph };
  }

  it('trains a search candidate as the run did', () => {
    const { app, best } = changedAfterRun();

    const request = modelExportRequest(app.getState(), best, 'http://127.0.0.1/', {}, true);

    expect(request.seed).toBe(deriveSeed(7, 'train', best.candidate.hash));
    expect(request.settings.epochs).toBe(30);
    expect(request.settings.learningRate).toBe(0.02);
  });

  it('retrains the final network as the run did', () => {
    const { app, final } = changedAfterRun();

    const request = modelExportRequest(app.getState(), final, 'http://127.0.0.1/', {}, true);

    expect(request.seed).toBe(deriveSeed(7, 'final', final.candidate.hash));
    expect(request.settings.epochs).toBe(60);
    expect(request.settings.learningRate).toBe(0.02);
    expect(request.keepBestEpoch).toBe(true);
  });

  it('writes the run file with the run config', () => {
    const { app, seedGraph } = changedAfterRun();
    const { editorActions } = app.getState();
    editorActions.select(['l2']);
    editorActions.addLayer('dense');

    const file = JSON.parse(runFileText(app.getState())) as { config: { search: { seed: number }; training: { epochs: number }; finalEpochs: number; seedGenome: unknown }; positions?: unknown };

    expect(runFileName(app.getState())).toBe(`nas-run-${app.getState().config.task.id}-seed7.json`);
    expect(file.config.search.seed).toBe(7);
    expect(file.config.training.epochs).toBe(30);
    expect(file.config.finalEpochs).toBe(60);
    // The editor shows another network now, whose positions do not lay out the run's.
    expect(file.config.seedGenome).toEqual(seedGraph);
    expect(file.positions).toBeUndefined();
  });

  it('keeps positions of the unchanged starting network', () => {
    const { app } = changedAfterRun();

    const file = JSON.parse(runFileText(app.getState())) as { positions?: { id: string }[] };

    expect(file.positions?.map((position) => position.id)).toEqual([...app.getState().editor.model.positions.keys()]);
  });

  it('writes Keras code with the run training', () => {
    const { app, best } = changedAfterRun();

    const code = kerasCodeText(app.getState(), best);

    expect(code).toMatch(/learning_rate=0\.02\b/);
    expect(code).not.toMatch(/learning_rate=0\.5\b/);
  });

  it('follows a search run in the store', async () => {
    const base = defaultRunConfig('xor');
    const config: RunConfig = {
      ...base,
      search: { ...base.search, strategy: 'random', seed: 5, generations: 1, population: 2, networksPerBlueprint: 1 },
      training: { ...base.training, epochs: 1 },
      finalEpochs: 0,
      backend: 'cpu',
      workers: 1,
    };
    const app = createAppStore({ readAsset: nodeAssetReader(), workerFactory: nodeWorkerFactory }, { config });
    await app.getState().actions.startSearch();
    const best = app.getState().run.best!;
    app.getState().actions.setNumber('search.seed', 99);
    app.getState().actions.setNumber('training.epochs', 3);

    const request = modelExportRequest(app.getState(), best, 'http://127.0.0.1/', {}, true);

    expect(request.seed).toBe(deriveSeed(5, 'train', best.candidate.hash));
    expect(request.settings.epochs).toBe(1);
    expect(runFileName(app.getState())).toBe('nas-run-xor-seed5.json');
  }, 60_000);

  it('keeps the page settings for the editor network', () => {
    const { app } = changedAfterRun();
    const own = chainGenome([{ kind: 'dense', params: { units: 5 } }]);

    const request = editorModelExportRequest(app.getState(), own, 'http://127.0.0.1/', {}, true);
    const code = editorKerasCodeText(app.getState(), own);

    expect(request.seed).toBe(deriveSeed(99, 'train', canonicalHash(own)));
    expect(request.settings.epochs).toBe(5);
    expect(code).toMatch(/learning_rate=0\.5\b/);
  });
});
