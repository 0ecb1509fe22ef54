/** A badge on the run views when they show results that were not trained by this page's search. */

import { useApp } from '../store-context';

export function SharedBadge() {
  const runId = useApp((state) => state.run.runId);
  if (runId === 'view:shared') return <span className="shared-badge" data-testid="shared-badge">shared results</span>;
  if (runId?.startsWith('view:saved:')) return <span className="shared-badge">saved run</span>;
  return null;
}
