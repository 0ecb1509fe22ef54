/**
 * The run panel's Search tab: a toolbar with the run controls and progress above three live
 * views, the fitness chart, the best network and the leaderboard.
 */

import { useNarrowLayout } from '../layout/use-narrow-layout';
import { BestArchitecture } from './BestArchitecture';
import { FitnessChart } from './FitnessChart';
import { Leaderboard } from './Leaderboard';
import { RunToolbar } from './RunToolbar';

export function SearchView() {
  // Stacked in a narrow window, the leaderboard comes before the network diagram, which needs
  // the most room. Keys let React move the views rather than mount them anew.
  const narrow = useNarrowLayout();
  const fitness = <FitnessChart key="fitness" />;
  const best = <BestArchitecture key="best" />;
  const leaderboard = <Leaderboard key="leaderboard" />;
  const views = narrow ? [fitness, leaderboard, best] : [fitness, best, leaderboard];
  return (
    <>
      <RunToolbar />
      <div className="run-panel__views">{views}</div>
    </>
  );
}
