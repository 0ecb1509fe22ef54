/** The drag-and-drop data type that carries a layer kind from the palette to the canvas. */
export const LAYER_DRAG_TYPE = 'application/x-nas-layer';
