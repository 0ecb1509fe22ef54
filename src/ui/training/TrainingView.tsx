/**
 * The run panel's Training tab: the status of training the editor's network alone, its
 * loss and accuracy curves, and what it predicts over the input space.
 */

import '../styles/training.css';
import { PredictionPlot } from './PredictionPlot';
import { TrainingCurve } from './TrainingCurve';
import { TrainingProgress } from './TrainingProgress';

export function TrainingView() {
  return (
    <>
      <div className="run-panel__toolbar">
        <TrainingProgress />
      </div>
      <div className="run-panel__views training-views">
        <TrainingCurve metric="loss" />
        <TrainingCurve metric="score" />
        <PredictionPlot />
      </div>
    </>
  );
}
