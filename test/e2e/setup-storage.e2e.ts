import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { BASE_URL, choose, launchBrowser, openApp, setNumber } from './browser';

const OUT = 'test-results/setup-storage';

let browser: Browser;
before(async () => {
  mkdirSync(OUT, { recursive: true });
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

/** Runs `edit` and waits until the address, which the page rewrites together with the stored setup, has followed it. */
async function editAndWait(page: Page, edit: () => Promise<void>): Promise<void> {
  const before = page.url();
  await edit();
  await page.waitForURL((url) => url.href !== before);
}

/** Collects the page errors of a page opened by hand, as `openApp` does for its own. */
function collectErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  return errors;
}

describe('setup kept for new tabs', () => {
  it('restores the last edited setup in a new tab', async () => {
    const { page, errors } = await openApp(browser);
    const dropoutOf = (where: Page) => where.locator('.graph-editor').getByRole('group', { name: /^Dropout layer / });
    await editAndWait(page, () => choose(page, 'Task', 'Circles'));
    await editAndWait(page, () => setNumber(page, 'Search seed', 4321));
    await editAndWait(page, () => page.getByRole('button', { name: 'Add Dropout', exact: true }).click());
    await dropoutOf(page).waitFor();

    // A new page of the same context shares localStorage but not the address or sessionStorage: a new tab.
    const fresh = await page.context().newPage();
    const freshErrors = collectErrors(fresh);
    await fresh.goto(BASE_URL);
    const notice = fresh.getByRole('status', { name: 'Link and file notice' });
    await notice.filter({ hasText: 'Restored the last setup edited in this browser (Circles).' }).waitFor();
    await dropoutOf(fresh).waitFor();
    await fresh.getByRole('combobox', { name: 'Task' }).filter({ hasText: 'Circles' }).waitFor();
    assert.equal(await fresh.getByRole('textbox', { name: 'Search seed', exact: true }).inputValue(), '4321');
    await fresh.screenshot({ path: `${OUT}/restored.png` });

    // The task's default setup is one click away, and Back returns to the restored one.
    await notice.getByRole('button', { name: 'Use default setup' }).click();
    await notice.filter({ hasText: "Opened the default setup of Circles. The browser's Back button returns to the setup shown before." }).waitFor();
    await fresh.screenshot({ path: `${OUT}/defaults.png` });
    assert.equal(await dropoutOf(fresh).count(), 0);
    assert.equal(await fresh.getByRole('textbox', { name: 'Search seed', exact: true }).inputValue(), '1');
    await fresh.getByRole('combobox', { name: 'Task' }).filter({ hasText: 'Circles' }).waitFor();
    await fresh.goBack();
    await dropoutOf(fresh).waitFor({ timeout: 10_000 });
    assert.equal(await fresh.getByRole('textbox', { name: 'Search seed', exact: true }).inputValue(), '4321');

    // The first tab was not changed under its user by the other tab's edits.
    assert.equal(await dropoutOf(page).count(), 1);

    assert.deepEqual(errors, []);
    assert.deepEqual(freshErrors, []);
    await page.context().close();
  });

  it('drops a damaged stored setup with a notice', async () => {
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
    await context.addInitScript(() => localStorage.setItem('nas-playground:setup', '{"v":1,"c":{"t":'));
    const page = await context.newPage();
    const errors = collectErrors(page);
    await page.goto(BASE_URL);

    const notice = page.getByRole('alert', { name: 'Link and file notice' });
    await notice.filter({ hasText: 'The setup saved in this browser could not be restored and was discarded; the page shows the default setup.' }).waitFor();
    assert.match((await notice.textContent()) ?? '', /The stored setup is not valid JSON \(/);
    await page.getByRole('combobox', { name: 'Task' }).filter({ hasText: 'Spiral' }).waitFor();
    assert.equal(await page.evaluate(() => localStorage.getItem('nas-playground:setup')), null);
    await page.screenshot({ path: `${OUT}/damaged.png` });

    assert.deepEqual(errors, []);
    await context.close();
  });
});
