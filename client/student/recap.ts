/**
 * The recap after a game: what happened (the leader, the terms, the log the cluster agreed on),
 * the rules the game played, and the player's own mistakes in it. Pure: `recapStep` follows the
 * seat views and says when a recap is due — once per game, when its last step is done, and only
 * for a game the player was seen playing (a late joiner does not get one for a game it missed).
 */
import { GAMES } from '../../src/game/scenarios.js';
import type { SeatView } from '../../src/game/types.js';
import type { Text } from '../../src/i18n/text.js';
import type { Mistake, RuleId } from '../../src/raft/referee.js';
import { fullText } from '../../src/raft/snapshot.js';

export interface RecapData {
  game: number;
  title: Text;
  lesson: Text;
  rules: RuleId[];
  /** The leader of the highest term, if any, with its term. */
  leader: { id: string; term: number } | null;
  term: number;
  /** The log of the leader (else of the player), committed part first: what the cluster agreed on. */
  log: string;
  commitIndex: number;
  /** The player's mistakes made during this game, oldest first. */
  mistakes: Mistake[];
  /** Questions asked of the room during this game that the player could answer (issue 14); absent: none. */
  predictions?: { right: number; asked: number };
}

export interface RecapMemo {
  /** Games seen under way → how many mistakes the seat had then (the game's mistakes follow). */
  playing: Record<number, number>;
  /** Games whose recap was already due. */
  shown: number[];
  /** Questions seen revealed (issue 14): the game they were asked in, and whether the player's answer was right. */
  predictions?: Record<string, { game: number; right: boolean }>;
}

export const emptyRecapMemo: RecapMemo = { playing: {}, shown: [] };

/** A revealed question this seat could answer: counted once, right only with the correct choice. */
function notePrediction(memo: RecapMemo, view: SeatView): RecapMemo {
  const q = view.question;
  if (!q?.reveal || !q.canAnswer || !view.script || memo.predictions?.[q.id]) return memo;
  return { ...memo, predictions: { ...memo.predictions, [q.id]: { game: view.script.game, right: q.mine === q.reveal.correct } } };
}

export function recapStep(before: RecapMemo, view: SeatView): { memo: RecapMemo; due: RecapData | null } {
  const memo = notePrediction(before, view);
  const s = view.script;
  if (!s || s.free || !GAMES[s.game]?.recap || memo.shown.includes(s.game)) return { memo, due: null };
  const over = s.done && s.step === s.steps;
  if (!over) {
    if (s.game in memo.playing) return { memo, due: null };
    return { memo: { ...memo, playing: { ...memo.playing, [s.game]: view.mistakes.length } }, due: null };
  }
  if (!(s.game in memo.playing)) return { memo, due: null };
  const from = memo.playing[s.game];
  const asked = Object.values(memo.predictions ?? {}).filter((p) => p.game === s.game);
  const due = recapOf(view, from);
  return {
    memo: { ...memo, shown: [...memo.shown, s.game] },
    due: asked.length ? { ...due, predictions: { right: asked.filter((p) => p.right).length, asked: asked.length } } : due,
  };
}

/** The recap of the game in `view`, counting the seat's mistakes from the `from`-th on. */
export function recapOf(view: SeatView, from = 0): RecapData {
  const game = GAMES[view.script?.game ?? 0];
  const glance = view.glance ?? [];
  const term = Math.max(0, ...glance.map((g) => g.term));
  const leaders = glance.filter((g) => g.role === 'leader' && g.online).sort((a, b) => b.term - a.term);
  const leader = leaders[0] ?? null;
  const source = leader ?? glance.find((g) => g.id === view.server);
  const log = source ? source.values : fullText(view.sheet); // R29: the snapshot's text, then the log's
  return {
    game: game.id,
    title: game.title,
    lesson: game.recap?.lesson ?? { en: '', ru: '' },
    // The game's rules, then any other rule the player's mistakes in it were about.
    rules: [...new Set([...(game.recap?.rules ?? []), ...view.mistakes.slice(Math.min(from, view.mistakes.length)).map((m) => m.rule)])],
    leader: leader ? { id: leader.id, term: leader.term } : null,
    term,
    log,
    commitIndex: source?.commitIndex ?? view.sheet.commitIndex,
    // A view may carry a bounded list (newest last): fewer than at the start means the oldest went.
    mistakes: view.mistakes.slice(Math.min(from, view.mistakes.length)),
  };
}
