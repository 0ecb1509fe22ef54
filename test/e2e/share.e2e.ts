import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import * as tfl from '@tensorflow/tfjs-layers';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { deflateSync } from 'fflate';
import { canonicalHash } from '../../src/core/canonical';
import type { Genome } from '../../src/core/genome';
import { toBase64Url } from '../../src/state/share/link-codec';
import { packShare } from '../../src/state/share/link-format';
import type { TestHooks } from '../../src/ui/editor/dev-hooks';
import { typicalShare } from '../state/share/fixtures';
import { BASE_URL, choose, launchBrowser, setNumber, waitForFinish } from './browser';

const OUT = 'test-results/share';

let browser: Browser;
before(async () => {
  mkdirSync(OUT, { recursive: true });
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

interface OpenPage {
  readonly page: Page;
  readonly errors: string[];
}

/** Opens the app at 1366×768 with the test hooks, in a context of its own (its own IndexedDB). */
async function open(fragment = '', context?: BrowserContext): Promise<OpenPage> {
  const owner = context ?? (await browser.newContext({ viewport: { width: 1366, height: 768 }, acceptDownloads: true }));
  await owner.addInitScript(() => {
    window.__nasTestHooks = {};
  });
  const page = await owner.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  await page.goto(`${BASE_URL}${fragment}`);
  await page.getByRole('button', { name: 'Share', exact: true }).waitFor();
  return { page, errors };
}

async function configure(page: Page, settings: { generations: number; population: number; epochs: number; workers: number }): Promise<void> {
  await choose(page, 'Task', 'XOR');
  await choose(page, 'Backend', 'WASM');
  await setNumber(page, 'Generations', settings.generations);
  await setNumber(page, 'Population (networks per generation)', settings.population);
  await setNumber(page, 'Epochs', settings.epochs);
  await setNumber(page, 'Workers (0 = auto)', settings.workers);
}

async function evaluationsDone(page: Page): Promise<number> {
  const text = (await page.getByRole('region', { name: 'Progress' }).textContent()) ?? '';
  return Number(/Evaluations:\s*(\d+) done/.exec(text)?.[1] ?? 0);
}

async function waitForEvaluations(page: Page, count: number, timeoutMs: number): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const done = await evaluationsDone(page);
    if (done >= count) return done;
    await page.waitForTimeout(200);
  }
  throw new Error(`fewer than ${count} evaluations within ${timeoutMs / 1000} s`);
}

const storeGraph = (page: Page) => page.evaluate(() => (window.__nasTestHooks as TestHooks).store!.getState().graph);

const leaderboardRows = (page: Page) => page.getByRole('region', { name: 'Leaderboard' }).locator('tbody tr');

async function shareLink(page: Page): Promise<{ url: string; lengthText: string }> {
  await page.getByRole('button', { name: 'Share', exact: true }).click();
  const field = page.getByRole('textbox', { name: 'Share link' });
  await field.waitFor();
  const url = await field.inputValue();
  const lengthText = (await page.getByTestId('link-length').textContent()) ?? '';
  await page.getByRole('button', { name: 'Copy link' }).click();
  await page.getByRole('button', { name: 'Close' }).click();
  return { url, lengthText };
}

async function download(page: Page, button: string, name?: string): Promise<string> {
  const waiting = page.waitForEvent('download', { timeout: 60_000 });
  await page.getByRole('button', { name: button, exact: true }).click();
  const file = await waiting;
  const path = `${OUT}/${name ?? file.suggestedFilename()}`;
  await file.saveAs(path);
  return path;
}

/** Returns a tfjs IOHandler that reads model.json and its weights from disk, as a Node program would. */
function fileHandler(modelPath: string): tf.io.IOHandler {
  return {
    load: async () => {
      const json = JSON.parse(readFileSync(modelPath, 'utf8'));
      const manifest = json.weightsManifest[0];
      const bytes = readFileSync(`${modelPath.replace(/model\.json$/, '')}${manifest.paths[0]}`);
      const weightData = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
      return { modelTopology: json.modelTopology, weightSpecs: manifest.weights, weightData, format: json.format };
    },
  };
}

const HAND_BUILT: Genome = {
  nodes: [
    { id: 'input', kind: 'input', params: {}, inputs: [] },
    { id: 'l1', kind: 'dense', params: { units: 12, activation: 'tanh' }, inputs: ['input'] },
    { id: 'l2', kind: 'dense', params: { units: 6, activation: 'relu' }, inputs: ['input'] },
    { id: 'l3', kind: 'concatenate', params: {}, inputs: ['l1', 'l2'] },
    { id: 'output', kind: 'output', params: {}, inputs: ['l3'] },
  ],
};

/** The first page's finished search, which later tests export from, and its share link. */
let searched: OpenPage | null = null;
let sharedUrl = '';

describe('share links, saved runs and exports', () => {
  it('shares a search and replays it from the link', async () => {
    const first = await open();
    searched = first;
    const { page } = first;
    await configure(page, { generations: 2, population: 4, epochs: 15, workers: 2 });
    await page.evaluate((graph) => (window.__nasTestHooks as TestHooks).store!.getState().actions.setGraph(graph), HAND_BUILT);
    await page.getByRole('button', { name: 'Start search', exact: true }).click();
    assert.match(await waitForFinish(page, 90_000), /Search finished/);
    const ownRows = await leaderboardRows(page).count();

    const { url, lengthText } = await shareLink(page);
    sharedUrl = url;
    assert.match(url, /#s=[A-Za-z0-9_-]+$/);
    assert.ok(url.length < 2000, `a share link with results is ${url.length} characters`);
    assert.match(lengthText, new RegExp(`${url.length.toLocaleString('en-US')} characters: short enough`));

    const shared = await open(url.slice(url.indexOf('#')));
    await shared.page.getByRole('status', { name: 'Shared results' }).waitFor();
    assert.deepEqual(await storeGraph(shared.page), HAND_BUILT);
    assert.equal(await shared.page.getByRole('combobox', { name: 'Task' }).textContent().then((text) => /XOR/.test(text ?? '')), true);
    assert.equal(await leaderboardRows(shared.page).count(), ownRows);
    // No search ran on this page, so the progress panel counts the link's networks, with no generations or clock.
    const sharedProgress = (await shared.page.getByRole('region', { name: 'Progress' }).textContent()) ?? '';
    assert.match(sharedProgress, new RegExp(`Results: ${ownRows} networks from the link`));
    assert.doesNotMatch(sharedProgress, /Generations:|elapsed/);
    assert.equal(await shared.page.getByTestId('shared-badge').first().isVisible(), true);
    assert.ok((await shared.page.getByRole('region', { name: 'Best architecture' }).locator('.react-flow__node').count()) >= 3);
    // The notice above the canvas shrinks it after the first fit, and the view fits again: the
    // network sits in the middle third of the canvas's height, not against an edge.
    const canvasBox = (await shared.page.locator('.graph-editor').boundingBox())!;
    await shared.page.waitForFunction(
      ([top, height]) => {
        const boxes = [...document.querySelectorAll('.graph-editor .react-flow__node')].map((node) => node.getBoundingClientRect());
        const middle = (Math.min(...boxes.map((box) => box.top)) + Math.max(...boxes.map((box) => box.bottom))) / 2;
        return Math.abs(middle - (top + height / 2)) < height / 6;
      },
      [canvasBox.y, canvasBox.height],
      { timeout: 5000 },
    );
    // The link carries no generations, and the chart and the notice explain how to draw them.
    await shared.page.getByTestId('generation-chart').getByText(/came without their generations, as a share link carries only the best networks/).waitFor();
    assert.match((await shared.page.getByRole('status', { name: 'Shared results' }).textContent()) ?? '', /Replay search runs the link's search again with its seed/);
    await shared.page.screenshot({ path: `${OUT}/shared-link.png` });

    await shared.page.getByRole('button', { name: 'Replay search', exact: true }).click();
    assert.match(await waitForFinish(shared.page, 90_000), /Search finished/);
    const replay = shared.page.getByRole('status', { name: 'Shared results' });
    await replay.filter({ hasText: /Replay reproduced/ }).waitFor();
    assert.match((await replay.textContent()) ?? '', new RegExp(`Replay reproduced ${ownRows} of ${ownRows} shared results exactly`));
    await shared.page.screenshot({ path: `${OUT}/replayed.png` });
    // The Runs list sets the replay apart from a search set up on this page.
    await shared.page.getByRole('button', { name: 'Runs', exact: true }).click();
    const runs = shared.page.getByRole('dialog', { name: 'Saved runs' });
    await runs.locator('.runs__name').filter({ hasText: /^Replay of link · XOR · Coevolution · seed \d+ · / }).waitFor();
    await shared.page.screenshot({ path: `${OUT}/replayed-runs.png` });
    await shared.page.keyboard.press('Escape');
    assert.deepEqual(shared.errors, []);
    assert.deepEqual(first.errors, []);
    await shared.page.context().close();
  });

  it('exports the best network and loads it with tfjs', async () => {
    assert.ok(searched, 'the first test ran a search');
    const { page, errors } = searched;
    const caption = (await page.getByTestId('best-candidate').textContent()) ?? '';
    const bestAccuracy = /(\d+(?:\.\d+)?)%/.exec(caption)?.[1];

    await page.getByRole('button', { name: 'Export', exact: true }).click();
    const runFile = await download(page, 'Run as JSON', 'run.json');
    const csv = await download(page, 'Leaderboard as CSV', 'leaderboard.csv');
    const code = await download(page, 'Keras Python code', 'best.py');
    const models = page.waitForEvent('download', { timeout: 60_000 });
    const weightsDownload = page.waitForEvent('download', { predicate: (file) => file.suggestedFilename().endsWith('.bin'), timeout: 60_000 });
    await page.getByRole('button', { name: 'TensorFlow.js model with trained weights', exact: true }).click();
    await (await models).saveAs(`${OUT}/model.json`);
    const weights = await weightsDownload;
    await weights.saveAs(`${OUT}/${weights.suggestedFilename()}`);
    const status = (await page.getByTestId('model-export-status').textContent()) ?? '';
    await page.screenshot({ path: `${OUT}/export.png` });
    await page.getByRole('button', { name: 'Close' }).click();

    assert.match(status, new RegExp(`trained on wasm; validation accuracy ${bestAccuracy}%`));
    assert.equal(JSON.parse(readFileSync(runFile, 'utf8')).tool, 'nas-playground');
    assert.match(readFileSync(csv, 'utf8'), /^rank,candidate,generation,fitness,/);
    assert.match(readFileSync(code, 'utf8'), /^model = keras\.Model\(inputs=inputs, outputs=outputs, name="candidate"\)$/m);

    await tf.setBackend('cpu');
    const model = await tfl.loadLayersModel(fileHandler(`${OUT}/model.json`));
    const probabilities = (model.predict(tf.tensor2d([[0.5, -0.5], [-0.5, -0.5]])) as tf.Tensor).arraySync() as number[][];
    model.dispose();
    assert.equal(probabilities.length, 2);
    for (const row of probabilities) {
      assert.equal(row.length, 2);
      assert.ok(Math.abs(row[0] + row[1] - 1) < 1e-5, `probabilities ${row} sum to 1`);
    }

    // The exported model.json goes back into the editor as the same architecture.
    const bestHash = await page.evaluate(() => (window.__nasTestHooks as TestHooks).store!.getState().run.best!.candidate.hash);
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await page.getByLabel(/^Network:/).setInputFiles(`${OUT}/model.json`);
    const notice = page.getByRole('status', { name: 'Link and file notice' });
    await notice.filter({ hasText: /Imported the network from "model\.json"/ }).waitFor();
    assert.match((await notice.textContent()) ?? '', /final softmax layer "probabilities" was dropped/);
    assert.equal(canonicalHash(await storeGraph(page)), bestHash);
    assert.deepEqual(errors, []);
  });

  it('resumes a search after a reload with its charts', async () => {
    const { page, errors } = await open();
    // Generations enough that the search still runs when the test stops it, on a fast machine too.
    await configure(page, { generations: 30, population: 4, epochs: 30, workers: 1 });
    await page.getByRole('button', { name: 'Start search', exact: true }).click();
    await waitForEvaluations(page, 6, 60_000);
    // Saved results are written in batches about once a second.
    await page.waitForTimeout(1500);
    const beforeReload = await evaluationsDone(page);

    await page.reload();
    await page.getByRole('status', { name: 'Resumed run' }).waitFor({ timeout: 10_000 });
    const restored = await evaluationsDone(page);
    // The chart is on the page from the start and draws a deferred copy of the summaries, so wait for its points.
    const chartDrawn = await page
      .waitForFunction(() => Number(document.querySelector('[data-testid="generation-chart"]')?.getAttribute('data-points')) >= 1, null, { timeout: 5_000 })
      .then(() => true, () => false);
    await page.screenshot({ path: `${OUT}/resumed.png` });
    assert.ok(restored >= 4, `restored ${restored} evaluations at once`);
    assert.ok(restored <= beforeReload, `restored ${restored} of the ${beforeReload} done before the reload`);
    assert.ok(chartDrawn, 'the generation chart is drawn from the saved summaries');

    // Dismissing the notice leaves the run going.
    const resumed = page.getByRole('status', { name: 'Resumed run' });
    await resumed.getByRole('button', { name: 'Dismiss', exact: true }).click();
    await resumed.waitFor({ state: 'detached', timeout: 5_000 });
    await waitForEvaluations(page, beforeReload + 2, 60_000);
    await page.getByRole('button', { name: 'Stop', exact: true }).click();
    assert.match(await waitForFinish(page, 60_000), /Search stopped/);
    const stoppedAt = await evaluationsDone(page);

    // A reload after the search ended shows it again: the address kept its setup.
    await page.waitForTimeout(1500);
    await page.reload();
    await page.waitForFunction(() => window.__nasTestHooks?.store?.getState().run.runId?.startsWith('view:saved:') === true, null, { timeout: 10_000 });
    assert.equal(await evaluationsDone(page), stoppedAt);

    // Import the first test's run file, then compare the two runs.
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await page.getByLabel(/^Run file/).setInputFiles(`${OUT}/run.json`);
    await page.getByRole('status', { name: 'Link and file notice' }).filter({ hasText: /Imported "run\.json"/ }).waitFor();
    await page.getByRole('button', { name: 'Runs', exact: true }).click();
    const runs = page.getByRole('dialog', { name: 'Saved runs' });
    await runs.getByRole('checkbox', { name: /^Compare Imported: run\.json/ }).check();
    // A run's default name ends with its start time, which distinguishes runs of one setup.
    await runs.getByRole('checkbox', { name: /^Compare XOR · Coevolution · seed \d+ · \d{1,2}:\d\d/ }).check();
    // A flat best-so-far line has no height, which Playwright counts as hidden: wait for it in the page.
    await runs.getByTestId('compare-chart').locator('.recharts-line').nth(1).waitFor({ state: 'attached' });
    assert.equal(await runs.getByTestId('compare-chart').locator('.recharts-line').count(), 2);
    assert.equal(await runs.getByText('Comparing the two runs ticked last: ticking a third unticks the earlier of them.').count(), 1);
    assert.match((await runs.getByTestId('compare-best-0').textContent()) ?? '', /%/);
    await page.screenshot({ path: `${OUT}/runs-compare.png` });

    await runs.getByRole('button', { name: /^Rename Imported: run\.json/ }).click();
    await runs.getByRole('textbox', { name: /^New name for/ }).fill('Shared xor run');
    await runs.getByRole('textbox', { name: /^New name for/ }).press('Enter');
    // The comparison below the list takes the new name too.
    await runs.getByRole('region', { name: 'Run comparison' }).getByText('Shared xor run', { exact: true }).waitFor();
    // Delete takes a second press, and Keep leaves the run in place.
    await runs.getByRole('button', { name: 'Delete Shared xor run' }).click();
    await page.screenshot({ path: `${OUT}/runs-confirm-delete.png` });
    await runs.getByRole('button', { name: 'Keep Shared xor run' }).click();
    assert.equal(await runs.getByRole('button', { name: 'Delete Shared xor run', exact: true }).count(), 1);
    await runs.getByRole('button', { name: 'Delete Shared xor run' }).click();
    await runs.getByRole('button', { name: 'Delete Shared xor run for good' }).click();
    await runs.getByRole('button', { name: /^Delete Shared xor run/ }).waitFor({ state: 'detached' });
    assert.equal(await runs.locator('tbody tr').count(), 1);
    assert.equal(await runs.locator('tbody tr').first().getByRole('cell', { name: 'XOR', exact: true }).count(), 1, 'the task column shows the task name');
    assert.deepEqual(errors, []);
    await page.context().close();
  });

  it('cancels a model export', async () => {
    const { page, errors } = await open(`#s=${toBase64Url(deflateSync(new TextEncoder().encode(JSON.stringify(packShare(typicalShare())))))}`);
    await page.getByRole('button', { name: 'Export', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Export' });
    const model = dialog.getByRole('button', { name: 'TensorFlow.js model with trained weights', exact: true });
    const status = dialog.getByTestId('model-export-status');

    await model.click();
    await dialog.getByRole('button', { name: 'Cancel training' }).click();
    await status.filter({ hasText: /^Cancelled the export of \S+; no files were saved\.$/ }).waitFor();
    assert.equal(await model.isEnabled(), true, 'the model button works again after Cancel training');
    assert.equal(await dialog.getByRole('button', { name: 'Cancel training' }).count(), 0);

    assert.deepEqual(errors, []);
    await page.context().close();
  });

  it('keeps the canvas in view under many link notes', async () => {
    // A link with shared results and six values the app ignores or changes.
    const payload = packShare(typicalShare()) as { c: Record<string, unknown> };
    const edited = { ...payload, c: { ...payload.c, p: 1e9, g: 'many', e: -5, zz: 1, yy: 2 } };
    const { page, errors } = await open(`#s=${toBase64Url(deflateSync(new TextEncoder().encode(JSON.stringify(edited))))}&hide=toolbar`);
    const notice = page.getByRole('status', { name: 'Link and file notice' });
    await notice.waitFor();

    // The notes start folded under their count, and the Replay button stays in sight.
    assert.equal(await notice.getByRole('list', { name: 'Ignored or changed values' }).isVisible(), false);
    await notice.getByText('6 values', { exact: true }).click();
    assert.equal(await notice.getByRole('list', { name: 'Ignored or changed values' }).isVisible(), true);
    // With the notes open, the shared results' banner comes first, so Replay is not scrolled out of the notices.
    const replay = (await page.getByRole('button', { name: 'Replay search' }).boundingBox())!;
    const shown = (await page.locator('.session-notices').boundingBox())!;
    assert.ok(replay.y >= shown.y, `Replay starts at ${replay.y} px, above the notices at ${shown.y} px`);
    assert.ok(replay.y + replay.height <= shown.y + shown.height, `Replay ends at ${replay.y + replay.height} px, below the notices' end at ${shown.y + shown.height} px`);
    await notice.getByText('6 values', { exact: true }).click();
    assert.equal(await page.getByRole('button', { name: 'Replay search' }).isVisible(), true);
    const notices = (await page.locator('.session-notices').boundingBox())!;
    const column = (await page.locator('.workspace__centre').boundingBox())!;
    assert.ok(notices.height <= 0.6 * column.height + 1, `the notices take ${notices.height} of ${column.height} px`);
    // Beside the banner, the notes keep room for their title.
    const notes = (await page.locator('.session-notices__scroll').boundingBox())!;
    assert.ok(notes.height >= 50, `the notes have ${notes.height} px`);
    await page.screenshot({ path: `${OUT}/many-notes.png` });
    assert.deepEqual(errors, []);
    await page.context().close();
  });

  it('opens presenter links and damaged links safely', async () => {
    assert.ok(searched, 'the first test ran a search');
    const url = sharedUrl;
    const presenter = await open(`${url.slice(url.indexOf('#'))}&present=1&hide=palette,inspector`);
    assert.equal(await presenter.page.evaluate(() => document.documentElement.dataset.present), 'true');
    assert.equal(await presenter.page.getByRole('navigation', { name: 'Layer palette' }).isVisible(), false);
    assert.equal(await presenter.page.getByRole('complementary', { name: 'Settings' }).isVisible(), false);
    await presenter.page.screenshot({ path: `${OUT}/presenter.png` });
    // With every panel shown, the editor's tools wrap as one row: Train stays beside Fit view.
    const full = await open(`${url.slice(url.indexOf('#'))}&present=1`);
    const tops = await Promise.all(['Fit view', 'Train'].map(async (name) => (await full.page.getByRole('button', { name, exact: true }).boundingBox())!.y));
    assert.ok(Math.abs(tops[0] - tops[1]) < 2, `Fit view is at y ${tops[0]}, Train at y ${tops[1]}`);
    await full.page.context().close();
    // The shared-results notice keeps to one line, so the canvas keeps its room.
    const sharedNotice = presenter.page.getByRole('status', { name: 'Shared results' });
    const noticeLines = await sharedNotice.locator('.session-notice__title').evaluate((title) => title.getClientRects().length && Math.round(title.scrollHeight / parseFloat(getComputedStyle(title).lineHeight)));
    assert.equal(noticeLines, 1, 'the shared-results title takes one line');
    assert.match((await sharedNotice.locator('.session-notice__title').getAttribute('title')) ?? '', /^Shared results, best [\d.]+%: the \d+ best architectures from the link/);
    // The leaderboard keeps the scores, the size and Open within its panel.
    const leaderboard = presenter.page.getByRole('region', { name: 'Leaderboard' });
    assert.equal(await leaderboard.getByRole('columnheader', { name: 'Status' }).isVisible(), false);
    const open1 = (await leaderboard.getByRole('button', { name: /^Open .* in editor$/ }).first().boundingBox())!;
    const panel = (await leaderboard.boundingBox())!;
    assert.ok(open1.x + open1.width <= panel.x + panel.width, 'the Open buttons are inside the leaderboard');
    // On a 1024-pixel projector the rank column goes as well, and Open stays inside.
    await presenter.page.setViewportSize({ width: 1024, height: 768 });
    // The page sets its zoom for the new width on the window's resize event, a frame later.
    await presenter.page.waitForFunction(() => document.documentElement.style.getPropertyValue('--presentation-zoom') === '1');
    assert.equal(await leaderboard.getByRole('columnheader', { name: '#' }).isVisible(), false);
    const narrowOpen = (await leaderboard.getByRole('button', { name: /^Open .* in editor$/ }).first().boundingBox())!;
    const narrowPanel = (await leaderboard.boundingBox())!;
    assert.ok(narrowOpen.x + narrowOpen.width <= narrowPanel.x + narrowPanel.width, `Open ends at ${narrowOpen.x + narrowOpen.width}, the leaderboard at ${narrowPanel.x + narrowPanel.width}`);
    // On a small projector the best network is cut, with a hint on how to pan under the view,
    // not over it, which goes once the user pans.
    await presenter.page.setViewportSize({ width: 1024, height: 560 });
    const bestView = presenter.page.getByRole('region', { name: 'Best architecture' });
    const hint = bestView.getByText('Drag to pan, Ctrl + scroll to zoom');
    await hint.waitFor();
    const pane = (await bestView.locator('.react-flow__pane').boundingBox())!;
    const hintBox = (await hint.boundingBox())!;
    assert.ok(hintBox.y >= pane.y + pane.height - 1, `the hint starts at y ${hintBox.y}, below the view's end at ${pane.y + pane.height}`);
    await presenter.page.mouse.move(pane.x + pane.width / 2, pane.y + pane.height / 2);
    await presenter.page.mouse.down();
    await presenter.page.mouse.move(pane.x + pane.width / 2, pane.y + pane.height / 2 - 40, { steps: 4 });
    await presenter.page.mouse.up();
    await hint.waitFor({ state: 'detached', timeout: 5_000 });
    await presenter.page.setViewportSize({ width: 1366, height: 800 });
    await presenter.page.waitForFunction(() => document.documentElement.style.getPropertyValue('--presentation-zoom') === '1.2');
    const exitBox = (await presenter.page.locator('header').getByRole('button', { name: 'Exit presentation' }).boundingBox())!;
    assert.ok(exitBox.x + exitBox.width <= 1366, `Exit presentation ends at ${exitBox.x + exitBox.width} px, inside the window`);
    // Zoomed for a projector, the page still fits the window and the run panel still resizes.
    const fit = await presenter.page.evaluate(() => ({ scroll: document.documentElement.scrollHeight, window: window.innerHeight }));
    assert.ok(fit.scroll <= fit.window, `the presentation layout fits the window: ${JSON.stringify(fit)}`);
    const handle = presenter.page.getByRole('separator', { name: 'Resize run panel' });
    const before = Number(await handle.getAttribute('aria-valuenow'));
    await handle.focus();
    await presenter.page.keyboard.press('ArrowUp');
    assert.ok(Number(await handle.getAttribute('aria-valuenow')) > before, 'the run panel grows from the keyboard in presentation mode');

    // Exit presentation sits in the header, not over the leaderboard.
    const exit = presenter.page.getByRole('button', { name: 'Exit presentation' });
    assert.equal(await presenter.page.locator('header').getByRole('button', { name: 'Exit presentation' }).count(), 1);
    // A projector's 1024 px leave no room to zoom: the page keeps its width and fits the window.
    await presenter.page.setViewportSize({ width: 1024, height: 700 });
    await presenter.page.waitForFunction(() => document.documentElement.style.getPropertyValue('--presentation-zoom') === '1');
    const narrow = await presenter.page.evaluate(() => ({ width: document.documentElement.scrollWidth, height: document.documentElement.scrollHeight }));
    assert.deepEqual(narrow, { width: 1024, height: 700 });
    // The header's controls stay on one row: the theme switch keeps its name but drops its text.
    const themeSwitch = (await presenter.page.getByRole('switch', { name: 'Dark theme' }).boundingBox())!;
    const exitNarrow = (await exit.boundingBox())!;
    assert.ok(Math.abs(themeSwitch.y + themeSwitch.height / 2 - (exitNarrow.y + exitNarrow.height / 2)) < 8, `the theme switch is on the header's row: ${JSON.stringify({ themeSwitch, exitNarrow })}`);
    await presenter.page.screenshot({ path: `${OUT}/presenter-1024.png` });
    await exit.click();
    assert.equal(await presenter.page.getByRole('navigation', { name: 'Layer palette' }).isVisible(), true);
    assert.deepEqual(presenter.errors, []);
    await presenter.page.context().close();

    // A presenter option typed as a query works like the fragment the Share dialog builds.
    const queryLink = await open('?present=1');
    assert.equal(await queryLink.page.evaluate(() => document.documentElement.dataset.present), 'true');
    assert.match(queryLink.page.url(), /#present=1$/);
    await queryLink.page.getByRole('group', { name: 'Output head' }).waitFor();
    // Zoomed in, the editor shows its overview map, except in presenter mode.
    for (let i = 0; i < 4; i++) await queryLink.page.getByRole('button', { name: 'Zoom in', exact: true }).click();
    await queryLink.page.getByLabel('Network overview').waitFor({ state: 'attached', timeout: 5_000 });
    assert.equal(await queryLink.page.getByLabel('Network overview').isVisible(), false, 'presenter mode hides the overview map');
    assert.deepEqual(queryLink.errors, []);
    await queryLink.page.context().close();

    const damaged: [string, RegExp][] = [
      [url.slice(url.indexOf('#'), url.length - 40), /cut short|damaged/],
      ['#config=%E0%A4%A&hide=palette,toolbar', /malformed percent escape/],
      [`#s=${'A'.repeat(40_000)}`, /above the 32,768 this app opens/],
    ];
    for (const [fragment, message] of damaged) {
      const opened = await open(fragment);
      const notice = opened.page.getByRole('alert', { name: 'Link and file notice' });
      await notice.waitFor();
      assert.match((await notice.textContent()) ?? '', message);
      assert.equal(await opened.page.getByRole('button', { name: 'Start search', exact: true }).isEnabled(), true);
      assert.deepEqual(opened.errors, []);
      if (fragment.includes('toolbar')) {
        assert.match((await notice.textContent()) ?? '', /names no panel "toolbar"/);
        await opened.page.screenshot({ path: `${OUT}/damaged-link.png` });
      }
      await opened.page.context().close();
    }
    await searched.page.context().close();
  });
});
