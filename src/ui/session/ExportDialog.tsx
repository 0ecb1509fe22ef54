/**
 * The Export dialog: the run as JSON, the leaderboard as CSV, the visible charts as SVG or PNG, and
 * the best network as a genome, as Keras code, or trained as TensorFlow.js model files. The
 * network in the editor gets the same three when it is another: a candidate opened from the
 * run, or the user's own.
 */

import { useEffect, useMemo, useRef, useState } from 'react';
import { fetchAssetReader } from '../../data/assets';
import { TASKS, loadDataset } from '../../data/tasks';
import { shapeContextOf } from '../../state/graph-context';
import {
  editorKerasCodeText,
  editorModelExportRequest,
  editorNetwork,
  exportedCandidate,
  genomeFileText,
  kerasCodeText,
  leaderboardCsvText,
  loadedScalings,
  modelExportRequest,
  networkGenomeFileText,
  runFileName,
  runFileText,
  type DatasetScalings,
  type EditorNetwork,
} from '../../state/session/exports';
import type { ExportRequest } from '../../workers/export-protocol';
import { MAX_STANDARDISED_FEATURES } from '../../train/types';
import { WASM_PATHS } from '../../train/wasm-paths.browser';
import { exportModelInWorker } from '../../workers/export-client';
import { useFocusHandoff } from '../controls/use-focus-handoff';
import { formatScore, useRunTaskKind } from '../run/score-text';
import { useAppStore, useApp } from '../store-context';
import { downloadFile, standaloneSvg, svgToPng } from './download';
import { SessionDialog } from './SessionDialog';

const absolute = (path: string) => new URL(path, window.location.href).href;

/** Commands of the two model buttons, the best network's and the editor's network's. */
type ModelCommand = 'export-model-best' | 'export-model-editor';

type ModelStatus = { readonly kind: 'idle' } | { readonly kind: 'training' | 'done' | 'failed' | 'cancelled'; readonly text: string };

/** A network the dialog can save: its name in messages and file names, and its three files. */
interface ExportTarget {
  readonly name: string;
  readonly stem: string;
  genomeText(): string;
  kerasText(scalings: DatasetScalings | undefined): string;
  modelRequest(assetBaseUrl: string, wasmPaths: Record<string, string>, probabilities: boolean): ExportRequest;
}

/** Returns the heading of the editor's network: the candidate it shows, or the user's own network, which a run on display did not train. */
function editorHeading(network: EditorNetwork, scoreText: (fitness: number) => string, runShown: boolean): string {
  if (network.result) return `The network in the editor: ${network.result.candidate.id}, ${scoreText(network.result.fitness)}`;
  return runShown ? 'The network in the editor: your own, not trained by this run' : 'The network in the editor: your own';
}

export function ExportDialog() {
  const app = useAppStore();
  const [open, setOpen] = useState(false);
  const [probabilities, setProbabilities] = useState(true);
  const [status, setStatus] = useState<ModelStatus>({ kind: 'idle' });
  const abort = useRef<AbortController | null>(null);
  // A model button disables itself while it trains, and Cancel training goes when the training
  // ends, so each hands the focus to the other: Cancel back to the button that started it.
  const modelGroup = useRef<HTMLDivElement>(null);
  const lastModelCommand = useRef<ModelCommand>('export-model-best');
  const noteModelPress = useFocusHandoff(modelGroup, {
    'export-model-best': ['cancel-export'],
    'export-model-editor': ['cancel-export'],
    'cancel-export': [lastModelCommand.current],
  });
  // A model export goes on while the dialog is closed and then downloads its files. Once the
  // dialog unmounts, nothing shows its progress or result, so the export is aborted and its worker ends.
  useEffect(() => () => abort.current?.abort(), []);
  const best = useApp(exportedCandidate);
  const kind = useRunTaskKind();
  const standardised = useApp((state) => TASKS[state.config.task.id].standardised === true);
  const evaluated = useApp((state) => state.run.evaluations.length);
  const graph = useApp((state) => state.graph);
  const run = useApp((state) => state.run);
  const config = useApp((state) => state.config);
  const inEditor = useMemo(() => editorNetwork(graph, run, shapeContextOf(config)), [graph, run, config]);
  const scoreText = (fitness: number) => formatScore(kind, fitness, fitness);

  const bestTarget: ExportTarget | null = best && {
    name: best.candidate.id,
    stem: `nas-${best.candidate.id}`,
    genomeText: () => genomeFileText(app.getState(), best),
    kerasText: (scalings) => kerasCodeText(app.getState(), best, scalings),
    modelRequest: (base, paths, softmax) => modelExportRequest(app.getState(), best, base, paths, softmax),
  };
  const editorResult = inEditor?.result ?? null;
  const editorTarget: ExportTarget | null =
    inEditor &&
    (editorResult
      ? {
          name: editorResult.candidate.id,
          stem: `nas-${editorResult.candidate.id}`,
          genomeText: () => genomeFileText(app.getState(), editorResult),
          kerasText: (scalings) => kerasCodeText(app.getState(), editorResult, scalings),
          modelRequest: (base, paths, softmax) => modelExportRequest(app.getState(), editorResult, base, paths, softmax),
        }
      : {
          name: 'the network in the editor',
          stem: 'nas-editor-network',
          genomeText: () => networkGenomeFileText(app.getState(), inEditor.genome),
          kerasText: (scalings) => editorKerasCodeText(app.getState(), inEditor.genome, scalings),
          modelRequest: (base, paths, softmax) => editorModelExportRequest(app.getState(), inEditor.genome, base, paths, softmax),
        });

  const [chartError, setChartError] = useState<string | null>(null);
  const visibleCharts = () => [...document.querySelectorAll<SVGSVGElement>('.run-panel svg.recharts-surface, .run-panel svg.chart__svg')];
  // Code for standardised features needs the training rows' scaling: a page that has not
  // loaded the data set yet (a shared link, say) loads it for that.
  const saveKerasCode = async (target: ExportTarget) => {
    const state = app.getState();
    let scalings = loadedScalings(state);
    if (!scalings?.scaling && TASKS[state.config.task.id].standardised) {
      scalings = await loadDataset(state.config.task, fetchAssetReader(absolute(import.meta.env.BASE_URL)))
        .then(({ scaling, targetScaling }) => ({ scaling, targetScaling }))
        .catch(() => undefined);
    }
    downloadFile(`${target.stem}.py`, target.kerasText(scalings), 'text/x-python');
  };

  const saveCharts = () => {
    visibleCharts().forEach((svg, index) => downloadFile(`nas-chart-${index + 1}.svg`, standaloneSvg(svg).text, 'image/svg+xml'));
  };
  const saveChartPngs = async () => {
    setChartError(null);
    try {
      // Each chart is measured and serialised before the first await, while it is on screen.
      const charts = visibleCharts().map(standaloneSvg);
      for (const [index, { text, width, height }] of charts.entries()) {
        downloadFile(`nas-chart-${index + 1}.png`, await svgToPng(text, width, height), 'image/png');
      }
    } catch (error) {
      setChartError(error instanceof Error ? error.message : String(error));
    }
  };

  const pressModel = (command: ModelCommand) => {
    lastModelCommand.current = command;
    noteModelPress(command);
  };

  const trainAndSave = async (target: ExportTarget) => {
    abort.current?.abort();
    const controller = new AbortController();
    abort.current = controller;
    const wasmPaths = Object.fromEntries(Object.entries(WASM_PATHS).map(([file, url]) => [file, absolute(url)]));
    const request = target.modelRequest(absolute(import.meta.env.BASE_URL), wasmPaths, probabilities);
    setStatus({ kind: 'training', text: `Training ${target.name} for export…` });
    try {
      const result = await exportModelInWorker(request, (epoch, epochs) => setStatus({ kind: 'training', text: `Training ${target.name} for export: epoch ${epoch} of ${epochs}…` }), controller.signal);
      downloadFile('model.json', result.modelJson, 'application/json');
      downloadFile(result.weightsFile, result.weights, 'application/octet-stream');
      const score = formatScore(kind, result.metrics.validationAccuracy ?? result.metrics.fitness, result.metrics.validationR2 ?? result.metrics.fitness);
      const measured = kind === 'classification' ? `validation accuracy ${score}` : `validation ${score}`;
      // A file too wide for the fixed standardising layer leaves that step to the model's user.
      const inputs = standardised && !result.standardisesInputs ? ` Its features are too many (over ${MAX_STANDARDISED_FEATURES.toLocaleString('en-US')}) for a fixed standardising layer, so it takes standardised features: each minus its mean over the training rows, over its standard deviation.` : '';
      setStatus({ kind: 'done', text: `Saved model.json and ${result.weightsFile} of ${target.name} (trained on ${result.backend}; ${measured}). Keep both files in one folder and load them with tf.loadLayersModel.${inputs}` });
    } catch (error) {
      if (!controller.signal.aborted) setStatus({ kind: 'failed', text: error instanceof Error ? error.message : String(error) });
      // Cancel training leaves the button enabled again; an export started since owns the status.
      else if (abort.current === controller) setStatus({ kind: 'cancelled', text: `Cancelled the export of ${target.name}; no files were saved.` });
    }
  };

  return (
    <SessionDialog
      label="Export"
      title="Export"
      description="Save the run, its leaderboard and charts, the best network found or the network in the editor, as files."
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        if (!next && status.kind !== 'training') setStatus({ kind: 'idle' });
      }}
    >
      <section className="export__group" aria-label="The run">
        <h3 className="export__heading">The run</h3>
        {evaluated === 0 && <p className="export__hint">The leaderboard and the charts can be saved once a search has evaluated candidates.</p>}
        <button type="button" className="button" onClick={() => downloadFile(runFileName(app.getState()), runFileText(app.getState()), 'application/json')}>
          Run as JSON
        </button>
        <button type="button" className="button" disabled={evaluated === 0} onClick={() => downloadFile('nas-leaderboard.csv', leaderboardCsvText(app.getState()), 'text/csv')}>
          Leaderboard as CSV
        </button>
        <button type="button" className="button" disabled={evaluated === 0} onClick={saveCharts}>
          Visible charts as SVG
        </button>
        <button type="button" className="button" disabled={evaluated === 0} onClick={() => void saveChartPngs()}>
          Visible charts as PNG
        </button>
        {chartError && (
          <p role="alert" className="export__status export__status--failed">
            {chartError}
          </p>
        )}
      </section>
      <div className="export__networks" ref={modelGroup} tabIndex={-1}>
      <section className="export__group" aria-label="The best network">
        <h3 className="export__heading">The best network{best ? `: ${best.candidate.id}, ${scoreText(best.fitness)}` : ''}</h3>
        {!best && <p className="export__hint">Run a search (or open a link with results) to export its best network.</p>}
        <NetworkButtons target={bestTarget} command="export-model-best" training={status.kind === 'training'} onKeras={saveKerasCode} onModel={trainAndSave} onModelPress={pressModel} />
      </section>
      {inEditor && (
        <section className="export__group" aria-label="The network in the editor">
          <h3 className="export__heading">{editorHeading(inEditor, scoreText, evaluated > 0)}</h3>
          {inEditor.problem && <p className="export__hint">{inEditor.problem}</p>}
          {!inEditor.result && !inEditor.problem && <p className="export__hint">Its TensorFlow.js model trains on all training rows, as the Train button does.</p>}
          <NetworkButtons
            target={inEditor.invalid ? null : editorTarget}
            command="export-model-editor"
            nameSuffix="of the network in the editor"
            buildable={inEditor.problem === null}
            training={status.kind === 'training'}
            onKeras={saveKerasCode}
            onModel={trainAndSave}
            onModelPress={pressModel}
          />
        </section>
      )}
      <section className="export__group" aria-label="Model export">
        {/* Regression models output their predictions directly, so the softmax choice applies only to classification. */}
        {kind === 'classification' && (
          <label>
            <input type="checkbox" checked={probabilities} onChange={(event) => setProbabilities(event.target.checked)} /> TensorFlow.js model: output class probabilities (adds a softmax layer; otherwise it outputs logits, as the Keras code does)
          </label>
        )}
        {status.kind === 'training' && (
          // Noting the focus, not only the press, hands it back to the model button when the training ends by itself.
          <button type="button" className="button" data-command="cancel-export" onFocus={() => noteModelPress('cancel-export')} onClick={() => abort.current?.abort()}>
            Cancel training
          </button>
        )}
        {standardised && (
          <p className="export__hint">
            {kind === 'regression'
              ? 'This task\'s features and targets were standardised for training. Both exports take the features and predict the targets in the data\'s units: the TensorFlow.js model standardises in a fixed first layer named "standardise" and scales back in a last one named "unstandardise", and the Keras code does the same with Normalization and Rescaling layers.'
              : 'This task\'s features were standardised for training. Both exports take the features as the data set has them: the TensorFlow.js model standardises them in a fixed first layer named "standardise", and the Keras code in a Normalization layer.'}
          </p>
        )}
        <p role="status" className={`export__status export__status--${status.kind}`} data-testid="model-export-status">
          {status.kind === 'idle' ? '' : status.text}
        </p>
      </section>
      </div>
    </SessionDialog>
  );
}

interface NetworkButtonsProps {
  /** The network to save, or null when there is none. */
  readonly target: ExportTarget | null;
  /** False when the network cannot be built as a model, as with unfilled module slots; its genome can still be saved. */
  readonly buildable?: boolean;
  readonly training: boolean;
  /** The model button's command, which the focus hand-off between it and Cancel training finds it by. */
  readonly command: ModelCommand;
  /** Added to each button's accessible name, so that the editor's network's buttons differ from the best network's. */
  readonly nameSuffix?: string;
  onKeras(target: ExportTarget): Promise<void>;
  onModel(target: ExportTarget): Promise<void>;
  onModelPress(command: ModelCommand): void;
}

/** Renders the three files of one network: its genome, its Keras code and its trained TensorFlow.js model. */
function NetworkButtons({ target, buildable = true, training, command, nameSuffix, onKeras, onModel, onModelPress }: NetworkButtonsProps) {
  const label = (text: string) => (nameSuffix ? `${text} ${nameSuffix}` : undefined);
  return (
    <>
      <button type="button" className="button" disabled={!target} aria-label={label('Genome as JSON')} onClick={() => target && downloadFile(`${target.stem}.genome.json`, target.genomeText(), 'application/json')}>
        Genome as JSON
      </button>
      <button type="button" className="button" disabled={!target || !buildable} aria-label={label('Keras Python code')} onClick={() => target && void onKeras(target)}>
        Keras Python code
      </button>
      <button
        type="button"
        className="button"
        disabled={!target || !buildable || training}
        data-command={command}
        aria-label={label('TensorFlow.js model with trained weights')}
        onClick={() => {
          if (!target) return;
          onModelPress(command);
          void onModel(target);
        }}
      >
        TensorFlow.js model with trained weights
      </button>
    </>
  );
}
