/**
 * The run panel's Search tab: a toolbar with the run controls and progress above three live
 * views, the fitness chart, the best network and the leaderboard.
 */

import { BestArchitecture } from './BestArchitecture';
import { FitnessChart } from './FitnessChart';
import { Leaderboard } from './Leaderboard';
import { RunToolbar } from './RunToolbar';

export function SearchView() {
  // Stacked in a narrow window, narrow.css moves the leaderboard before the network diagram.
  return (
    <>
      <RunToolbar />
      <div className="run-panel__views">
        <FitnessChart />
        <BestArchitecture />
        <Leaderboard />
      </div>
    </>
  );
}
