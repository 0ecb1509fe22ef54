/**
 * The frozen tables of link format v1. A link written today must open the same way after
 * the registry or the config gains entries, so the codes here never change meaning. New
 * kinds, parameters and fields are appended. A change of meaning needs a new version with a
 * migration (see link-migrate.ts).
 */

import type { LayerKind } from '../../core/layers';

export const LINK_VERSION = 1;

/** Short key of each run config field in a v1 link, by its path in `RunConfig`. */
export const CONFIG_KEYS_V1 = {
  'task.id': 't',
  'task.noise': 'n',
  'task.samples': 'm',
  'task.seed': 'd',
  'search.strategy': 'y',
  'search.generations': 'g',
  'search.population': 'p',
  'search.modulePopulation': 'q',
  'search.networksPerBlueprint': 'w',
  'search.maxModuleLayers': 'l',
  'search.maxBlueprintSlots': 'o',
  'search.seed': 's',
  'training.epochs': 'e',
  'training.batchSize': 'b',
  'training.learningRate': 'r',
  'training.optimizer': 'z',
  'training.maxTrainRows': 'x',
  backend: 'k',
  workers: 'u',
  finalEpochs: 'f',
  timeBudgetSeconds: 'h',
  'search.maxEvaluations': 'v',
  'search.sampleSize': 'a',
  'search.earlyStopping': 'j',
  'search.candidateSet.maxDepth': 'i',
  'task.file': 'df',
  'task.fileShape.kind': 'dk',
  'task.fileShape.features': 'dx',
  'task.fileShape.outputs': 'do',
} as const;

export type ConfigPath = keyof typeof CONFIG_KEYS_V1;

export const CONFIG_PATHS = Object.keys(CONFIG_KEYS_V1) as ConfigPath[];

/** Layer kinds by their code (array index) in a v1 link. */
export const KIND_CODES_V1: readonly LayerKind[] = [
  'input',
  'output',
  'dense',
  'activation',
  'flatten',
  'conv2d',
  'maxPooling2d',
  'averagePooling2d',
  'globalAveragePooling2d',
  'batchNormalization',
  'dropout',
  'add',
  'concatenate',
  'simpleRNN',
  'gru',
  'lstm',
  'moduleSlot',
];

const RECURRENT_PARAMS = ['units', 'activation', 'returnSequences'];
const POOLING_PARAMS = ['poolSize', 'padding'];

/** The order in which a v1 link lists each kind's parameter values; kinds not listed have none. */
export const PARAM_ORDER_V1: Readonly<Partial<Record<LayerKind, readonly string[]>>> = {
  dense: ['units', 'activation'],
  activation: ['activation'],
  conv2d: ['filters', 'kernelSize', 'strides', 'padding', 'activation'],
  maxPooling2d: POOLING_PARAMS,
  averagePooling2d: POOLING_PARAMS,
  dropout: ['rate'],
  simpleRNN: RECURRENT_PARAMS,
  gru: RECURRENT_PARAMS,
  lstm: RECURRENT_PARAMS,
};

export const BACKEND_NAMES_V1 = ['webgpu', 'webgl', 'wasm', 'cpu'] as const;

export const kindCode = (kind: LayerKind): number => KIND_CODES_V1.indexOf(kind);
