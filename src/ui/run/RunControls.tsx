/** Start, pause, resume and stop buttons. A disabled button shows the reason in a tooltip. */

import * as Tooltip from '@radix-ui/react-tooltip';
import { useId } from 'react';
import { isComparisonActive } from '../../state/comparison-state';
import { isTrainingActive } from '../../state/training-state';
import { exhaustiveBlocker } from '../inspector/exhaustive-text';
import { useExhaustiveEstimate } from '../inspector/use-exhaustive-estimate';
import { useGraphBlockReason } from '../editor/graph-readiness';
import { useActions, useApp } from '../store-context';
import { controlStates, type RunCommand } from './control-states';

interface CommandButtonProps {
  readonly label: string;
  readonly reason: string | null;
  readonly primary?: boolean;
  onPress(): void;
}

export function CommandButton({ label, reason, primary, onPress }: CommandButtonProps) {
  const reasonId = useId();
  const button = (
    <button
      type="button"
      className={primary ? 'button button--primary' : 'button'}
      disabled={reason !== null}
      aria-describedby={reason ? reasonId : undefined}
      onClick={onPress}
    >
      {label}
    </button>
  );
  if (!reason) return button;

  // A disabled button receives no pointer events, so the tooltip hangs on a wrapper.
  return (
    <Tooltip.Root>
      <Tooltip.Trigger asChild>
        <span className="button-wrapper">
          {button}
          <span id={reasonId} className="visually-hidden">
            {reason}
          </span>
        </span>
      </Tooltip.Trigger>
      <Tooltip.Portal>
        <Tooltip.Content className="tooltip" side="top" sideOffset={6}>
          {reason}
          <Tooltip.Arrow className="tooltip__arrow" />
        </Tooltip.Content>
      </Tooltip.Portal>
    </Tooltip.Root>
  );
}

const LABELS: Record<RunCommand, string> = { start: 'Start search', pause: 'Pause', resume: 'Resume', stop: 'Stop' };

export function RunControls() {
  const phase = useApp((state) => state.run.phase);
  const errorCount = useApp((state) => state.configErrors.length);
  const actions = useActions();
  const graphProblem = useGraphBlockReason();
  const training = useApp((state) => isTrainingActive(state.training));
  const comparing = useApp((state) => isComparisonActive(state.comparison));
  const exhaustiveProblem = exhaustiveBlocker(useExhaustiveEstimate());
  let startBlocker = graphProblem ?? exhaustiveProblem;
  if (comparing) startBlocker = 'A comparison is running; stop it first.';
  if (training) startBlocker = 'A network is training; stop it first.';
  const states = controlStates(phase, errorCount, startBlocker);

  const handlers: Record<RunCommand, () => void> = {
    start: () => void actions.startSearch(),
    pause: actions.pauseSearch,
    resume: actions.resumeSearch,
    stop: actions.stopSearch,
  };

  return (
    <div className="run-controls" role="group" aria-label="Run controls">
      {(Object.keys(LABELS) as RunCommand[]).map((command) => (
        <CommandButton key={command} label={LABELS[command]} reason={states[command]} primary={command === 'start'} onPress={handlers[command]} />
      ))}
    </div>
  );
}
