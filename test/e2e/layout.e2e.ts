/**
 * The page layout at the sizes people open links on: a phone and a tablet, where the panels
 * stack in one column, and projectors, where presentation mode enlarges the page.
 */

import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { deflateSync } from 'fflate';
import { toBase64Url } from '../../src/state/share/link-codec';
import { packShare } from '../../src/state/share/link-format';
import type { ShareState } from '../../src/state/share/share-state';
import { typicalShare } from '../state/share/fixtures';
import { BASE_URL, launchBrowser, openApp, waitForFinish } from './browser';

const OUT = 'test-results/layout';

let browser: Browser;
before(async () => {
  mkdirSync(OUT, { recursive: true });
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

/** Returns a shared xor search small enough to replay in seconds, with ten results and a 12-layer starting network. */
function smallShare(): ShareState {
  const share = typicalShare();
  const { config } = share;
  return {
    ...share,
    config: { ...config, search: { ...config.search, generations: 3, population: 6 }, training: { ...config.training, epochs: 3 }, workers: 2 },
  };
}

const linkFragment = (share: ShareState) => `#s=${toBase64Url(deflateSync(new TextEncoder().encode(JSON.stringify(packShare(share)))))}`;

/** Opens the shared link in a window of the given size and waits for its results. */
async function openLink(width: number, height: number, options = ''): Promise<{ page: Page; errors: string[] }> {
  const context = await browser.newContext({ viewport: { width, height } });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  await page.goto(`${BASE_URL}${linkFragment(smallShare())}${options}`);
  await page.getByRole('region', { name: 'Leaderboard' }).locator('tbody tr').first().waitFor();
  return { page, errors };
}

/** Returns how far the document scrolls sideways, in CSS pixels. */
const sidewaysScroll = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

/** Scrolls an element into view and asserts that it lies within the window's width. */
async function inWindow(page: Page, name: string, element: ReturnType<Page['locator']>): Promise<void> {
  await element.scrollIntoViewIfNeeded();
  assert.equal(await element.isVisible(), true, `${name} is visible`);
  const box = (await element.boundingBox())!;
  const width = page.viewportSize()!.width;
  assert.ok(box.x >= 0, `${name} starts at x ${box.x}, inside the window`);
  assert.ok(box.x + box.width <= width, `${name} ends at x ${box.x + box.width}, inside the window's ${width} px`);
}

/** Returns the number of lines a button's label takes. */
const labelLines = (button: ReturnType<Page['locator']>) =>
  button.evaluate((element) => {
    const range = document.createRange();
    range.selectNodeContents(element);
    return new Set([...range.getClientRects()].map((rect) => Math.round(rect.top))).size;
  });

/** Asserts that the header's controls stand on one row: the theme switch level with Share. */
async function assertHeaderOneRow(page: Page): Promise<void> {
  const share = (await page.getByRole('button', { name: 'Share', exact: true }).boundingBox())!;
  const theme = (await page.getByRole('switch', { name: 'Dark theme' }).boundingBox())!;
  const title = (await page.getByRole('heading', { name: 'NAS Playground' }).boundingBox())!;
  const middle = (box: { y: number; height: number }) => box.y + box.height / 2;
  assert.ok(Math.abs(middle(theme) - middle(share)) < 8, `the theme switch is at y ${middle(theme)}, Share at y ${middle(share)}`);
  assert.ok(Math.abs(middle(title) - middle(share)) < 8, `the title is at y ${middle(title)}, Share at y ${middle(share)}`);
}

/** Asserts that the pan hint, when shown, lies below the best network's view rather than over it. */
async function assertPanHintBeside(page: Page): Promise<void> {
  const best = page.getByRole('region', { name: 'Best architecture' });
  const hint = best.getByText('Drag to pan, Ctrl + scroll to zoom');
  if ((await hint.count()) === 0) return;
  const pane = (await best.locator('.react-flow').boundingBox())!;
  const box = (await hint.boundingBox())!;
  assert.ok(box.y >= pane.y + pane.height - 1, `the pan hint starts at y ${box.y}, below the view's end at ${pane.y + pane.height}`);
}

/** Returns the height of the fitness chart's plot, in CSS pixels. */
const plotHeight = async (page: Page) => (await page.getByRole('region', { name: 'Fitness chart' }).locator('.chart__plot').boundingBox())!.height;

/** Returns the narrowest layer drawn in the editor, in CSS pixels. */
const narrowestEditorNode = (page: Page) =>
  page.locator('.graph-editor .react-flow__node').evaluateAll((nodes) => Math.min(...nodes.map((node) => node.getBoundingClientRect().width)));

describe('layout', () => {
  for (const [device, width, height] of [
    ['phone', 390, 844],
    ['tablet', 768, 1024],
  ] as const) {
    it(`stacks a shared link's results on a ${device}`, async () => {
      const { page, errors } = await openLink(width, height);
      assert.equal(await sidewaysScroll(page), 0, 'the page does not scroll sideways');

      // Results first, in reading order: controls and status, fitness, leaderboard, best network.
      const replay = page.getByRole('button', { name: 'Replay search' });
      const start = page.getByRole('button', { name: 'Start search' });
      const progress = page.getByRole('region', { name: 'Progress' });
      const fitness = page.getByRole('region', { name: 'Fitness chart' });
      const leaderboard = page.getByRole('region', { name: 'Leaderboard' });
      const best = page.getByRole('region', { name: 'Best architecture' });
      const editor = page.getByRole('main', { name: 'Network' });
      const order = [replay, start, progress, fitness, leaderboard, best, editor];
      const tops: number[] = [];
      for (const element of order) tops.push((await element.boundingBox())!.y);
      assert.deepEqual([...tops].sort((a, b) => a - b), tops, `the panels stand in reading order: ${tops.join(', ')}`);

      for (const [name, element] of [
        ['Replay search', replay],
        ['the fitness chart', fitness.locator('.chart__plot')],
        ['the leaderboard', leaderboard],
        ['the first Open button', leaderboard.getByRole('button', { name: /^Open .* in editor$/ }).first()],
        ['the best architecture', best],
        ['Share', page.getByRole('button', { name: 'Share', exact: true })],
        ['Runs', page.getByRole('button', { name: 'Runs', exact: true })],
      ] as const) {
        await inWindow(page, name, element);
      }
      assert.ok((await fitness.locator('.chart__plot').boundingBox())!.height >= 150, 'the fitness chart has room to draw');
      assert.ok((await best.locator('.react-flow__node').first().boundingBox())!.width >= 100, 'the best network is drawn at a readable size');
      // A label wraps between words, never inside one.
      assert.equal(await labelLines(replay), 1, 'Replay search takes one line');
      // Editing is possible, with a line saying where it works best.
      assert.equal(await page.getByText('Building networks works best on a wider screen.').isVisible(), true);
      assert.equal(await page.getByRole('navigation', { name: 'Layer palette' }).isVisible(), true);

      await page.screenshot({ path: `${OUT}/${device}-link.png`, fullPage: true });
      assert.equal(await sidewaysScroll(page), 0, 'the page still does not scroll sideways');
      assert.deepEqual(errors, []);
      await page.context().close();
    });
  }

  it('replays a shared link on a phone', async () => {
    const { page, errors } = await openLink(390, 844);
    await page.getByRole('button', { name: 'Replay search' }).click();
    assert.match(await waitForFinish(page, 120_000), /Search finished/);
    assert.equal(await sidewaysScroll(page), 0, 'the page does not scroll sideways after the replay');
    const plot = page.getByRole('region', { name: 'Fitness chart' }).locator('.chart__plot');
    await inWindow(page, 'the fitness chart', plot);
    assert.ok((await plot.boundingBox())!.height >= 150, 'the replayed fitness chart has room to draw');
    await page.screenshot({ path: `${OUT}/phone-replayed.png`, fullPage: true });
    assert.deepEqual(errors, []);
    await page.context().close();
  });

  for (const [width, height] of [
    [1280, 720],
    [1920, 1080],
  ] as const) {
    it(`presents a shared link at ${width} × ${height}`, async () => {
      const { page, errors } = await openLink(width, height, '&present=1');
      await assertHeaderOneRow(page);
      // The banner keeps its lead and Replay on one line, uncut.
      const lead = page.getByRole('status', { name: 'Shared results' }).locator('.session-notice__title');
      assert.equal(await lead.evaluate((title) => title.scrollWidth <= title.clientWidth), true, 'the banner title is not cut');
      // The editor draws the network about as large as the normal layout does in the same window, or larger.
      const normal = await openLink(width, height);
      const normalNode = await narrowestEditorNode(normal.page);
      await normal.page.context().close();
      const presentedNode = await narrowestEditorNode(page);
      assert.ok(presentedNode >= 0.95 * normalNode, `the editor draws a layer ${presentedNode} px wide, against ${normalNode} px in the normal layout`);

      await page.getByRole('button', { name: 'Replay search' }).click();
      assert.match(await waitForFinish(page, 120_000), /Search finished/);
      // The status stays compact, so the fitness chart keeps room to draw.
      const progress = (await page.getByRole('region', { name: 'Progress' }).boundingBox())!;
      assert.ok(progress.height <= 60, `the status takes ${progress.height} px`);
      assert.ok((await plotHeight(page)) >= 150, `the fitness plot is ${await plotHeight(page)} px high`);
      await assertPanHintBeside(page);
      await assertHeaderOneRow(page);
      const fit = await page.evaluate(() => ({ width: document.documentElement.scrollWidth, height: document.documentElement.scrollHeight }));
      assert.deepEqual(fit, { width, height });
      await page.screenshot({ path: `${OUT}/present-${width}x${height}.png` });
      assert.deepEqual(errors, []);
      await page.context().close();
    });
  }

  it('keeps dialogs and tabs across the breakpoint', async () => {
    const { page, errors } = await openApp(browser);
    const runPanel = page.getByRole('region', { name: 'Run' });
    const editor = page.getByRole('main', { name: 'Network' });
    await runPanel.getByRole('tab', { name: 'Evolution' }).click();
    await page.getByRole('button', { name: 'Edit candidate set' }).first().click();
    const dialog = page.getByRole('dialog', { name: 'Candidate set' });
    // A typed value not yet committed with Enter lives only in the field's component.
    const units = dialog.getByRole('textbox', { name: 'Dense units', exact: true });
    await units.fill('24');
    // A remounted app would draw new elements, so the same element afterwards means no remount.
    await page.evaluate(() => {
      (window as unknown as { keptEditor: Element | null }).keptEditor = document.querySelector('main.canvas');
    });
    const evolutionChosen = () => runPanel.getByRole('tab', { name: 'Evolution', includeHidden: true }).getAttribute('aria-selected');

    for (const [width, height, stacked] of [
      [800, 768, true],
      [1366, 768, false],
    ] as const) {
      await page.setViewportSize({ width, height });
      const layout = `at ${width} px wide`;
      // The stacked layout puts the run panel above the editor, and the side-by-side one below it.
      const runTop = (await runPanel.boundingBox())!.y;
      const editorTop = (await editor.boundingBox())!.y;
      assert.equal(runTop < editorTop, stacked, `${layout}, the run panel is at y ${runTop} and the editor at y ${editorTop}`);
      assert.equal(await dialog.isVisible(), true, `${layout}, the candidate set dialog is still open`);
      assert.equal(await units.inputValue(), '24', `${layout}, the typed units are still in their field`);
      assert.equal(await evolutionChosen(), 'true', `${layout}, the Evolution tab is still chosen`);
      const sameEditor = await page.evaluate(() => (window as unknown as { keptEditor: Element | null }).keptEditor === document.querySelector('main.canvas'));
      assert.equal(sameEditor, true, `${layout}, the editor is the same element, not a new one`);
    }
    await page.screenshot({ path: `${OUT}/breakpoint-back-to-wide.png` });
    assert.deepEqual(errors, []);
    await page.context().close();
  });

  for (const [width, height] of [
    [1280, 720],
    [1366, 768],
  ] as const) {
    it(`keeps the charts readable at ${width} × ${height}`, async () => {
      const { page, errors } = await openLink(width, height);
      await page.getByRole('button', { name: 'Replay search' }).click();
      assert.match(await waitForFinish(page, 120_000), /Search finished/);
      assert.ok((await plotHeight(page)) >= 150, `the fitness plot is ${await plotHeight(page)} px high`);
      await assertPanHintBeside(page);
      // The leaderboard's Open buttons stay inside it, with no sideways scroll.
      const leaderboard = page.getByRole('region', { name: 'Leaderboard' });
      const open = (await leaderboard.getByRole('button', { name: /^Open .* in editor$/ }).first().boundingBox())!;
      const panel = (await leaderboard.boundingBox())!;
      assert.ok(open.x + open.width <= panel.x + panel.width, `Open ends at ${open.x + open.width}, the leaderboard at ${panel.x + panel.width}`);
      await page.screenshot({ path: `${OUT}/normal-${width}x${height}.png` });
      assert.deepEqual(errors, []);
      await page.context().close();
    });
  }
});
