/** The CLI's live progress line and its closing summary table. */

import { describeGenome } from '../core/describe';
import { taskOf } from '../data/tasks';
import { plannedGenerations } from '../state/run-state';
import { NUMERIC_FIELDS } from '../state/config';
import { compareCandidates, type EvaluatedCandidate, type RunEvent, type RunResult } from '../workers/coordinator';
import type { RunConfig } from '../workers/run-config';

/** Writes a count and its noun, in the plural unless the count is 1. */
const counted = (count: number, noun: string) => `${count} ${noun}${count === 1 ? '' : 's'}`;

export const percent = (fraction: number | null | undefined): string =>
  fraction === null || fraction === undefined ? '—' : `${(fraction * 100).toFixed(1)}%`;

/**
 * Formats a split's score: accuracy in percent, or R² for regression, whose accuracy is null.
 * A regression candidate without an R², such as a diverged one, gets "R² —".
 */
export const score = (accuracy: number | null | undefined, r2: number | null | undefined, fallback?: number): string => {
  if (accuracy !== null) return percent(accuracy ?? fallback);
  return r2 === null || r2 === undefined ? 'R² —' : `R² ${r2.toFixed(3)}`;
};

export const duration = (ms: number): string => {
  const seconds = Math.round(ms / 1000);
  const minutes = Math.floor(seconds / 60);
  return `${minutes}:${String(seconds % 60).padStart(2, '0')}`;
};

/** Rewrites one line on a terminal; prints one line per generation elsewhere. */
export class ProgressLine {
  private generation = 0;
  private evaluated = 0;
  private trained = 0;
  private inGeneration = 0;
  private doneInGeneration = 0;
  private best: number | null = null;
  private elapsedMs = 0;
  private retraining = false;
  private readonly startedAt = Date.now();
  private readonly interactive: boolean;
  /** Generations the run plans; for an exhaustive search, the batches its space fills. */
  private readonly planned: number;
  /** The best validation R² of a regression, which fitness clips at 0. */
  private bestR2: number | null = null;

  constructor(
    private readonly out: NodeJS.WriteStream,
    private readonly config: RunConfig,
    private readonly quiet: boolean,
  ) {
    this.interactive = Boolean(out.isTTY);
    this.planned = plannedGenerations(config);
  }

  update(event: RunEvent): void {
    switch (event.type) {
      case 'generation-started':
        this.generation = event.generation;
        this.inGeneration = event.candidates.length;
        this.doneInGeneration = 0;
        break;
      case 'candidate-evaluated':
        this.evaluated++;
        this.doneInGeneration++;
        if (!event.result.reused && event.result.worker >= 0) this.trained++;
        if (event.result.metrics && !event.result.metrics.diverged) {
          this.best = this.best === null ? event.result.fitness : Math.max(this.best, event.result.fitness);
          const r2 = event.result.metrics.validationR2;
          if (typeof r2 === 'number') this.bestR2 = this.bestR2 === null ? r2 : Math.max(this.bestR2, r2);
        }
        break;
      case 'generation-finished':
        this.elapsedMs = event.elapsedMs;
        if (!this.interactive) this.write(`${this.line()}\n`);
        return;
      case 'final-training-started':
        // With several workers the best few candidates are retrained side by side; say so once.
        if (this.retraining) return;
        this.retraining = true;
        this.write(`${this.interactive ? '\n' : ''}Retraining the best candidates on all training rows for ${event.epochs} epochs…\n`);
        return;
      default:
        return;
    }
    this.elapsedMs = Date.now() - this.startedAt;
    if (this.interactive) this.write(`\r${this.line()}\u001b[K`);
  }

  finish(): void {
    if (this.interactive) this.write('\n');
  }

  private line(): string {
    const queued = this.inGeneration - this.doneInGeneration;
    return [
      `generation ${this.generation + 1}/${this.planned}`,
      `${this.evaluated} evaluated (${this.trained} trained, ${this.evaluated - this.trained} reused)`,
      `${queued} queued`,
      `best validation ${this.bestText()}`,
      `${duration(this.elapsedMs)} elapsed`,
    ].join(' · ');
  }

  /** Writes the best fitness so far: an R² for regression, an accuracy otherwise. */
  private bestText(): string {
    if (this.bestR2 !== null) return `R² ${this.bestR2.toFixed(3)}`;
    return taskOf(this.config.task).kind === 'regression' ? '—' : percent(this.best);
  }

  private write(text: string): void {
    if (!this.quiet) this.out.write(text);
  }
}

const STATUS_TEXT: Record<RunResult['status'], string> = {
  completed: 'completed',
  stopped: 'stopped by the user',
  'time-budget': 'stopped at the time budget',
  failed: 'failed',
};

const trainedWell = (evaluated: EvaluatedCandidate) => evaluated.metrics !== null && evaluated.metrics.diverged === undefined;

/**
 * Writes why the search has no usable network, which happens when every candidate diverged
 * or failed, with a fix when they all diverged.
 */
function noUsableNetworkLine(result: RunResult, training: RunConfig['training']): string {
  const trained = result.candidates.filter((c) => !c.reused);
  const diverged = trained.filter((c) => c.metrics?.diverged !== undefined).length;
  if (diverged === 0) return 'Every candidate failed to train, so the search has no usable network.';
  if (diverged < trained.length) {
    return `No candidate finished training (${diverged} diverged and ${trained.length - diverged} failed), so the search has no usable network.`;
  }
  const min = NUMERIC_FIELDS['training.learningRate'].min;
  const lower = Number((training.learningRate / 10).toPrecision(2));
  const fix =
    lower >= min
      ? `Lower --learning-rate from ${training.learningRate}, for example to ${lower}, and run again.`
      : `--learning-rate is already near its minimum of ${min}, so try another --optimizer than ${training.optimizer}.`;
  return `Every candidate diverged (its training loss became NaN or infinite), so the search has no usable network. ${fix}`;
}

/**
 * Writes the best candidates as a fixed-width table, best first, then lines on the best and
 * the final network. `config` is the run's, for the values that a hint names.
 */
export function summaryTable(result: RunResult, backends: readonly string[], config: RunConfig, rows = 10): string {
  const ranked = [...result.candidates].filter((c) => !c.reused).sort(compareCandidates).slice(0, rows);
  const header = ['rank', 'candidate', 'validation', 'test', 'params', 'train s', 'architecture'];
  const body = ranked.map((c, i) => [
    String(i + 1),
    c.candidate.id,
    c.metrics?.diverged ? 'diverged' : c.metrics ? score(c.metrics.validationAccuracy, c.metrics.validationR2, c.fitness) : 'failed',
    c.metrics?.diverged ? '—' : score(c.metrics?.testAccuracy, c.metrics?.testR2),
    c.metrics ? c.metrics.params.toLocaleString('en-US') : '—',
    c.metrics ? (c.metrics.trainMs / 1000).toFixed(1) : '—',
    describeGenome(c.candidate.genome),
  ]);
  const widths = header.map((h, col) => Math.max(h.length, ...body.map((row) => row[col].length)));
  const format = (row: string[]) =>
    row.map((cell, col) => (col === row.length - 1 ? cell : cell.padEnd(widths[col]))).join('  ');
  const trained = result.candidates.filter((c) => !c.reused).length;
  const lines = [
    `Search ${STATUS_TEXT[result.status]} after ${duration(result.elapsedMs)}: ${counted(result.candidates.length, 'evaluation')}, ${trained} trained, ${counted(result.generations.length, 'generation')}, backend ${[...new Set(backends)].join(', ')}.`,
    '',
    format(header),
    ...body.map(format),
  ];
  if (result.best && !trainedWell(result.best)) {
    lines.push('', noUsableNetworkLine(result, config.training));
  } else if (result.best) {
    lines.push(
      '',
      `Best: ${result.best.candidate.id}, validation ${score(result.best.metrics?.validationAccuracy, result.best.metrics?.validationR2, result.best.fitness)}, test ${score(result.best.metrics?.testAccuracy, result.best.metrics?.testR2)}, ${result.best.metrics?.params.toLocaleString('en-US')} parameters.`,
    );
  }
  const final = result.final;
  if (!final && config.finalEpochs > 0 && result.candidates.length > 0 && !result.candidates.some(trainedWell)) {
    lines.push(`Skipped the final retraining (--final-epochs ${config.finalEpochs}): no candidate finished training without diverging or failing.`);
  }
  if (final) {
    lines.push(
      final.metrics
        ? `Retrained on all training rows for ${counted(final.metrics.epochs, 'epoch')}: validation ${score(final.metrics.validationAccuracy, final.metrics.validationR2, final.fitness)}, test ${score(final.metrics.testAccuracy, final.metrics.testR2)}${final.metrics.diverged ? ` (diverged: ${final.metrics.diverged})` : ''}, ${(final.metrics.trainMs / 1000).toFixed(1)} s.`
        : `Retraining the best candidate failed: ${final.failure}`,
    );
    // The final network is the run's result, so a weaker one than the best gets a line with the fix.
    if (final.metrics && result.best && result.best.fitness > final.fitness) {
      const shorter = final.metrics.epochs < (result.best.metrics?.epochs ?? 0);
      lines.push(`The final network scores below the search's best ${result.best.candidate.id} on validation${shorter ? `, which trained for ${result.best.metrics!.epochs} epochs: raise --final-epochs` : ''}.`);
    }
  }
  return lines.join('\n');
}
