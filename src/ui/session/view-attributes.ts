/** The attributes on <html> through which a link's view options lay out the page (see session.css). */

import type { ViewOptions } from '../../state/share/share-state';
import { presentationZoom } from '../layout/panel-size';

/** Sets the attributes the session style sheet reads; the provider calls it before the first render too. */
export function applyViewAttributes(view: ViewOptions): void {
  const root = document.documentElement;
  if (view.present) root.dataset.present = 'true';
  else delete root.dataset.present;
  root.style.setProperty('--presentation-zoom', String(presentationZoom(window.innerWidth, window.innerHeight)));
  if (view.hide.length > 0) root.dataset.hide = view.hide.join(' ');
  else delete root.dataset.hide;
}
