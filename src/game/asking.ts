/**
 * The commands of asking the room (issue 14), as the reducer runs them: ask (pause, generate the
 * question from the state, start the countdown), answer (a student's seat, before the deadline
 * and the reveal), reveal (the tally), decide (play the decision, resume what the ask paused).
 * Every step is an event, so the journal, the debrief and replay see the whole question.
 */
import { clusterOf, emit, type Draft } from './draft.js';
import { playMove } from './move.js';
import { QUESTION_DEFAULT_SECONDS, QUESTION_MAX_SECONDS, questionFor } from './questions.js';
import { reject } from './rejections.js';
import type { ClusterId, Command, OpenQuestion, Rejection } from './types.js';

type Ask = Extract<Command, { type: 'ask' }>;
type Answer = Extract<Command, { type: 'answer' }>;

export function askQuestion(d: Draft, cmd: Ask, pause: (ids: ClusterId[]) => void): Rejection | null {
  const c = clusterOf(d, cmd.cluster);
  if (c.question) return reject('question/open');
  const seconds = cmd.seconds ?? QUESTION_DEFAULT_SECONDS;
  if (typeof seconds !== 'number' || !Number.isInteger(seconds) || seconds < 1 || seconds > QUESTION_MAX_SECONDS) return reject('question/invalid');
  // The question is generated from the room as it is, never taken from the client (like a move).
  const q = questionFor({ ...d.room, now: d.now }, cmd.cluster, cmd.server, cmd.input);
  if (!q) return reject('question/invalid');
  const targets = cmd.room ? Object.keys(d.room.clusters) : [cmd.cluster];
  const toPause = targets.filter((id) => clusterOf(d, id).paused === undefined);
  const question: OpenQuestion = {
    ...q,
    id: `${cmd.cluster}-q${(c.questions ?? 0) + 1}`,
    askedAt: d.now,
    deadline: d.now + seconds * 1000,
    answers: {},
    revealed: false,
    paused: toPause,
  };
  // Paused first: the board stays still while the room thinks (moves wait, timers stop).
  pause(toPause);
  emit(d, { type: 'question', cluster: cmd.cluster, question });
  return null;
}

export function answerQuestion(d: Draft, cmd: Answer): Rejection | null {
  const c = clusterOf(d, cmd.cluster);
  const q = c.question;
  if (!q || q.id !== cmd.question) return reject('question/none');
  const seat = c.seats[cmd.server];
  if (seat?.kind !== 'student') return reject('question/not-student');
  if (q.revealed || d.now > q.deadline) return reject('question/closed');
  if (typeof cmd.choice !== 'number' || !Number.isInteger(cmd.choice) || cmd.choice < 0 || cmd.choice >= q.choices.length) return reject('question/invalid');
  emit(d, { type: 'answer', cluster: cmd.cluster, question: q.id, server: cmd.server, name: seat.name, choice: cmd.choice });
  return null;
}

/** Answers per choice. */
export function tallyOf(q: Pick<OpenQuestion, 'choices' | 'answers'>): number[] {
  const tally = q.choices.map(() => 0);
  for (const a of Object.values(q.answers)) if (a.choice >= 0 && a.choice < tally.length) tally[a.choice]++;
  return tally;
}

export function revealQuestion(d: Draft, cluster: ClusterId): Rejection | null {
  const q = clusterOf(d, cluster).question;
  if (!q) return reject('question/none');
  if (!q.revealed) emit(d, { type: 'reveal', cluster, question: q.id, tally: tallyOf(q) });
  return null;
}

/**
 * The decision is played as step() plays it (the referee's answer, like a prefilled move), then
 * the clusters the ask paused run again. A decision that can no longer be played (a rewind, a
 * fault took the card) closes the question without playing.
 */
export function decideQuestion(d: Draft, cluster: ClusterId, play: boolean | undefined, resume: (ids: ClusterId[]) => void): Rejection | null {
  const q = clusterOf(d, cluster).question;
  if (!q) return reject('question/none');
  if (!q.revealed) emit(d, { type: 'reveal', cluster, question: q.id, tally: tallyOf(q) });
  let played = false;
  if (play !== false) {
    // playMove refuses before it emits anything, so a refusal leaves no half-played move.
    const out = playMove(d, { type: 'move', cluster, server: q.server, input: q.input });
    played = !('ok' in out);
  }
  emit(d, { type: 'question-closed', cluster, question: q.id, played });
  resume(q.paused.filter((id) => Object.hasOwn(d.room.clusters, id)));
  return null;
}
