/**
 * The selected layer in the inspector: its parameters within the registry's ranges, its
 * output shape, parameter count and FLOPs, its inputs and the issues marked on it. Buttons
 * to disconnect an input or add one let a keyboard user wire the graph.
 */

import { useMemo, useState } from 'react';
import type { LayerGene } from '../../core/genome';
import { reachableFrom } from '../../core/graph';
import { LAYERS, formatShape, isLayerKind, type ParamValue } from '../../core/layers';
import { analyzeGraph } from '../../state/graph-analysis';
import { formatParams } from '../format';
import { useApp } from '../store-context';
import { taskShapeContext } from '../task-context';
import { formatFlops } from './editor-format';
import { issuesByPlace, layerName } from './editor-flow';
import { FixedSwitch } from './FixedSwitch';
import { ParamField } from './ParamField';

function InputList({ gene, genome }: { gene: LayerGene; genome: readonly LayerGene[] }) {
  const { applyGraphChange } = useApp((state) => state.editorActions);
  const [choice, setChoice] = useState('');
  const sources = genome.filter((node) => node.id !== gene.id && node.kind !== 'output' && !gene.inputs.includes(node.id));
  // A layer downstream of this one cannot feed it: the connection would close a loop.
  const downstream = useMemo(() => reachableFrom(genome, gene.id, 'forward'), [genome, gene.id]);
  const selectId = `add-input-${gene.id}`;

  const connect = (from: string) => {
    setChoice('');
    if (from) applyGraphChange({ type: 'connect', from, to: gene.id });
  };

  return (
    <>
      <ul className="layer-inspector__inputs" aria-label={`Inputs of ${gene.id}`}>
        {gene.inputs.length === 0 && <li>No inputs yet.</li>}
        {gene.inputs.map((source, slot) => (
          <li key={`${source}#${slot}`}>
            <span>from {source}</span>
            <button
              type="button"
              className="button button--tool"
              aria-label={`Disconnect ${source} from ${gene.id}`}
              onClick={() => applyGraphChange({ type: 'remove', nodeIds: [], edges: [{ from: source, to: gene.id, slot }] })}
            >
              Disconnect
            </button>
          </li>
        ))}
      </ul>
      {sources.length > 0 && (
        <div className="field">
          <label className="field__label" htmlFor={selectId}>
            Add input from
          </label>
          <select id={selectId} className="field__input" value={choice} onChange={(event) => connect(event.target.value)}>
            <option value="">Choose a layer…</option>
            {sources.map((node) => (
              <option key={node.id} value={node.id} disabled={downstream.has(node.id)}>
                {layerName(node.kind, node.id)}
                {downstream.has(node.id) ? ' (after this layer)' : ''}
              </option>
            ))}
          </select>
        </div>
      )}
    </>
  );
}

function SelectedLayer({ gene }: { gene: LayerGene }) {
  const genome = useApp((state) => state.graph);
  const { applyGraphChange } = useApp((state) => state.editorActions);
  const context = useApp((state) => taskShapeContext(state.config.task));
  const analysis = useMemo(() => analyzeGraph(genome, context), [genome, context]);
  const issues = useMemo(() => issuesByPlace(analysis).nodes.get(gene.id) ?? [], [analysis, gene.id]);
  const info = analysis.nodes.get(gene.id);
  const spec = isLayerKind(gene.kind) ? LAYERS[gene.kind] : null;

  const commit = (param: string, value: ParamValue) => applyGraphChange({ type: 'set-param', nodeId: gene.id, param, value });

  return (
    <section className="inspector__section layer-inspector" aria-labelledby="inspector-layer">
      <h3 id="inspector-layer" className="layer-inspector__title">
        {spec?.label ?? String(gene.kind)} <code>{gene.id}</code>
      </h3>
      <p className="layer-inspector__facts" data-testid="layer-facts">
        {info ? (
          <>
            Output <code>{formatShape(info.shape)}</code> · {formatParams(info.params)} · {formatFlops(info.flops)} forward
          </>
        ) : (
          'Output shape unknown until its inputs are valid.'
        )}
      </p>
      {spec &&
        Object.entries(spec.params).map(([param, paramSpec]) => (
          <ParamField key={`${gene.id}:${param}`} spec={paramSpec} value={gene.params[param]} onCommit={(value) => commit(param, value)} />
        ))}
      <FixedSwitch gene={gene} />
      {gene.kind !== 'input' && <InputList gene={gene} genome={genome.nodes} />}
      {issues.length > 0 && (
        <ul className="layer-inspector__issues" aria-label={`Issues of ${gene.id}`}>
          {issues.map((text, index) => (
            <li key={index}>{text}</li>
          ))}
        </ul>
      )}
    </section>
  );
}

export function LayerInspector() {
  const selection = useApp((state) => state.editor.selection);
  const gene = useApp((state) => (state.editor.selection.length === 1 ? state.graph.nodes.find((node) => node.id === state.editor.selection[0]) : undefined));

  if (gene) return <SelectedLayer gene={gene} />;
  return (
    <section className="inspector__section" aria-label="Layer">
      <p className="inspector__hint">
        {selection.length > 1
          ? `${selection.length} layers selected: move, duplicate (Ctrl+D), copy (Ctrl+C) or delete them together.`
          : 'Select a layer on the canvas to edit its parameters.'}
      </p>
    </section>
  );
}
