import { describe, expect, it } from 'vitest';
import type { RunPhase } from '../../src/state/run-state';
import { controlStates, type RunCommand } from '../../src/ui/run/control-states';

/** Commands enabled in each phase with valid settings. */
const ENABLED: Record<RunPhase, RunCommand[]> = {
  idle: ['start'],
  starting: ['stop'],
  running: ['pause', 'stop'],
  paused: ['resume', 'stop'],
  stopping: [],
  finished: ['start'],
};

describe('controlStates', () => {
  for (const [phase, enabled] of Object.entries(ENABLED) as [RunPhase, RunCommand[]][]) {
    it(`enables ${enabled.join(', ') || 'nothing'} when ${phase}`, () => {
      const states = controlStates(phase, 0);
      for (const command of ['start', 'pause', 'resume', 'stop'] as const) {
        if (enabled.includes(command)) expect(states[command], command).toBeNull();
        else expect(states[command], command).toMatch(/\w+.*\./);
      }
    });
  }

  it('blocks start while settings are invalid', () => {
    expect(controlStates('idle', 2).start).toMatch(/Fix the settings/);
  });

  it('blocks start with the network problem', () => {
    const problem = 'Fix the network first: Dense "l3" does not lead to the output head.';
    expect(controlStates('idle', 0, problem).start).toBe(problem);
    expect(controlStates('running', 0, problem).start).toMatch(/already running/);
  });

  it('explains a disabled pause when idle', () => {
    expect(controlStates('idle', 0).pause).toBe('No search is running.');
  });
});
