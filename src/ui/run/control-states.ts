/** The run buttons enabled in each phase, and the reason each other button is disabled. */

import type { RunPhase } from '../../state/run-state';

export type RunCommand = 'start' | 'pause' | 'resume' | 'stop';

/** For each command, null when it is available, or the reason it is not. */
export type ControlStates = Readonly<Record<RunCommand, string | null>>;

const NOT_RUNNING = 'No search is running.';

/** `graphProblem` is the reason the starting network cannot be searched from, or null when it can. */
export function controlStates(phase: RunPhase, configErrorCount: number, graphProblem: string | null = null): ControlStates {
  const active = phase === 'starting' || phase === 'running' || phase === 'paused' || phase === 'stopping';
  let start: string | null = null;
  if (active) start = 'A search is already running; stop it first.';
  else if (configErrorCount > 0) start = 'Fix the settings listed in the alert first.';
  else if (graphProblem !== null) start = graphProblem;

  const pause: Record<RunPhase, string | null> = {
    idle: NOT_RUNNING,
    finished: NOT_RUNNING,
    starting: 'The search is still starting.',
    running: null,
    paused: 'The search is already paused.',
    stopping: 'The search is stopping.',
  };
  const resume: Record<RunPhase, string | null> = {
    idle: NOT_RUNNING,
    finished: NOT_RUNNING,
    starting: 'Only a paused search can resume.',
    running: 'Only a paused search can resume.',
    paused: null,
    stopping: 'The search is stopping.',
  };
  const stop: Record<RunPhase, string | null> = {
    idle: NOT_RUNNING,
    finished: NOT_RUNNING,
    starting: null,
    running: null,
    paused: null,
    stopping: 'The search is already stopping.',
  };

  return { start, pause: pause[phase], resume: resume[phase], stop: stop[phase] };
}
