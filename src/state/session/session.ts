/**
 * The page session around the app store. It opens the link the page was loaded with and
 * keeps the address bar in step with the setup. It records runs in IndexedDB, resumes an
 * interrupted one, and serves the run history, the replay of a shared search and imports.
 * Its own small store contains what the menus and notices show.
 */

import { createStore, type StoreApi } from 'zustand/vanilla';
import { TASKS, describeShape, loadedFileShape, sameFileShape, taskName } from '../../data/tasks';
import { TASK_IDS } from '../../data/types';
import type { EvaluatedCandidate, PreviousResult } from '../../workers/coordinator';
import { readGenomeFile } from '../files/genome-file';
import { importKerasTopology } from '../files/keras-import';
import { bestOf, readRunFile, type ImportedRun } from '../files/run-file';
import { shapeContextOf } from '../graph-context';
import type { RunDatabase, StoredRun } from '../persist/run-db';
import { RunRecorder, isViewOnlyRun } from '../persist/run-recorder';
import { RECORD_SCHEMA, type RunRecord } from '../persist/run-records';
import { encodeStoredSetup, readStoredSetup, storeSetup } from '../persist/setup-storage';
import { IDLE_RUN, runSettingsOf } from '../run-state';
import { decodeShareFragment, shareFragment, type LinkDecodeResult } from '../share/link-codec';
import { DEFAULT_VIEW, type RestoreNote, type ShareState, type SharedResult, type ViewOptions } from '../share/share-state';
import type { AppStore } from '../store';
import { currentSetup, isRunActive, isTaskDefault, loadSetup, resultsKey, setupKey, setupOfRecord, taskDefaultSetup, type Setup } from './setup';
import { compareReplay, evaluatedFromShared, sharedResultsOf, viewRunState, type ReplayComparison } from './shared-run';

/** The address bar, as far as the session uses it. */
export interface AddressBar {
  /** The current fragment, without `#`. */
  readonly fragment: string;
  /** Replaces the fragment without adding a history entry. */
  replace(fragment: string): void;
  /** Adds a history entry with the fragment, so that Back returns to the one before. */
  push(fragment: string): void;
}

/** The Web Locks the session uses to tell a run going on in another tab from an interrupted one. */
export interface RunLocks {
  /** Holds the lock of `name` until `released` settles. */
  hold(name: string, released: Promise<void>): void;
  /** Names of the locks some page holds now. */
  held(): Promise<string[]>;
}

export interface SessionDependencies {
  readonly address: AddressBar;
  /** Opens the run database; rejects where IndexedDB is unavailable. */
  readonly openDatabase: () => Promise<RunDatabase>;
  readonly locks?: RunLocks | null;
  /** Milliseconds the address bar waits after the last edit before it is updated. */
  readonly addressDelayMs?: number;
  /**
   * The localStorage that keeps the last edited setup, for a page opened without a setup in its
   * address. Without it, the session neither reads nor writes one.
   */
  readonly setupStorage?: Storage | null;
}

export interface SessionNotice {
  /** Changes with every notice, so repeats are announced. */
  readonly id: number;
  readonly title: string;
  readonly error: string | null;
  readonly notes: readonly RestoreNote[];
  /**
   * Whether the notice is about the address: an opened link, or a history entry added so that
   * Back returns to an edited network. The next link, or Back, replaces it.
   */
  readonly fromLink?: boolean;
  /** A button the notice offers: `task-defaults` opens the task's default setup (`resetToTaskDefaults`). */
  readonly action?: 'task-defaults';
}

export interface SharedView {
  readonly results: readonly SharedResult[];
  readonly replayRunId: string | null;
  readonly comparison: ReplayComparison | null;
}

export interface SessionState {
  readonly notice: SessionNotice | null;
  readonly view: ViewOptions;
  readonly shared: SharedView | null;
  readonly storage: 'opening' | 'ready' | 'unavailable';
  readonly storageMessage: string | null;
  /** Saved runs, newest first. */
  readonly runs: readonly RunRecord[];
  /** Ids of saved runs that a search in another tab is running now. */
  readonly runsElsewhere: readonly string[];
  /** The run resumed after the page loaded, with the number of evaluations it brought back. */
  readonly resumed: { readonly runId: string; readonly evaluations: number } | null;
}

const INITIAL: SessionState = {
  notice: null,
  view: DEFAULT_VIEW,
  shared: null,
  storage: 'opening',
  storageMessage: null,
  runs: [],
  runsElsewhere: [],
  resumed: null,
};

const RUN_LOCK_PREFIX = 'nas-playground-run:';
const SHARED_VIEW_ID = 'shared';
const BACK_TO_EDITS = "The browser's Back button returns to the network you were editing.";

export class Session {
  readonly store: StoreApi<SessionState> = createStore<SessionState>()(() => INITIAL);
  private db: RunDatabase | null = null;
  private recorder: RunRecorder | null = null;
  private started = false;
  private addressTimer: ReturnType<typeof setTimeout> | null = null;
  private heldRun: { id: string; release: () => void } | null = null;
  /** The run on display and the `resultsKey` of the setup its results came from. */
  private resultsSetup: { runId: string | null; key: string } | null = null;
  /** The stored text of the setup this page last wrote to the setup storage, or opened on. */
  private storedSetupText: string | null = null;
  private setupStorageWarned = false;

  constructor(
    private readonly app: AppStore,
    private readonly dependencies: SessionDependencies,
  ) {}

  private get state(): SessionState {
    return this.store.getState();
  }

  private set(partial: Partial<SessionState>): void {
    this.store.setState(partial);
  }

  notify(title: string, error: string | null, notes: readonly RestoreNote[] = [], fromLink = false, action?: SessionNotice['action']): void {
    this.set({ notice: { id: (this.state.notice?.id ?? 0) + 1, title, error, notes, fromLink, ...(action ? { action } : {}) } });
  }

  dismissNotice(): void {
    this.set({ notice: null });
  }

  /** Hides the notice of a resumed run; the run goes on. */
  dismissResumed(): void {
    this.set({ resumed: null });
  }

  /**
   * Opens the page's link, or the setup last edited in this browser when the address names
   * none. Then follows the app store, opens the run database and resumes an interrupted run
   * when the page opened on its setup or on no link. Runs once per session.
   */
  async start(): Promise<void> {
    if (this.started) return;
    this.started = true;
    const decoded = this.openFragment(this.dependencies.address.fragment);
    const restored = decoded.kind === 'none' ? this.restoreStoredSetup() : null;
    // Only changes made on this page replace the stored setup, so opening a tab never does.
    this.storedSetupText = encodeStoredSetup(currentSetup(this.app.getState()));
    if (restored !== null) this.writeAddress('replace');

    this.app.subscribe((state, previous) => {
      if (state.config !== previous.config || state.graph !== previous.graph || state.editor.model !== previous.editor.model || state.run.runId !== previous.run.runId) {
        this.scheduleAddress();
      }
      if (state.run !== previous.run) this.followRun();
    });

    await this.openStorage();
    const interrupted = await this.interruptedRun();
    if (interrupted === null) {
      if (decoded.kind === 'state' && decoded.state.results.length === 0) await this.reopenEndedRun(decoded.state);
      if (restored !== null) await this.reopenEndedRun(restored);
      return;
    }
    const opened = decoded.kind === 'state' ? setupKey(decoded.state) : null;
    if (decoded.kind === 'none' || opened === setupKey(setupOfRecord(interrupted, []))) {
      // The resumed run's setup replaces a restored one, so the notice about that one goes.
      if (this.state.notice?.action === 'task-defaults') this.dismissNotice();
      await this.resumeRun(interrupted.id);
    } else {
      this.notify(`The search "${interrupted.name}" was interrupted. Open Runs to resume it.`, null);
    }
  }

  /** Writes pending run records, the address and the stored setup now, for example when the page is hidden. */
  flush(): Promise<void> {
    if (this.addressTimer) this.writeAddress('replace');
    return this.recorder?.flush() ?? Promise.resolve();
  }

  // ---- the setup kept for new tabs ------------------------------------------------------------

  /**
   * Opens the setup last edited in this browser, validated as a link's, with a notice that
   * reports it and offers the task's default setup. An entry that cannot be read is dropped,
   * with a notice that names what was wrong with it. Returns the setup opened, or null.
   */
  private restoreStoredSetup(): Setup | null {
    const storage = this.dependencies.setupStorage;
    if (!storage) return null;
    const read = readStoredSetup(storage);
    if (read.kind === 'none') return null;
    if (read.kind === 'invalid') {
      this.notify('The setup saved in this browser could not be restored and was discarded; the page shows the default setup.', read.error, read.notes);
      return null;
    }

    const setup = read.setup;
    this.applyShare({ ...setup, results: [] }, []);
    const name = taskName(setup.config.task);
    const offersDefaults = !isTaskDefault(setup);
    const title =
      read.notes.length > 0
        ? `Restored the last setup edited in this browser (${name}), but some of its values were ignored or changed.`
        : `Restored the last setup edited in this browser (${name}).`;
    this.notify(title, null, read.notes, true, offersDefaults ? 'task-defaults' : undefined);
    return setup;
  }

  /**
   * Replaces the page's setup with its task's default one. The setup shown before keeps its
   * history entry, so the browser's Back button opens it again.
   */
  resetToTaskDefaults(): void {
    const state = this.app.getState();
    if (isRunActive(state)) {
      this.notify('Stop the running search before opening the default setup.', null);
      return;
    }
    this.writeAddress('replace');
    const defaults = taskDefaultSetup(currentSetup(state).config);
    loadSetup(this.app, defaults);
    this.app.setState({ run: IDLE_RUN });
    this.resultsSetup = null;
    this.set({ shared: null });
    this.writeAddress('push');
    this.notify(`Opened the default setup of ${taskName(defaults.config.task)}. The browser's Back button returns to the setup shown before.`, null, [], true);
  }

  /** Keeps the page's setup as the last edited one, unless it is the one this page opened on or stored last. */
  private storeEditedSetup(): void {
    const storage = this.dependencies.setupStorage;
    // Until `start` has opened the page's setup, there is nothing of this page's to keep.
    if (!storage || this.storedSetupText === null) return;
    const setup = currentSetup(this.app.getState());
    const text = encodeStoredSetup(setup);
    if (text === this.storedSetupText) return;
    this.storedSetupText = text;
    const outcome = storeSetup(setup, storage);
    if (outcome !== 'stored' && !this.setupStorageWarned) {
      this.setupStorageWarned = true;
      const reason = outcome === 'too-large' ? 'it is larger than the storage keeps' : 'localStorage rejected it (full or blocked)';
      console.warn(`The setup was not saved for new tabs: ${reason}. A reload of this tab keeps it through the address.`);
    }
  }

  // ---- links ---------------------------------------------------------------------------------

  /** Opens a link's fragment, as on page load or when another link is pasted into the address bar. */
  openFragment(fragment: string): LinkDecodeResult {
    const decoded = decodeShareFragment(fragment);
    this.set({ view: decoded.view });
    // The notice of an earlier link no longer applies, whatever this one brings.
    if (this.state.notice?.fromLink) this.dismissNotice();
    if (decoded.kind === 'state') this.applyShare(decoded.state, decoded.notes);
    else if (decoded.kind === 'error') this.notify('The link could not be opened; the setup shown was kept.', decoded.error, decoded.notes, true);
    else if (decoded.notes.length > 0) this.notify('Some parts of the link were ignored.', null, decoded.notes, true);
    return decoded;
  }

  /** Shows a decoded link: its setup, and its results in place of a run, marked as shared. */
  applyShare(share: ShareState, notes: readonly RestoreNote[]): void {
    const before = this.app.getState();
    if (isRunActive(before)) {
      // The address already names the link, or the entry Back went to. A new entry names the
      // page's setup again and keeps the link's entry for Back once the search has stopped.
      this.writeAddress('push');
      this.notify('Stop the running search before opening another setup; then Back opens it.', null, [], true);
      return;
    }
    const setup = { config: share.config, graph: share.graph, positions: share.positions };
    // A link replaces the setup with a fresh undo history, so edits made before it cannot be undone.
    const lostEdits = before.editor.history.past.length > 0 && setupKey(currentSetup(before)) !== setupKey(setup);
    loadSetup(this.app, setup);
    const shown = share.results.length > 0;
    this.app.setState({ run: shown ? viewRunState(SHARED_VIEW_ID, runSettingsOf({ ...share.config, seedGenome: share.graph }), evaluatedFromShared(share.results, share.config), [], null, 0, false) : IDLE_RUN });
    this.resultsSetup = { runId: this.app.getState().run.runId, key: resultsKey(setup) };
    this.set({ shared: shown ? { results: share.results, replayRunId: null, comparison: null } : null });
    if (notes.length > 0) {
      const backHint = lostEdits ? ` ${BACK_TO_EDITS}` : '';
      this.notify(`The link was opened, but some of its values were ignored or changed.${backHint}`, null, notes, true);
    } else if (lostEdits) {
      this.notify('The link\'s setup replaced the network you were editing. The browser\'s Back button returns to it.', null, [], true);
    }
  }

  /**
   * Tells whether the results on display came from the setup the page shows now. After an
   * edit they no longer do, and a link carrying them would claim what a replay cannot repeat.
   */
  resultsMatchSetup(): boolean {
    const state = this.app.getState();
    return this.resultsSetup !== null && this.resultsSetup.runId === state.run.runId && this.resultsSetup.key === resultsKey(currentSetup(state));
  }

  /** Results a link made now would carry: those on display, while the setup they came from is unchanged. */
  private resultsToShare(includeResults: boolean): readonly SharedResult[] {
    if (!includeResults || !this.resultsMatchSetup()) return [];
    const state = this.app.getState();
    const shared = this.state.shared;
    if (state.run.runId === `view:${SHARED_VIEW_ID}`) return shared ? shared.results : [];
    return sharedResultsOf(state.run);
  }

  /** Returns the share link of the current setup, with the best results unless `includeResults` is false. */
  shareUrl(baseUrl: string, view: ViewOptions, includeResults = true): string {
    const state = this.app.getState();
    return `${baseUrl}#${shareFragment({ ...currentSetup(state), results: this.resultsToShare(includeResults) }, view)}`;
  }

  setView(view: ViewOptions): void {
    this.set({ view });
    this.scheduleAddress();
  }

  private scheduleAddress(): void {
    if (this.addressTimer) clearTimeout(this.addressTimer);
    this.addressTimer = setTimeout(() => this.writeAddress('replace'), this.dependencies.addressDelayMs ?? 400);
  }

  /**
   * Writes the page's setup into the address now, in place or as a new history entry, and
   * keeps it as the last edited setup for new tabs.
   */
  private writeAddress(mode: 'replace' | 'push'): void {
    if (this.addressTimer) clearTimeout(this.addressTimer);
    this.addressTimer = null;
    // The address carries the setup and, while shown, a link's results; a search's own results go in a copied link only.
    const shownShared = this.app.getState().run.runId === `view:${SHARED_VIEW_ID}`;
    const fragment = shareFragment({ ...currentSetup(this.app.getState()), results: this.resultsToShare(shownShared) }, this.state.view);
    if (fragment !== this.dependencies.address.fragment) this.dependencies.address[mode](fragment);
    this.storeEditedSetup();
  }

  /**
   * Loads a saved or imported run's setup in place of the page's. Loading starts a fresh undo
   * history, so when that drops edits, the edited setup keeps its own history entry and the
   * run's gets a new one: Back then opens the edited setup again, as it does after a link.
   * Returns whether edits were replaced; call `finishSetupReplacement` once the run shows.
   */
  private replaceSetup(setup: Setup): boolean {
    const before = this.app.getState();
    const current = currentSetup(before);
    // Edits made before a reload have no undo history, so a setup that is neither its task's
    // default nor that of the results on display counts as edited too.
    const edited = before.editor.history.past.length > 0 || (!(before.run.evaluations.length > 0 && this.resultsMatchSetup()) && !isTaskDefault(current));
    const lostEdits = edited && setupKey(current) !== setupKey(setup);
    if (lostEdits) this.writeAddress('replace');
    loadSetup(this.app, setup);
    return lostEdits;
  }

  private finishSetupReplacement(lostEdits: boolean): void {
    if (lostEdits) this.writeAddress('push');
  }

  /** Starts the link's search again with the link's seed, to reproduce its results. */
  async replaySearch(): Promise<void> {
    const shared = this.state.shared;
    if (!shared) return;
    const started = this.app.getState().actions.startSearch();
    this.set({ shared: { ...shared, replayRunId: this.app.getState().run.runId, comparison: null } });
    await started;
  }

  private followRun(): void {
    const run = this.app.getState().run;
    if (run.phase === 'starting' && run.runId !== this.resultsSetup?.runId) {
      // A search starts from the config and graph on the page, which are locked while it runs.
      this.resultsSetup = { runId: run.runId, key: resultsKey(currentSetup(this.app.getState())) };
    }
    const shared = this.state.shared;
    if (shared && shared.replayRunId === run.runId && run.phase === 'finished' && shared.comparison === null) {
      this.set({ shared: { ...shared, comparison: compareReplay(shared.results, run.evaluations) } });
    }
    this.holdRunLock(run.runId, isRunActive(this.app.getState()));
  }

  private holdRunLock(runId: string | null, active: boolean): void {
    if (this.heldRun && (!active || this.heldRun.id !== runId)) {
      this.heldRun.release();
      this.heldRun = null;
    }
    const locks = this.dependencies.locks;
    if (!active || runId === null || isViewOnlyRun(runId) || this.heldRun || !locks) return;
    let release: () => void = () => {};
    const released = new Promise<void>((resolve) => (release = resolve));
    locks.hold(`${RUN_LOCK_PREFIX}${runId}`, released);
    this.heldRun = { id: runId, release };
  }

  // ---- the run history ----------------------------------------------------------------------

  private async openStorage(): Promise<void> {
    try {
      this.db = await this.dependencies.openDatabase();
    } catch (error) {
      this.set({ storage: 'unavailable', storageMessage: `Runs are not saved: ${error instanceof Error ? error.message : String(error)}` });
      return;
    }
    this.recorder = new RunRecorder(this.app, this.db, {
      onSaved: () => void this.refreshRuns(),
      onError: (message) => this.set({ storageMessage: message }),
      isReplay: (runId) => this.state.shared?.replayRunId === runId,
    });
    this.recorder.start();
    this.set({ storage: 'ready' });
    await this.refreshRuns();
  }

  async refreshRuns(): Promise<void> {
    if (!this.db) return;
    const { runs, notes } = await this.db.listRuns();
    const held = new Set(await this.dependencies.locks?.held().catch(() => []) ?? []);
    const mine = this.heldRun ? `${RUN_LOCK_PREFIX}${this.heldRun.id}` : null;
    const runsElsewhere = runs.filter((run) => held.has(`${RUN_LOCK_PREFIX}${run.id}`) && `${RUN_LOCK_PREFIX}${run.id}` !== mine).map((run) => run.id);
    this.set({ runs, runsElsewhere });
    if (notes.length > 0 && this.state.notice === null) this.notify('Some saved runs could not be read and were skipped.', null, notes);
  }

  /** Finds the newest run that was still going when its page went away, unless another tab runs it. */
  /**
   * Shows again the newest ended run whose setup is exactly the one the page opened on. The
   * address keeps a page's setup but not its results, so a reload after a search would
   * otherwise show an empty run panel, with the results only in Runs.
   */
  private async reopenEndedRun(opened: Setup): Promise<void> {
    const key = setupKey(opened);
    const run = this.state.runs.find((record) => record.status !== 'running' && setupKey(setupOfRecord(record, [])) === key);
    if (run && !isRunActive(this.app.getState())) await this.openRun(run.id);
  }

  private async interruptedRun(): Promise<RunRecord | null> {
    const elsewhere = new Set(this.state.runsElsewhere);
    return this.state.runs.find((run) => run.status === 'running' && !elsewhere.has(run.id)) ?? null;
  }

  async loadRun(id: string): Promise<StoredRun | null> {
    return this.db ? this.db.getRun(id) : null;
  }

  /** Shows a saved run: its setup, charts and leaderboard, without training. */
  async openRun(id: string): Promise<void> {
    const stored = await this.loadRun(id);
    if (!stored) {
      this.notify(`The saved run "${id}" was not found; it may have been deleted in another tab.`, null);
      return;
    }
    if (isRunActive(this.app.getState())) {
      this.notify('Stop the running search before opening a saved run.', null);
      return;
    }
    const notes = [...stored.notes];
    const setup = setupOfRecord(stored.record, notes);
    const lostEdits = this.replaceSetup(setup);
    const outcome = stored.record.status === 'running' ? 'stopped' : stored.record.status;
    this.app.setState({ run: viewRunState(`saved:${id}`, runSettingsOf({ ...setup.config, seedGenome: setup.graph }), stored.candidates, stored.generations, outcome, stored.record.elapsedMs, true, stored.record.final ?? null) });
    this.resultsSetup = { runId: this.app.getState().run.runId, key: resultsKey(setup) };
    this.set({ shared: null });
    this.finishSetupReplacement(lostEdits);
    const backHint = lostEdits ? ` ${BACK_TO_EDITS}` : '';
    if (notes.length > 0) this.notify(`The run "${stored.record.name}" was opened, but some of its records were skipped or changed.${backHint}`, null, notes, lostEdits);
    else if (lostEdits) this.notify(`The run "${stored.record.name}" replaced the network you were editing. The browser's Back button returns to it.`, null, [], true);
  }

  /** Restarts an interrupted run with its saved results, so it continues where it stopped. */
  async resumeRun(id: string): Promise<void> {
    const stored = await this.loadRun(id);
    if (!stored || isRunActive(this.app.getState())) return;
    const notes = [...stored.notes];
    loadSetup(this.app, setupOfRecord(stored.record, notes));
    this.set({ shared: null, resumed: { runId: id, evaluations: stored.candidates.length } });

    const previousResults = new Map<string, PreviousResult>();
    for (const result of stored.candidates) if (!result.reused && !previousResults.has(result.candidate.hash)) previousResults.set(result.candidate.hash, result);
    const started = this.app.getState().actions.startSearch({ runId: id, previousResults, previousElapsedMs: stored.record.elapsedMs });
    // Show the saved charts at once; the coordinator sends the saved results again as it restores them.
    this.app.setState((state) =>
      state.run.runId === id
        ? { run: { ...state.run, evaluations: stored.candidates, generations: stored.generations, best: bestOf(stored.candidates), elapsedMs: stored.record.elapsedMs } }
        : {},
    );
    if (notes.length > 0) this.notify(`The run "${stored.record.name}" resumed, but some of its records were skipped.`, null, notes);
    await started;
  }

  async renameRun(id: string, name: string): Promise<void> {
    const trimmed = name.trim().slice(0, 120);
    if (!this.db || trimmed === '') return;
    await this.db.updateRun(id, { name: trimmed });
    await this.refreshRuns();
  }

  async deleteRun(id: string): Promise<void> {
    if (!this.db) return;
    await this.db.deleteRun(id);
    await this.refreshRuns();
  }

  // ---- imports ------------------------------------------------------------------------------

  /**
   * Reads a data file of the user's own and switches to its task. A malformed file leaves
   * the page as it was, and the notice names the line or field and the fix. Returns whether
   * the file was loaded.
   */
  loadDataFile(text: string, fileName: string): boolean {
    const { task } = this.app.getState().config;
    const recorded = task.id === 'custom' && task.file === fileName ? task.fileShape : undefined;
    const problem = this.app.getState().actions.loadDataFile({ name: fileName, text });
    if (problem !== null) {
      this.notify(`"${fileName}" could not be read as a data file; the task was not changed.`, problem);
      return false;
    }
    // A file of the setup's name but of another shape is not the file its results came from.
    const loaded = loadedFileShape();
    if (recorded && loaded && !sameFileShape(recorded, loaded)) {
      this.app.setState({ run: IDLE_RUN });
      this.set({ shared: null });
      this.notify(
        `"${fileName}" has ${describeShape(loaded)}, but the setup was made on a "${fileName}" of ${describeShape(recorded)}. Its results were left out, and its networks now take this file's shape.`,
        null,
      );
      return true;
    }
    if (this.state.notice !== null && !this.state.notice.fromLink) this.dismissNotice();
    return true;
  }

  /** Imports a run file: saves it in the history when storage works, and shows it. */
  async importRunFile(text: string, fileName: string): Promise<void> {
    const read = readRunFile(text);
    if (!read.ok) {
      this.notify(`"${fileName}" could not be imported.`, read.error);
      return;
    }
    if (isRunActive(this.app.getState())) {
      this.notify('Stop the running search before importing a run.', null);
      return;
    }
    const record = importedRecord(read.run, fileName);
    if (this.db) {
      await this.db.save(record, read.run.candidates, read.run.generations);
      await this.refreshRuns();
    }
    const { seedGenome, ...config } = read.run.config;
    const setup = { config, graph: seedGenome!, positions: read.run.positions };
    const lostEdits = this.replaceSetup(setup);
    this.app.setState({ run: viewRunState(`saved:${record.id}`, runSettingsOf(read.run.config), read.run.candidates, read.run.generations, read.run.status, read.run.elapsedMs, true, read.run.final) });
    this.resultsSetup = { runId: this.app.getState().run.runId, key: resultsKey(setup) };
    this.set({ shared: null });
    this.finishSetupReplacement(lostEdits);
    const backHint = lostEdits ? ` ${BACK_TO_EDITS}` : '';
    this.notify(`Imported "${fileName}" with ${read.run.candidates.length} candidates.${backHint}`, null, read.notes, lostEdits);
  }

  /** Imports a network into the editor from a Keras or TF.js model.json, or a genome file, as one undoable edit. */
  importNetwork(text: string, fileName: string): boolean {
    const context = shapeContextOf(this.app.getState().config);
    const looksLikeGenome = /"nodes"\s*:/.test(text.slice(0, 2000)) && !/"class_name"/.test(text.slice(0, 2000));
    const imported = looksLikeGenome ? readGenomeFile(text, context) : importKerasTopology(text, context);
    if (!imported.ok) {
      const errors = [...imported.errors];
      const shape = 'inputShape' in imported ? imported.inputShape : undefined;
      if (shape) errors.push(tasksWithInputs(shape));
      this.notify(`"${fileName}" could not be imported into the editor.`, errors.join(' '));
      return false;
    }
    this.app.getState().actions.setGraph(imported.genome);
    const notes = imported.notes.map((note) => (typeof note === 'string' ? { field: fileName, reason: note } : note));
    this.notify(`Imported the network from "${fileName}" into the editor.`, null, notes);
    return true;
  }
}

function importedRecord(run: ImportedRun, fileName: string): RunRecord {
  const best = bestOf(run.candidates as EvaluatedCandidate[]);
  const now = Date.now();
  return {
    schema: RECORD_SCHEMA,
    id: `import-${now.toString(36)}`,
    name: `Imported: ${fileName}`.slice(0, 120),
    createdAt: now,
    updatedAt: now,
    status: run.status,
    taskId: run.config.task.id,
    strategy: run.config.search.strategy,
    bestFitness: best?.metrics ? best.fitness : null,
    evaluations: run.candidates.length,
    elapsedMs: run.elapsedMs,
    config: run.config,
    positions: run.positions ? [...run.positions].map(([id, at]) => [id, at.x, at.y] as const) : undefined,
    source: 'imported',
    final: run.final ?? undefined,
  };
}

/** Names the tasks whose inputs have `shape`, as the fix for a model built for other inputs. */
function tasksWithInputs(shape: readonly (number | null)[]): string {
  // A null size (a sequence of any length, say) matches any.
  const fits = (inputShape: readonly number[]) => inputShape.length === shape.length && shape.every((size, axis) => size === null || size === inputShape[axis]);
  const names = TASK_IDS.filter((id) => id !== 'custom' && fits(TASKS[id].inputShape)).map((id) => TASKS[id].name);
  if (names.length > 0) return `Choose ${names.join(' or ')} under Task, whose inputs have that shape, and import the file again.`;
  if (shape.length === 1 && shape[0] !== null) return `No task here has inputs of shape ${JSON.stringify(shape)}; a data file with ${shape[0]} feature columns would.`;
  return `No task here has inputs of shape ${JSON.stringify(shape)}.`;
}
