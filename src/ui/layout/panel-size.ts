/** Bounds of the resizable run panel, in CSS pixels. */

export const MIN_RUN_PANEL_HEIGHT = 200;
/** The zoom of presentation mode; session.css sets the same factor on <body>. */
export const PRESENTATION_ZOOM = 1.2;
/** Room kept above the run panel for the header and a usable canvas. */
export const MIN_WORKSPACE_HEIGHT = 240;

/** Returns the run panel's default height: about 45% of the window, within its bounds. */
export function defaultRunPanelHeight(viewportHeight: number): number {
  return clampRunPanelHeight(Math.round(viewportHeight * 0.45), viewportHeight);
}

export function clampRunPanelHeight(height: number, viewportHeight: number): number {
  const max = Math.max(MIN_RUN_PANEL_HEIGHT, viewportHeight - MIN_WORKSPACE_HEIGHT);
  return Math.round(Math.min(max, Math.max(MIN_RUN_PANEL_HEIGHT, height)));
}
