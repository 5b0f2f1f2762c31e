/**
 * One move of one server: resolve what the player reacts to (a card from the visible inbox, a
 * timeout, a letter, a send), compute the correct move with step() (R1–R23), let the referee
 * compare a proposal, then play the move: the sheet, the cards, the Response rows, the timer.
 */
import { referee, type Mistake } from '../raft/referee.js';
import { peersOf, step } from '../raft/step.js';
import type { Input, Move, Reply, ServerId, StepOptions } from '../raft/types.js';
import { dispatch, isRequestMessage } from './cards.js';
import { armTimer, clusterOf, disarmTimer, emit, emitSheet, type Draft } from './draft.js';
import { isSafeText } from '../protocol/safe-text.js';
import { MAX_CARDS_IN_FLIGHT } from './limits.js';
import { reject } from './rejections.js';
import { seatStepOptions } from './seat-options.js';
import { currentStep } from './scenarios.js';
import type { Card, ClusterState, Command, MoveInput, Rejection, Room } from './types.js';

type MoveCommand = Extract<Command, { type: 'move' }>;

export interface Resolved {
  input: Input;
  card?: Card;
  /** `replies`: the reply cards taken, in inbox order. */
  cards?: Card[];
}

/** The cards addressed to `server` that have arrived by `now`, in inbox order. */
export function inboxOf(c: ClusterState, server: ServerId, now: number): Card[] {
  return c.inFlight.filter((k) => k.to === server && k.deliverAt <= now);
}

/** The most letters one client message may write in one move (a word, as on paper: R15). */
export const MAX_CLIENT_LETTERS = 32;

/**
 * A client's message: 1…MAX_CLIENT_LETTERS visible letters, each one log cell; no control (C0,
 * C1), bidi mark or unassigned code point (issue 11 #3, safe-text.ts).
 */
function clientMessage(v: unknown): boolean {
  if (typeof v !== 'string') return false;
  const chars = [...v];
  return chars.length >= 1 && chars.length <= MAX_CLIENT_LETTERS && chars.every((ch) => isSafeText(ch));
}

/** A player's input as the core Input, or why it cannot be played now. */
export function resolveInput(room: Room, c: ClusterState, server: ServerId, input: MoveInput, now: number): Resolved | Rejection {
  const rec = c.servers[server];
  const me = rec.state;
  switch (input?.kind) {
    case 'card': {
      const card = inboxOf(c, server, now).find((k) => k.id === input.card);
      if (!card) return reject('move/not-in-inbox');
      if (isRequestMessage(card.message)) return { card, input: { kind: 'receive', from: card.from, message: card.message } };
      if (!card.inReplyTo) return reject('move/not-in-inbox');
      return { card, input: { kind: 'receive', from: card.from, message: card.message, request: card.inReplyTo.request } };
    }
    case 'replies': {
      // Read the Response row: every arrived reply to this request card, oldest first.
      const cards = inboxOf(c, server, now).filter((k) => k.inReplyTo !== undefined && k.inReplyTo.batch === input.batch);
      if (typeof input.batch !== 'string' || cards.length === 0) return reject('move/not-in-inbox');
      const replies = cards.map((k) => ({ kind: 'receive' as const, from: k.from, message: k.message as Reply, request: k.inReplyTo!.request }));
      return { cards, input: { kind: 'replies', replies } };
    }
    case 'timeout': {
      const cued = currentStep(c)?.tasks[server]?.kind === 'timeout';
      const expired = rec.timerDeadline !== null && rec.timerDeadline <= now;
      if (c.election === 'timers' && !expired && !cued) return reject('move/timer-not-expired');
      return { input: { kind: 'timeout' } };
    }
    case 'client':
      if (!clientMessage(input.value)) return reject('value/not-one-letter');
      if (me.role !== 'leader') return reject('move/not-leader');
      return { input: { kind: 'client', value: input.value } };
    case 'send': {
      if (!Array.isArray(input.to)) return reject('send/no-addressee');
      if (input.to.some((to) => typeof to !== 'string' || !Object.hasOwn(c.servers, to))) return reject('server/unknown');
      const to = [...new Set(input.to)].filter((id) => id !== server);
      if (to.length === 0) return reject('send/no-addressee');
      if (me.role !== 'leader') return reject('move/not-leader');
      return { input: { kind: 'send', to } };
    }
    default:
      void room;
      return reject('move/invalid');
  }
}

/** Structural sanity of a proposal: this server's sheet, cards to its cluster, replies only to the card taken. */
export function validProposal(c: ClusterState, server: ServerId, p: unknown, card?: Card): p is Move {
  if (typeof p !== 'object' || p === null) return false;
  const { state, send } = p as Move;
  if (typeof state !== 'object' || state === null || state.id !== server || !Array.isArray(send)) return false;
  const me = c.servers[server].state;
  if (!Array.isArray(state.votes) || !Array.isArray(state.log) || JSON.stringify(state.cluster) !== JSON.stringify(me.cluster)) return false;
  if (!state.log.every((e) => typeof e?.term === 'number' && typeof e?.value === 'string')) return false;
  const peers = peersOf(me);
  return send.every((o) => {
    if (typeof o !== 'object' || o === null || !peers.includes(o.to) || typeof o.message?.type !== 'string') return false;
    if (isRequestMessage(o.message)) return true;
    const isReply = o.message.type === 'RequestVoteReply' || o.message.type === 'AppendEntriesReply' || o.message.type === 'PreVoteReply' || o.message.type === 'InstallSnapshotReply';
    return isReply && card !== undefined && isRequestMessage(card.message) && o.to === card.from;
  });
}

/** The room's card size, pre-vote (R24–R27), snapshots (R29–R32) and membership changes (R33–R38) where the cluster has them on. */
export function stepOptions(room: Room, c?: ClusterState): StepOptions {
  return seatStepOptions({
    maxEntries: room.config.maxEntries,
    ...(c?.preVote ? { preVote: true } : {}),
    ...(c?.snapshotEvery ? { snapshotEvery: c.snapshotEvery } : {}),
    ...(c?.membership ? { membership: c.membership } : {}),
  });
}

/** The correct move for this input: what a prefilled sheet proposes and what bots play. */
export function prefill(room: Room, cluster: string, server: ServerId, input: MoveInput): Move | Rejection {
  const c = Object.hasOwn(room.clusters, cluster) ? room.clusters[cluster] : undefined;
  if (!c) return reject('cluster/unknown');
  if (!Object.hasOwn(c.servers, server)) return reject('server/unknown');
  const r = resolveInput(room, c, server, input, room.now);
  if ('ok' in r) return r;
  const { state, send } = step(c.servers[server].state, r.input, stepOptions(room, c));
  return { state, send };
}

/** Play a move command on the draft; a rejection leaves the draft's events unusable. */
export function playMove(d: Draft, cmd: MoveCommand): Rejection | { mistakes: Mistake[] } {
  const c = clusterOf(d, cmd.cluster);
  const rec = c.servers[cmd.server];
  if (!rec.online) return reject('move/offline');
  const r = resolveInput(d.room, c, cmd.server, cmd.input, d.now);
  if ('ok' in r) return r;
  const before = rec.state;
  const correct = step(before, r.input, stepOptions(d.room, c));
  let played: Move = correct;
  let mistakes: Mistake[] = [];
  if (cmd.proposal !== undefined) {
    if (!validProposal(c, cmd.server, cmd.proposal, r.card)) return reject('proposal/invalid');
    mistakes = referee(before, r.input, cmd.proposal, stepOptions(d.room, c));
    if (mistakes.length > 0 && c.mode === 'guard') return reject('move/refused', mistakes);
    played = cmd.proposal; // observe mode: as given; guard mode: the referee found it correct
  }
  if (tooManyCards(c, cmd.server, played, r.card)) return reject('send/too-many-cards');
  if (r.card) emit(d, { type: 'card-taken', cluster: c.id, card: r.card.id });
  for (const k of r.cards ?? []) emit(d, { type: 'card-taken', cluster: c.id, card: k.id });
  emitSheet(d, c.id, cmd.server, played.state, 'move');
  dispatch(d, c.id, cmd.server, played.send, r.card);
  resetTimer(d, c.id, cmd.server, correct.resetTimer);
  if (mistakes.length > 0) emit(d, { type: 'mistakes', cluster: c.id, server: cmd.server, mistakes, refused: false });
  emit(d, { type: 'moved', cluster: c.id, server: cmd.server, input: cmd.input, proposed: cmd.proposal !== undefined, correct: mistakes.length === 0 });
  return { mistakes };
}

/**
 * Would this move put more than MAX_CARDS_IN_FLIGHT cards of `server` in flight? Counts the cards
 * it sent that are neither taken nor lost, plus the cards the move sends (dispatch sends a reply
 * only when the move took a card). Cards the move takes are never its own, so they do not help.
 */
function tooManyCards(c: ClusterState, server: ServerId, played: Move, answering?: Card): boolean {
  const sending = played.send.filter((o) => isRequestMessage(o.message) || answering !== undefined).length;
  if (sending === 0) return false;
  let mine = 0;
  for (const k of c.inFlight) if (k.from === server) mine++;
  return mine + sending > MAX_CARDS_IN_FLIGHT;
}

/**
 * R14 in timers mode: reset when step() says so. A leader has no election timer (R8); a server
 * that lost its leadership or never had a deadline gets a fresh one, or it would never time out.
 */
function resetTimer(d: Draft, cluster: string, server: ServerId, reset: boolean): void {
  const c = clusterOf(d, cluster);
  if (c.election !== 'timers') return;
  const rec = c.servers[server];
  if (rec.state.role === 'leader') disarmTimer(d, cluster, server);
  else if (reset || rec.timerDeadline === null) armTimer(d, cluster, server);
}
