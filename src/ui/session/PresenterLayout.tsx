/**
 * Applies a link's view options to the page: `present` enlarges everything for a projector,
 * and `hide` removes the named panels. Both work through attributes on <html> that the
 * session style sheet reads, so no panel needs to know about them.
 */

import { useEffect } from 'react';
import { useSession, useSessionState } from './session-context';
import { applyViewAttributes } from './view-attributes';

export function PresenterLayout() {
  const session = useSession();
  const view = useSessionState((state) => state.view);

  useEffect(() => {
    applyViewAttributes(view);
    // The zoom follows the window's width.
    const onResize = () => applyViewAttributes(view);
    window.addEventListener('resize', onResize);
    return () => window.removeEventListener('resize', onResize);
  }, [view]);

  if (!view.present && view.hide.length === 0) return null;
  return (
    <button type="button" className="button presenter-exit" onClick={() => session.setView({ present: false, hide: [] })}>
      Exit presentation
    </button>
  );
}
