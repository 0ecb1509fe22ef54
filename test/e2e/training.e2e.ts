import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import type { TestHooks } from '../../src/ui/editor/dev-hooks';
import { BASE_URL, choose, launchBrowser, openApp, setNumber } from './browser';

let browser: Browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

const button = (page: Page, name: string) => page.getByRole('button', { name, exact: true });
const trainingStatus = (page: Page) => page.getByRole('region', { name: 'Training progress' }).locator('.progress__status');

/** Counts painted pixels of the plot canvas and those leaning clearly orange (class 0) or blue (class 1). */
async function plotPixels(page: Page): Promise<{ painted: number; orange: number; blue: number }> {
  return page.getByTestId('prediction-plot').evaluate((canvas) => {
    const element = canvas as HTMLCanvasElement;
    const { data } = element.getContext('2d')!.getImageData(0, 0, element.width, element.height);
    let painted = 0;
    let orange = 0;
    let blue = 0;
    for (let i = 0; i < data.length; i += 4) {
      if (data[i + 3] === 0) continue;
      painted++;
      if (data[i] > data[i + 2] + 30) orange++;
      if (data[i + 2] > data[i] + 30) blue++;
    }
    return { painted, orange, blue };
  });
}

describe('training one network', () => {
  it('trains the editor network on xor and draws it live', async () => {
    const { page, errors } = await openApp(browser);
    await choose(page, 'Task', 'XOR');
    await choose(page, 'Backend', 'WASM');
    await setNumber(page, 'Epochs', 30);

    await button(page, 'Train').click();
    const tab = page.getByRole('tab', { name: 'Training', exact: true });
    assert.equal(await tab.getAttribute('aria-selected'), 'true', 'the Training tab opens when training starts');
    await trainingStatus(page).filter({ hasText: /Training (finished|diverged|failed)/ }).waitFor({ timeout: 60_000 });
    await page.screenshot({ path: 'test-results/training-xor.png' });

    assert.match((await trainingStatus(page).textContent()) ?? '', /^Training finished after 30 epochs\.$/);
    assert.match((await page.getByRole('region', { name: 'Training progress' }).textContent()) ?? '', /Network: from the editor, trained alone/);
    assert.equal(await page.getByTestId('loss-chart').getAttribute('data-points'), '30');
    assert.equal(await page.getByTestId('score-chart').getAttribute('data-points'), '30');
    assert.equal(await page.getByTestId('loss-chart').locator('.recharts-line-curve').count(), 2, 'training and validation loss lines');

    const plot = page.getByTestId('prediction-plot');
    assert.equal(await plot.getAttribute('data-epoch'), '30');
    assert.match((await plot.getAttribute('aria-label')) ?? '', /^Decision boundary after epoch 30, over 300 training points$/);
    const pixels = await plotPixels(page);
    assert.ok(pixels.painted > 10_000, `the plot is painted (${pixels.painted} pixels)`);
    assert.ok(pixels.orange > 1000, `class 0 regions show orange (${pixels.orange} pixels)`);
    assert.ok(pixels.blue > 1000, `class 1 regions show blue (${pixels.blue} pixels)`);

    const result = (await page.getByTestId('training-result').textContent()) ?? '';
    const accuracy = Number(/Validation accuracy: (\d+(?:\.\d+)?)%/.exec(result)?.[1]);
    assert.ok(accuracy > 60, `validation accuracy ${accuracy}% is above chance (50%)`);
    assert.match(result, /Test accuracy: \d+(\.\d+)?%/);
    const details = (await page.getByRole('region', { name: 'Training progress' }).textContent()) ?? '';
    assert.match(details, /Params: \d+/);
    assert.match(details, /Backend: wasm/);
    assert.deepEqual(errors, []);
    await page.context().close();
  });

  it('trains a sine regression and reports R²', async () => {
    const { page, errors } = await openApp(browser);
    await choose(page, 'Task', 'Sine');
    await choose(page, 'Backend', 'WASM');
    await setNumber(page, 'Epochs', 5);

    await button(page, 'Train').click();
    await trainingStatus(page).filter({ hasText: /Training (finished|diverged|failed)/ }).waitFor({ timeout: 60_000 });
    assert.match((await trainingStatus(page).textContent()) ?? '', /^Training finished after 5 epochs\.$/);
    // Validation and test are reported in the same measure, with the loss named for what it is.
    const result = (await page.getByTestId('training-result').textContent()) ?? '';
    assert.match(result, /^Validation R²: -?\d+\.\d{3} · Test R²: -?\d+\.\d{3} · Test MSE: \d+\.\d{4}$/);
    assert.deepEqual(errors, []);
    await page.context().close();
  });

  it('says why Iris has no plot', async () => {
    const { page, errors } = await openApp(browser);
    await choose(page, 'Task', 'Iris');
    await choose(page, 'Backend', 'WASM');
    await setNumber(page, 'Epochs', 2);

    await button(page, 'Train').click();
    await trainingStatus(page).filter({ hasText: /Training (finished|diverged|failed)/ }).waitFor({ timeout: 60_000 });
    const plot = page.getByRole('region', { name: 'Prediction plot' });
    assert.match((await plot.textContent()) ?? '', /Iris has inputs of shape \[4\], so it has no plot here/);
    assert.deepEqual(errors, []);
    await page.context().close();
  });

  it('stops training mid-run', async () => {
    const { page, errors } = await openApp(browser);
    await choose(page, 'Task', 'Circles');
    await choose(page, 'Backend', 'WASM');
    await setNumber(page, 'Samples (examples)', 5000);
    await setNumber(page, 'Epochs', 200);

    await button(page, 'Train').click();
    await page.getByRole('tab', { name: 'Search', exact: true }).click();
    assert.equal(await button(page, 'Start search').isEnabled(), false, 'no search starts while a network trains');
    await page.getByRole('tab', { name: 'Training', exact: true }).click();
    await page.waitForFunction(() => Number(document.querySelector('[data-testid="loss-chart"]')?.getAttribute('data-points')) >= 2, null, {
      timeout: 60_000,
    });
    await button(page, 'Stop training').click();
    await trainingStatus(page).filter({ hasText: /Training stopped/ }).waitFor({ timeout: 10_000 });

    assert.match((await trainingStatus(page).textContent()) ?? '', /^Training stopped\. Stopped after epoch \d+\.$/);
    const points = Number(await page.getByTestId('loss-chart').getAttribute('data-points'));
    assert.ok(points >= 2, `stopped after ${points} epochs, not before the second`);
    assert.ok(points < 200, `stopped after ${points} of 200 epochs, before the end`);
    assert.equal(await button(page, 'Train').isEnabled(), true);
    assert.deepEqual(errors, []);
    await page.context().close();
  });
});

describe('opening a search result in the editor', () => {
  it('loads the best architecture into the editor', async () => {
    const { page, errors } = await openApp(browser);
    await choose(page, 'Task', 'Gaussians');
    await choose(page, 'Backend', 'WASM');
    await setNumber(page, 'Generations', 1);
    await setNumber(page, 'Population (networks per generation)', 2);
    await setNumber(page, 'Epochs', 2);
    await setNumber(page, 'Workers (0 = auto)', 1);

    await button(page, 'Start search').click();
    const status = page.getByRole('region', { name: 'Progress' }).locator('.progress__status');
    await status.filter({ hasText: /Search (finished|stopped|failed)/ }).waitFor({ timeout: 90_000 });
    assert.match((await status.textContent()) ?? '', /Search finished/);

    const best = page.getByRole('region', { name: 'Best architecture' });
    const bestNodes = await best.locator('.react-flow__node').count();
    const bestParams = /([\d,]+) params/.exec((await page.getByTestId('best-candidate').textContent()) ?? '')?.[1];
    const editorNodes = page.locator('.graph-editor .react-flow__node');
    const totals = page.getByTestId('graph-totals');
    const before = await totals.textContent();
    await best.getByRole('button', { name: 'Open in editor', exact: true }).click();
    await page.screenshot({ path: 'test-results/open-in-editor.png' });

    assert.ok(bestNodes >= 3, `the best architecture has ${bestNodes} nodes`);
    assert.equal(await editorNodes.count(), bestNodes, `the editor shows the best's ${bestNodes} nodes`);
    assert.match((await totals.textContent()) ?? '', new RegExp(`^${bestParams} params`));
    assert.equal(await button(page, 'Undo').isEnabled(), true, 'opening is undoable');
    assert.equal(await button(page, 'Train').isEnabled(), true, 'the opened network can be trained');

    // Each row loads its own candidate: the editor's parameter count follows the row's.
    const rows = page.getByRole('region', { name: 'Leaderboard' }).getByRole('row').filter({ has: page.getByRole('button') });
    assert.equal(await rows.count(), 2, 'each leaderboard row can be opened');
    for (const row of await rows.all()) {
      const id = (await row.locator('code').textContent()) ?? '';
      const params = (await row.locator('td').nth(4).textContent()) ?? '';
      await row.getByRole('button', { name: `Open ${id} in editor`, exact: true }).click();
      assert.match((await totals.textContent()) ?? '', new RegExp(`^${params} params`), `the editor shows ${id}`);
      // Searched networks carry internal ids such as "n22:n10"; the editor names their layers l1, l2, …
      const names = await editorNodes.evaluateAll((nodes) => nodes.map((node) => node.getAttribute('aria-label') ?? ''));
      assert.ok(names.every((name) => /^(Input node|Output head|.+ layer l\d+)$/.test(name)), `${id} opens as ${names.join(', ')}`);
    }
    // The rows hold two different networks, so the last one opened replaced another: a notice
    // names it and how to get the other back.
    const lastId = (await rows.last().locator('code').textContent()) ?? '';
    await page.getByText(`The editor now shows ${lastId}. Undo (Ctrl+Z) brings back the network it had before.`).waitFor();

    await button(page, 'Undo').click();
    await button(page, 'Undo').click();
    await button(page, 'Undo').click();
    assert.equal(await totals.textContent(), before, 'undo restores the starting network');
    assert.deepEqual(errors, []);
    await page.context().close();
  });
});

describe('regression plot', () => {
  // The test hooks put a finished 1D regression run with a known prediction into the store,
  // and the page draws it as it would draw a real one.
  it('draws targets and the fitted curve', async () => {
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
    await context.addInitScript(() => {
      window.__nasTestHooks = {};
    });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(BASE_URL);
    await page.getByRole('tab', { name: 'Training', exact: true }).click();

    await page.evaluate(() => {
      const store = (window.__nasTestHooks as TestHooks).store!;
      const count = 60;
      const x = Float32Array.from({ length: count }, (_, i) => -3 + (6 * i) / (count - 1));
      const lineX = Float32Array.from({ length: 200 }, (_, i) => -3.6 + (7.2 * i) / 199);
      // No named inner functions: tsx would wrap them in a helper the page lacks.
      const epochs = [1, 2, 3].map((epoch) => ({
        epoch,
        epochs: 3,
        batchLoss: 0.5 / epoch,
        train: { loss: 0.5 / epoch, accuracy: null, r2: 1 - 0.5 / epoch },
        validation: { loss: 0.6 / epoch, accuracy: null, r2: 1 - 0.6 / epoch },
        elapsedMs: epoch * 10,
      }));
      store.setState({
        training: {
          ...store.getState().training,
          runId: 'injected',
          phase: 'finished',
          outcome: 'completed',
          kind: 'regression',
          settings: { epochs: 3, batchSize: 32, learningRate: 0.01, optimizer: 'adam', maxTrainRows: 0 },
          epochs,
          plot: {
            kind: 'regression',
            probe: { kind: 'line', xRange: [-3.6, 3.6], points: 200 },
            points: { x, y: x.map(Math.sin), count },
            outputUnits: 1,
            classNames: [],
          },
          prediction: { epoch: 3, values: lineX.map((value) => 0.8 * Math.sin(value)) },
        },
      });
    });
    const fit = page.getByRole('region', { name: 'Fitted curve' });
    await fit.waitFor();
    await page.screenshot({ path: 'test-results/training-regression.png' });

    const plot = page.getByTestId('prediction-plot');
    assert.match((await plot.getAttribute('aria-label')) ?? '', /^Fitted curve after epoch 3, over 60 training points$/);
    assert.match((await fit.textContent()) ?? '', /training targets.*network/);
    // The canvas has no axis titles of its own, so the bar names what each axis shows.
    assert.equal(await fit.getByTestId('plot-axes').textContent(), 'across: the input · up: the target and the prediction');
    assert.equal(await page.getByRole('region', { name: 'R² chart' }).count(), 1);
    const colours = await plot.evaluate((canvas) => {
      const element = canvas as HTMLCanvasElement;
      const { data } = element.getContext('2d')!.getImageData(0, 0, element.width, element.height);
      let curve = 0;
      let targets = 0;
      for (let i = 0; i < data.length; i += 4) {
        // --series-best (#d55e00) draws the curve, --series-candidate (#56b4e9) the targets.
        if (data[i] > 180 && data[i + 1] > 60 && data[i + 1] < 130 && data[i + 2] < 60) curve++;
        if (data[i] < 130 && data[i + 1] > 150 && data[i + 2] > 200) targets++;
      }
      return { curve, targets };
    });
    assert.ok(colours.curve > 300, `the fitted curve is drawn (${colours.curve} pixels)`);
    assert.ok(colours.targets > 200, `the targets are drawn (${colours.targets} pixels)`);
    assert.deepEqual(errors, []);
    await context.close();
  });
});
