/**
 * Evaluations per minute with 1 and with 2 workers in the browser app, on the same fixed lists
 * of candidates: the page's counterpart of worker-scaling.ts, which measures Node workers.
 *
 * Run: npm run bench -- browser-scaling, or npx tsx bench/browser-scaling.ts [tasks]
 * [--rounds N] [--searches N] [--population N] [--generations N] [--js-flags "V8 FLAGS"]
 * (needs /usr/bin/chromium). Tasks is a comma-separated list, spiral by default. Defaults:
 * 1 round of 3 searches per page, each a random search of 3 generations of 40 candidates
 * (2 of 12 on MNIST), about 5 minutes on spiral on 2 cores. --js-flags passes V8 flags to
 * Chromium, for example "--single-threaded" to measure without V8's helper threads. Users'
 * browsers do not set these flags.
 *
 * It builds the app, serves it with `vite preview` on 127.0.0.1 and opens it in headless
 * Chromium. Each measurement opens a fresh page, sets the search through the page's store
 * (random search, WASM, no final retraining), changes only the worker count, then presses
 * Start search several times with seeds 3, 4, 5, and so on. The first search starts the
 * workers. The later ones run on the workers the page kept, whose JavaScript engines have
 * compiled more of tfjs' code with each search. The time is each run's own elapsed time, from
 * the coordinator's start to its end, so page load and worker start-up are left out. A page
 * cannot set V8 flags for its workers, so by default these figures include V8's helper
 * threads, mostly its background compilers here: with one worker they run on the idle core,
 * and with two they compete with the workers.
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
const VALUE_FLAGS = ['rounds', 'searches', 'population', 'generations', 'js-flags'];
const rounds = Number(flagValue('rounds') ?? 1);
const searches = Number(flagValue('searches') ?? 3);
const jsFlags = flagValue('js-flags');
const taskList = args.find((arg, i) => !arg.startsWith('--') && !VALUE_FLAGS.includes(args[i - 1]?.slice(2))) ?? 'spiral';
const tasks = taskList.split(',') as TaskId[];

interface Measurement extends ScalingRun {
  /** The page's main-thread task time over wall time, from the Chrome DevTools Protocol. */
  readonly mainBusy: number;
  readonly backends: string;
}

/** Generations and candidates per generation of each search: MNIST's candidates train about 20 times slower. */
function searchSize(task: TaskId): { generations: number; population: number } {
  const fallback = task === 'mnist' ? { generations: 2, population: 12 } : { generations: 3, population: 40 };
  return { generations: Number(flagValue('generations') ?? fallback.generations), population: Number(flagValue('population') ?? fallback.population) };
}

/** Runs the searches of one page and returns their measurements in order: the first starts the workers, the others run on them. */
async function measure(browser: Browser, url: string, task: TaskId, workers: number): Promise<Measurement[]> {
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
      ({ id, count, generations, population }) => {
        const { actions } = window.__nasTestHooks!.store!.getState();
        actions.setTask(id);
        actions.setStrategy('random');
        actions.setBackend('wasm');
        actions.setNumber('search.generations', generations);
        actions.setNumber('search.population', population);
        actions.setNumber('search.seed', 3);
        actions.setNumber('finalEpochs', 0);
        actions.setNumber('workers', count);
      },
      { id: task, count: workers, ...searchSize(task) },
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
    const measurements: Measurement[] = [];
    for (let index = 0; index < searches; index++) {
      // Another seed each time, so each search trains other architectures.
      await page.evaluate((seed) => window.__nasTestHooks!.store!.getState().actions.setNumber('search.seed', seed), 3 + index);
      measurements.push(await search());
    }
    return measurements;
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
      const bySearch: Measurement[][] = Array.from({ length: searches }, () => []);
      // Alternating 1 and 2 workers spreads load from other processes over both.
      for (let round = 0; round < rounds; round++) {
        for (const workers of [1, 2]) {
          const measurements = await measure(browser, preview.url, task, workers);
          measurements.forEach((measurement, index) => {
            bySearch[index].push(measurement);
            console.log(row(task, `${index + 1} of ${searches}`, measurement));
          });
        }
      }
      bySearch.forEach((runs, index) => {
        const label = index === 0 ? 'first search of a page' : `search ${index + 1}, on the kept workers`;
        summaries.push(scalingSummary(task, runs, ` in Chromium, ${label}`));
      });
    }
  } finally {
    await browser.close();
    preview.stop();
  }
  console.log(`\n${summaries.join('\n')}`);
}

await main();
