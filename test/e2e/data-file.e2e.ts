import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, openApp, setNumber, waitForFinish } from './browser';

let browser: Browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

/**
 * Three clusters of 4 features, one per class, 40 training and 10 test rows each. The offsets
 * come from sines of the row number, so the file is the same on every run.
 */
function clustersCsv(): string {
  const lines = ['width,height,depth,weight,label,split'];
  for (let row = 0; row < 150; row++) {
    const label = ['oak', 'pine', 'birch'][row % 3];
    const centre = (row % 3) * 2;
    const features = [0, 1, 2, 3].map((j) => (centre + Math.sin(row * 7 + j * 3)).toFixed(3));
    lines.push(`${features.join(',')},${label},${row < 120 ? 'train' : 'test'}`);
  }
  return `${lines.join('\n')}\n`;
}

/** House prices from floor area and rooms, in thousands: 80 training and 20 test rows. */
function pricesCsv(): string {
  const lines = ['area,rooms,target,split'];
  for (let row = 0; row < 100; row++) {
    const area = 40 + ((row * 37) % 120);
    const rooms = 1 + (row % 5);
    const price = 1200 + 14 * area + 90 * rooms + 40 * Math.sin(row);
    lines.push(`${area},${rooms},${price.toFixed(1)},${row < 80 ? 'train' : 'test'}`);
  }
  return `${lines.join('\n')}\n`;
}

/** Chooses "Data file…" in the task picker and hands `text` to the file dialog it opens. */
async function pickDataFile(page: Page, name: string, text: string): Promise<void> {
  await page.getByRole('combobox', { name: 'Task' }).click();
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByRole('option', { name: /^(Data file|Another data file)…/ }).click()]);
  await chooser.setFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(text) });
}

/** Opens the app and loads `text` as the data file `name`, as a user does from the task list. */
async function openWithDataFile(name: string, text: string) {
  const opened = await openApp(browser);
  await opened.page.getByRole('group', { name: 'Dense layer l1' }).waitFor();
  await pickDataFile(opened.page, name, text);
  await opened.page.getByRole('combobox', { name: 'Task' }).filter({ hasText: name }).waitFor();
  return opened;
}

describe('data file in the browser', () => {
  it('searches a CSV file, kept on reload', async () => {
    const { page, errors } = await openApp(browser);
    const taskPicker = page.getByRole('combobox', { name: 'Task' });
    await page.getByRole('group', { name: 'Dense layer l1' }).waitFor();

    // A malformed file leaves the task as it was, and the notice names the line, field and value.
    const lines = clustersCsv().split('\n');
    lines[1] = lines[1].replace(/^[^,]*/, 'seven');
    const broken = lines.join('\n');
    await pickDataFile(page, 'broken.csv', broken);
    const notice = page.getByRole('alert', { name: 'Link and file notice' });
    await notice.waitFor();
    assert.match((await notice.textContent()) ?? '', /"broken\.csv" could not be read as a data file; the task was not changed\./);
    assert.match((await notice.textContent()) ?? '', /broken\.csv line 2, field "width": "seven" is not a finite number\./);
    assert.match((await taskPicker.textContent()) ?? '', /Spiral/);

    // A good file becomes the task: its name in the picker, its shape on the input node.
    await pickDataFile(page, 'trees.csv', clustersCsv());
    await taskPicker.filter({ hasText: 'trees.csv' }).waitFor();
    await notice.waitFor({ state: 'detached' });
    const settings = page.getByRole('complementary', { name: 'Settings' });
    await settings.getByText('120 training and 30 test rows of 4 features and 3 classes, from trees.csv.').waitFor();
    assert.match((await page.getByTestId('edge-label-input->l1#0').textContent()) ?? '', /^4/);
    assert.match((await page.getByRole('group', { name: 'Output head' }).textContent()) ?? '', /3 units/);
    await page.screenshot({ path: 'test-results/data-file-editor.png' });

    // A search trains on the file's rows, split 96 / 24 / 30.
    await setNumber(page, 'Generations', 2);
    await setNumber(page, 'Population (networks per generation)', 4);
    await setNumber(page, 'Epochs', 5);
    await page.getByRole('button', { name: 'Start search', exact: true }).click();
    assert.match(await waitForFinish(page, 120_000), /Search finished/);
    await page.getByText('Data: 96 train · 24 validation · 30 test examples').waitFor();
    const leaderboard = page.getByRole('region', { name: 'Leaderboard' });
    assert.ok((await leaderboard.getByRole('row').count()) > 1, 'the leaderboard lists the candidates');
    await page.screenshot({ path: 'test-results/data-file-search.png' });

    // The model export trains in a worker of its own, which gets the file's rows with the request.
    await page.getByRole('button', { name: 'Export', exact: true }).click();
    const modelFile = page.waitForEvent('download', { timeout: 60_000 });
    await page.getByRole('button', { name: 'TensorFlow.js model with trained weights', exact: true }).click();
    const model = JSON.parse(readFileSync(await (await modelFile).path(), 'utf8')) as { modelTopology: unknown };
    assert.match(JSON.stringify(model.modelTopology), /"batch_input_shape":\[null,4\]/);
    // The file's features go in as they are: the model's first layer standardises them.
    assert.match(JSON.stringify(model.modelTopology), /"name":"standardise","trainable":false/);
    await page.getByTestId('model-export-status').filter({ hasText: /trained on wasm; validation accuracy/ }).waitFor();
    await page.getByRole('button', { name: 'Close' }).click();

    // A reload keeps the task and its file, so a search can start at once.
    await page.reload();
    await taskPicker.filter({ hasText: 'trees.csv' }).waitFor();
    await settings.getByText('120 training and 30 test rows of 4 features and 3 classes, from trees.csv.').waitFor();
    assert.equal(await page.getByRole('button', { name: 'Start search', exact: true }).isEnabled(), true);

    assert.deepEqual(errors, []);
    await page.context().close();
  });

  it('asks for a linked data file', async () => {
    const { page, errors } = await openWithDataFile('trees.csv', clustersCsv());
    const before = page.url();
    await setNumber(page, 'Epochs', 7);
    // The address follows the setup a moment later.
    await page.waitForURL((url) => url.href !== before);
    const link = page.url();

    // Another tab has no file: the link opens on the task, and Start names the fix.
    const other = await page.context().browser()!.newContext({ viewport: { width: 1366, height: 768 } });
    const fresh = await other.newPage();
    await fresh.goto(link);
    const start = fresh.getByRole('button', { name: 'Start search', exact: true });
    await fresh.getByRole('button', { name: 'Choose a data file…' }).waitFor();
    assert.equal(await start.isEnabled(), false);
    const reasonId = await start.getAttribute('aria-describedby');
    assert.match((await fresh.locator(`[id="${reasonId}"]`).textContent()) ?? '', /This setup needs the data file "trees\.csv": choose it with "Data file…" under Task\./);
    await fresh.getByRole('combobox', { name: 'Task' }).filter({ hasText: 'trees.csv (not loaded)' }).waitFor();
    // The link records the file's shape, so its network shows the file's input and classes before the file comes.
    const freshSettings = fresh.getByRole('complementary', { name: 'Settings' });
    await freshSettings.getByText('Rows of 4 features and 3 classes, from trees.csv, which is not loaded: choose it.').waitFor();
    assert.match((await fresh.getByRole('group', { name: 'Output head' }).textContent()) ?? '', /3 units/);

    // "Data file…" in the task list, which the message names, fills the task in and keeps the link's settings.
    await pickDataFile(fresh, 'trees.csv', clustersCsv());
    await fresh.getByRole('button', { name: 'Choose another file…' }).waitFor();
    assert.equal(await start.isEnabled(), true);
    assert.equal(await fresh.getByRole('textbox', { name: 'Epochs', exact: true }).inputValue(), '7');

    // The settings panel's button chooses another file as well.
    const [chooser] = await Promise.all([fresh.waitForEvent('filechooser'), fresh.getByRole('button', { name: 'Choose another file…' }).click()]);
    // A long name of one word is cut in the header, so the header's buttons stay in the window.
    const longName = `${'more-trees-'.repeat(17)}.csv`;
    await chooser.setFiles({ name: longName, mimeType: 'text/csv', buffer: Buffer.from(clustersCsv()) });
    await fresh.getByRole('combobox', { name: 'Task' }).and(fresh.getByTitle(longName)).waitFor();
    const share = await fresh.getByRole('button', { name: 'Share', exact: true }).boundingBox();
    assert.ok(share !== null, 'the Share button is on the page');
    assert.ok(share.x + share.width <= 1366, `the Share button ends at ${share.x + share.width} px`);

    assert.deepEqual(errors, []);
    await other.close();
    await page.context().close();
  });

  it('searches and exports a regression file', async () => {
    const { page, errors } = await openWithDataFile('prices.csv', pricesCsv());
    const settings = page.getByRole('complementary', { name: 'Settings' });
    await settings.getByText('80 training and 20 test rows of 2 features and a number to predict, from prices.csv.').waitFor();
    assert.match((await page.getByRole('group', { name: 'Output head' }).textContent()) ?? '', /1 unit/);

    // The search ranks by R², computed on standardised targets the way it would be on the raw ones.
    await setNumber(page, 'Generations', 2);
    await setNumber(page, 'Population (networks per generation)', 4);
    await setNumber(page, 'Epochs', 20);
    await page.getByRole('button', { name: 'Start search', exact: true }).click();
    assert.match(await waitForFinish(page, 120_000), /Search finished/);
    const leaderboard = page.getByRole('region', { name: 'Leaderboard' });
    await leaderboard.getByRole('columnheader', { name: /Val\. R²/ }).waitFor();
    const best = Number((await leaderboard.getByRole('row').nth(1).getByRole('cell').nth(2).textContent()) ?? '');
    assert.ok(best > 0.5, `the best validation R² is ${best}`);

    // Both exports take area and rooms as the file has them and predict prices in its units.
    await page.getByRole('button', { name: 'Export', exact: true }).click();
    const codeFile = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Keras Python code', exact: true }).click();
    const code = readFileSync(await (await codeFile).path(), 'utf8');
    assert.match(code, /^outputs = layers\.Rescaling\(scale=[\d.]+, offset=[\d.]+, name="unstandardise"\)\(predicted\)$/m);
    const modelFile = page.waitForEvent('download', { timeout: 60_000 });
    await page.getByRole('button', { name: 'TensorFlow.js model with trained weights', exact: true }).click();
    const topology = JSON.stringify((JSON.parse(readFileSync(await (await modelFile).path(), 'utf8')) as { modelTopology: unknown }).modelTopology);
    assert.match(topology, /"name":"standardise","trainable":false/);
    assert.match(topology, /"name":"unstandardise","trainable":false/);
    await page.getByTestId('model-export-status').filter({ hasText: /trained on wasm; validation R²/ }).waitFor();
    await page.screenshot({ path: 'test-results/data-file-regression.png' });
    await page.getByRole('button', { name: 'Close' }).click();

    // A shared link of the search, opened where the file is not loaded, reads its scores as R²,
    // and Replay waits for the file as Start does.
    const testR2 = (where: Page) => where.getByRole('region', { name: 'Leaderboard' }).getByRole('row').nth(1).getByRole('cell').nth(3).textContent();
    const sent = await testR2(page);
    assert.match(sent ?? '', /^-?\d+\.\d{3}$/);
    await page.getByRole('button', { name: 'Share', exact: true }).click();
    const link = await page.locator('.share__link').inputValue();
    const other = await browser.newContext({ viewport: { width: 1366, height: 768 } });
    const fresh = await other.newPage();
    await fresh.goto(link);
    const shared = fresh.getByRole('status', { name: 'Shared results' });
    await shared.waitFor();
    assert.match((await shared.textContent()) ?? '', /Shared results, best R² 0\.\d{3}:/);
    // The link carries each result's test R², so the leaderboard shows the sender's figures.
    assert.equal(await testR2(fresh), sent);
    const replay = shared.getByRole('button', { name: 'Replay search' });
    assert.equal(await replay.isEnabled(), false);
    const reasonId = await replay.getAttribute('aria-describedby');
    assert.match((await fresh.locator(`[id="${reasonId}"]`).textContent()) ?? '', /This setup needs the data file "prices\.csv"/);
    // The editor shows the regression head the link's networks were found with, not a placeholder's classes.
    assert.match((await fresh.getByRole('group', { name: 'Output head', exact: true }).textContent()) ?? '', /1 unit/);
    await fresh.getByRole('complementary', { name: 'Settings' }).getByText('Rows of 2 features and a number to predict, from prices.csv, which is not loaded: choose it.').waitFor();
    await other.close();

    assert.deepEqual(errors, []);
    await page.context().close();
  });
});
