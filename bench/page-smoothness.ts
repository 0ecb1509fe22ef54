/**
 * Main-thread smoothness of the page while a search streams results.
 *
 * Run: npx tsx bench/page-smoothness.ts [task] [--seconds N]   (about two minutes on 2
 * cores; task defaults to spiral, the app's first task; needs /usr/bin/chromium)
 *
 * It builds the app, serves it with `vite preview` on 127.0.0.1 and opens it in headless
 * Chromium at 1366×768 with the task's default settings (workers auto: 2 here) and enough
 * generations to keep the search going. It presses Start search and records, in the page:
 * - long tasks (PerformanceObserver 'longtask': main-thread tasks over 50 ms), from the
 *   click to the first result and while results stream for N seconds (default 20);
 * - the time from the click to the first progress report and to the first evaluated
 *   candidate;
 * - animation frame intervals, and how often the run panel's charts changed (DOM mutations
 *   of any SVG on the page, the architecture graph's included, counted once per animation
 *   frame) and the store updated;
 * - for each new result in the store, the time until an SVG next changed. It is measured in
 *   whole frames: a change in the frame that applies the result is dated at that frame's
 *   start, before the result, so it counts as the next frame's (16 ms at 60 Hz).
 */

import type { Page } from 'playwright-core';
import type { TaskId } from '../src/data/types';
import type { TestHooks } from '../src/ui/editor/dev-hooks';
import { buildApp, launchBrowser, startPreview } from './app-server';

const args = process.argv.slice(2);
const secondsFlag = args.indexOf('--seconds');
const STREAM_SECONDS = secondsFlag >= 0 ? Number(args[secondsFlag + 1]) : 20;
const task = (args.find((arg, i) => !arg.startsWith('--') && args[i - 1] !== '--seconds') ?? 'spiral') as TaskId;

interface PageRecording {
  clickedAt: number;
  firstProgressAt: number | null;
  firstResultAt: number | null;
  readonly longTasks: { start: number; duration: number }[];
  readonly frames: number[];
  readonly chartFrames: number[];
  readonly storeUpdates: number[];
  /** Times at which the store received a new evaluated candidate. */
  readonly resultTimes: number[];
}

type RecordingHooks = TestHooks & { recording?: PageRecording & { stop?: boolean } };

/** Installs the recorders before the app loads: long tasks are buffered from the start. */
const RECORDER_SCRIPT = `(() => {
  window.__nasTestHooks = {};
  const recording = { clickedAt: 0, firstProgressAt: null, firstResultAt: null, longTasks: [], frames: [], chartFrames: [], storeUpdates: [], resultTimes: [] };
  window.__nasTestHooks.recording = recording;
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) recording.longTasks.push({ start: entry.startTime, duration: entry.duration });
  }).observe({ type: 'longtask', buffered: true });
})()`;

/** Starts frame, chart and store recorders; a string, because tsx would wrap a named function in a helper the page lacks. */
const START_RECORDERS = `(() => {
  const hooks = window.__nasTestHooks;
  const recording = hooks.recording;
  let chartChanged = false;
  new MutationObserver(() => { chartChanged = true; }).observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['d', 'cx', 'cy', 'points'] });
  function tick(time) {
    recording.frames.push(time);
    if (chartChanged) recording.chartFrames.push(time);
    chartChanged = false;
    if (!recording.stop) requestAnimationFrame(tick);
  }
  requestAnimationFrame(tick);
  let results = 0;
  hooks.store.subscribe((state) => {
    const now = performance.now();
    recording.storeUpdates.push(now);
    // One entry per result: a store update may bring several.
    for (let i = results; i < state.run.evaluations.length; i++) recording.resultTimes.push(now);
    results = state.run.evaluations.length;
    if (recording.firstProgressAt === null && Object.keys(state.run.inFlight).length > 0) recording.firstProgressAt = now;
    if (recording.firstResultAt === null && state.run.evaluations.length > 0) recording.firstResultAt = now;
  });
})()`;

const percentile = (sorted: number[], p: number) => (sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]);
const f = (value: number) => (Number.isFinite(value) ? value.toFixed(0) : '—');

function describeLongTasks(tasks: { duration: number }[]): string {
  if (tasks.length === 0) return 'none';
  const durations = tasks.map((t) => t.duration).sort((a, b) => b - a);
  return `${tasks.length}, longest ${durations.slice(0, 5).map(f).join(', ')} ms`;
}

async function recordSearch(page: Page): Promise<PageRecording> {
  await page.evaluate(
    ({ task: id }) => {
      const { actions } = window.__nasTestHooks!.store!.getState();
      actions.setTask(id);
      actions.setNumber('search.generations', 100);
    },
    { task },
  );
  await page.evaluate(START_RECORDERS);
  await page.evaluate(() => {
    (window.__nasTestHooks as RecordingHooks).recording!.clickedAt = performance.now();
  });
  await page.getByRole('button', { name: 'Start search' }).click();
  await page.waitForFunction(() => (window.__nasTestHooks as RecordingHooks).recording!.firstResultAt !== null, null, { timeout: 120_000 });
  await page.waitForTimeout(STREAM_SECONDS * 1000);
  return page.evaluate(() => {
    const recording = (window.__nasTestHooks as RecordingHooks).recording!;
    recording.stop = true;
    window.__nasTestHooks!.store!.getState().actions.stopSearch();
    return JSON.parse(JSON.stringify(recording)) as PageRecording;
  });
}

function report(recording: PageRecording): void {
  const { clickedAt, firstResultAt, firstProgressAt } = recording;
  const streamStart = firstResultAt ?? clickedAt;
  const streamEnd = streamStart + STREAM_SECONDS * 1000;
  const inWindow = (start: number, end: number) => recording.longTasks.filter((t) => t.start >= start && t.start < end);
  const frames = recording.frames.filter((time) => time >= streamStart && time < streamEnd);
  const intervals = frames.slice(1).map((time, i) => time - frames[i]).sort((a, b) => a - b);
  const chartFrames = recording.chartFrames.filter((time) => time >= streamStart && time < streamEnd);
  const chartGaps = chartFrames.slice(1).map((time, i) => time - chartFrames[i]).sort((a, b) => a - b);
  const storeUpdates = recording.storeUpdates.filter((time) => time >= streamStart && time < streamEnd).length;
  // How long each new result waited for a chart to change: the first chart frame at or after it.
  const resultTimes = recording.resultTimes.filter((time) => time >= streamStart && time < streamEnd);
  const latencies = resultTimes
    .map((time) => (recording.chartFrames.find((frame) => frame >= time) ?? Number.NaN) - time)
    .filter(Number.isFinite)
    .sort((a, b) => a - b);

  console.log(`page smoothness: task ${task}, workers auto, Chromium headless 1366×768`);
  console.log(`  first progress ${f((firstProgressAt ?? NaN) - clickedAt)} ms and first evaluated candidate ${f((firstResultAt ?? NaN) - clickedAt)} ms after Start`);
  console.log(`  long tasks before the page's search: ${describeLongTasks(inWindow(0, clickedAt))}`);
  console.log(`  long tasks from Start to the first result: ${describeLongTasks(inWindow(clickedAt, streamStart))}`);
  console.log(`  long tasks while results stream (${STREAM_SECONDS} s): ${describeLongTasks(inWindow(streamStart, streamEnd))}`);
  console.log(`  frame intervals: median ${f(percentile(intervals, 0.5))} ms, p95 ${f(percentile(intervals, 0.95))} ms, max ${f(intervals.at(-1) ?? NaN)} ms over ${intervals.length} frames`);
  console.log(
    `  charts changed in ${chartFrames.length} frames (${(chartFrames.length / STREAM_SECONDS).toFixed(1)} a second), longest gap ${f(chartGaps.at(-1) ?? NaN)} ms; ${storeUpdates} store updates (${(storeUpdates / STREAM_SECONDS).toFixed(1)} a second)`,
  );
  console.log(
    `  ${resultTimes.length} results (${(resultTimes.length / STREAM_SECONDS).toFixed(1)} a second); from a result to the next chart change: median ${f(percentile(latencies, 0.5))} ms, max ${f(latencies.at(-1) ?? NaN)} ms (${resultTimes.length - latencies.length} results with no chart change after them)`,
  );
}

async function main(): Promise<void> {
  buildApp();
  const preview = await startPreview();
  const browser = await launchBrowser();
  try {
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
    await context.addInitScript(RECORDER_SCRIPT);
    const page = await context.newPage();
    await page.goto(preview.url);
    await page.getByRole('button', { name: 'Start search' }).waitFor();
    await page.waitForTimeout(1000);
    report(await recordSearch(page));
  } finally {
    await browser.close();
    preview.stop();
  }
}

await main();
