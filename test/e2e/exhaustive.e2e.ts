import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { choose, chooseSixChains, launchBrowser, openApp, setNumber, waitForFinish } from './browser';

let browser: Browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

describe('exhaustive search in the Search tab', () => {
  it('names batches and the optimum it found', async () => {
    const { page, errors } = await openApp(browser);
    await choose(page, 'Task', 'XOR');
    await choose(page, 'Backend', 'WASM');
    await setNumber(page, 'Epochs', 5);
    await setNumber(page, 'Workers (0 = auto)', 2);
    await setNumber(page, 'Search seed', 4);
    await chooseSixChains(page);
    await choose(page, 'Strategy', 'Exhaustive enumeration');
    // The population sets the batch size of an exhaustive search, and its label states it.
    await setNumber(page, 'Population (chains per batch)', 2);

    const fitness = page.getByRole('region', { name: 'Fitness chart' });
    assert.equal(await fitness.getByRole('tab', { name: 'Best so far' }).getAttribute('aria-selected'), 'true', 'an exhaustive search opens on the best so far');

    await page.getByRole('button', { name: 'Start search', exact: true }).click();
    const status = await waitForFinish(page, 120_000);
    assert.equal(status, 'Search finished: every batch of chains was evaluated.');
    const progress = page.getByRole('region', { name: 'Progress' });
    assert.match((await progress.textContent()) ?? '', /Batches: 3 done of 3/);

    const leaderCell = (await page.locator('.leaderboard tbody tr').first().locator('td').nth(1).textContent()) ?? '';
    const leader = /g\d+-\d+/.exec(leaderCell)?.[0];
    assert.ok(leader, `the leaderboard's first row names a candidate: "${leaderCell}"`);
    const result = (await page.getByTestId('exhaustive-result').textContent()) ?? '';
    assert.equal(result, `Exhaustive: ${leader} is the best of all 6 chains of 1 to 2 layers from this candidate set, as trained with search seed 4.`);
    await page.screenshot({ path: 'test-results/exhaustive-finished.png' });

    const perBatch = fitness.getByRole('tab', { name: 'Per batch' });
    await perBatch.click();
    const chart = page.getByTestId('generation-chart');
    assert.equal(await chart.getAttribute('data-points'), '3');
    assert.equal(await chart.getByRole('img').getAttribute('aria-label'), 'Fitness per batch');
    assert.match((await chart.textContent()) ?? '', /batch/);
    assert.doesNotMatch((await chart.textContent()) ?? '', /generation/);
    assert.match((await chart.locator('circle title').first().textContent()) ?? '', /^Batch 0 · Networks best/);
    await page.screenshot({ path: 'test-results/exhaustive-per-batch.png' });
    assert.deepEqual(errors, []);
    await page.context().close();
  });
});
