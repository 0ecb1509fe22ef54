import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Locator, Page } from 'playwright-core';
import type { Genome } from '../../src/core/genome';
import type { TestHooks } from '../../src/ui/editor/dev-hooks';
import { BASE_URL, launchBrowser, openApp } from './browser';

let browser: Browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

/** Opens the app at 1366×768 with the test hooks, which expose the store for loading graphs. */
async function openEditor(): Promise<{ page: Page; errors: string[] }> {
  const opened = await openApp(browser, '', { testHooks: true });
  await opened.page.getByRole('group', { name: 'Dense layer l1' }).waitFor();
  return opened;
}

const node = (page: Page, name: string) => page.getByRole('group', { name, exact: true });
const edgeLabel = (page: Page, from: string, to: string, slot = 0) => page.getByTestId(`edge-label-${from}->${to}#${slot}`);
const notice = (page: Page) => page.locator('.editor-notice');
const issues = (page: Page) => page.getByRole('list', { name: 'Network issues' });

/** The centre of an element once it has stopped moving (React Flow places new edges a frame late). */
async function centreOf(locator: Locator): Promise<{ x: number; y: number }> {
  let previous = '';
  for (let attempt = 0; attempt < 20; attempt++) {
    const box = await locator.boundingBox();
    assert.ok(box, 'the element is on screen');
    const key = JSON.stringify(box);
    if (key === previous) return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
    previous = key;
    await locator.page().waitForTimeout(50);
  }
  assert.fail(`the element is still moving: ${previous}`);
}

/** Drags from one layer's output handle to another layer's input handle with the mouse. */
async function connect(page: Page, from: string, to: string): Promise<void> {
  const start = await centreOf(page.getByLabel(`Output of ${from}`, { exact: true }));
  const end = await centreOf(page.getByLabel(`Input of ${to}`, { exact: true }));
  await page.mouse.move(start.x, start.y);
  await page.mouse.down();
  await page.mouse.move((start.x + end.x) / 2, (start.y + end.y) / 2, { steps: 4 });
  await page.mouse.move(end.x, end.y, { steps: 4 });
  await page.mouse.up();
}

async function setField(scope: Page | Locator, label: string, value: string): Promise<void> {
  const field = scope.getByRole('textbox', { name: label, exact: true });
  await field.fill(value);
  await field.press('Enter');
}

async function loadGraph(page: Page, genome: Genome): Promise<void> {
  await page.evaluate((graph) => {
    const hooks = window.__nasTestHooks as TestHooks;
    hooks.store!.getState().actions.setGraph(graph);
  }, genome);
}

async function startReason(page: Page): Promise<string> {
  const start = page.getByRole('button', { name: 'Start search', exact: true });
  assert.equal(await start.isEnabled(), false, 'Start search is disabled');
  const reasonId = await start.getAttribute('aria-describedby');
  return (await page.locator(`[id="${reasonId}"]`).textContent()) ?? '';
}

describe('graph editor', () => {
  it('builds, edits and explains a network', async () => {
    const { page, errors } = await openEditor();
    const pane = page.locator('.graph-editor .react-flow__pane');

    // The overview map shows only while part of the network is outside the view.
    const overview = page.getByLabel('Network overview');
    assert.equal(await overview.count(), 0, 'the whole starter network fits, so no map covers it');
    for (let i = 0; i < 4; i++) await page.getByRole('button', { name: 'Zoom in', exact: true }).click();
    await overview.waitFor({ timeout: 5_000 });
    await page.getByRole('button', { name: 'Fit view', exact: true }).click();
    await overview.waitFor({ state: 'detached', timeout: 5_000 });

    // The input node and the output head cannot be deleted, and Delete explains why.
    await node(page, 'Output head').click();
    const remove = page.getByRole('toolbar', { name: 'Graph editing' }).getByRole('button', { name: 'Delete', exact: true });
    assert.equal(await remove.isDisabled(), true);
    assert.match((await remove.getAttribute('title')) ?? '', /cannot be deleted/);
    await page.keyboard.press('Escape');

    // Drop a Dense layer below the chain; it lands where the pointer is.
    const paneBox = (await pane.boundingBox())!;
    const drop = { x: paneBox.x + paneBox.width / 2, y: paneBox.y + paneBox.height - 60 };
    await page.getByRole('button', { name: 'Add Dense', exact: true }).dragTo(pane, {
      targetPosition: { x: drop.x - paneBox.x, y: drop.y - paneBox.y },
    });
    const dropped = node(page, 'Dense layer l3');
    await dropped.waitFor();
    const landed = await centreOf(dropped);
    const where = `dropped at ${JSON.stringify(drop)}, landed at ${JSON.stringify(landed)}`;
    assert.ok(Math.abs(landed.x - drop.x) < 12, where);
    assert.ok(Math.abs(landed.y - drop.y) < 12, where);

    // A layer leading nowhere is marked, and Start search gives the reason it is disabled.
    await connect(page, 'Dense layer l1', 'Dense layer l3');
    await edgeLabel(page, 'l1', 'l3').waitFor();
    assert.match((await issues(page).textContent()) ?? '', /Dense "l3" does not lead to the output head\. Connect its output onward/);
    assert.equal(await dropped.getAttribute('data-invalid'), null, 'the invalid mark sits on the inner element');
    assert.equal(await dropped.locator('[data-invalid]').count(), 1);
    assert.match(await startReason(page), /Fix the network first: Dense "l3" does not lead to the output head/);
    const status = page.getByRole('region', { name: 'Progress' }).locator('.progress__status');
    assert.match((await status.textContent()) ?? '', /^Not ready to search: Fix the network first: Dense "l3"/, 'the status line says why, not "Ready"');

    // Editing a parameter changes the shape on the edges at once.
    await node(page, 'Dense layer l1').click();
    await setField(page.getByRole('complementary', { name: 'Settings' }), 'Units', '16');
    await page.waitForFunction(() => document.querySelector('[data-testid="edge-label-l1->l2#0"]')?.textContent === '16');
    assert.equal(await edgeLabel(page, 'l1', 'l3').textContent(), '16');
    const totals = page.getByTestId('graph-totals');
    assert.match((await totals.textContent()) ?? '', /params · 1 issue · ≈[\d.]+ kFLOPs\/example to train/);
    // The bar cuts long totals at 1366 px, and the issue count must stay inside what shows.
    const totalsBox = (await totals.boundingBox())!;
    const countBox = (await totals.locator('.canvas__issue-count').boundingBox())!;
    assert.ok(countBox.x + countBox.width <= totalsBox.x + totalsBox.width, 'the issue count is not cut off');

    // A cycle is rejected with the loop it would close.
    await connect(page, 'Dense layer l2', 'Dense layer l1');
    await notice(page).waitFor();
    assert.match((await notice(page).textContent()) ?? '', /This connection would close the loop .*"l1".*"l2".*A network must flow one way/);
    // A long notice spreads across the canvas instead of standing tall in its right half.
    const noticeBox = (await notice(page).boundingBox())!;
    assert.ok(noticeBox.width > 450, `the notice is ${noticeBox.width} px wide`);
    assert.equal(await edgeLabel(page, 'l2', 'l1').count(), 0);

    // A merge with one input, then with unequal shapes.
    await node(page, 'Dense layer l3').click();
    await page.getByRole('button', { name: 'Add Add', exact: true }).click();
    const merge = node(page, 'Add layer l4');
    await merge.waitFor();
    assert.match((await issues(page).textContent()) ?? '', /Add "l4" takes 2 to 8 inputs but has 1\. Connect a second branch into it/);
    await node(page, 'Dense layer l3').click();
    await setField(page.getByRole('complementary', { name: 'Settings' }), 'Units', '1');
    await connect(page, 'Dense layer l2', 'Add layer l4');
    await edgeLabel(page, 'l2', 'l4', 1).waitFor();
    const mismatch = (await issues(page).textContent()) ?? '';
    assert.match(mismatch, /Add "l4": Add needs inputs of equal shape but receives \[1\] and \[32\]/);
    assert.match((await edgeLabel(page, 'l2', 'l4', 1).getAttribute('title')) ?? '', /Add needs inputs of equal shape/);
    assert.match((await edgeLabel(page, 'l2', 'l4', 1).textContent()) ?? '', /⚠/);

    // Undo and redo with the keyboard and the toolbar.
    await page.keyboard.press('Control+z');
    await edgeLabel(page, 'l2', 'l4', 1).waitFor({ state: 'detached' });
    await page.keyboard.press('Control+Shift+z');
    await edgeLabel(page, 'l2', 'l4', 1).waitFor();
    await page.getByRole('button', { name: 'Undo', exact: true }).click();
    await edgeLabel(page, 'l2', 'l4', 1).waitFor({ state: 'detached' });
    await page.getByRole('button', { name: 'Redo', exact: true }).click();
    await edgeLabel(page, 'l2', 'l4', 1).waitFor();

    // A conv2d on the flat input is marked with a fix.
    await node(page, 'Input node').click();
    await page.getByRole('button', { name: 'Add Conv2D', exact: true }).click();
    await node(page, 'Conv2D layer l5').waitFor();
    await connect(page, 'Input node', 'Conv2D layer l5');
    assert.match((await issues(page).textContent()) ?? '', /Conv2D "l5": Conv2D expects a 3D input \[height, width, channels\] but receives \[2\]\. .*use a dense layer on flat inputs/);

    await page.getByRole('button', { name: 'Fit view', exact: true }).click();
    await page.screenshot({ path: 'test-results/editor-invalid.png' });

    // Delete, duplicate, copy and paste.
    await node(page, 'Conv2D layer l5').click();
    await page.keyboard.press('Delete');
    await node(page, 'Conv2D layer l5').waitFor({ state: 'detached' });
    await node(page, 'Dense layer l2').click();
    // Ids continue after the highest in use, so the deleted l5 is taken again.
    await page.keyboard.press('Control+d');
    await node(page, 'Dense layer l5').waitFor();
    assert.equal(await edgeLabel(page, 'l1', 'l5').textContent(), '16', 'the duplicate keeps its input');
    await page.keyboard.press('Control+c');
    await page.keyboard.press('Control+v');
    await node(page, 'Dense layer l6').waitFor();
    assert.equal(await edgeLabel(page, 'l1', 'l6').count(), 0, 'a paste drops inputs from outside the copy');

    const scroll = await page.evaluate(() => ({ height: document.documentElement.scrollHeight, width: document.documentElement.scrollWidth }));
    assert.ok(scroll.height <= 768, `the page does not scroll down at 1366×768: ${JSON.stringify(scroll)}`);
    assert.ok(scroll.width <= 1366, `the page does not scroll sideways at 1366×768: ${JSON.stringify(scroll)}`);
    assert.deepEqual(errors, []);
    await page.context().close();
  });

  it('keeps an unfinished network over a reload', async () => {
    const { page, errors } = await openEditor();
    const pane = page.locator('.graph-editor .react-flow__pane');
    await page.getByRole('button', { name: 'Add Dense', exact: true }).dragTo(pane, { targetPosition: { x: 300, y: 260 } });
    await node(page, 'Dense layer l3').waitFor();
    await issues(page).filter({ hasText: /Dense "l3"/ }).waitFor();
    // The address follows the setup 400 ms after the last edit.
    await page.waitForTimeout(1000);

    await page.reload();
    // The layer left unconnected comes back with its issue, not as the task's starting network.
    await node(page, 'Dense layer l3').waitFor();
    assert.match((await issues(page).textContent()) ?? '', /Dense "l3"/);
    assert.equal(await page.getByRole('status', { name: 'Link and file notice' }).count(), 0);
    assert.deepEqual(errors, []);
    await page.context().close();
  });

  it('works from the keyboard and moves edges', async () => {
    const { page, errors } = await openEditor();

    // Screen readers hear which palette kinds the candidate set includes.
    const description = async (name: string) => {
      const id = await page.getByRole('button', { name, exact: true }).getAttribute('aria-describedby');
      return id === null ? null : await page.locator(`[id="${id}"]`).textContent();
    };
    assert.equal(await description('Add Dense'), 'In the candidate set');
    assert.equal(await description('Add Conv2D'), null);

    // Enter on a focused node selects it; Enter on a palette item inserts the layer after it.
    await node(page, 'Dense layer l2').focus();
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: 'Add Dropout', exact: true }).focus();
    await page.keyboard.press('Enter');
    await node(page, 'Dropout layer l3').waitFor();
    assert.equal(await edgeLabel(page, 'l2', 'l3').textContent(), '32');
    assert.equal(await edgeLabel(page, 'l3', 'output').textContent(), '32');
    assert.match((await page.getByRole('status').filter({ hasText: 'No issues' }).textContent()) ?? '', /network is valid/);

    // The inspector wires inputs without a pointer.
    await page.getByRole('button', { name: 'Disconnect l2 from l3', exact: true }).click();
    await edgeLabel(page, 'l2', 'l3').waitFor({ state: 'detached' });
    await page.getByLabel('Add input from', { exact: true }).selectOption('l1');
    await edgeLabel(page, 'l1', 'l3').waitFor();
    // Layers after the selected one are listed but disabled: they would close a loop.
    await node(page, 'Dense layer l1').click();
    const disabled = page.getByLabel('Add input from', { exact: true }).locator('option:disabled');
    assert.deepEqual(await disabled.allTextContents(), ['Dense layer l2 (after this layer)', 'Dropout layer l3 (after this layer)']);

    // Dragging an edge end onto another handle moves the connection; dropping it on the pane removes it.
    const updater = page.locator('[data-testid="rf__edge-l3->output#0"] .react-flow__edgeupdater-source');
    const from = await centreOf(updater);
    const to = await centreOf(page.getByLabel('Output of Dense layer l2', { exact: true }));
    await page.mouse.move(from.x, from.y, { steps: 2 });
    await page.mouse.down();
    await page.mouse.move(to.x, to.y, { steps: 6 });
    await page.mouse.up();
    await edgeLabel(page, 'l2', 'output').waitFor();
    assert.match((await issues(page).textContent()) ?? '', /Dropout "l3" does not lead to the output head/);

    // Shift-click selects several layers, which delete together and come back with undo.
    await node(page, 'Dense layer l1').click();
    await node(page, 'Dropout layer l3').click({ modifiers: ['Shift'] });
    await page.getByText('2 layers selected').waitFor();
    await page.keyboard.press('Backspace');
    await node(page, 'Dropout layer l3').waitFor({ state: 'detached' });
    assert.equal(await node(page, 'Dense layer l1').count(), 0);
    await page.keyboard.press('Control+z');
    await node(page, 'Dropout layer l3').waitFor();
    assert.equal(await node(page, 'Dense layer l1').count(), 1);

    // Delete on a layer chosen from the keyboard hands the focus to the layer that took its place, not to the page.
    await node(page, 'Dense layer l1').focus();
    await page.keyboard.press('Enter');
    await page.keyboard.press('Delete');
    await node(page, 'Dense layer l1').waitFor({ state: 'detached' });
    await page.waitForFunction(() => document.activeElement?.closest('.react-flow__node') !== null);
    await page.keyboard.press('Control+z');
    await node(page, 'Dense layer l1').waitFor();

    // Shift and a drag on empty canvas select every layer inside the box.
    const first = (await node(page, 'Input node').boundingBox())!;
    const last = (await node(page, 'Output head').boundingBox())!;
    await page.keyboard.down('Shift');
    await page.mouse.move(first.x - 10, first.y - 10);
    await page.mouse.down();
    await page.mouse.move(last.x + last.width + 10, last.y + last.height + 10, { steps: 6 });
    await page.mouse.up();
    await page.keyboard.up('Shift');
    await page.getByText(/\d layers selected/).waitFor();
    await page.locator('.graph-editor .react-flow__pane').click({ position: { x: 5, y: 5 } });
    await page.getByText('Select a layer on the canvas').waitFor();

    // A recurrent layer shows its parameters and the input shape it needs.
    await node(page, 'Dense layer l2').click();
    await page.getByRole('button', { name: 'Add LSTM', exact: true }).click();
    await node(page, 'LSTM layer l4').waitFor();
    await connect(page, 'Dense layer l2', 'LSTM layer l4');
    assert.match((await issues(page).textContent()) ?? '', /LSTM "l4": LSTM expects a 2D input \[timesteps, features\] but receives \[32\]\. This task's input has no time axis/);
    await page.getByRole('switch', { name: 'Return sequences', exact: true }).click();
    await node(page, 'LSTM layer l4').getByText('16 units · tanh · sequences').waitFor();

    // A focused node shows a ring, and a focused edge its line, in the focus colour.
    const focusColour = await page.evaluate(() => {
      const probe = document.body.appendChild(document.createElement('div'));
      probe.style.color = 'var(--focus)';
      const colour = getComputedStyle(probe).color;
      probe.remove();
      return colour;
    });
    // Chromium shows focus from a script only when the last input came from the keyboard.
    await page.keyboard.press('Shift');
    await page.locator('[data-testid="rf__edge-input->l1#0"]').focus();
    assert.equal(await page.locator('[data-testid="rf__edge-input->l1#0"] .react-flow__edge-path').evaluate((path) => getComputedStyle(path).stroke), focusColour);
    await node(page, 'Dense layer l2').focus();
    const ring = await node(page, 'Dense layer l2').evaluate((element) => getComputedStyle(element.closest('.react-flow__node')!.querySelector('.editor-node')!).boxShadow);
    assert.ok(ring.includes(focusColour), `the focused node's shadow is ${ring}`);

    assert.deepEqual(errors, []);
    await page.context().close();
  });

  it('appends palette layers in legible rows', async () => {
    const context = await browser.newContext({ viewport: { width: 1024, height: 768 } });
    const page = await context.newPage();
    await page.goto(BASE_URL);
    await node(page, 'Dense layer l1').waitFor();
    // With no layer selected, each click appends before the output head, and the network,
    // still in its automatic layout, wraps onto rows instead of shrinking in one.
    for (let i = 0; i < 4; i++) {
      await page.locator('.graph-editor .react-flow__pane').click({ position: { x: 5, y: 5 } });
      await page.getByRole('button', { name: 'Add Dense', exact: true }).click();
    }
    await node(page, 'Dense layer l6').waitFor();
    const boxes = await page.locator('.graph-editor .react-flow__node').evaluateAll((nodes) => nodes.map((node) => node.getBoundingClientRect()).map((r) => ({ top: Math.round(r.top), width: r.width })));
    assert.equal(boxes.length, 8);
    assert.ok(new Set(boxes.map((box) => box.top)).size > 1, `the layers wrap onto rows: ${JSON.stringify(boxes)}`);
    assert.ok(Math.min(...boxes.map((box) => box.width)) >= 100, `each layer is drawn at least 100 px wide: ${JSON.stringify(boxes)}`);
    await page.screenshot({ path: 'test-results/editor-appended-1024.png' });
    await context.close();
  });

  it('marks graphs loaded from elsewhere', async () => {
    const { page, errors } = await openEditor();
    await page.getByRole('combobox', { name: 'Task' }).click();
    await page.getByRole('option', { name: 'MNIST (subset)', exact: true }).click();
    await node(page, 'Conv2D layer l1').waitFor();

    // The eight-layer starting network wraps into two rows of four, drawn near full size.
    const box = async (name: string) => (await node(page, name).boundingBox())!;
    const [input, l3, l4] = [await box('Input node'), await box('Conv2D layer l3'), await box('MaxPooling2D layer l4')];
    assert.ok(Math.abs(l4.x - input.x) < 1, `the second row starts below the input, at ${l4.x} against ${input.x}`);
    assert.ok(l4.y > l3.y + l3.height, 'the second row is below the first');
    assert.ok(l3.width >= 0.8 * 176, `a layer is ${l3.width} pixels wide`);
    // The connection back to the start of the next row turns at right angles, with no curve.
    const wrapped = await page.getByTestId('rf__edge-l3->l4#0').locator('path.react-flow__edge-path').getAttribute('d');
    assert.doesNotMatch(wrapped ?? 'C', /C/);

    const conv = (id: string, inputs: string[]) => ({ id, kind: 'conv2d', params: { filters: 8, kernelSize: 3, strides: 1, padding: 'same', activation: 'relu' }, inputs });
    const skipAcrossPooling = {
      nodes: [
        { id: 'input', kind: 'input', params: {}, inputs: [] },
        conv('c1', ['input']),
        { id: 'p', kind: 'maxPooling2d', params: { poolSize: 2, padding: 'valid' }, inputs: ['c1'] },
        conv('c2', ['p']),
        { id: 'm', kind: 'add', params: {}, inputs: ['c1', 'c2'] },
        { id: 'f', kind: 'flatten', params: {}, inputs: ['m'] },
        { id: 'output', kind: 'output', params: {}, inputs: ['f'] },
      ],
    } as Genome;
    await loadGraph(page, skipAcrossPooling);

    const skip = edgeLabel(page, 'c1', 'm');
    await skip.waitFor();
    assert.match((await skip.getAttribute('title')) ?? '', /Pool the skip branch too \(a MaxPooling2D with pool size 2 between "c1" and "m"\), or move the skip so that it starts after "p"/);
    assert.match((await issues(page).textContent()) ?? '', /Add "m": its inputs differ only in height and width, \[28, 28, 8\] from "c1" and \[14, 14, 8\] from "c2"/);
    assert.equal(await node(page, 'Add layer m').locator('[data-invalid]').count(), 1);

    // The loaded graph is one undoable edit.
    await page.getByRole('button', { name: 'Undo', exact: true }).click();
    await node(page, 'Conv2D layer l1').waitFor();
    await page.screenshot({ path: 'test-results/editor-mnist.png' });
    assert.deepEqual(errors, []);
    await page.context().close();
  });
});
