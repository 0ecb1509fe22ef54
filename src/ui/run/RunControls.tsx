/** Start, pause, resume and stop buttons. A disabled button shows the reason in a tooltip. */

import * as Tooltip from '@radix-ui/react-tooltip';
import { useId, useRef, useState } from 'react';
import { isComparisonActive } from '../../state/comparison-state';
import { isTrainingActive } from '../../state/training-state';
import { exhaustiveBlocker } from '../inspector/exhaustive-text';
import { useExhaustiveEstimate } from '../inspector/use-exhaustive-estimate';
import { useFocusHandoff } from '../controls/use-focus-handoff';
import { useGraphBlockReason } from '../editor/graph-readiness';
import { useActions, useApp } from '../store-context';
import { controlStates, type RunCommand } from './control-states';

interface CommandButtonProps {
  readonly label: string;
  readonly reason: string | null;
  readonly primary?: boolean;
  /** The button's name for `useFocusHandoff` in its group. */
  readonly command?: string;
  onPress(): void;
}

export function CommandButton({ label, reason, primary, command, onPress }: CommandButtonProps) {
  const reasonId = useId();
  // Only a disabled button shows its reason, but the tooltip and its wrapper stay mounted
  // either way, because a new element tree would mount a new button and drop the keyboard focus.
  const [tooltipOpen, setTooltipOpen] = useState(false);

  // A disabled button receives no pointer events, so the tooltip hangs on a wrapper.
  return (
    <Tooltip.Root open={tooltipOpen && reason !== null} onOpenChange={setTooltipOpen}>
      <Tooltip.Trigger asChild>
        <span className="button-wrapper">
          <button
            type="button"
            className={primary ? 'button button--primary' : 'button'}
            disabled={reason !== null}
            aria-describedby={reason ? reasonId : undefined}
            data-command={command}
            onClick={onPress}
          >
            {label}
          </button>
          {reason && (
            <span id={reasonId} className="visually-hidden">
              {reason}
            </span>
          )}
        </span>
      </Tooltip.Trigger>
      {reason && (
        <Tooltip.Portal>
          <Tooltip.Content className="tooltip" side="top" sideOffset={6}>
            {reason}
            <Tooltip.Arrow className="tooltip__arrow" />
          </Tooltip.Content>
        </Tooltip.Portal>
      )}
    </Tooltip.Root>
  );
}

const LABELS: Record<RunCommand, string> = { start: 'Start search', pause: 'Pause', resume: 'Resume', stop: 'Stop' };

/**
 * The commands that take the focus, in order, when a command disables its own button. Start
 * hands the focus to Pause alone. Pause is disabled while a search starts, so the group keeps
 * the focus until then, and a held or double Enter on Start cannot reach Stop.
 */
const SUCCESSORS: Record<RunCommand, readonly RunCommand[]> = {
  start: ['pause'],
  pause: ['resume', 'stop'],
  resume: ['pause', 'stop'],
  stop: ['start'],
};

/**
 * Returns why Start search would be disabled with no search running, or null: a settings
 * error, a problem with the starting network, an exhaustive space too large, or a comparison
 * or a training running.
 */
export function useStartBlocker(): string | null {
  const errorCount = useApp((state) => state.configErrors.length);
  const graphProblem = useGraphBlockReason();
  const training = useApp((state) => isTrainingActive(state.training));
  const comparing = useApp((state) => isComparisonActive(state.comparison));
  const exhaustiveProblem = exhaustiveBlocker(useExhaustiveEstimate());
  let blocker = graphProblem ?? exhaustiveProblem;
  if (comparing) blocker = 'A comparison is running; stop it on the Compare tab first.';
  if (training) blocker = 'A network is training; stop it on the Training tab first.';
  return controlStates('idle', errorCount, blocker).start;
}

export function RunControls() {
  const phase = useApp((state) => state.run.phase);
  const actions = useActions();
  const states = controlStates(phase, 0, useStartBlocker());
  const group = useRef<HTMLDivElement>(null);
  const notePress = useFocusHandoff(group, SUCCESSORS);

  const handlers: Record<RunCommand, () => void> = {
    start: () => void actions.startSearch(),
    pause: actions.pauseSearch,
    resume: actions.resumeSearch,
    stop: actions.stopSearch,
  };

  return (
    <div className="run-controls" role="group" aria-label="Run controls" ref={group} tabIndex={-1}>
      {(Object.keys(LABELS) as RunCommand[]).map((command) => (
        <CommandButton
          key={command}
          label={LABELS[command]}
          reason={states[command]}
          primary={command === 'start'}
          command={command}
          onPress={() => {
            notePress(command);
            handlers[command]();
          }}
        />
      ))}
    </div>
  );
}
