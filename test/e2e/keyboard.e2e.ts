import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { deflateSync } from 'fflate';
import type { Browser, Page } from 'playwright-core';
import { toBase64Url } from '../../src/state/share/link-codec';
import { packShare } from '../../src/state/share/link-format';
import { typicalShare } from '../state/share/fixtures';
import { choose, launchBrowser, openApp, setNumber, waitForFinish } from './browser';

let browser: Browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

/** Returns the focused element's aria-label, else its text, or BODY when the page itself has the focus. */
async function focusedName(page: Page): Promise<string> {
  return page.evaluate(() => {
    const active = document.activeElement;
    if (!active || active === document.body) return 'BODY';
    return active.getAttribute('aria-label') ?? active.textContent?.trim() ?? active.tagName;
  });
}

/** Waits until the focused element has the given name, and fails with the name it has instead. */
async function expectFocus(page: Page, name: string, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let current = await focusedName(page);
  while (current !== name && Date.now() < deadline) {
    await page.waitForTimeout(50);
    current = await focusedName(page);
  }
  assert.equal(current, name, `the focus is on "${name}"`);
}

/** A link with ten shared results on XOR, whose replay runs 12 generations of 16 networks. */
const SHARED_LINK = `#s=${toBase64Url(deflateSync(new TextEncoder().encode(JSON.stringify(packShare(typicalShare())))))}`;

/** Marks the button of a command, so that `sameButton` can tell whether React replaced it. */
async function markButton(page: Page, command: string): Promise<void> {
  await page.locator(`button[data-command="${command}"]`).evaluate((button) => button.setAttribute('data-marked', ''));
}

async function sameButton(page: Page, command: string): Promise<boolean> {
  return (await page.locator(`button[data-command="${command}"]`).getAttribute('data-marked')) !== null;
}

interface AXNode {
  readonly ignored: boolean;
  readonly role?: { readonly value: string };
  readonly name?: { readonly value: string };
}

/** Returns the accessible names of the nodes of a role in Chromium's accessibility tree, skipping ignored nodes. */
async function accessibleNames(page: Page, role: string): Promise<string[]> {
  const cdp = await page.context().newCDPSession(page);
  const { nodes } = (await cdp.send('Accessibility.getFullAXTree')) as { nodes: AXNode[] };
  await cdp.detach();
  return nodes.filter((node) => !node.ignored && node.role?.value === role).map((node) => node.name?.value ?? '');
}

async function openEditor(): Promise<{ page: Page; errors: string[] }> {
  const opened = await openApp(browser);
  await opened.page.getByRole('group', { name: 'Dense layer l1' }).waitFor();
  return opened;
}

describe('keyboard and screen reader', () => {
  it('stays on run controls through a search', async () => {
    const { page, errors } = await openEditor();
    await choose(page, 'Task', 'XOR');
    // Enough generations that the search is still running when Pause is pressed.
    await setNumber(page, 'Generations', 40);
    await setNumber(page, 'Epochs', 30);
    const controls = page.getByRole('group', { name: 'Run controls' });

    await controls.getByRole('button', { name: 'Start search' }).focus();
    await page.keyboard.press('Enter');
    // Pause is disabled until the search has started, and the group keeps the focus until then.
    assert.match(await focusedName(page), /^(Run controls|Pause)$/, 'the focus waits for Pause');
    // A second Enter, as from a held or double press, lands on the group and so leaves the search running.
    await page.keyboard.press('Enter');
    await expectFocus(page, 'Pause', 60_000);

    const pause = controls.getByRole('button', { name: 'Pause' });
    assert.equal(await pause.isEnabled(), true, 'the search is running');
    // The visible status reads "Searching…" all along, so a hidden status line announces each generation.
    const announcement = page.getByRole('region', { name: 'Progress' }).getByTestId('generation-announcement');
    await announcement.filter({ hasText: /^Generation \d+ of 40 done\. Best network so far: \d+\.\d%\.$/ }).waitFor({ timeout: 60_000 });
    assert.equal(await announcement.getAttribute('role'), 'status', 'the announcement is a live region');
    await pause.focus();
    await page.keyboard.press('Enter');
    await expectFocus(page, 'Resume');

    await page.keyboard.press('Enter');
    await expectFocus(page, 'Pause');

    await controls.getByRole('button', { name: 'Stop' }).focus();
    await page.keyboard.press('Enter');
    await expectFocus(page, 'Start search', 60_000);

    assert.deepEqual(errors, []);
  });

  it('stays on comparison controls', async () => {
    const { page, errors } = await openEditor();
    await choose(page, 'Task', 'XOR');
    await page.getByRole('tab', { name: 'Compare', exact: true }).click();
    const controls = page.getByRole('group', { name: 'Comparison controls' });

    await controls.getByRole('button', { name: 'Run comparison' }).focus();
    await markButton(page, 'run-comparison');
    await page.keyboard.press('Enter');
    await expectFocus(page, 'Stop comparison');
    // A reason to disable the button appeared, and the button stayed the same element.
    assert.equal(await sameButton(page, 'run-comparison'), true, 'Run comparison was not mounted anew');

    await page.keyboard.press('Enter');
    await expectFocus(page, 'Run comparison', 60_000);

    assert.deepEqual(errors, []);
  });

  it('moves from Replay search to Stop', async () => {
    const { page, errors } = await openApp(browser, SHARED_LINK);
    const replay = page.getByRole('status', { name: 'Shared results' }).getByRole('button', { name: 'Replay search' });

    await replay.focus();
    await page.keyboard.press('Enter');
    await expectFocus(page, 'Stop', 30_000);

    await page.keyboard.press('Enter');
    await expectFocus(page, 'Start search', 60_000);

    assert.deepEqual(errors, []);
  });

  it('stays on the model export', async () => {
    const { page, errors } = await openApp(browser, SHARED_LINK);
    await page.getByRole('status', { name: 'Shared results' }).waitFor();
    await page.getByRole('button', { name: 'Export', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Export' });
    const model = dialog.getByRole('button', { name: 'TensorFlow.js model with trained weights', exact: true });

    await model.focus();
    await page.keyboard.press('Enter');
    await expectFocus(page, 'Cancel training');

    await page.keyboard.press('Enter');
    await expectFocus(page, 'TensorFlow.js model with trained weights');
    assert.match((await dialog.getByTestId('model-export-status').textContent()) ?? '', /^Cancelled the export of \S+; no files were saved\.$/);

    // Training to the end removes Cancel training, and the focus goes back to the model button.
    await page.keyboard.press('Enter');
    await expectFocus(page, 'Cancel training');
    await dialog.getByTestId('model-export-status').filter({ hasText: /^Saved model\.json/ }).waitFor({ timeout: 120_000 });
    await expectFocus(page, 'TensorFlow.js model with trained weights');

    assert.deepEqual(errors, []);
  });

  it('stays on rows of the Runs dialog', async () => {
    const { page, errors } = await openEditor();
    await choose(page, 'Task', 'XOR');
    await choose(page, 'Backend', 'WASM');
    await setNumber(page, 'Generations', 1);
    await setNumber(page, 'Population (networks per generation)', 2);
    await setNumber(page, 'Epochs', 1);
    // Each search is saved as a run, so two searches fill two rows.
    for (let i = 0; i < 2; i++) {
      await page.getByRole('button', { name: 'Start search', exact: true }).click();
      assert.match(await waitForFinish(page, 60_000), /Search finished/);
    }
    await page.getByRole('button', { name: 'Runs', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Saved runs' });
    const rows = dialog.locator('tbody tr');
    await rows.nth(1).waitFor();

    await rows.nth(0).getByRole('button', { name: /^Rename / }).focus();
    await page.keyboard.press('Enter');
    await page.keyboard.press('Control+a');
    await page.keyboard.type('First run');
    await page.keyboard.press('Enter');
    await expectFocus(page, 'Rename First run');

    await page.keyboard.press('Enter');
    await page.keyboard.type(' changed');
    await page.keyboard.press('Escape');
    await expectFocus(page, 'Rename First run');
    assert.equal(await dialog.isVisible(), true, 'Escape in the name field leaves the dialog open');
    assert.equal(await rows.nth(0).getByRole('rowheader').textContent(), 'First run', 'Escape keeps the name');

    await rows.nth(0).getByRole('button', { name: 'Delete First run', exact: true }).focus();
    await page.keyboard.press('Enter');
    await expectFocus(page, 'Delete First run for good');
    await page.keyboard.press('Tab');
    await expectFocus(page, 'Keep First run');
    await page.keyboard.press('Enter');
    await expectFocus(page, 'Delete First run');

    const secondName = (await rows.nth(1).getByRole('rowheader').textContent()) ?? '';
    await page.keyboard.press('Enter');
    await page.keyboard.press('Enter');
    await expectFocus(page, `Delete ${secondName}`);
    assert.equal(await rows.count(), 1);

    await page.keyboard.press('Enter');
    await page.keyboard.press('Enter');
    await expectFocus(page, 'No runs saved yet. Start a search and it appears here.');

    assert.deepEqual(errors, []);
  });

  it('names the editor canvas', async () => {
    const { page, errors } = await openEditor();
    await page.getByRole('region', { name: 'Best architecture' }).locator('.react-flow').waitFor();

    // The best network's view is an image with a text alternative, so only the editor is an application.
    assert.deepEqual(await accessibleNames(page, 'application'), ['Network editor']);

    assert.deepEqual(errors, []);
  });

  it('reads the best network as one image', async () => {
    const { page, errors } = await openApp(browser, SHARED_LINK);
    const region = page.getByRole('region', { name: 'Best architecture' });
    await region.locator('.react-flow__node').nth(2).waitFor();

    const tabStops = region.locator('.react-flow [tabindex]:not([tabindex="-1"]), .react-flow a[href], .react-flow button');
    assert.equal(await tabStops.count(), 0, 'no layer or connection is a tab stop');
    const description = (await region.locator('.run-view__footer').getAttribute('title')) ?? '';
    assert.match(description, /^dense\(.+→ output$/, 'the footer describes the network');
    const image = page.getByRole('img', { name: `Best architecture, read only: ${description}`, exact: true });
    assert.equal(await image.count(), 1, 'the view is one image named by its description');
    assert.equal(await image.getByRole('application').count(), 0, 'the layers are hidden behind the text alternative');
    assert.equal((await accessibleNames(page, 'image')).includes(`Best architecture, read only: ${description}`), true, "Chromium's accessibility tree has the image");

    // From the panel's title, one Tab passes the diagram and reaches Open in editor.
    await region.getByRole('heading', { name: 'Best architecture' }).evaluate((heading: HTMLElement) => {
      heading.tabIndex = -1;
      heading.focus();
    });
    await page.keyboard.press('Tab');
    await expectFocus(page, 'Open in editor');

    assert.deepEqual(errors, []);
  });

  it('stays on the editing toolbar', async () => {
    const { page, errors } = await openEditor();
    const toolbar = page.getByRole('toolbar', { name: 'Graph editing' });

    await page.getByRole('group', { name: 'Dense layer l1', exact: true }).focus();
    await page.keyboard.press('Enter');
    await toolbar.getByRole('button', { name: 'Delete' }).focus();
    await page.keyboard.press('Enter');
    assert.equal(await page.getByRole('group', { name: 'Dense layer l1', exact: true }).count(), 0, 'Delete removed l1');
    await expectFocus(page, 'Undo');

    // Undoing the only edit leaves nothing to undo.
    await page.keyboard.press('Enter');
    await page.getByRole('group', { name: 'Dense layer l1', exact: true }).waitFor();
    await expectFocus(page, 'Redo');

    await page.keyboard.press('Enter');
    await expectFocus(page, 'Undo');

    assert.deepEqual(errors, []);
  });

  it('stays on the canvas after deleting a connection', async () => {
    const { page, errors } = await openEditor();
    const connection = page.getByRole('group', { name: 'Connection from l1 to l2, shape 32' });

    await connection.focus();
    await page.keyboard.press('Enter');
    await page.keyboard.press('Delete');
    await connection.waitFor({ state: 'detached' });
    await expectFocus(page, 'Dense layer l2');

    assert.deepEqual(errors, []);
  });

  it('announces palette adds and undo', async () => {
    const { page, errors } = await openEditor();
    const announcement = page.getByRole('main', { name: 'Network' }).getByTestId('edit-announcement');
    assert.equal(await announcement.getAttribute('role'), 'status', 'the announcement is a live region');

    await page.getByRole('group', { name: 'Dense layer l2', exact: true }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: 'Add Dropout' }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('group', { name: 'Dropout layer l3', exact: true }).waitFor();
    // Where the network no longer fits its rows, the insert lays it out again, and the label ends with that.
    assert.match((await announcement.textContent()) ?? '', /^Edit: insert Dropout l3 after l2(, then lay out)?\.$/);

    await page.keyboard.press('Control+z');
    await page.getByRole('group', { name: 'Dropout layer l3', exact: true }).waitFor({ state: 'detached' });
    assert.match((await announcement.textContent()) ?? '', /^Undone: insert Dropout l3 after l2(, then lay out)?\.$/);

    assert.deepEqual(errors, []);
  });

  it('announces an import failure outside the dialog', async () => {
    const { page } = await openEditor();
    // Records, for each notice as it appears, whether the open dialog hid it from screen readers.
    await page.evaluate(() => {
      const seen: boolean[] = [];
      Object.assign(window, { noticesHidden: seen });
      new MutationObserver(() => {
        const notice = document.querySelector('[aria-label="Link and file notice"]:not([data-seen])');
        if (!notice) return;
        notice.setAttribute('data-seen', '');
        seen.push(notice.closest('[aria-hidden="true"]') !== null);
      }).observe(document.body, { subtree: true, childList: true });
    });

    await page.getByRole('button', { name: 'Import', exact: true }).focus();
    await page.keyboard.press('Enter');
    const runFile = page.getByRole('dialog', { name: 'Import' }).getByLabel(/^Run file/);
    await runFile.setInputFiles({ name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from('{"format": "not a run"') });

    const notice = page.getByRole('alert', { name: 'Link and file notice' });
    await notice.waitFor();
    assert.match((await notice.textContent()) ?? '', /"broken\.json" could not be imported/);
    assert.deepEqual(await page.evaluate(() => (window as unknown as { noticesHidden: boolean[] }).noticesHidden), [false], 'the notice appeared where screen readers hear it');
    await expectFocus(page, 'Import');
  });
});
