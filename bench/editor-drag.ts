/**
 * Dragging a node in the graph editor with 60 nodes on the canvas, with and without a search
 * streaming results into the store.
 *
 * Run: npx tsx bench/editor-drag.ts   (about a minute on 2 cores; needs /usr/bin/chromium)
 *
 * It builds the app, serves it with `vite preview` on 127.0.0.1, opens it in headless
 * Chromium at 1366×768, loads a 60-node network through the test hooks, and drags one node
 * 300 px in 60 pointer moves, 16 ms apart. It reports how often each editor component
 * rendered during the drag (from the render counter in src/ui/editor/dev-hooks.ts) and the
 * intervals between animation frames. A smooth drag renders the dragged node and its own
 * edges once per move and nothing else.
 */

import type { Page } from 'playwright-core';
import type { Genome, LayerGene } from '../src/core/genome';
import { defaultParams, type LayerKind, type LayerParams } from '../src/core/layers';
import type { TestHooks } from '../src/ui/editor/dev-hooks';
import { buildApp, launchBrowser, startPreview } from './app-server';

const MOVES = 60;
const MOVE_INTERVAL_MS = 16;
const DRAG_DISTANCE_PX = 300;
const DRAGGED = 'b7d';

function gene(id: string, kind: LayerKind, inputs: string[], params: LayerParams = {}): LayerGene {
  return { id, kind, params: { ...defaultParams(kind), ...params }, inputs };
}

/** input → dense, then 14 residual blocks (dense → activation → dropout, added to the block input), then dropout → output: 60 nodes. */
function sixtyNodeGenome(): Genome {
  const nodes: LayerGene[] = [gene('input', 'input', []), gene('stem', 'dense', ['input'], { units: 16 })];
  let previous = 'stem';
  for (let block = 0; block < 14; block++) {
    const id = (suffix: string) => `b${block}${suffix}`;
    nodes.push(
      gene(id('d'), 'dense', [previous], { units: 16 }),
      gene(id('a'), 'activation', [id('d')], { activation: 'tanh' }),
      gene(id('r'), 'dropout', [id('a')], { rate: 0.1 }),
      gene(id('m'), 'add', [previous, id('r')]),
    );
    previous = id('m');
  }
  nodes.push(gene('tail', 'dropout', [previous]), gene('output', 'output', ['tail']));
  return { nodes };
}

interface DragFigures {
  readonly draggedNodeRenders: number;
  readonly otherNodeRenders: number;
  readonly draggedEdgeRenders: number;
  readonly otherEdgeRenders: number;
  readonly canvasRenders: number;
  readonly frames: number;
  readonly medianFrameMs: number;
  readonly p95FrameMs: number;
  readonly maxFrameMs: number;
  readonly evaluationsDuringDrag: number;
  readonly storeUpdatesDuringDrag: number;
}

/** Starts counting renders, animation frames and store updates in the page. */
async function startRecording(page: Page): Promise<void> {
  // A string, because tsx would wrap a named function in a helper the page does not have.
  await page.evaluate(`(() => {
    const hooks = window.__nasTestHooks;
    hooks.renders = {};
    hooks.frames = [];
    hooks.recording = true;
    hooks.storeUpdates = 0;
    hooks.unsubscribe = hooks.store.subscribe(() => { hooks.storeUpdates += 1; });
    function tick(time) {
      hooks.frames.push(time);
      if (hooks.recording) requestAnimationFrame(tick);
    }
    requestAnimationFrame(tick);
  })()`);
}

/** Stops the recording and returns its raw figures. */
async function stopRecording(page: Page): Promise<{ renders: Record<string, number>; frames: number[]; storeUpdates: number }> {
  return page.evaluate(() => {
    const hooks = window.__nasTestHooks as TestHooks & { frames?: number[]; recording?: boolean; storeUpdates?: number; unsubscribe?: () => void };
    hooks.recording = false;
    hooks.unsubscribe?.();
    return { renders: { ...hooks.renders }, frames: [...hooks.frames!], storeUpdates: hooks.storeUpdates ?? 0 };
  });
}

const intervalsOf = (frames: number[]) => frames.slice(1).map((time, index) => time - frames[index]).sort((a, b) => a - b);

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];

async function dragOnce(page: Page): Promise<DragFigures> {
  const node = page.getByRole('group', { name: `Dense layer ${DRAGGED}`, exact: true });
  const box = (await node.boundingBox())!;
  const start = { x: box.x + box.width / 2, y: box.y + box.height / 2 };

  const evaluationsBefore = await page.evaluate(() => window.__nasTestHooks!.store!.getState().run.evaluations.length);
  await startRecording(page);

  await page.mouse.move(start.x, start.y);
  await page.mouse.down();
  for (let move = 1; move <= MOVES; move++) {
    await page.mouse.move(start.x + (DRAG_DISTANCE_PX * move) / MOVES, start.y + (move % 2), { steps: 1 });
    await page.waitForTimeout(MOVE_INTERVAL_MS);
  }
  await page.mouse.up();
  await page.waitForTimeout(100);

  const result = await stopRecording(page);
  const evaluationsAfter = await page.evaluate(() => window.__nasTestHooks!.store!.getState().run.evaluations.length);

  const sum = (filter: (key: string) => boolean) =>
    Object.entries(result.renders)
      .filter(([key]) => filter(key))
      .reduce((total, [, count]) => total + count, 0);
  const touchesDragged = (key: string) => key.includes(`${DRAGGED}->`) || key.includes(`->${DRAGGED}#`);
  const intervals = intervalsOf(result.frames);

  return {
    draggedNodeRenders: sum((key) => key === `node:${DRAGGED}`),
    otherNodeRenders: sum((key) => key.startsWith('node:') && key !== `node:${DRAGGED}`),
    draggedEdgeRenders: sum((key) => key.startsWith('edge:') && touchesDragged(key)),
    otherEdgeRenders: sum((key) => key.startsWith('edge:') && !touchesDragged(key)),
    canvasRenders: sum((key) => key === 'editor'),
    frames: intervals.length,
    medianFrameMs: percentile(intervals, 0.5),
    p95FrameMs: percentile(intervals, 0.95),
    maxFrameMs: intervals[intervals.length - 1],
    evaluationsDuringDrag: evaluationsAfter - evaluationsBefore,
    storeUpdatesDuringDrag: result.storeUpdates,
  };
}

async function startStreamingSearch(page: Page): Promise<void> {
  await page.evaluate(() => {
    const { actions } = window.__nasTestHooks!.store!.getState();
    actions.setBackend('wasm');
    actions.setNumber('search.generations', 200);
    actions.setNumber('training.epochs', 1);
    actions.setNumber('workers', 1);
    void actions.startSearch();
  });
  await page.waitForFunction(() => window.__nasTestHooks!.store!.getState().run.evaluations.length >= 2, null, { timeout: 120_000 });
}

function report(label: string, figures: DragFigures): void {
  const f = (value: number) => value.toFixed(1);
  console.log(`\n${label}`);
  console.log(`  renders during the drag (${MOVES} pointer moves):`);
  console.log(`    dragged node ${figures.draggedNodeRenders}, other 59 nodes ${figures.otherNodeRenders}`);
  console.log(`    edges of the dragged node ${figures.draggedEdgeRenders}, other edges ${figures.otherEdgeRenders}, canvas component ${figures.canvasRenders}`);
  console.log(`  frame intervals over ${figures.frames} frames: median ${f(figures.medianFrameMs)} ms, p95 ${f(figures.p95FrameMs)} ms, max ${f(figures.maxFrameMs)} ms`);
  console.log(`  during the drag: ${figures.evaluationsDuringDrag} candidates evaluated, ${figures.storeUpdatesDuringDrag} store updates`);
}

async function main(): Promise<void> {
  buildApp();
  const preview = await startPreview();
  const url = preview.url;
  const browser = await launchBrowser();
  try {
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
    await context.addInitScript(() => {
      window.__nasTestHooks = {};
    });
    const page = await context.newPage();
    await page.goto(url);
    await page.getByRole('group', { name: 'Dense layer l1' }).waitFor();

    await page.evaluate((genome) => window.__nasTestHooks!.store!.getState().actions.setGraph(genome), sixtyNodeGenome());
    await page.getByRole('group', { name: `Dense layer ${DRAGGED}`, exact: true }).waitFor();
    await page.getByRole('button', { name: 'Fit view', exact: true }).click();
    await page.waitForTimeout(500);
    const count = await page.locator('.graph-editor .react-flow__node').count();
    console.log(`editor drag benchmark: ${count} nodes on the canvas, Chromium headless, 1366×768`);

    report('idle (no search running)', await dragOnce(page));
    // Undo the move, so that the second drag starts from the same spot and stays clear of
    // the pane's edges, where React Flow would pan (and move the node) on every frame.
    await page.evaluate(() => window.__nasTestHooks!.store!.getState().editorActions.undo());
    await startStreamingSearch(page);
    await startRecording(page);
    await page.waitForTimeout(3000);
    const still = await stopRecording(page);
    const intervals = intervalsOf(still.frames);
    const f = (value: number) => value.toFixed(1);
    console.log('\nwhile a search streams results, without a drag (3 s)');
    console.log(
      `  frame intervals over ${intervals.length} frames: median ${f(percentile(intervals, 0.5))} ms, p95 ${f(percentile(intervals, 0.95))} ms, max ${f(intervals[intervals.length - 1])} ms; ${still.storeUpdates} store updates`,
    );
    report('while a search streams results (XOR, WASM, 1 worker)', await dragOnce(page));
    await page.evaluate(() => window.__nasTestHooks!.store!.getState().actions.stopSearch());
  } finally {
    await browser.close();
    preview.stop();
  }
}

await main();
