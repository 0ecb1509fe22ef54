/** Launches Debian's headless Chromium for the end-to-end tests and opens the served app. */

import { chromium, type Browser, type Page } from 'playwright-core';

export const BASE_URL = process.env.E2E_BASE_URL ?? 'http://127.0.0.1:4173/';

const FLAGS = [
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
  '--enable-unsafe-webgpu',
];

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: FLAGS });
}

/**
 * Opens the app at 1366×768 and collects page errors so tests can assert there were none.
 * With `testHooks`, the page exposes its store on `window.__nasTestHooks`.
 */
export async function openApp(browser: Browser, query = '', { testHooks = false } = {}): Promise<{ page: Page; errors: string[] }> {
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
  if (testHooks) {
    await context.addInitScript(() => {
      window.__nasTestHooks = {};
    });
  }
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  await page.goto(`${BASE_URL}${query}`);
  return { page, errors };
}

/** Types a value into a labelled number field and commits it with Enter, as the field expects. */
export async function setNumber(page: Page, name: string, value: number): Promise<void> {
  const field = page.getByRole('textbox', { name, exact: true });
  await field.fill(String(value));
  await field.press('Enter');
}

/** Picks an option of a labelled Radix select. */
export async function choose(page: Page, combobox: string, option: string): Promise<void> {
  await page.getByRole('combobox', { name: combobox }).click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

/** Waits until the search status reports an end, and returns its text. */
export async function waitForFinish(page: Page, timeoutMs: number): Promise<string> {
  const status = page.getByRole('region', { name: 'Progress' }).locator('.progress__status');
  await status.filter({ hasText: /Search (finished|stopped|failed)/ }).waitFor({ timeout: timeoutMs });
  return (await status.textContent()) ?? '';
}

/** Narrows the candidate set to dense(8) with relu or tanh, one or two layers deep: six chains. */
export async function chooseSixChains(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Edit candidate set' }).first().click();
  const dialog = page.getByRole('dialog', { name: 'Candidate set' });
  for (const kind of ['Dropout', 'BatchNormalization', 'Activation', 'Add', 'Concatenate']) {
    const box = dialog.getByRole('checkbox', { name: kind, exact: true });
    if (await box.isChecked()) await box.uncheck();
  }
  const units = dialog.getByRole('textbox', { name: 'Dense units', exact: true });
  await units.fill('8');
  await units.press('Enter');
  const activations = dialog.getByRole('group', { name: 'Dense activation', exact: true });
  for (const activation of ['elu', 'selu', 'sigmoid']) {
    const chip = activations.getByRole('button', { name: activation, exact: true });
    if ((await chip.getAttribute('aria-pressed')) === 'true') await chip.click();
  }
  await page.keyboard.press('Escape');
}
