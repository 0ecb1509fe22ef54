/** The one-screen layout: header, palette, canvas, inspector and the resizable run panel. */

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
            <Canvas />
          </div>
          <Inspector />
        </div>
        <ResizeHandle height={panel.height} min={panel.min} max={panel.max} onResize={panel.resize} />
        <RunPanel height={panel.height} />
      </div>
    </SessionProvider>
  );
}
