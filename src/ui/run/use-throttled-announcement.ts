/**
 * Throttles a live region's text. An exhaustive search of 1,190 chains in batches of 8 finishes
 * 149 batches, and a screen reader that read each one out would interrupt the user 149 times.
 */

import { useEffect, useState } from 'react';

/** The minimum time between two announcements, in milliseconds. */
export const ANNOUNCEMENT_INTERVAL_MS = 10_000;

/** The text a live region shows, with the time it was shown (`Date.now()` milliseconds). */
export interface Announced {
  readonly text: string;
  readonly at: number;
}

/** The text to show now, and the time to look again, or null when nothing waits. */
export interface AnnouncementStep {
  readonly shown: Announced;
  readonly retryAt: number | null;
}

/**
 * Decides whether `text` replaces the shown announcement at `now`. A new text waits until
 * `intervalMs` after the last one, and then the latest text is shown. An urgent text (the last
 * generation) and an empty one (no search running) replace it at once, and the empty one lets
 * the next announcement through at once.
 */
export function nextAnnouncement(shown: Announced, text: string, urgent: boolean, now: number, intervalMs = ANNOUNCEMENT_INTERVAL_MS): AnnouncementStep {
  if (text === shown.text) return { shown, retryAt: null };
  if (text === '') return { shown: { text, at: -Infinity }, retryAt: null };

  const allowedAt = shown.at + intervalMs;
  if (urgent || now >= allowedAt) return { shown: { text, at: now }, retryAt: null };
  return { shown, retryAt: allowedAt };
}

/**
 * Returns `text` for a live region, throttled by `nextAnnouncement`: at most one change every
 * `intervalMs`, apart from an urgent text. A text already there when the component mounts is
 * shown at once, and counts as announced.
 */
export function useThrottledAnnouncement(text: string, urgent: boolean, intervalMs = ANNOUNCEMENT_INTERVAL_MS): string {
  const [shown, setShown] = useState<Announced>(() => ({ text, at: text === '' ? -Infinity : Date.now() }));
  // Changed by the timer, so the effect looks at the waiting text again.
  const [wakeCount, setWakeCount] = useState(0);

  useEffect(() => {
    const step = nextAnnouncement(shown, text, urgent, Date.now(), intervalMs);
    if (step.shown !== shown) setShown(step.shown);
    if (step.retryAt === null) return;

    const timer = setTimeout(() => setWakeCount((count) => count + 1), Math.max(0, step.retryAt - Date.now()));
    return () => clearTimeout(timer);
  }, [shown, text, urgent, intervalMs, wakeCount]);

  return shown.text;
}
