import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { choose, launchBrowser, openApp } from './browser';

let browser: Browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

describe('candidate set editor', () => {
  it('counts primitives as its cards do', async () => {
    const { page, errors } = await openApp(browser);
    await choose(page, 'Task', 'XOR');
    await page.getByRole('button', { name: 'Edit candidate set' }).first().click();
    const dialog = page.getByRole('dialog', { name: 'Candidate set' });

    const cards = await dialog.locator('.kind-entry--on .kind-entry__count').allTextContents();
    const variants = cards.map((text) => /^(\d+) variants?$/.exec(text)).filter((match) => match !== null);
    const total = variants.reduce((sum, match) => sum + Number(match[1]), 0);
    assert.equal(cards.filter((text) => text === 'joins branches').length, 2, 'Add and Concatenate name their role');
    assert.equal((await dialog.getByTestId('candidate-set-counts').textContent())?.split(' · ')[1], `${total} primitives (kinds × parameter combinations)`);
    await page.screenshot({ path: 'test-results/candidate-set-counts.png' });
    assert.deepEqual(errors, []);
    await page.context().close();
  });

  it('states Turing equivalence in palette names', async () => {
    const { page, errors } = await openApp(browser);
    await choose(page, 'Task', 'XOR');
    await page.getByRole('button', { name: 'Edit candidate set' }).first().click();
    const statement = page.getByRole('dialog', { name: 'Candidate set' }).getByTestId('turing-statement');
    // The verdict starts with its words, with no dash before it that reads as a minus sign.
    assert.equal((await statement.locator('.turing__verdict').textContent())?.trim(), 'Not Turing-equivalentWhy?');
    assert.match((await statement.textContent()) ?? '', /a recurrent layer \(SimpleRNN, GRU or LSTM\)/);
    assert.deepEqual(errors, []);
    await page.context().close();
  });
});
