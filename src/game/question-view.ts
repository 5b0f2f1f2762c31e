/**
 * A question as screens show it (issue 14). Answers stay private until the reveal: before it a
 * view counts them; a seat sees only its own. After the reveal the tally, the correct answer,
 * the rule and why travel too, so every projector (the terminal one, the web one) can draw it
 * from the view alone.
 */
import { ruleTitle, type RuleId } from '../raft/rules.js';
import type { ServerId } from '../raft/types.js';
import { tallyOf } from './asking.js';
import { questionCandidates } from './questions.js';
import type { ClusterOverview, ClusterState, QuestionView, Room, SeatQuestion } from './types.js';

/** The console offers at most this many decisions to ask about (keys 1–9). */
export const ASKABLE_SHOWN = 9;

// Cluster states are immutable: a cluster the batch did not change keeps its list (the room
// view is rebuilt after every batch, for every cluster of a room of up to 702).
const askables = new WeakMap<ClusterState, { now: number; list: ClusterOverview['askable'] }>();

/** The decisions of the cluster the console may ask about, without their answers. */
export function askableOf(room: Room, c: ClusterState): ClusterOverview['askable'] {
  if (c.question) return undefined;
  const cached = askables.get(c);
  if (cached && cached.now === room.now) return cached.list;
  const found = questionCandidates(room, c.id).slice(0, ASKABLE_SHOWN);
  const list = found.length > 0 ? found.map((q) => ({ server: q.server, input: q.input, kind: q.kind, text: q.text })) : undefined;
  askables.set(c, { now: room.now, list });
  return list;
}

export function questionView(c: ClusterState): QuestionView | undefined {
  const q = c.question;
  if (!q) return undefined;
  const expected = Object.values(c.seats).filter((s) => s.kind === 'student').length;
  return {
    id: q.id,
    cluster: c.id,
    kind: q.kind,
    server: q.server,
    text: q.text,
    choices: q.choices,
    askedAt: q.askedAt,
    deadline: q.deadline,
    answered: Object.keys(q.answers).length,
    expected,
    ...(q.revealed ? { reveal: { tally: tallyOf(q), correct: q.correct, rule: q.rule, ruleTitle: ruleTitle(q.rule as RuleId), why: q.why } } : {}),
  };
}

export function seatQuestion(c: ClusterState, server: ServerId): SeatQuestion | undefined {
  const v = questionView(c);
  if (!v || !c.question) return undefined;
  const mine = Object.hasOwn(c.question.answers, server) ? c.question.answers[server].choice : null;
  return { ...v, canAnswer: c.seats[server]?.kind === 'student', mine };
}
