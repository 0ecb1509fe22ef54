import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import type { Genome } from '../../src/core/genome';
import type { TestHooks } from '../../src/ui/editor/dev-hooks';
import { choose, launchBrowser, openApp, setNumber, waitForFinish } from './browser';

let browser: Browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

/** Opens the app with the test hooks, which expose the store for reading the run. */
async function openWithHooks(): Promise<{ page: Page; errors: string[] }> {
  const opened = await openApp(browser, '', { testHooks: true });
  await opened.page.getByRole('group', { name: 'Dense layer l1' }).waitFor();
  return opened;
}

const node = (page: Page, name: string) => page.getByRole('group', { name, exact: true });

/** Returns the text of the tooltip that explains why a command button is disabled. */
async function disabledReason(page: Page, name: string): Promise<string> {
  const button = page.getByRole('button', { name, exact: true });
  assert.equal(await button.isEnabled(), false, `${name} is disabled`);
  const reasonId = await button.getAttribute('aria-describedby');
  return (await page.locator(`[id="${reasonId}"]`).textContent()) ?? '';
}

/** Reads every evaluated candidate's genome from the store. */
async function evaluatedGenomes(page: Page): Promise<{ id: string; genome: Genome }[]> {
  return page.evaluate(() => {
    const hooks = window.__nasTestHooks as TestHooks;
    return hooks.store!.getState().run.evaluations.map((entry) => ({ id: entry.candidate.id, genome: entry.candidate.genome }));
  });
}

describe('search template', () => {
  it('searches from a network with a fixed stem and a module slot', async () => {
    const { page, errors } = await openWithHooks();
    await choose(page, 'Task', 'XOR');
    await choose(page, 'Backend', 'WASM');
    await node(page, 'Dense layer l1').waitFor();

    // A module slot from the palette lands after the selected layer.
    await node(page, 'Dense layer l1').click();
    await page.getByRole('button', { name: 'Add Module slot', exact: true }).click();
    const slot = node(page, 'Module slot l3');
    await slot.waitFor();
    assert.equal(await page.getByTestId('edge-label-l1->l3#0').count(), 1, 'the slot takes the stem output');
    assert.equal(await page.getByTestId('edge-label-l3->l2#0').count(), 1, 'the slot feeds the next layer');
    assert.match((await page.getByTestId('slot-note').textContent()) ?? '', /A search fills this slot with an evolved module/);

    // Fix the input stem: the inspector switch marks the node.
    await node(page, 'Dense layer l1').click();
    const fixedSwitch = page.getByRole('switch', { name: 'Fixed during search' });
    await fixedSwitch.click();
    assert.equal(await fixedSwitch.getAttribute('aria-checked'), 'true');
    await node(page, 'Dense layer l1').getByRole('img', { name: 'Fixed during search' }).waitFor();

    assert.match(await disabledReason(page, 'Train'), /Module slot "l3" is filled only by a search; replace it with layers to train this network alone\./);
    assert.equal(await page.getByRole('button', { name: 'Start search', exact: true }).isEnabled(), true);
    await page.screenshot({ path: 'test-results/template-editor.png' });

    await setNumber(page, 'Generations', 2);
    await setNumber(page, 'Population (networks per generation)', 3);
    await setNumber(page, 'Epochs', 3);
    await page.getByRole('button', { name: 'Start search', exact: true }).click();
    const status = await waitForFinish(page, 90_000);
    assert.match(status, /Search finished/);
    await page.screenshot({ path: 'test-results/template-search.png' });

    // Every candidate is the template with its slot filled: the fixed stem as built, no slot left.
    const evaluated = await evaluatedGenomes(page);
    assert.equal(evaluated.length, 6);
    for (const { id, genome } of evaluated) {
      const stem = genome.nodes.find((gene) => gene.id === 'l1');
      assert.deepEqual(stem, { id: 'l1', kind: 'dense', params: { units: 8, activation: 'tanh' }, inputs: ['input'], fixed: true }, `${id} keeps the fixed stem`);
      assert.equal(genome.nodes.filter((gene) => gene.kind === 'moduleSlot').length, 0, `${id} has no slot left`);
      assert.ok(genome.nodes.some((gene) => gene.id === 'l2'), `${id} keeps the hand-built layer after the slot`);
    }

    // The best opens in the editor with the fixed stem, and trains as it is.
    await page.getByRole('region', { name: 'Best architecture' }).getByRole('button', { name: 'Open in editor' }).click();
    await page.waitForFunction(() => document.querySelector('[aria-label^="Module slot"]') === null);
    const stem = node(page, 'Dense layer l1');
    await stem.getByRole('img', { name: 'Fixed during search' }).waitFor();
    assert.match((await stem.textContent()) ?? '', /8 units · tanh/);
    await stem.click();
    assert.equal(await page.getByRole('switch', { name: 'Fixed during search' }).getAttribute('aria-checked'), 'true');
    assert.equal(await page.getByRole('button', { name: 'Train', exact: true }).isEnabled(), true);
    await page.screenshot({ path: 'test-results/template-best.png' });

    assert.deepEqual(errors, []);
    await page.context().close();
  });
});
