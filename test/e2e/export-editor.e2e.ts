import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
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

describe('exporting the network in the editor', () => {
  it('offers an opened candidate beside the best', async () => {
    const { page, errors } = await openApp(browser);
    await choose(page, 'Task', 'XOR');
    await choose(page, 'Backend', 'WASM');
    await setNumber(page, 'Epochs', 5);
    await setNumber(page, 'Workers (0 = auto)', 2);
    await chooseSixChains(page);
    await choose(page, 'Strategy', 'Exhaustive enumeration');

    // Before a search, the editor shows the user's own network.
    await page.getByRole('button', { name: 'Export', exact: true }).click();
    const own = page.getByRole('region', { name: 'The network in the editor' });
    assert.equal(await own.getByRole('heading').textContent(), 'The network in the editor: your own');
    const ownFile = page.waitForEvent('download');
    await own.getByRole('button', { name: 'Genome as JSON of the network in the editor', exact: true }).click();
    const ownGenome = JSON.parse(readFileSync(await (await ownFile).path(), 'utf8')) as { candidate: unknown; fitness: unknown };
    assert.equal(ownGenome.candidate, null);
    assert.equal(ownGenome.fitness, null);
    await page.getByRole('button', { name: 'Close' }).click();

    await page.getByRole('button', { name: 'Start search', exact: true }).click();
    await waitForFinish(page, 120_000);

    // The second row of the leaderboard opens in the editor; Export then names it.
    const second = page.locator('.leaderboard tbody tr').nth(1);
    const id = /g\d+-\d+/.exec((await second.locator('td').nth(1).textContent()) ?? '')?.[0];
    assert.ok(id, 'the second row names a candidate');
    await second.getByRole('button', { name: 'Open' }).click();
    await page.getByRole('button', { name: 'Export', exact: true }).click();
    const opened = page.getByRole('region', { name: 'The network in the editor' });
    assert.match((await opened.getByRole('heading').textContent()) ?? '', new RegExp(`^The network in the editor: ${id}, \\d+(\\.\\d)?%$`));
    const best = page.getByRole('region', { name: 'The best network' });
    assert.doesNotMatch((await best.getByRole('heading').textContent()) ?? '', new RegExp(id));

    const model = page.waitForEvent('download', { timeout: 60_000 });
    await opened.getByRole('button', { name: 'TensorFlow.js model with trained weights of the network in the editor', exact: true }).click();
    const topology = readFileSync(await (await model).path(), 'utf8');
    assert.match(topology, /"modelTopology"/);
    const status = page.getByTestId('model-export-status');
    await status.filter({ hasText: new RegExp(`^Saved model\\.json and weights\\.bin of ${id} \\(`) }).waitFor({ timeout: 60_000 });
    await page.screenshot({ path: 'test-results/export-editor-network.png' });

    // The best network's exports keep their names and their candidate.
    const code = page.waitForEvent('download');
    await best.getByRole('button', { name: 'Keras Python code', exact: true }).click();
    assert.doesNotMatch(readFileSync(await (await code).path(), 'utf8'), new RegExp(`candidate ${id} `));
    assert.deepEqual(errors, []);
    await page.context().close();
  });
});
