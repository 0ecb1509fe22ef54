/**
 * The one-screen layout: header, palette, canvas, inspector and the resizable run panel. In a
 * window too narrow for it, such as a phone's, narrow.css stacks the same panels in one
 * scrolling column instead: the run panel first, so that a shared link's results are the first
 * thing on screen. Both widths render this one tree, so crossing the breakpoint keeps every
 * component mounted: open dialogs, the chosen run panel tab and editor state stay as they are.
 */

import { Canvas } from './canvas/Canvas';
import { ErrorAlert } from './ErrorAlert';
import { Header } from './header/Header';
import { Inspector } from './inspector/Inspector';
import { ResizeHandle } from './layout/ResizeHandle';
import { useRunPanelHeight } from './layout/use-run-panel-height';
import { Palette } from './palette/Palette';
import { RunPanel } from './run/RunPanel';
import { SessionNotices } from './session/SessionNotice';
import { SessionProvider } from './session/session-context';
import './styles/narrow.css';

export function App() {
  const panel = useRunPanelHeight();
  return (
    <SessionProvider>
      <div className="app">
        <Header />
        <div className="workspace">
          <Palette />
          <div className="workspace__centre">
            <ErrorAlert />
            <SessionNotices />
            <div className="workspace__editor">
              <p className="workspace__editor-note">Building networks works best on a wider screen.</p>
              <Canvas />
            </div>
          </div>
          <Inspector />
        </div>
        <ResizeHandle height={panel.height} min={panel.min} max={panel.max} onResize={panel.resize} />
        <RunPanel height={panel.height} />
      </div>
    </SessionProvider>
  );
}
