/** The bottom panel: run controls and progress, the fitness chart, the best network and the leaderboard. */

import { BestArchitecture } from './BestArchitecture';
import { FitnessChart } from './FitnessChart';
import { Leaderboard } from './Leaderboard';
import { ProgressView } from './ProgressView';
import { RunControls } from './RunControls';

export function RunPanel({ height }: { height: number }) {
  return (
    <section className="run-panel" style={{ height }} aria-label="Run">
      <div className="run-panel__side">
        <RunControls />
        <ProgressView />
      </div>
      <FitnessChart />
      <BestArchitecture />
      <Leaderboard />
    </section>
  );
}
