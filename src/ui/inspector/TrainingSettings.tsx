/** Training settings of each candidate: epochs, batch size, learning rate and optimizer. */

import { OPTIMIZERS, type OptimizerName } from '../../train/types';
import { SelectField, type SelectOption } from '../controls/SelectField';
import { useActions, useApp } from '../store-context';
import { ConfigNumber } from './ConfigNumber';

const OPTIMIZER_LABELS: Record<OptimizerName, string> = {
  adam: 'Adam',
  sgd: 'SGD',
  momentum: 'SGD with momentum',
  rmsprop: 'RMSprop',
};

const OPTIMIZER_OPTIONS: SelectOption<OptimizerName>[] = OPTIMIZERS.map((name) => ({ value: name, label: OPTIMIZER_LABELS[name] }));

export function TrainingSettings({ locked }: { locked: boolean }) {
  const optimizer = useApp((state) => state.config.training.optimizer);
  const { setOptimizer } = useActions();

  return (
    <section className="inspector__section" aria-labelledby="inspector-training">
      <h3 id="inspector-training">Training</h3>
      <ConfigNumber path="training.epochs" disabled={locked} />
      <ConfigNumber path="training.batchSize" disabled={locked} />
      <ConfigNumber path="training.learningRate" disabled={locked} />
      <SelectField label="Optimizer" value={optimizer} options={OPTIMIZER_OPTIONS} onChange={setOptimizer} disabled={locked} />
    </section>
  );
}
