/**
 * Replay's keys as a pure reducer: → ← one record, PgDn/PgUp or ] [ ten, n/p the next/previous
 * game step, Home/End (or g/G) the start and the end, a toggles one cluster / all, Tab or c
 * cycles the cluster shown large, q quits.
 */
import type { Key } from 'ink';
import { keysOf } from '../components/key-chunk.js';
import { clamp, type ReplayTimeline } from './timeline.js';

export interface ReplayState {
  /** Records applied: 0…N. */
  k: number;
  /** The cluster shown large; null = all clusters compact. */
  focus: string | null;
  /** The last cluster shown large, so `a` returns to it. */
  lastFocus: string;
}

export type ReplayPress =
  | 'forward'
  | 'back'
  | 'forward10'
  | 'back10'
  | 'nextStep'
  | 'prevStep'
  | 'home'
  | 'end'
  | 'toggleAll'
  | 'nextCluster'
  | 'quit';

export function replayKey(s: ReplayState, press: ReplayPress, t: Pick<ReplayTimeline, 'length' | 'nextStep' | 'prevStep'>, clusters: readonly string[]): ReplayState | 'quit' {
  const at = (k: number) => ({ ...s, k: clamp(k, 0, t.length) });
  switch (press) {
    case 'forward':
      return at(s.k + 1);
    case 'back':
      return at(s.k - 1);
    case 'forward10':
      return at(s.k + 10);
    case 'back10':
      return at(s.k - 10);
    case 'nextStep':
      return at(t.nextStep(s.k));
    case 'prevStep':
      return at(t.prevStep(s.k));
    case 'home':
      return at(0);
    case 'end':
      return at(t.length);
    case 'toggleAll':
      return s.focus === null ? { ...s, focus: s.lastFocus } : { ...s, focus: null };
    case 'nextCluster': {
      const from = s.focus ?? s.lastFocus;
      const next = clusters[(clusters.indexOf(from) + 1) % clusters.length] ?? from;
      return { ...s, focus: next, lastFocus: next };
    }
    case 'quit':
      return 'quit';
  }
}

/** Ink's key object, as far as replay reads it. */
export interface KeyLike {
  leftArrow?: boolean;
  rightArrow?: boolean;
  pageUp?: boolean;
  pageDown?: boolean;
  home?: boolean;
  end?: boolean;
  tab?: boolean;
  escape?: boolean;
  ctrl?: boolean;
}

export function toReplayPress(input: string, key: KeyLike): ReplayPress | null {
  if (key.rightArrow) return 'forward';
  if (key.leftArrow) return 'back';
  if (key.pageDown) return 'forward10';
  if (key.pageUp) return 'back10';
  if (key.home) return 'home';
  if (key.end) return 'end';
  if (key.tab) return 'nextCluster';
  if (key.ctrl && input === 'c') return 'quit';
  switch (input) {
    case ']':
      return 'forward10';
    case '[':
      return 'back10';
    case 'n':
      return 'nextStep';
    case 'p':
      return 'prevStep';
    case 'g':
      return 'home';
    case 'G':
      return 'end';
    case 'a':
      return 'toggleAll';
    case 'c':
      return 'nextCluster';
    case 'q':
      return 'quit';
    default:
      return null;
  }
}

/** The presses one `useInput` call stands for: `nnn` read at once is three steps (key-chunk.ts). */
export function toReplayPresses(input: string, key: Key): ReplayPress[] {
  return keysOf(input, key).flatMap((k) => toReplayPress(k.input, k.key) ?? []);
}
