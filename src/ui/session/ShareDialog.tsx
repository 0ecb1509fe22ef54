/**
 * The Share dialog: the link of the current setup with its best results, its length with a
 * warning where chat tools or browsers may cut it, presentation options and "Copy link".
 */

import { useState } from 'react';
import { LINK_MAX_CHARS, LINK_WARN_CHARS } from '../../state/share/link-codec';
import { PANEL_NAMES, type PanelName } from '../../state/share/share-state';
import { useApp } from '../store-context';
import { useSession } from './session-context';
import { SessionDialog } from './SessionDialog';

const PANEL_LABELS: Record<PanelName, string> = {
  palette: 'Palette',
  inspector: 'Settings panel',
  run: 'Run panel',
  charts: 'Fitness chart',
  architecture: 'Best architecture',
  leaderboard: 'Leaderboard',
  controls: 'Run controls',
  menu: 'Share, Runs, Export and Import',
};

function lengthAdvice(length: number): { text: string; level: 'ok' | 'warn' | 'danger' } {
  const count = `${length.toLocaleString('en-US')} characters`;
  if (length > LINK_MAX_CHARS) return { text: `${count}: longer than some browsers and servers accept (about ${LINK_MAX_CHARS.toLocaleString('en-US')}). Share a run file instead, or leave the results out.`, level: 'danger' };
  if (length > LINK_WARN_CHARS) return { text: `${count}: longer than many chat tools and mail clients keep intact (about ${LINK_WARN_CHARS.toLocaleString('en-US')}).`, level: 'warn' };
  return { text: `${count}: short enough for chat tools and browsers.`, level: 'ok' };
}

async function copyText(text: string, fallback: HTMLInputElement | null): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    // Without clipboard permission, select the text so the user can copy it by hand.
    fallback?.select();
    return false;
  }
}

export function ShareDialog() {
  const session = useSession();
  const [open, setOpen] = useState(false);
  const [includeResults, setIncludeResults] = useState(true);
  const [present, setPresent] = useState(false);
  const [hide, setHide] = useState<PanelName[]>([]);
  const [copied, setCopied] = useState<string | null>(null);
  const [input, setInput] = useState<HTMLInputElement | null>(null);
  // Renders again on every store change, so an open dialog shows the link of the current state.
  useApp((state) => state);

  const baseUrl = `${window.location.origin}${window.location.pathname}${window.location.search}`;
  const url = open ? session.shareUrl(baseUrl, { present, hide }, includeResults) : '';
  const hasResults = useApp((state) => state.run.evaluations.length > 0);
  const resultsLeftOut = open && includeResults && hasResults && !session.resultsMatchSetup();
  const advice = lengthAdvice(url.length);
  const dataFile = useApp((state) => (state.config.task.id === 'custom' ? (state.dataFile?.name ?? null) : null));

  const togglePanel = (panel: PanelName) => setHide((current) => (current.includes(panel) ? current.filter((p) => p !== panel) : [...current, panel]));
  const copy = async () => setCopied((await copyText(url, input)) ? 'Link copied to the clipboard.' : 'Copying was not allowed: the link is selected, press Ctrl+C to copy it.');

  return (
    <SessionDialog
      label="Share"
      title="Share this search"
      description="The link contains the task, the network, the candidate set, the strategy with its settings and seed, and the best architectures found. Opening it shows them without training and offers to replay the search."
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        setCopied(null);
      }}
    >
      <div className="share">
        <label className="share__field">
          <span>Share link</span>
          <input ref={setInput} className="share__link" readOnly value={url} onFocus={(event) => event.currentTarget.select()} />
        </label>
        <p className={`share__length share__length--${advice.level}`} data-testid="link-length" data-length={url.length}>
          {advice.text}
        </p>
        {dataFile !== null && (
          <p className="share__length share__length--warn">
            The link does not carry the rows of "{dataFile}": to search or train, whoever opens it chooses the same file under Task.
          </p>
        )}
        {resultsLeftOut && (
          <p className="share__note">The setup changed after these results were found, so the link leaves them out: a replay of it could not repeat them. Run the search again to share its results.</p>
        )}
        <div className="share__actions">
          <button type="button" className="button button--primary" onClick={() => void copy()}>
            Copy link
          </button>
          <span role="status" className="share__status">
            {copied}
          </span>
        </div>
        <fieldset className="share__options">
          <legend>Link options</legend>
          <label>
            <input type="checkbox" checked={includeResults} onChange={(event) => setIncludeResults(event.target.checked)} /> Include the best architectures (up to 10)
          </label>
          <label>
            <input type="checkbox" checked={present} onChange={(event) => setPresent(event.target.checked)} /> Presentation layout (larger text, for a projector)
          </label>
        </fieldset>
        <fieldset className="share__options share__options--grid">
          <legend>Hide when the link opens</legend>
          {PANEL_NAMES.map((panel) => (
            <label key={panel}>
              <input type="checkbox" checked={hide.includes(panel)} onChange={() => togglePanel(panel)} /> {PANEL_LABELS[panel]}
            </label>
          ))}
        </fieldset>
      </div>
    </SessionDialog>
  );
}
