import { readFile } from 'node:fs/promises';
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { choose, launchBrowser, openApp, setNumber, waitForFinish } from './browser';

let browser: Browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

describe('search in the browser', () => {
  it('opens on a default task with a starting network', async () => {
    const { page, errors } = await openApp(browser);
    const network = page.getByRole('main', { name: 'Network' });

    await network.getByText('Output head').waitFor();
    assert.match((await page.getByRole('combobox', { name: 'Task' }).textContent()) ?? '', /Spiral/);
    assert.equal(await page.getByRole('button', { name: 'Start search', exact: true }).isEnabled(), true);

    // Sliders over wide ranges step through round values: from 10 generations to 12, not 11.
    await setNumber(page, 'Generations', 10);
    await page.getByRole('slider', { name: 'Generations' }).focus();
    await page.keyboard.press('ArrowRight');
    assert.equal(await page.getByRole('textbox', { name: 'Generations' }).inputValue(), '12');

    // Before any search, Export explains why the results' files are not available yet.
    await page.getByRole('button', { name: 'Export', exact: true }).click();
    const exportDialog = page.getByRole('dialog', { name: 'Export' });
    assert.equal(await exportDialog.getByRole('button', { name: 'Leaderboard as CSV' }).isDisabled(), true);
    await exportDialog.getByText('The leaderboard and the charts can be saved once a search has evaluated candidates.').waitFor();
    await exportDialog.getByText('Run a search (or open a link with results) to export its best network.').waitFor();
    await page.keyboard.press('Escape');
    assert.deepEqual(errors, []);
    await page.context().close();
  });

  it('runs a coevolution search on xor and shows its results', async () => {
    const { page, errors } = await openApp(browser, '', { testHooks: true });
    await page.evaluate(() => {
      window.__nasTestHooks!.renders = {};
    });
    await choose(page, 'Task', 'XOR');
    await choose(page, 'Backend', 'WASM');
    await setNumber(page, 'Generations', 3);
    await setNumber(page, 'Population (networks per generation)', 8);
    await setNumber(page, 'Epochs', 15);
    await setNumber(page, 'Workers (0 = auto)', 2);
    // Every CSS transition or animation that starts while the search runs: each keeps the
    // compositor drawing frames on a core the workers need.
    await page.evaluate(() => {
      const started: string[] = [];
      (window as { __animationsStarted?: string[] }).__animationsStarted = started;
      for (const type of ['transitionrun', 'animationstart']) {
        document.addEventListener(type, (event) => {
          const { propertyName, animationName } = event as Partial<TransitionEvent & AnimationEvent>;
          started.push(`${(event.target as Element).className}: ${propertyName ?? animationName}`);
        });
      }
    });

    await page.getByRole('button', { name: 'Start search', exact: true }).click();
    const status = await waitForFinish(page, 120_000);
    await page.screenshot({ path: 'test-results/search-xor.png' });
    assert.deepEqual(await page.evaluate(() => (window as { __animationsStarted?: string[] }).__animationsStarted), [], 'no transition or animation ran during the search');

    assert.match(status, /Search finished/);
    const progress = page.getByRole('region', { name: 'Progress' });
    assert.match((await progress.textContent()) ?? '', /Worker 1:\s*wasm/);

    const chart = page.getByTestId('generation-chart');
    assert.equal(await chart.getAttribute('data-points'), '3');
    // Three populations (networks, modules, blueprints), one best point per generation each.
    assert.equal(await chart.locator('.chart__series circle').count(), 9);
    assert.match((await chart.locator('.chart__series path').first().getAttribute('d')) ?? '', /^M[\d.]+,[\d.]+L/);
    // Each result redraws only the unfinished generation: the finished points render about
    // twice a generation (its summary, and the next generation's first result widening the
    // axis), not once per result.
    const seriesRenders = await page.evaluate(() => window.__nasTestHooks!.renders!['generation-chart:finished-series'] ?? 0);
    assert.ok(seriesRenders >= 3, `the finished series rendered ${seriesRenders} times, at least once per generation`);
    assert.ok(seriesRenders <= 12, `the finished series rendered ${seriesRenders} times for 24 results`);

    const best = page.getByRole('region', { name: 'Best architecture' });
    assert.ok((await best.locator('.react-flow__node').count()) >= 2, 'the best architecture graph has nodes');
    const caption = (await page.getByTestId('best-candidate').textContent()) ?? '';
    const bestAccuracy = Number(/(\d+(?:\.\d+)?)%/.exec(caption)?.[1]);
    assert.ok(bestAccuracy > 60, `best validation accuracy ${bestAccuracy}% is above chance (50%)`);

    const rows = page.getByRole('region', { name: 'Leaderboard' }).getByRole('row');
    assert.ok((await rows.count()) >= 4, 'the leaderboard lists candidates');

    // At its smallest, the run panel still leaves its charts and the best network readable.
    await page.getByRole('separator', { name: 'Resize run panel' }).press('End');
    const heights = await page.evaluate(() => ({
      chart: document.querySelector('.run-panel svg.chart__svg')?.getBoundingClientRect().height ?? 0,
      best: document.querySelector('[aria-label="Best architecture"] .react-flow')?.getBoundingClientRect().height ?? 0,
    }));
    assert.ok(heights.chart >= 100, `the fitness chart is ${heights.chart} px tall at the smallest run panel`);
    assert.ok(heights.best >= 100, `the best architecture view is ${heights.best} px tall at the smallest run panel`);
    await page.getByRole('separator', { name: 'Resize run panel' }).press('Home');

    // In a 1024 px window the leaderboard drops its detail columns instead of scrolling sideways.
    await page.setViewportSize({ width: 1024, height: 768 });
    const overflow = await page.evaluate(() => {
      const board = document.querySelector('[aria-label="Leaderboard"] .leaderboard')!;
      return board.scrollWidth - board.clientWidth;
    });
    assert.ok(overflow <= 0, `the leaderboard scrolls ${overflow} px sideways at 1024 px`);
    assert.ok(await rows.nth(1).getByRole('button', { name: /^Open / }).isVisible(), 'the Open button shows at 1024 px');
    await page.setViewportSize({ width: 1366, height: 768 });

    // The visible fitness chart exports as a standalone SVG with its colours resolved.
    await page.getByRole('button', { name: 'Export', exact: true }).click();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Visible charts as SVG' }).click()]);
    const svg = await new Promise<string>((resolve, reject) => {
      void download.createReadStream().then((stream) => {
        let text = '';
        stream.on('data', (chunk: Buffer) => (text += chunk.toString()));
        stream.on('end', () => resolve(text));
        stream.on('error', reject);
      });
    });
    assert.equal(download.suggestedFilename(), 'nas-chart-1.svg');
    assert.match(svg, /<path d="M[\d.]+,[\d.]+L/);
    assert.doesNotMatch(svg, /var\(--/);
    // The panel's title and legend, HTML on the page, are drawn into the file.
    assert.match(svg, /<text [^>]*>Fitness<\/text>/);
    assert.match(svg, /<text [^>]*>Networks<\/text>/);

    // The same chart as a PNG at twice its on-screen size.
    const [pngDownload] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Visible charts as PNG' }).click()]);
    assert.equal(pngDownload.suggestedFilename(), 'nas-chart-1.png');
    const png = await readFile((await pngDownload.path())!);
    await pngDownload.saveAs('test-results/search-chart.png');
    assert.deepEqual([...png.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 'the file has the PNG signature');
    const root = /<svg[^>]*>/.exec(svg)?.[0] ?? '';
    const size = (name: string) => Number(new RegExp(` ${name}="(\\d+)"`).exec(root)?.[1]);
    assert.equal(png.readUInt32BE(16), 2 * size('width'), 'PNG width');
    assert.equal(png.readUInt32BE(20), 2 * size('height'), 'PNG height');
    assert.deepEqual(errors, []);
    await page.context().close();
  });

  it('ranks a regression search by R²', async () => {
    const { page, errors } = await openApp(browser);
    await choose(page, 'Task', 'Sine');
    await choose(page, 'Backend', 'WASM');
    await setNumber(page, 'Generations', 2);
    await setNumber(page, 'Population (networks per generation)', 4);
    await setNumber(page, 'Epochs', 10);
    await setNumber(page, 'Workers (0 = auto)', 2);

    await page.getByRole('button', { name: 'Start search', exact: true }).click();
    assert.match(await waitForFinish(page, 120_000), /Search finished/);

    // Regression has no accuracy: the leaderboard and the best caption show R², never a percentage.
    const leaderboard = page.getByRole('region', { name: 'Leaderboard' });
    assert.equal(await leaderboard.getByRole('columnheader', { name: 'Val. R²' }).count(), 1);
    assert.equal(await leaderboard.getByRole('columnheader', { name: 'Test R²' }).count(), 1);
    const firstRow = (await leaderboard.getByRole('row').nth(1).textContent()) ?? '';
    assert.match(firstRow, /^1g\d+-\d+.*-?\d\.\d{3}-?\d\.\d{3}/);
    assert.doesNotMatch(firstRow, /%/);
    const caption = (await page.getByTestId('best-candidate').textContent()) ?? '';
    assert.match(caption, /R² -?\d\.\d{3}/);
    assert.doesNotMatch(caption, /%/);
    // The chart draws a deferred copy of the results, so wait for its top tick before reading the axis.
    const fitnessTicks = page.getByTestId('generation-chart').locator('.chart__tick--y');
    await fitnessTicks.filter({ hasText: /^1\.00$/ }).waitFor();
    const ticks = await fitnessTicks.allTextContents();
    assert.ok(!ticks.some((tick) => tick.includes('%')), `the fitness axis has no percentages: ${ticks.join(', ')}`);

    // The export names the best by R² and offers no class probabilities for a regression model.
    await page.getByRole('button', { name: 'Export', exact: true }).click();
    const exportDialog = page.getByRole('dialog', { name: 'Export' });
    assert.match((await exportDialog.getByRole('heading', { name: /^The best network/ }).textContent()) ?? '', /R² -?\d\.\d{3}$/);
    assert.equal(await exportDialog.getByRole('checkbox', { name: /class probabilities/ }).count(), 0);
    assert.deepEqual(errors, []);
    await page.context().close();
  });

  it('says how to reach a best network cut by its view', async () => {
    const { page, errors } = await openApp(browser, '', { testHooks: true });
    const best = page.getByRole('region', { name: 'Best architecture' });
    const hint = best.getByText('Drag to pan, Ctrl + scroll to zoom');
    const showBest = (layers: number) =>
      page.evaluate((count) => {
        const store = window.__nasTestHooks!.store!;
        const nodes = [{ id: 'input', kind: 'input', params: {}, inputs: [] as string[] }];
        for (let i = 1; i <= count; i++) nodes.push({ id: `l${i}`, kind: 'dense', params: { units: 16, activation: 'relu' }, inputs: [nodes[i - 1].id] });
        nodes.push({ id: 'output', kind: 'output', params: {}, inputs: [nodes[count].id] });
        const candidate = { id: `g0-${count}`, generation: 0, hash: `chain-${count}`, origin: 'initial', genome: { nodes } };
        const evaluated = { candidate, fitness: 0.9, metrics: null, reused: false, evaluation: 1, finishedAt: 0, worker: 0 };
        store.setState({ run: { ...store.getState().run, best: evaluated as never } });
      }, layers);

    // Twenty-four layers do not fit the compact view, even folded into columns at its smallest zoom.
    await showBest(24);
    await hint.waitFor({ timeout: 5_000 });
    // Eight fit when folded into columns side by side; two fit in one column.
    await showBest(8);
    await best.locator('.react-flow__node').nth(9).waitFor();
    await hint.waitFor({ state: 'detached', timeout: 5_000 });
    const lefts = await best.locator('.react-flow__node').evaluateAll((nodes) => nodes.map((node) => Math.round(node.getBoundingClientRect().left)));
    assert.ok(new Set(lefts).size > 1, `eight layers fold into columns, at ${lefts.join(', ')} px`);
    await page.screenshot({ path: 'test-results/best-folded.png' });
    await showBest(2);
    await best.locator('.react-flow__node').nth(3).waitFor();
    await hint.waitFor({ state: 'detached', timeout: 5_000 });
    assert.deepEqual(errors, []);
    await page.context().close();
  });

  it('shows time left only while searching', async () => {
    const { page, errors } = await openApp(browser);
    await choose(page, 'Task', 'XOR');
    await choose(page, 'Backend', 'WASM');
    await setNumber(page, 'Generations', 2);
    await setNumber(page, 'Population (networks per generation)', 6);
    await setNumber(page, 'Epochs', 10);
    await setNumber(page, 'Workers (0 = auto)', 1);
    // A final retraining shorter than a candidate's training gets a warning, which goes at 200.
    await setNumber(page, 'Final training epochs (0 = off)', 5);
    const shortFinal = page.getByText(/The final network trains from scratch for 5 epochs, fewer than the 10 each candidate trains/);
    await shortFinal.waitFor();
    await setNumber(page, 'Final training epochs (0 = off)', 200);
    await shortFinal.waitFor({ state: 'detached' });
    // Every text the progress panel shows, in order: on a fast machine a phase can pass
    // between two polls of a locator.
    await page.evaluate(() => {
      const panel = document.querySelector('section[aria-label="Progress"]')!;
      const seen: string[] = [];
      (window as { __progressTexts?: string[] }).__progressTexts = seen;
      new MutationObserver(() => {
        const text = panel.textContent ?? '';
        if (seen.at(-1) !== text) seen.push(text);
      }).observe(panel, { subtree: true, childList: true, characterData: true });
    });
    await page.getByRole('button', { name: 'Start search', exact: true }).click();
    assert.match(await waitForFinish(page, 120_000), /Search finished/);

    const texts = await page.evaluate(() => (window as { __progressTexts?: string[] }).__progressTexts!);
    const first = (pattern: RegExp) => texts.findIndex((text) => pattern.test(text));
    // Start-up is left out of the pace, so there is no estimate before the first results.
    assert.ok(first(/estimating time left/) >= 0, 'the panel said it was estimating');
    assert.ok(first(/(about \d+ s|under 1 s) left/) > first(/estimating time left/), 'an estimate followed');
    assert.equal(first(/about 0 s left/), -1, 'no estimate read "about 0 s"');
    // The search's own fraction is complete while the best are retrained, so no estimate shows.
    const retraining = texts.filter((text) => text.includes('Retraining the best candidates'));
    assert.ok(retraining.length > 0, 'the panel showed the final retraining');
    for (const text of retraining) assert.doesNotMatch(text, /left/);

    // The run's record keeps its final network, so a reload shows it again and Export saves it.
    const finalText = (await page.getByTestId('final-candidate').first().textContent()) ?? '';
    assert.match(finalText, /^Final network g\d+-\d+-final: validation/);
    await page.waitForTimeout(1500);
    await page.reload();
    await page.getByTestId('final-candidate').filter({ hasText: finalText }).waitFor({ timeout: 10_000 });

    // Opening the saved run over an edited network leaves the browser's Back button as the way to it.
    await page.getByRole('button', { name: 'Add Dropout', exact: true }).click();
    const dropout = page.locator('.graph-editor').getByRole('group', { name: /^Dropout layer / });
    await dropout.waitFor();
    await page.getByRole('button', { name: 'Runs', exact: true }).click();
    await page.getByRole('dialog', { name: 'Saved runs' }).getByRole('button', { name: /^Open XOR · Coevolution · / }).click();
    await page.getByRole('status', { name: 'Link and file notice' }).filter({ hasText: /replaced the network you were editing\. The browser's Back button returns to it\./ }).waitFor();
    assert.equal(await dropout.count(), 0);
    await page.goBack();
    await dropout.waitFor({ timeout: 10_000 });
    assert.deepEqual(errors, []);
    await page.context().close();
  });

  it('runs the next search on the workers of the last one', async () => {
    const { page, errors } = await openApp(browser);
    // Counts the evaluation workers the page creates.
    await page.context().addInitScript(() => {
      const Native = window.Worker;
      const counter = window as unknown as { evaluationWorkers: number };
      counter.evaluationWorkers = 0;
      window.Worker = class extends Native {
        constructor(url: string | URL, options?: WorkerOptions) {
          super(url, options);
          if (options?.name?.startsWith('evaluation')) counter.evaluationWorkers++;
        }
      };
    });
    await page.reload();
    const created = () => page.evaluate(() => (window as unknown as { evaluationWorkers: number }).evaluationWorkers);
    await choose(page, 'Task', 'XOR');
    await choose(page, 'Backend', 'WASM');
    await setNumber(page, 'Generations', 1);
    await setNumber(page, 'Population (networks per generation)', 3);
    await setNumber(page, 'Epochs', 5);
    await setNumber(page, 'Workers (0 = auto)', 1);
    await setNumber(page, 'Final training epochs (0 = off)', 0);
    const search = async (workers: number) => {
      await page.getByRole('button', { name: 'Start search', exact: true }).click();
      assert.match(await waitForFinish(page, 60_000), /Search finished/);
      // Kept workers introduce themselves to the next search as fresh ones do.
      const listed = await page.getByRole('list', { name: 'Workers' }).getByRole('listitem').allTextContents();
      assert.deepEqual(listed, Array.from({ length: workers }, (_, index) => `Worker ${index + 1}: wasm`));
    };

    await search(1);
    assert.equal(await created(), 1);
    await setNumber(page, 'Search seed', 2);
    await search(1);
    assert.equal(await created(), 1, 'a search with another seed runs on the kept worker');
    await setNumber(page, 'Workers (0 = auto)', 2);
    await search(2);
    assert.equal(await created(), 3, 'another worker count starts new workers');
    assert.deepEqual(errors, []);
    await page.context().close();
  });

  it('pauses, resumes and stops a search', async () => {
    const { page } = await openApp(browser);
    await choose(page, 'Task', 'Circles');
    await choose(page, 'Backend', 'WASM');
    await setNumber(page, 'Generations', 50);
    await setNumber(page, 'Workers (0 = auto)', 1);
    await page.getByRole('button', { name: 'Start search', exact: true }).click();

    const pause = page.getByRole('button', { name: 'Pause', exact: true });
    await page.waitForFunction(() => document.querySelector('[data-testid="best-candidate"]') !== null, null, { timeout: 60_000 });
    await pause.click();
    await page.getByRole('button', { name: 'Resume', exact: true }).waitFor();
    const status = page.getByRole('region', { name: 'Progress' }).locator('.progress__status');
    await status.filter({ hasText: /Paused/ }).waitFor({ timeout: 60_000 });

    // The paused generation is unfinished, and its results so far are drawn as hollow points.
    const chart = page.getByTestId('generation-chart');
    const unfinished = chart.getByTestId('generation-in-progress');
    await unfinished.waitFor({ timeout: 10_000 });
    assert.ok(Number(await chart.getAttribute('data-partial-count')) >= 1, 'the unfinished generation counts its results');
    const title = (await unfinished.locator('title').textContent()) ?? '';
    assert.match(title, /^Generation \d+, unfinished · Networks best [\d.]+%, mean [\d.]+% over \d+ networks? so far$/);
    assert.equal(title.split(',')[0], `Generation ${await chart.getAttribute('data-points')}`, 'the unfinished generation follows the finished ones');
    await page.screenshot({ path: 'test-results/search-paused.png' });

    // Paused time counts toward the run's clock, so the clock ticks on; no time-left estimate shows.
    await status.filter({ hasText: /clock (and any time budget )?keeps? running/ }).waitFor();
    const progress = page.getByRole('region', { name: 'Progress' });
    const clock = async () => /Time: (.+?) elapsed/.exec((await progress.textContent()) ?? '')?.[1];
    const pausedAt = await clock();
    await page.waitForFunction((before) => !document.querySelector('[aria-label="Progress"]')?.textContent?.includes(`Time: ${before} elapsed`), pausedAt, { timeout: 5_000 });
    assert.doesNotMatch((await progress.textContent()) ?? '', /left/, 'no time-left estimate while paused');

    // The Training and Compare tabs explain why they cannot start while a search holds the workers.
    const busy = 'A search is running; stop it on the Search tab first.';
    await page.getByRole('tab', { name: 'Training', exact: true }).click();
    await page.getByRole('region', { name: 'Training progress' }).filter({ hasText: `Not ready to train: ${busy}` }).waitFor({ timeout: 5_000 });
    await page.getByRole('tab', { name: 'Compare', exact: true }).click();
    await page.getByTestId('comparison-status').filter({ hasText: `Not ready to compare: ${busy}` }).waitFor({ timeout: 5_000 });
    await page.getByRole('tab', { name: 'Search', exact: true }).click();

    await page.getByRole('button', { name: 'Resume', exact: true }).click();
    await page.getByRole('button', { name: 'Stop', exact: true }).click();
    const final = await waitForFinish(page, 60_000);
    assert.match(final, /Search stopped/);
    assert.equal(await page.getByRole('button', { name: 'Start search', exact: true }).isEnabled(), true);
    await page.context().close();
  });
});

describe('backends in the browser', () => {
  it('trains candidates on WebGPU when chosen', async () => {
    const { page, errors } = await openApp(browser);
    await choose(page, 'Task', 'Gaussians');
    await choose(page, 'Backend', 'WebGPU');
    await setNumber(page, 'Generations', 1);
    await setNumber(page, 'Population (networks per generation)', 2);
    await setNumber(page, 'Epochs', 2);
    await setNumber(page, 'Workers (0 = auto)', 1);

    await page.getByRole('button', { name: 'Start search', exact: true }).click();
    const status = await waitForFinish(page, 240_000);
    await page.screenshot({ path: 'test-results/search-webgpu.png' });

    assert.match(status, /Search finished/);
    const progress = (await page.getByRole('region', { name: 'Progress' }).textContent()) ?? '';
    assert.match(progress, /Worker 1:\s*webgpu/);
    const rows = page.getByRole('region', { name: 'Leaderboard' }).getByRole('row');
    assert.ok((await rows.count()) >= 2, 'the leaderboard lists the WebGPU-trained candidates');
    assert.deepEqual(errors, []);
    await page.context().close();
  });

  it('skips the software WebGPU adapter in auto mode and says why', async () => {
    const { page } = await openApp(browser);
    await choose(page, 'Task', 'XOR');
    await setNumber(page, 'Generations', 1);
    await setNumber(page, 'Population (networks per generation)', 2);
    await setNumber(page, 'Epochs', 2);
    await setNumber(page, 'Workers (0 = auto)', 1);

    await page.getByRole('button', { name: 'Start search', exact: true }).click();
    await waitForFinish(page, 120_000);
    const progress = page.getByRole('region', { name: 'Progress' });

    assert.match((await progress.textContent()) ?? '', /Worker 1:\s*wasm/);
    assert.match(await progress.innerHTML(), /software/);

    // The notes open over the page, and a press elsewhere or Escape closes them.
    const notes = progress.locator('details.workers__notes');
    await notes.locator('summary').click();
    assert.match((await notes.locator('li').first().textContent()) ?? '', /^Worker 1: WebGPU unavailable: .*software/);
    await page.getByRole('heading', { name: 'Leaderboard' }).click();
    assert.equal(await notes.evaluate((element) => (element as HTMLDetailsElement).open), false, 'a press outside closes the notes');
    await notes.locator('summary').click();
    await page.keyboard.press('Escape');
    assert.equal(await notes.evaluate((element) => (element as HTMLDetailsElement).open), false, 'Escape closes the notes');
    await page.context().close();
  });
});
