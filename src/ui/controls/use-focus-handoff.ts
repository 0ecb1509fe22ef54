/**
 * Keeps the keyboard focus in a group of command buttons when a press disables the pressed
 * button, or replaces it. Start search disables Start, and Undo disables Undo once nothing
 * is left to undo. The browser then moves the focus to the page itself, and a keyboard user
 * has to tab through the whole page to reach the next command.
 */

import { useEffect, useRef, type RefObject } from 'react';

function lostFocus(group: HTMLElement): boolean {
  const active = document.activeElement;
  // A modal dialog takes the focus itself when the focused element is removed (Radix's focus
  // scope does), so the group or any element around it counts as no focus.
  if (active === null || active.contains(group)) return true;
  // The HTML focus fixup rule moves the focus off a disabled button only at the next
  // rendering update, so the button may still be the active element here.
  return group.contains(active) && active instanceof HTMLButtonElement && active.disabled;
}

/** Finds the enabled button of a command in the group, else anywhere on the page, so that a successor may sit in another group. */
function enabledButton(group: HTMLElement, command: string): HTMLButtonElement | null {
  const selector = `button[data-command="${CSS.escape(command)}"]`;
  const button = group.querySelector<HTMLButtonElement>(selector) ?? document.querySelector<HTMLButtonElement>(selector);
  return button && !button.disabled ? button : null;
}

/**
 * Returns a function to call when a command of the group is pressed; the group's buttons
 * carry their command in `data-command`. A successor outside the group (Stop in the run
 * controls after Replay search) is looked up on the whole page, so its command must be unique
 * there. After each render, if
 * that press left the focus nowhere, the first enabled button among the command itself and
 * `successors[command]` takes it. While none is enabled (a search that is stopping), the
 * group takes it, so it needs `tabIndex={-1}`, and the first successor enabled later takes
 * it over. A focus that the user moved out of the group ends the handoff.
 */
export function useFocusHandoff(group: RefObject<HTMLElement | null>, successors: Readonly<Record<string, readonly string[]>>): (command: string) => void {
  const pending = useRef<string | null>(null);

  useEffect(() => {
    const box = group.current;
    const command = pending.current;
    if (!box || command === null) return;
    if (!lostFocus(box)) {
      if (!box.contains(document.activeElement)) pending.current = null;
      return;
    }

    for (const candidate of [command, ...(successors[command] ?? [])]) {
      const button = enabledButton(box, candidate);
      if (button) {
        // Cleared first, because the button's focus handler may start a handoff of its own.
        pending.current = null;
        button.focus();
        return;
      }
    }
    if (document.activeElement !== box) box.focus();
  });

  return (command: string) => {
    const box = group.current;
    if (box?.contains(document.activeElement)) pending.current = command;
  };
}
