/**
 * The run panel's height: user-resizable, kept within bounds as the window resizes. Heights
 * are in the page's CSS pixels, which presentation mode's zoom makes fewer than the window's.
 */

import { useEffect, useState } from 'react';
import {
  MIN_RUN_PANEL_HEIGHT,
  MIN_WORKSPACE_HEIGHT,
  PRESENTATION_RUN_PANEL_SHARE,
  RUN_PANEL_SHARE,
  clampRunPanelHeight,
  defaultRunPanelHeight,
  presentationZoom,
} from './panel-size';

const presenting = () => document.documentElement.dataset.present !== undefined;

/** Returns the window's height in the page's CSS pixels. */
function pageHeight(): number {
  return Math.round(window.innerHeight / (presenting() ? presentationZoom(window.innerWidth, window.innerHeight) : 1));
}

/** Returns the run panel's default height for the window and mode the page is in now. */
const defaultHeight = () => defaultRunPanelHeight(pageHeight(), presenting() ? PRESENTATION_RUN_PANEL_SHARE : RUN_PANEL_SHARE);

export function useRunPanelHeight() {
  const [viewport, setViewport] = useState(pageHeight);
  const [requested, setRequested] = useState(defaultHeight);

  useEffect(() => {
    const onResize = () => setViewport(pageHeight());
    window.addEventListener('resize', onResize);
    // Entering or leaving presentation mode changes the zoom: start again from the default share.
    const zoom = new MutationObserver(() => {
      setViewport(pageHeight());
      setRequested(defaultHeight());
    });
    zoom.observe(document.documentElement, { attributes: true, attributeFilter: ['data-present'] });
    return () => {
      window.removeEventListener('resize', onResize);
      zoom.disconnect();
    };
  }, []);

  return {
    height: clampRunPanelHeight(requested, viewport),
    min: MIN_RUN_PANEL_HEIGHT,
    max: Math.max(MIN_RUN_PANEL_HEIGHT, viewport - MIN_WORKSPACE_HEIGHT),
    resize: (height: number) => setRequested(clampRunPanelHeight(height, viewport)),
  };
}
