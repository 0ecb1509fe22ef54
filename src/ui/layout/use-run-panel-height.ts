/** The run panel's height: user-resizable, kept within bounds as the window resizes. */

import { useEffect, useState } from 'react';
import { MIN_RUN_PANEL_HEIGHT, MIN_WORKSPACE_HEIGHT, clampRunPanelHeight, defaultRunPanelHeight } from './panel-size';

export function useRunPanelHeight() {
  const [viewport, setViewport] = useState(() => window.innerHeight);
  const [requested, setRequested] = useState(() => defaultRunPanelHeight(window.innerHeight));

  useEffect(() => {
    const onResize = () => setViewport(window.innerHeight);
    window.addEventListener('resize', onResize);
    return () => window.removeEventListener('resize', onResize);
  }, []);

  return {
    height: clampRunPanelHeight(requested, viewport),
    min: MIN_RUN_PANEL_HEIGHT,
    max: Math.max(MIN_RUN_PANEL_HEIGHT, viewport - MIN_WORKSPACE_HEIGHT),
    resize: (height: number) => setRequested(clampRunPanelHeight(height, viewport)),
  };
}
