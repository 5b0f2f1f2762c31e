/**
 * One line on the student's sheet, only when it has something to say: the room is paused
 * (a banner: moves wait), or, in timers mode, this server's election timer counting down with a
 * bar that refills when a heartbeat or a vote resets it (R14), "fired" when it ran out (R8), and
 * for a leader how often to heartbeat (R13). Cue mode without a pause: no line at all.
 */
import { Text } from 'ink';
import { useRef } from 'react';
import type { SeatView } from '../../src/game/types.js';
import type { WordOf } from '../../src/i18n/format.js';
import type { Lang } from '../../src/i18n/text.js';
import { t } from '../i18n.js';
import type { Theme } from '../theme.js';
import { tint } from '../theme.js';

/** One of the timer line's words (client/i18n.ts), `{s}` seconds filled. */
const say = (lang: Lang, k: WordOf<typeof t>, s = 0): string => t(lang, k, { s });

/** Whole seconds left, rounded up (a timer at 0.4 s still shows 1 s until it fires). */
export function secondsLeft(view: SeatView): number | null {
  if (view.timerDeadline === null) return null;
  const at = view.paused ?? view.now;
  return Math.max(0, Math.ceil((view.timerDeadline - at) / 1000));
}

/** Whether the line is drawn (the screen reserves a row for it only then). */
export function hasTimerLine(view: SeatView): boolean {
  return view.paused !== undefined || view.election === 'timers';
}

export function TimerLine({ view, lang, theme, width }: { view: SeatView; lang: Lang; theme: Theme; width: number }) {
  // A deadline that moved later means the timer was reset: say so for a few seconds.
  const seen = useRef<{ deadline: number | null; resetAt: number | null }>({ deadline: view.timerDeadline, resetAt: null });
  if (view.timerDeadline !== seen.current.deadline) {
    const later = view.timerDeadline !== null && seen.current.deadline !== null && view.timerDeadline > seen.current.deadline;
    seen.current = { deadline: view.timerDeadline, resetAt: later ? view.now : seen.current.resetAt };
  }
  if (!hasTimerLine(view)) return null;
  const left = secondsLeft(view);
  if (view.paused !== undefined) {
    return (
      <Text inverse bold color={tint(theme, theme.colour.error)} wrap="truncate-end">
        {say(lang, 'timerPaused')}
        {left !== null && view.election === 'timers' ? ` · ${say(lang, 'timerStopped', left)}` : ''}
      </Text>
    );
  }
  if (view.sheet.role === 'leader') {
    return (
      <Text color={tint(theme, theme.colour.dim)} wrap="truncate-end">
        {say(lang, 'timerLeader', Math.max(1, Math.round((view.heartbeatMs ?? 1000) / 1000)))}
      </Text>
    );
  }
  if (left === null) return null;
  if (left === 0) {
    return (
      <Text bold color={tint(theme, theme.colour.error)} wrap="truncate-end">
        {say(lang, 'timerFired')}
      </Text>
    );
  }
  const max = view.electionTimeoutMs?.[1] ?? 2 * 3 * (view.heartbeatMs ?? 1000);
  const cells = 10;
  const full = Math.min(cells, Math.round(((view.timerDeadline! - view.now) / max) * cells));
  const bar = theme.ascii ? `[${'#'.repeat(full)}${'.'.repeat(cells - full)}]` : `${'▓'.repeat(full)}${'░'.repeat(cells - full)}`;
  const justReset = seen.current.resetAt !== null && view.now - seen.current.resetAt < 3000;
  return (
    <Text wrap="truncate-end">
      <Text bold color={tint(theme, left <= 5 ? theme.colour.error : 'yellow')}>{say(lang, 'timerCountdown', left)}</Text> {bar}
      {justReset ? <Text color={tint(theme, theme.colour.ok)} bold> {say(lang, 'timerReset')}</Text> : null}
      <Text color={tint(theme, theme.colour.dim)}>{width >= 80 ? ` · ${say(lang, 'timerResets')}` : ''}</Text>
    </Text>
  );
}
