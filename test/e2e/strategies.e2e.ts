import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Locator, Page } from 'playwright-core';
import { choose, chooseSixChains, launchBrowser, openApp, setNumber, waitForFinish } from './browser';

let browser: Browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

/** Types a value into a number field labelled `label` (and maybe its unit) inside `scope`, and commits it with Enter. */
async function setNumberIn(scope: Page | Locator, label: string, value: number): Promise<void> {
  const field = scope.getByRole('textbox', { name: new RegExp(`^${label}( \\(.*\\))?$`) });
  await field.fill(String(value));
  await field.press('Enter');
}

/** Waits until the Compare tab reports the comparison finished, and returns its status line. */
async function waitForComparison(page: Page, timeoutMs: number): Promise<string> {
  const status = page.getByTestId('comparison-status');
  await status.filter({ hasText: /^Comparison (finished|stopped|failed|not started)/ }).waitFor({ timeout: timeoutMs });
  return (await status.textContent()) ?? '';
}

/** Reads the mean best fitness of a series from the comparison summary, as a percentage. */
async function bestPercent(page: Page, seriesId: string): Promise<number> {
  const cell = page.locator(`.compare-summary tr[data-series="${seriesId}"] td`).nth(1);
  const text = (await cell.textContent()) ?? '';
  const match = /^(\d+(?:\.\d+)?)%/.exec(text.trim());
  assert.ok(match, `the summary shows a best accuracy for ${seriesId}, got "${text}"`);
  return Number(match[1]);
}

describe('strategies and presets', () => {
  it('parity preset separates the candidate sets', async () => {
    const { page, errors } = await openApp(browser);
    await page.getByRole('button', { name: 'Presets', exact: true }).click();
    const card = page.getByRole('region', { name: 'Feed-forward vs recurrent on parity' });
    await card.waitFor();
    // The preset's own budget of 12 architectures takes minutes on two cores. Four architectures
    // of 40 epochs still separate the sets: in the CLI, search seeds 2, 3 and 4 gave 100% for the
    // recurrent set and 64% to 79% for the dense one. Seed 1 drew no recurrent network in its first four.
    await setNumberIn(card, 'Evaluation budget', 4);
    await setNumberIn(card, 'Epochs', 40);
    await card.getByRole('textbox', { name: 'Seeds', exact: true }).fill('3');
    // Two variants, one seed, four architectures each; the time is an estimate, so only its form is checked.
    assert.match((await card.getByTestId('preset-workload-parity-feedforward-vs-recurrent').textContent()) ?? '', /^Trains up to 8 networks in all, (about (\d+ min )?\d+ s|under 1 s) on this machine/);
    await page.screenshot({ path: 'test-results/strategies-presets-dialog.png' });
    await card.getByRole('button', { name: 'Run Feed-forward vs recurrent on parity', exact: true }).click();

    const status = await waitForComparison(page, 150_000);
    await page.screenshot({ path: 'test-results/strategies-parity-preset.png' });
    assert.match(status, /Comparison finished: 2 runs/);

    const chart = page.getByTestId('comparison-chart');
    assert.equal(await chart.getAttribute('data-series'), '2');
    const feedForward = await bestPercent(page, 'feed-forward');
    const recurrent = await bestPercent(page, 'recurrent');
    assert.ok(recurrent >= feedForward + 10, `the recurrent set (${recurrent}%) ends at least 10 points above the dense-only set (${feedForward}%)`);
    assert.ok(recurrent >= 90, `the recurrent set learns parity: ${recurrent}%`);
    // The setup form beside the results starts a new comparison, and its note states that.
    assert.match((await page.getByRole('region', { name: 'Comparison setup' }).textContent()) ?? '', /The results beside come from the preset "Feed-forward vs recurrent on parity"/);
    assert.deepEqual(errors, []);
    await page.context().close();
  });

  it('strategy comparison draws curves and optimum', async () => {
    const { page, errors } = await openApp(browser);
    await choose(page, 'Task', 'XOR');
    await choose(page, 'Backend', 'WASM');
    await setNumber(page, 'Epochs', 10);
    await setNumber(page, 'Workers (0 = auto)', 2);

    await chooseSixChains(page);

    await page.getByRole('tab', { name: 'Compare', exact: true }).click();
    const setup = page.getByRole('region', { name: 'Comparison setup' });
    await setup.getByRole('checkbox', { name: 'Exhaustive', exact: true }).check();
    // A bad seed disables Run, and the reason is written under the buttons, inside the window.
    await setup.getByRole('textbox', { name: 'Seeds', exact: true }).fill('1, x');
    const reason = setup.getByTestId('comparison-start-reason');
    assert.match((await reason.textContent()) ?? '', /Seed "x" is not a whole number/);
    const reasonBox = (await reason.boundingBox())!;
    assert.ok(reasonBox.y + reasonBox.height <= 768, `the reason ends at ${reasonBox.y + reasonBox.height} px, inside the window`);
    await setup.getByRole('textbox', { name: 'Seeds', exact: true }).fill('1, 2');
    await reason.waitFor({ state: 'detached' });
    await setNumberIn(setup, 'Budget', 4);
    const note = (await setup.locator('.compare-setup__note').textContent()) ?? '';
    const chains = Number(/all (\d+) chains/.exec(note)?.[1]);
    assert.ok(chains >= 2, `the exhaustive space has chains to compare: ${note}`);
    assert.ok(chains <= 10, `the exhaustive space is small: ${note}`);

    await setup.getByRole('button', { name: 'Run comparison', exact: true }).click();
    const status = await waitForComparison(page, 150_000);
    await page.screenshot({ path: 'test-results/strategies-comparison.png' });
    assert.match(status, /Comparison finished: 8 runs/);

    const chart = page.getByTestId('comparison-chart');
    assert.equal(await chart.getAttribute('data-series'), '4', 'one curve per strategy');
    assert.equal(await chart.locator('.recharts-line').count(), 4);
    // Every other curve is dashed, so that curves which coincide all stay in sight.
    const dashes = await chart.locator('.recharts-line path.recharts-curve').evaluateAll((paths) => paths.map((path) => path.getAttribute('stroke-dasharray')));
    assert.deepEqual(dashes.map(Boolean), [false, true, false, true]);
    const optimum = Number(await chart.getAttribute('data-optimum'));
    assert.ok(optimum > 0.5, `the exhaustive optimum is above chance: ${optimum}`);
    assert.ok(optimum <= 1, `the exhaustive optimum is an accuracy: ${optimum}`);
    assert.equal(await chart.locator('.recharts-reference-line').count(), 1, 'the optimum is drawn as a line');
    assert.equal(await chart.locator('.recharts-area').count(), 4, 'one band over the seeds per strategy');
    assert.match((await chart.textContent()) ?? '', /min–max over 2 seeds/);

    const exhaustiveBest = await bestPercent(page, 'exhaustive');
    assert.ok(Math.abs(exhaustiveBest / 100 - optimum) < 0.01, `the exhaustive row (${exhaustiveBest}%) matches the optimum line (${optimum})`);
    for (const strategy of ['coevolution', 'regularized', 'random']) {
      const best = await bestPercent(page, strategy);
      assert.ok(best / 100 <= optimum + 0.05, `${strategy} (${best}%) does not beat the exhaustive optimum (${optimum}) by much`);
    }

    // The tab keeps a finished comparison, so a reload shows it again.
    await page.reload();
    await page.getByRole('tab', { name: 'Compare', exact: true }).click();
    const kept = page.getByTestId('comparison-chart');
    await kept.waitFor();
    assert.equal(await kept.getAttribute('data-series'), '4');
    assert.equal(await bestPercent(page, 'exhaustive'), exhaustiveBest);
    assert.deepEqual(errors, []);
    await page.context().close();
  });

  it('evolution tab after a coevolution search', async () => {
    const { page, errors } = await openApp(browser);
    await choose(page, 'Task', 'XOR');
    await choose(page, 'Backend', 'WASM');
    await setNumber(page, 'Generations', 3);
    await setNumber(page, 'Population (networks per generation)', 4);
    await setNumber(page, 'Epochs', 5);
    await setNumber(page, 'Workers (0 = auto)', 2);
    await page.getByRole('button', { name: 'Start search', exact: true }).click();
    assert.match(await waitForFinish(page, 120_000), /Search finished/);

    await page.getByRole('tab', { name: 'Evolution', exact: true }).click();
    // The run's controls and progress stay in reach on the Evolution tab.
    await page.getByRole('group', { name: 'Run controls' }).getByRole('button', { name: 'Start search', exact: true }).waitFor();
    assert.match((await page.getByRole('region', { name: 'Progress' }).textContent()) ?? '', /Search finished/);
    for (const population of ['modules', 'blueprints']) {
      const chart = page.getByTestId(`species-${population}`);
      assert.ok(Number(await chart.getAttribute('data-species')) >= 1, `${population} form at least one species`);
      assert.equal(await chart.getAttribute('data-points'), '3', `${population}: one point per generation`);
      assert.ok((await chart.locator('.recharts-area').count()) >= 1, `${population}: the stacked areas are drawn`);
    }
    const credit = page.getByTestId('credit-table');
    assert.ok((await credit.getByRole('list', { name: 'Fitness credited to blueprints' }).getByRole('listitem').count()) >= 1);
    assert.ok((await credit.getByRole('list', { name: 'Fitness credited to modules' }).getByRole('listitem').count()) >= 1);
    assert.match((await credit.textContent()) ?? '', /\d+\.\d%/);
    assert.match((await credit.locator('.credit__caption').textContent()) ?? '', /^Generation \d+: .* ×N: in N networks\.$/, 'the caption explains ×N');
    const lineage = page.getByTestId('lineage');
    assert.match((await lineage.locator('.lineage__node').first().textContent()) ?? '', /network/);
    assert.ok((await lineage.locator('.lineage__node').count()) >= 2, 'the lineage reaches back to at least one parent');
    await page.screenshot({ path: 'test-results/strategies-evolution.png' });
    assert.deepEqual(errors, []);
    await page.context().close();
  });
});
