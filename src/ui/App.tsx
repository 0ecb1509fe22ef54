/**
 * The one-screen layout: header, palette, canvas, inspector and the resizable run panel. In a
 * window too narrow for it, such as a phone's, the panels stack in one scrolling column instead:
 * the run panel first, so that a shared link's results are the first thing on screen.
 */

import { Canvas } from './canvas/Canvas';
import { ErrorAlert } from './ErrorAlert';
import { Header } from './header/Header';
import { Inspector } from './inspector/Inspector';
import { ResizeHandle } from './layout/ResizeHandle';
import { useNarrowLayout } from './layout/use-narrow-layout';
import { useRunPanelHeight } from './layout/use-run-panel-height';
import { Palette } from './palette/Palette';
import { RunPanel } from './run/RunPanel';
import { SessionNotices } from './session/SessionNotice';
import { SessionProvider } from './session/session-context';
import './styles/narrow.css';

function WideLayout() {
  const panel = useRunPanelHeight();
  return (
    <div className="app">
      <Header />
      <div className="workspace">
        <Palette />
        <div className="workspace__centre">
          <ErrorAlert />
          <SessionNotices />
          <Canvas />
        </div>
        <Inspector />
      </div>
      <ResizeHandle height={panel.height} min={panel.min} max={panel.max} onResize={panel.resize} />
      <RunPanel height={panel.height} />
    </div>
  );
}

function NarrowLayout() {
  return (
    <div className="app app--narrow">
      <Header />
      <ErrorAlert />
      <SessionNotices />
      <RunPanel />
      <div className="narrow-editor">
        <p className="narrow-editor__note">Building networks works best on a wider screen.</p>
        <Canvas />
      </div>
      <Palette />
      <Inspector />
    </div>
  );
}

export function App() {
  const narrow = useNarrowLayout();
  return <SessionProvider>{narrow ? <NarrowLayout /> : <WideLayout />}</SessionProvider>;
}
