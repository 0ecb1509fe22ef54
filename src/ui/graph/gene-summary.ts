/** One-line summaries of a layer gene's key parameters, for node labels and tooltips. */

import { LAYERS, type LayerKind, type LayerParams } from '../../core/layers';

const window2d = (size: unknown) => `${String(size)}×${String(size)}`;

/**
 * Summarises the parameters that define a layer, e.g. "16 units · relu" or
 * "8 filters 3×3 · same · relu". Kinds without a tailored summary list their parameters as
 * "label value", so a new registry entry shows up without changes here.
 */
export function summarizeGene(kind: LayerKind, params: LayerParams, outputUnits: number, regression = false): string {
  const p = params;
  switch (kind) {
    case 'input':
      return 'task features';
    case 'output':
      // A classification head outputs logits because the loss applies softmax. A regression head has no activation.
      return `${outputUnits} ${outputUnits === 1 ? 'unit' : 'units'} · ${regression ? 'linear' : 'logits'}`;
    case 'dense':
      return `${p.units} units · ${p.activation}`;
    case 'activation':
      return String(p.activation);
    case 'conv2d': {
      const stride = Number(p.strides) > 1 ? ` /${p.strides}` : '';
      return `${p.filters} filters ${window2d(p.kernelSize)}${stride} · ${p.padding} · ${p.activation}`;
    }
    case 'maxPooling2d':
    case 'averagePooling2d':
      return `${window2d(p.poolSize)} · ${p.padding}`;
    case 'dropout':
      return `rate ${p.rate}`;
    case 'moduleSlot':
      return 'filled by the search';
    case 'simpleRNN':
    case 'gru':
    case 'lstm':
      return `${p.units} units · ${p.activation}${p.returnSequences ? ' · sequences' : ''}`;
    default:
      return Object.entries(LAYERS[kind].params)
        .filter(([name]) => name in params)
        .map(([name, spec]) => `${spec.label.toLowerCase()} ${String(params[name])}`)
        .join(' · ');
  }
}
