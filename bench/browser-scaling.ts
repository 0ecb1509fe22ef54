/**
 * Evaluations per minute with 1 and with 2 workers in the browser app, on the same fixed list
 * of candidates: the page's counterpart of worker-scaling.ts, which measures Node workers.
 *
 * Run: npm run bench -- browser-scaling, or npx tsx bench/browser-scaling.ts [tasks]
 * [--rounds N] [--js-flags "V8 FLAGS"] (needs /usr/bin/chromium). Tasks is a
 * comma-separated list, spiral by default; 2 rounds are the default, about 2 minutes on
 * spiral on 2 cores. --js-flags passes V8 flags to Chromium, for example
 * "--single-threaded" to measure without V8's helper threads. Users' browsers do not set
 * these flags.
 *
 * It builds the app, serves it with `vite preview` on 127.0.0.1 and opens it in headless
 * Chromium. Each measurement opens a fresh page, sets the same search as worker-scaling.ts
 * through the page's store (random search, seed 3, 2 generations of 12, WASM, no final
 * retraining) and only changes the worker count, then presses Start search. The first search
 * starts the workers. The next search, with seed 4, runs on the workers the page kept, whose
 * JavaScript engines have compiled tfjs' code by then. The time is each run's own elapsed time, from the
 * coordinator's start to its end, so page load and worker start-up are left out. A page cannot set V8 flags for its workers, so by default these
 * figures include V8's helper threads, mostly its background compilers here: with one worker
 * they run on the idle core, and with two they compete with the workers.
 */

import type { Browser } from 'playwright-core';
import type { TaskId } from '../src/data/types';
import { buildApp, launchBrowser, startPreview } from './app-server';
import { scalingSummary, type ScalingRun } from './scaling';

const args = process.argv.slice(2);
const flagValue = (name: string) => {
  const index = args.indexOf(`--${name}`);
  return index >= 0 ? args[index + 1] : undefined;
};
const rounds = Number(flagValue('rounds') ?? 2);
const jsFlags = flagValue('js-flags');
const taskList = args.find((arg, i) => !arg.startsWith('--') && !['--rounds', '--js-flags'].includes(args[i - 1])) ?? 'spiral';
const tasks = taskList.split(',') as TaskId[];

interface Measurement extends ScalingRun {
  /** The page's main-thread task time over wall time, from the Chrome DevTools Protocol. */
  readonly mainBusy: number;
  readonly backends: string;
}

/** The two searches of one page: the first starts its workers, the next runs on them. */
interface PageMeasurements {
  readonly first: Measurement;
  readonly next: Measurement;
}

async function measure(browser: Browser, url: string, task: TaskId, workers: number): Promise<PageMeasurements> {
  // A fresh context each time, so no saved run or warm worker carries over.
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
  await context.addInitScript('window.__nasTestHooks = {}');
  try {
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Performance.enable');
    const mainThreadSeconds = async () => {
      const { metrics } = await cdp.send('Performance.getMetrics');
      return metrics.find((metric) => metric.name === 'TaskDuration')?.value ?? Number.NaN;
    };
    await page.goto(url);
    await page.getByRole('button', { name: 'Start search' }).waitFor();
    await page.evaluate(
      ({ id, count }) => {
        const { actions } = window.__nasTestHooks!.store!.getState();
        actions.setTask(id);
        actions.setStrategy('random');
        actions.setBackend('wasm');
        actions.setNumber('search.generations', 2);
        actions.setNumber('search.population', 12);
        actions.setNumber('search.seed', 3);
        actions.setNumber('finalEpochs', 0);
        actions.setNumber('workers', count);
      },
      { id: task, count: workers },
    );

    const search = async (): Promise<Measurement> => {
      const mainBefore = await mainThreadSeconds();
      await page.getByRole('button', { name: 'Start search' }).click();
      await page.waitForFunction(() => window.__nasTestHooks!.store!.getState().run.phase === 'finished', null, { timeout: 600_000, polling: 250 });
      const run = await page.evaluate(() => {
        const state = window.__nasTestHooks!.store!.getState().run;
        const trained = state.evaluations.filter((e) => !e.reused);
        return {
          outcome: state.outcome,
          message: state.message,
          elapsedMs: state.elapsedMs,
          trained: trained.length,
          trainMs: trained.reduce((sum, e) => sum + (e.metrics?.trainMs ?? 0), 0),
          backends: [...new Set(trained.map((e) => e.metrics?.backend ?? 'failed'))].join(', '),
        };
      });
      const mainBusy = await mainThreadSeconds() - mainBefore;
      if (run.outcome !== 'completed') throw new Error(`The ${workers}-worker search on ${task} ended as ${run.outcome}: ${run.message ?? 'no message'}.`);
      const seconds = run.elapsedMs / 1000;
      return { workers, perMinute: (run.trained / seconds) * 60, trained: run.trained, seconds, busy: run.trainMs / 1000 / (workers * seconds), mainBusy: mainBusy / seconds, backends: run.backends };
    };
    const first = await search();
    // Another seed, so the next search trains other architectures, on the workers the page kept.
    await page.evaluate(() => window.__nasTestHooks!.store!.getState().actions.setNumber('search.seed', 4));
    const next = await search();
    return { first, next };
  } finally {
    await context.close();
  }
}

const row = (task: TaskId, search: string, run: Measurement) =>
  `| ${task} | ${search} | ${run.workers} | ${run.trained} | ${run.seconds.toFixed(1)} | ${run.perMinute.toFixed(1)} | ${(run.busy * 100).toFixed(0)}% | ${(run.mainBusy * 100).toFixed(0)}% | ${run.backends} |`;

async function main(): Promise<void> {
  buildApp();
  const preview = await startPreview();
  const browser = await launchBrowser(jsFlags ? [`--js-flags=${jsFlags}`] : []);
  const summaries: string[] = [];
  try {
    console.log('| task | search | workers | trained | seconds | evaluations per minute | busy | main thread | backends |');
    console.log('|---|---|---|---|---|---|---|---|---|');
    for (const task of tasks) {
      const firsts: Measurement[] = [];
      const nexts: Measurement[] = [];
      // Alternating 1 and 2 workers spreads load from other processes over both.
      for (let round = 0; round < rounds; round++) {
        for (const workers of [1, 2]) {
          const { first, next } = await measure(browser, preview.url, task, workers);
          firsts.push(first);
          nexts.push(next);
          console.log(row(task, 'first', first));
          console.log(row(task, 'next', next));
        }
      }
      summaries.push(scalingSummary(task, firsts, ' in Chromium, first search of a page'));
      summaries.push(scalingSummary(task, nexts, ' in Chromium, next search on the kept workers'));
    }
  } finally {
    await browser.close();
    preview.stop();
  }
  console.log(`\n${summaries.join('\n')}`);
}

await main();
