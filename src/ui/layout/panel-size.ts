/** Bounds of the resizable run panel, in CSS pixels. */

export const MIN_RUN_PANEL_HEIGHT = 280;
/** The largest zoom of presentation mode; session.css applies `presentationZoom` on <body>. */
export const PRESENTATION_ZOOM = 1.2;
/** The narrowest page, in CSS pixels, that the layout fits without cramping. */
export const MIN_PAGE_WIDTH = 1024;
/**
 * The smallest page height, in CSS pixels, that presentation mode zooms to. At 1.2× a 1280 × 720
 * projector left a 600 px page, where the fitness chart shrank to about 60 px.
 */
export const MIN_PRESENTATION_PAGE_HEIGHT = 660;

/**
 * Returns presentation mode's zoom for a window `windowWidth` × `windowHeight` pixels: up to
 * PRESENTATION_ZOOM, but never so much that the page gets narrower than MIN_PAGE_WIDTH or
 * lower than MIN_PRESENTATION_PAGE_HEIGHT, and never below 1.
 */
export function presentationZoom(windowWidth: number, windowHeight: number): number {
  return Math.max(1, Math.min(PRESENTATION_ZOOM, windowWidth / MIN_PAGE_WIDTH, windowHeight / MIN_PRESENTATION_PAGE_HEIGHT));
}
/** Room kept above the run panel for the header and a usable canvas. */
export const MIN_WORKSPACE_HEIGHT = 240;

/** Shares of the window the run panel takes by default, and in presentation mode, where the room watches the results. */
export const RUN_PANEL_SHARE = 0.45;
export const PRESENTATION_RUN_PANEL_SHARE = 0.5;

/** Returns the run panel's default height: `share` of the window, within its bounds. */
export function defaultRunPanelHeight(viewportHeight: number, share = RUN_PANEL_SHARE): number {
  return clampRunPanelHeight(Math.round(viewportHeight * share), viewportHeight);
}

export function clampRunPanelHeight(height: number, viewportHeight: number): number {
  const max = Math.max(MIN_RUN_PANEL_HEIGHT, viewportHeight - MIN_WORKSPACE_HEIGHT);
  return Math.round(Math.min(max, Math.max(MIN_RUN_PANEL_HEIGHT, height)));
}
