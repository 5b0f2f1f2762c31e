/**
 * The draft: what a student is writing on their sheet and cards before handing them over.
 * Pure functions, no Ink: a draft is a full Move (sheet after + cards sent) that the student
 * edits cell by cell, like pencil on the paper sheet; submitting sends it to the referee.
 *
 * - prefilled: the draft starts as the correct move (step()), the student reviews it.
 * - by hand: the draft starts as the sheet before the input, with blank cards to fill.
 *
 * Bookkeeping the paper sheet has no cells for (votesGranted, nextIndex, matchIndex: on paper
 * the Response row plays that part) is always taken from the correct move, so a by-hand player
 * is judged on what they can see and write.
 */
import { currentTerm, lastLogIndex, lastLogTerm } from '../../src/raft/log.js';
import { compactTo, snapshotIndex } from '../../src/raft/snapshot.js';
import { peersOf, step } from '../../src/raft/step.js';
import type { Entry, Input, Message, Move, Outgoing, Request, ServerId, ServerState } from '../../src/raft/types.js';
import type { Assist, MoveInput, SeatView } from '../../src/game/types.js';
import { seatStepOptions } from '../../src/game/seat-options.js';

export interface Draft {
  /** The input as the hub names it (the card id, timeout, letter, send). */
  input: MoveInput;
  /** The same input as the core sees it. */
  core: Input;
  /** The sheet before the move. */
  before: ServerState;
  /** What the student proposes. */
  move: Move;
  /** The correct move, for hints (`h`) and the hidden bookkeeping. */
  correct: Move;
  /** R30 by hand: the sheet as it was before the student wrote an index into the snapshot box. */
  uncompacted?: ServerState;
}

/** Resolve a hub input against the seat's view into the core's input, or null if not possible. */
export function coreInput(view: SeatView, input: MoveInput): Input | null {
  switch (input.kind) {
    case 'timeout':
      return { kind: 'timeout' };
    case 'client':
      return { kind: 'client', value: input.value };
    case 'send':
      return { kind: 'send', to: input.to };
    case 'card': {
      const card = view.inbox.find((c) => c.id === input.card);
      if (!card) return null;
      if (card.inReplyTo) return { kind: 'receive', from: card.from, message: card.message as never, request: card.inReplyTo.request };
      return { kind: 'receive', from: card.from, message: card.message as Request };
    }
    case 'replies': {
      // Every reply waiting in the inbox for the same paper card, in inbox order (as the hub takes them).
      const cards = view.inbox.filter((c) => c.inReplyTo?.batch === input.batch);
      if (cards.length === 0) return null;
      return { kind: 'replies', replies: cards.map((c) => ({ kind: 'receive', from: c.from, message: c.message as never, request: c.inReplyTo!.request })) };
    }
  }
}

export function startDraft(view: SeatView, input: MoveInput, assist: Assist): Draft | null {
  const core = coreInput(view, input);
  if (!core) return null;
  const before = view.sheet;
  const result = step(before, core, seatStepOptions(view));
  const correct: Move = { state: result.state, send: result.send };
  const move = assist === 'prefilled' ? clone(correct) : blankMove(before, core, correct);
  return { input, core, before, move, correct };
}

/** By hand: the sheet as it was, and the cards the input calls for with their fields blank. */
function blankMove(before: ServerState, core: Input, correct: Move): Move {
  const hidden = {
    votesGranted: correct.state.votesGranted,
    nextIndex: correct.state.nextIndex,
    matchIndex: correct.state.matchIndex,
  };
  // Pre-vote games (R26, R27): the pre-votes counted and the leader heard are bookkeeping like
  // votesGranted, kept for the student; the term, votes, role and cards are theirs to write.
  // R31: installing a snapshot comes with the sheet prefilled (the box copied from the card, the
  // log cut under it); the reply is still the student's to write. R30's compaction is theirs: they
  // write the index into the snapshot box (cell 'snapshot').
  const installs = core.kind === 'receive' && core.message.type === 'InstallSnapshot';
  const state: ServerState = installs ? clone(correct.state) : withPreVoteCells({ ...clone(before), ...clone(hidden) }, correct.state);
  switch (core.kind) {
    case 'receive':
      if (core.message.type === 'RequestVote') return { state, send: [reply(core.from, 'RequestVoteReply', currentTerm(before))] };
      if (core.message.type === 'AppendEntries') return { state, send: [reply(core.from, 'AppendEntriesReply', currentTerm(before))] };
      if (core.message.type === 'PreVote') return { state, send: [reply(core.from, 'PreVoteReply', currentTerm(before))] };
      // R31: the reply carries only a term, written like the other replies' (the receiver's own).
      if (core.message.type === 'InstallSnapshot') return { state, send: [{ to: core.from, message: { type: 'InstallSnapshotReply', term: currentTerm(before) } }] };
      return { state, send: [] };
    case 'timeout': {
      // R34: with membership changes on, a candidate asks only the members of its configuration.
      const asked = correct.send.length > 0 ? [...new Set(correct.send.map((o) => o.to))] : peersOf(before);
      // R24: with pre-vote on, a blank PreVote card for everyone instead.
      if (correct.send.some((o) => o.message.type === 'PreVote')) {
        return {
          state,
          send: asked.map((to) => ({
            to,
            message: { type: 'PreVote', term: 0, candidateId: before.id, lastLogIndex: 0, lastLogTerm: 0 },
          })),
        };
      }
      // A blank RequestVote card for everyone: the candidate writes term and log position.
      return {
        state,
        send: asked.map((to) => ({
          to,
          message: { type: 'RequestVote', term: 0, candidateId: before.id, lastLogIndex: 0, lastLogTerm: 0 },
        })),
      };
    }
    case 'client':
      // The letter goes into the next free cell; its term is for the student to write.
      return { state: { ...state, log: [...state.log, { term: 0, value: core.value }] }, send: [] };
    case 'replies':
      // Reading a Response row writes no card: the sheet is the whole answer.
      return { state, send: [] };
    case 'send':
      // The entries to send come from the leader's own log (copy only from the paper in your
      // hands); the card starts as the correct one and the student checks it.
      return { state, send: clone(correct.send) };
  }
}

function reply(to: ServerId, type: 'RequestVoteReply' | 'AppendEntriesReply' | 'PreVoteReply', term: number): Outgoing {
  return type === 'AppendEntriesReply'
    ? { to, message: { type, term, success: false } }
    : { to, message: { type, term, voteGranted: false } };
}

function withPreVoteCells(s: ServerState, correct: ServerState): ServerState {
  const out = { ...s };
  delete out.preVotes;
  delete out.leader;
  if (correct.preVotes) out.preVotes = [...correct.preVotes];
  if (correct.leader) out.leader = correct.leader;
  return out;
}

function clone<T>(x: T): T {
  return structuredClone(x);
}

// ---------------------------------------------------------------------------------------------
// Cells: every place on the sheet and the cards a cursor can stop at.

export type CellId =
  | { area: 'vote'; term: number }
  | { area: 'log-term'; index: number }
  | { area: 'log-value'; index: number }
  | { area: 'applied'; index: number }
  | { area: 'commit' }
  | { area: 'role' }
  /** R29, R30: the snapshot box's last included index (its term and text follow from the log). */
  | { area: 'snapshot' }
  | { area: 'ok'; to: ServerId }
  | { area: 'card-field'; to: ServerId | '*'; field: CardField };

export type CardField = 'term' | 'lastLogIndex' | 'lastLogTerm' | 'prevLogIndex' | 'prevLogTerm' | 'leaderCommit' | 'lastIncludedIndex' | 'lastIncludedTerm';

/** Cells laid out in rows (up/down moves between rows, left/right within one). */
export function cellRows(draft: Draft): CellId[][] {
  const s = draft.move.state;
  const terms = Math.max(currentTerm(s), currentTerm(draft.before)) + 1;
  const logLen = Math.max(lastLogIndex(s.log), lastLogIndex(draft.before.log)) + 1;
  const range = (n: number) => Array.from({ length: n }, (_, i) => i + 1);
  // R29, R30: the snapshot box's index is a cell where the game has snapshots (a box before or after).
  const box: CellId[] = s.snapshot || draft.before.snapshot || draft.correct.state.snapshot ? [{ area: 'snapshot' }] : [];
  const rows: CellId[][] = [
    [{ area: 'role' }, { area: 'commit' }, ...box],
    range(terms).map((term) => ({ area: 'vote', term }) as CellId),
    range(logLen).map((index) => ({ area: 'log-term', index }) as CellId),
    range(logLen).map((index) => ({ area: 'log-value', index }) as CellId),
    range(lastLogIndex(s.log)).map((index) => ({ area: 'applied', index }) as CellId),
  ];
  const replies = draft.move.send.filter((o) => isReply(o.message));
  if (replies.length > 0) rows.push(replies.map((o) => ({ area: 'ok', to: o.to }) as CellId));
  const requests = draft.move.send.filter((o) => !isReply(o.message));
  if (requests.length > 0) {
    const first = requests[0].message;
    // RequestVote copies are identical: one set of fields for the whole paper card.
    const targets: (ServerId | '*')[] = first.type === 'RequestVote' || first.type === 'PreVote' ? ['*'] : requests.map((o) => o.to);
    for (const to of targets) rows.push(cardFields(first).map((field) => ({ area: 'card-field', to, field }) as CellId));
  }
  return rows.filter((r) => r.length > 0);
}

function cardFields(m: Message): CardField[] {
  if (m.type === 'RequestVote' || m.type === 'PreVote') return ['term', 'lastLogIndex', 'lastLogTerm'];
  if (m.type === 'AppendEntries') return ['term', 'prevLogIndex', 'prevLogTerm', 'leaderCommit'];
  // R32: the snapshot box's index and term; its text is copied from the box as it stands.
  if (m.type === 'InstallSnapshot') return ['term', 'lastIncludedIndex', 'lastIncludedTerm'];
  return [];
}

export function isReply(m: Message): boolean {
  return m.type === 'RequestVoteReply' || m.type === 'AppendEntriesReply' || m.type === 'PreVoteReply' || m.type === 'InstallSnapshotReply';
}

export function sameCell(a: CellId, b: CellId): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** The text shown in a cell of the draft. */
export function cellText(draft: Draft, cell: CellId): string {
  const s = draft.move.state;
  switch (cell.area) {
    case 'vote':
      if (cell.term > s.votes.length) return '';
      return s.votes[cell.term - 1] ?? '—';
    case 'log-term':
      return s.log[cell.index - 1] ? `t${s.log[cell.index - 1].term}` : '';
    case 'log-value':
      return s.log[cell.index - 1]?.value ?? '';
    case 'applied':
      return snapshotIndex(s) + cell.index <= s.lastApplied ? '✔' : '';
    case 'commit':
      return String(s.commitIndex);
    case 'snapshot':
      return s.snapshot ? String(s.snapshot.lastIncludedIndex) : '';
    case 'role':
      return s.role;
    case 'ok': {
      const m = draft.move.send.find((o) => o.to === cell.to)?.message;
      if (!m) return '';
      return (m.type === 'RequestVoteReply' || m.type === 'PreVoteReply' ? m.voteGranted : m.type === 'AppendEntriesReply' ? m.success : false) ? '✔' : '✗';
    }
    case 'card-field': {
      const m = cardMessage(draft, cell.to);
      if (!m) return '';
      const fields: Record<string, unknown> = { ...m };
      return String(fields[cell.field] ?? '');
    }
  }
}

function cardMessage(draft: Draft, to: ServerId | '*'): Message | undefined {
  const req = draft.move.send.filter((o) => !isReply(o.message));
  return (to === '*' ? req[0] : req.find((o) => o.to === to))?.message;
}

// ---------------------------------------------------------------------------------------------
// Edits: what a key does to a cell. Each returns a new draft (or the same one if nothing changed).

export type Edit = { kind: 'type'; char: string } | { kind: 'clear' } | { kind: 'toggle' };

export function editCell(draft: Draft, cell: CellId, edit: Edit, typed = ''): Draft {
  const s = draft.move.state;
  const withState = (state: ServerState): Draft => ({ ...draft, move: { ...draft.move, state } });
  switch (cell.area) {
    case 'vote':
      return withState(editVote(s, cell.term, edit, typed));
    case 'log-term':
      return withState(editLogTerm(s, cell.index, edit, typed));
    case 'log-value':
      return withState(editLogValue(s, cell.index, edit));
    case 'applied': {
      const index = snapshotIndex(s) + cell.index; // R29: log cells count on after the snapshot box
      if (edit.kind === 'clear') return withState({ ...s, lastApplied: Math.min(s.lastApplied, index - 1) });
      return withState({ ...s, lastApplied: index <= s.lastApplied ? index - 1 : index });
    }
    case 'snapshot':
      return editSnapshot(draft, edit, typed);
    case 'commit': {
      const n = numberFrom(edit, typed);
      return n === undefined ? draft : withState({ ...s, commitIndex: n });
    }
    case 'role': {
      if (edit.kind === 'clear') return draft;
      const roles = ['follower', 'candidate', 'leader'] as const;
      const byLetter = roles.find((r) => edit.kind === 'type' && r.startsWith(edit.char.toLowerCase()));
      const role = byLetter ?? roles[(roles.indexOf(s.role) + 1) % roles.length];
      return withState({ ...s, role });
    }
    case 'ok':
      return { ...draft, move: { ...draft.move, send: draft.move.send.map((o) => (o.to === cell.to ? { ...o, message: setOk(o.message, edit) } : o)) } };
    case 'card-field': {
      const n = numberFrom(edit, typed);
      if (n === undefined) return draft;
      const send = draft.move.send.map((o) =>
        !isReply(o.message) && (cell.to === '*' || o.to === cell.to) ? { ...o, message: { ...o.message, [cell.field]: n } as Message } : o,
      );
      return { ...draft, move: { ...draft.move, send } };
    }
  }
}

/**
 * A vote cell: typing a server number or id writes the vote (entering that term if it is new;
 * skipped terms get `—`), `-` writes `—`, clearing the last term's cell takes the term back.
 */
function editVote(s: ServerState, term: number, edit: Edit, typed: string): ServerState {
  const votes = [...s.votes];
  if (edit.kind === 'clear') {
    if (term === votes.length) votes.pop();
    else if (term < votes.length) votes[term - 1] = null;
    return { ...s, votes };
  }
  if (edit.kind === 'toggle') return s;
  const text = (typed + edit.char).replace(/^i/i, '');
  const vote = edit.char === '-' ? null : /^\d+$/.test(text) ? `i${Number(text)}` : undefined;
  if (vote === undefined) return s;
  while (votes.length < term) votes.push(null);
  votes[term - 1] = vote;
  return { ...s, votes };
}

function editLogTerm(s: ServerState, index: number, edit: Edit, typed: string): ServerState {
  if (index > s.log.length) return s;
  if (edit.kind === 'clear') return { ...s, log: s.log.slice(0, index - 1) };
  const n = numberFrom(edit, typed.replace(/^t/i, ''));
  if (n === undefined) return s;
  const log = s.log.map((e, i) => (i === index - 1 ? { ...e, term: n } : e));
  return { ...s, log };
}

/**
 * R30 by hand: the index written into the snapshot box moves entries 1…index into it and cuts
 * them from the log, always from the sheet as it was before the first such edit (so typing 1
 * then 2 gives 12, and clearing gives the sheet back). The referee judges the index chosen.
 */
function editSnapshot(draft: Draft, edit: Edit, typed: string): Draft {
  const n = numberFrom(edit, typed);
  if (n === undefined) return draft;
  const from = draft.uncompacted ?? draft.move.state;
  const state = n === 0 ? from : compactTo(from, n);
  return { ...draft, uncompacted: from, move: { ...draft.move, state } };
}

/** A value cell: one letter (space included); clearing it erases the log from there on. */
function editLogValue(s: ServerState, index: number, edit: Edit): ServerState {
  if (edit.kind === 'clear') return { ...s, log: s.log.slice(0, index - 1), lastApplied: Math.min(s.lastApplied, snapshotIndex(s) + index - 1) };
  if (edit.kind !== 'type' || index > s.log.length + 1) return s;
  const entry: Entry = { term: s.log[index - 1]?.term ?? currentTerm(s), value: edit.char };
  const log = [...s.log];
  log[index - 1] = entry;
  return { ...s, log };
}

function setOk(m: Message, edit: Edit): Message {
  const pick = (current: boolean) =>
    edit.kind === 'type' ? (/[y+✔1]/i.test(edit.char) ? true : /[nx\-✗0]/i.test(edit.char) ? false : current) : edit.kind === 'clear' ? false : !current;
  if (m.type === 'RequestVoteReply' || m.type === 'PreVoteReply') return { ...m, voteGranted: pick(m.voteGranted) };
  if (m.type === 'AppendEntriesReply') return { ...m, success: pick(m.success) };
  return m;
}

function numberFrom(edit: Edit, typed: string): number | undefined {
  if (edit.kind === 'clear') return 0;
  if (edit.kind !== 'type' || !/^\d$/.test(edit.char)) return undefined;
  const n = Number(typed + edit.char);
  return Number.isSafeInteger(n) && n < 1000 ? n : Number(edit.char);
}

/**
 * What is submitted: replies carry the term written on the sheet (R7: replies carry
 * currentTerm), as on paper where the Response row has only the tick.
 */
export function proposal(draft: Draft): Move {
  const term = currentTerm(draft.move.state);
  const send = draft.move.send.map((o) =>
    isReply(o.message) ? { ...o, message: { ...o.message, term } as Message } : o,
  );
  return { state: draft.move.state, send };
}

/** Whether the student changed anything compared with the correct move (for prefilled mode). */
export function differsFromCorrect(draft: Draft): boolean {
  return JSON.stringify(proposal(draft)) !== JSON.stringify(draft.correct);
}

/** A one-line summary of a log position, for card fields: `4/t1`. */
export function logPosition(s: ServerState): string {
  return `${lastLogIndex(s.log)}/t${lastLogTerm(s.log)}`;
}
