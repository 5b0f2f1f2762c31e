/**
 * The student screen's state and what each key does to it: a pure reducer, tested without Ink.
 * The Ink component only draws this state and forwards keys; effects (submit a move, quit) are
 * returned, never performed here.
 */
import type { Assist, MoveInput, SeatView } from '../../src/game/types.js';
import type { Mistake } from '../../src/raft/referee.js';
import type { Text } from '../../src/i18n/text.js';
import { peersOf } from '../../src/raft/step.js';
import { lastIndex } from '../../src/raft/snapshot.js';
import { botMove } from '../../src/game/bots.js';
import type { Move } from '../../src/raft/types.js';
import { type CellId, type Draft, cellRows, editCell, proposal, startDraft } from './draft.js';

/** rules / help: `?` (idle / in a draft); cluster: `c`, the cluster strip in place of the sheet. */
export type Overlay = 'none' | 'rules' | 'help' | 'cluster';

export interface ScreenState {
  /** Which inbox card is selected (index into view.inbox). */
  inboxIndex: number;
  draft: Draft | null;
  row: number;
  col: number;
  /** What was typed into the current cell so far (digits accumulate: `1`, `12`). */
  typed: string;
  /** After `w`: the keys spell the client's message (kept in `typed`), Enter writes it into the log (R15). */
  awaitingLetter: boolean;
  overlay: Overlay;
  /** The first line of the `?` overlay shown (↑↓ scroll it; the screen clamps it to the text). */
  helpScroll: number;
  /** A move is on its way to the hub; keys that submit are ignored until the verdict. */
  pending: boolean;
  /** The referee's last word on this seat's move. */
  /** `message`: the hub's sentence when it refused for another reason than the referee's. */
  verdict: { accepted: boolean; mistakes: Mistake[]; message?: Text } | null;
  /** A sentence for the status line (an input that is not possible now, …). */
  notice: string | null;
  quitAsked: boolean;
  /** The question (issue 14) the student put aside with Esc to look at the sheet; `p` brings it back. */
  questionHidden?: string | null;
}

export const initialScreen: ScreenState = {
  inboxIndex: 0,
  draft: null,
  row: 0,
  col: 0,
  typed: '',
  awaitingLetter: false,
  overlay: 'none',
  helpScroll: 0,
  pending: false,
  verdict: null,
  notice: null,
  quitAsked: false,
};

/** The keys the screen understands, decoupled from Ink's Key object. */
export type KeyPress =
  | { kind: 'char'; char: string }
  | { kind: 'up' | 'down' | 'left' | 'right' | 'enter' | 'escape' | 'backspace' | 'tab' };

export type Effect =
  | { kind: 'submit'; input: MoveInput; proposal: Move }
  | { kind: 'quit' }
  /** An answer to the cluster's open question (0-based choice). */
  | { kind: 'answer'; question: string; choice: number };

export interface Reaction {
  state: ScreenState;
  effect?: Effect;
}

export function currentCell(state: ScreenState): CellId | null {
  if (!state.draft) return null;
  const rows = cellRows(state.draft);
  const row = rows[Math.min(state.row, rows.length - 1)];
  return row ? row[Math.min(state.col, row.length - 1)] : null;
}

export function reduceKey(state: ScreenState, key: KeyPress, view: SeatView | null, assist: Assist): Reaction {
  const s = { ...state, notice: null };
  if (s.overlay !== 'none') return { state: overlayKey(s, key) };
  if (s.quitAsked) return key.kind === 'char' && /[yq]/i.test(key.char) ? { state: s, effect: { kind: 'quit' } } : { state: { ...s, quitAsked: false } };
  if (!view) return key.kind === 'char' && key.char === 'q' ? { state: s, effect: { kind: 'quit' } } : { state: s };
  // A question asked of the room (issue 14) stands in front of everything until put aside.
  if (view.question && s.questionHidden !== view.question.id) return questionKey(s, key, view);
  if (s.awaitingLetter) return writeLetter(s, key, view, assist);
  return s.draft ? draftKey(s, key, view) : idleKey(s, key, view, assist);
}

/** The key that opened an overlay closes it, and so do Esc and Enter. */
function closesOverlay(overlay: Overlay, key: KeyPress): boolean {
  if (key.kind === 'escape' || key.kind === 'enter') return true;
  return key.kind === 'char' && key.char === (overlay === 'cluster' ? 'c' : '?');
}

/** `?` opens the rule panel unless the hint level is none (a room mode, P: hint levels). */
function askHint(s: ScreenState, view: SeatView, overlay: Overlay): Reaction {
  return (view.hints ?? 'answer') === 'none' ? { state: { ...s, notice: 'hints-off' } } : { state: { ...s, overlay } };
}

/**
 * An overlay is open: ↑↓ scroll the `?` overlay; the key that opened it (`?`, `c`), Esc or Enter
 * close it; other keys do nothing.
 */
function overlayKey(s: ScreenState, key: KeyPress): ScreenState {
  if (key.kind === 'up') return { ...s, helpScroll: Math.max(0, s.helpScroll - 1) };
  // A rule card is a few rows long even at 80 columns: 40 is past any end (the screen clamps).
  if (key.kind === 'down') return { ...s, helpScroll: Math.min(40, s.helpScroll + 1) };
  return closesOverlay(s.overlay, key) ? { ...s, overlay: 'none', helpScroll: 0 } : s;
}

/** No draft open: choose what to react to. */
function idleKey(s: ScreenState, key: KeyPress, view: SeatView, assist: Assist): Reaction {
  const inbox = view.inbox;
  switch (key.kind) {
    case 'up':
      return { state: { ...s, inboxIndex: Math.max(0, s.inboxIndex - 1) } };
    case 'down':
      return { state: { ...s, inboxIndex: Math.min(Math.max(0, inbox.length - 1), s.inboxIndex + 1) } };
    case 'enter': {
      const card = inbox[Math.min(s.inboxIndex, inbox.length - 1)];
      if (!card) return { state: { ...s, notice: 'inbox-empty' } };
      return open(s, view, { kind: 'card', card: card.id }, assist);
    }
    case 'char':
      return idleChar(s, key.char, view, assist);
    default:
      return { state: s };
  }
}

/**
 * The question panel is up: `1`–`n` (and `y`/`n` for yes/no) answer, again to change the answer
 * until the countdown ends; Esc puts it aside (the sheet, `p` brings it back); `c` shows the
 * cluster (the question is about another server's sheet); `q` quits.
 */
function questionKey(s: ScreenState, key: KeyPress, view: SeatView): Reaction {
  const q = view.question!;
  if (key.kind === 'escape') return { state: { ...s, questionHidden: q.id } };
  if (key.kind !== 'char') return { state: s };
  if (key.char === 'q') return { state: { ...s, quitAsked: true } };
  if (key.char === 'c') return view.glance ? { state: { ...s, overlay: 'cluster' } } : { state: s };
  const yesNo = q.choices.length === 2 && q.choices[0].en === 'Yes';
  const choice = yesNo && /^[yn]$/i.test(key.char) ? (key.char.toLowerCase() === 'y' ? 0 : 1) : /^[1-9]$/.test(key.char) ? Number(key.char) - 1 : -1;
  if (choice < 0 || choice >= q.choices.length || !q.canAnswer || q.reveal) return { state: s };
  return { state: s, effect: { kind: 'answer', question: q.id, choice } };
}

function idleChar(s: ScreenState, char: string, view: SeatView, assist: Assist): Reaction {
  switch (char) {
    case 'p':
      return view.question ? { state: { ...s, questionHidden: null } } : { state: s };
    case 't':
      if (!view.online) return { state: { ...s, notice: 'offline' } };
      if (view.sheet.role === 'leader') return { state: { ...s, notice: 'leader-no-timeout' } };
      return open(s, view, { kind: 'timeout' }, assist);
    case 's':
    case 'a': {
      if (view.sheet.role !== 'leader') return { state: { ...s, notice: 'not-leader' } };
      return open(s, view, { kind: 'send', to: char === 'a' ? peersOf(view.sheet) : needing(view) }, assist);
    }
    case 'r': {
      // Read the Response row: the selected reply (or the first one) with every other reply to
      // the same card, judged reply by reply and written once.
      const selected = view.inbox[Math.min(s.inboxIndex, view.inbox.length - 1)];
      const reply = selected?.inReplyTo ? selected : view.inbox.find((c) => c.inReplyTo);
      if (!reply?.inReplyTo) return { state: { ...s, notice: 'no-replies' } };
      return open(s, view, { kind: 'replies', batch: reply.inReplyTo.batch }, assist);
    }
    case 'w':
      if (view.sheet.role !== 'leader') return { state: { ...s, notice: 'not-leader' } };
      return { state: { ...s, awaitingLetter: true } };
    case '?':
      return askHint(s, view, 'rules');
    case 'c':
      // The cluster strip: every server at a glance (client/components/cluster-strip.tsx).
      return view.glance ? { state: { ...s, overlay: 'cluster' } } : { state: s };
    case 'q':
      return { state: { ...s, quitAsked: true } };
    default:
      return { state: s };
  }
}

function writeLetter(s: ScreenState, key: KeyPress, view: SeatView, assist: Assist): Reaction {
  if (key.kind === 'escape') return { state: { ...s, awaitingLetter: false, typed: '' } };
  if (key.kind === 'backspace') return { state: { ...s, typed: [...s.typed].slice(0, -1).join('') } };
  if (key.kind === 'enter') {
    if (s.typed === '') return { state: s };
    return open({ ...s, awaitingLetter: false }, view, { kind: 'client', value: s.typed }, assist);
  }
  if (key.kind !== 'char') return { state: s };
  const chars = [...key.char];
  if (chars.length > 1) {
    // A fast typist or a paste arrives as one chunk: each letter as if typed alone.
    let out: Reaction = { state: s };
    for (const c of chars) {
      out = writeLetter(out.state, { kind: 'char', char: c }, view, assist);
      if (out.state.notice) break;
    }
    return out;
  }
  // A leader never takes a letter back (P2): when the script names the message, a typo is
  // caught before it reaches the log, with the letter that comes next.
  const expected = view.task?.kind === 'write' ? botMove(view)?.input : undefined;
  const word = s.typed + key.char;
  if (expected?.kind === 'client' && !expected.value.startsWith(word)) {
    const next = [...expected.value][[...s.typed].length];
    return { state: { ...s, notice: next === undefined ? 'expect-enter' : `expect-letter:${next}` } };
  }
  return { state: { ...s, typed: word } };
}

function open(s: ScreenState, view: SeatView, input: MoveInput, assist: Assist): Reaction {
  const draft = startDraft(view, input, assist);
  if (!draft) return { state: { ...s, notice: 'card-gone' } };
  // Start the cursor where the decision is: the Response tick of a reply, else the vote row.
  const rows = cellRows(draft);
  const okRow = rows.findIndex((r) => r[0].area === 'ok' || r[0].area === 'card-field');
  // A reply to a leader's card is about commitIndex (R22); a letter is about the log (R15).
  const start =
    okRow >= 0
      ? { row: okRow, col: 0 }
      : input.kind === 'client'
        ? { row: rows.findIndex((r) => r[0].area === 'log-value'), col: draft.move.state.log.length - 1 }
        : { row: 0, col: 1 };
  return { state: { ...s, draft, ...start, typed: '', verdict: null } };
}

/** A draft is open: move over the cells, write into them, submit or throw away. */
function draftKey(s: ScreenState, key: KeyPress, view: SeatView): Reaction {
  const draft = s.draft as Draft;
  const rows = cellRows(draft);
  const clampCol = (row: number, col: number) => Math.max(0, Math.min(col, rows[row].length - 1));
  switch (key.kind) {
    case 'up': {
      const row = Math.max(0, s.row - 1);
      return { state: { ...s, row, col: clampCol(row, s.col), typed: '' } };
    }
    case 'down': {
      const row = Math.min(rows.length - 1, s.row + 1);
      return { state: { ...s, row, col: clampCol(row, s.col), typed: '' } };
    }
    case 'left':
      return { state: { ...s, col: Math.max(0, s.col - 1), typed: '' } };
    case 'right':
      return { state: { ...s, col: clampCol(s.row, s.col + 1), typed: '' } };
    case 'tab': {
      const row = (s.row + 1) % rows.length;
      return { state: { ...s, row, col: 0, typed: '' } };
    }
    case 'escape':
      return { state: { ...s, draft: null, typed: '', verdict: null } };
    case 'enter':
      if (s.pending) return { state: s };
      return { state: { ...s, pending: true }, effect: { kind: 'submit', input: draft.input, proposal: proposal(draft) } };
    case 'backspace':
      return withEdit(s, { kind: 'clear' }, '');
    case 'char':
      if (key.char === '?') return askHint(s, view, 'help');
      if (key.char === ' ' && toggles(currentCell(s))) return withEdit(s, { kind: 'toggle' }, '');
      return withEdit(s, { kind: 'type', char: key.char }, s.typed + key.char);
  }
}

function toggles(cell: CellId | null): boolean {
  return cell !== null && (cell.area === 'ok' || cell.area === 'applied' || cell.area === 'role');
}

function withEdit(s: ScreenState, edit: Parameters<typeof editCell>[2], typedAfter: string): Reaction {
  const cell = currentCell(s);
  if (!cell || !s.draft) return { state: s };
  const draft = editCell(s.draft, cell, edit, s.typed);
  // A letter cell takes one letter: move on to the next cell, as a pencil does.
  const advance = cell.area === 'log-value' && edit.kind === 'type';
  const rows = cellRows(draft);
  const row = Math.min(s.row, rows.length - 1);
  const col = advance ? Math.min(s.col + 1, rows[row].length - 1) : s.col;
  return { state: { ...s, draft, row, col, typed: advance ? '' : typedAfter } };
}

/** The hub answered this seat's move. */
export function onVerdict(s: ScreenState, accepted: boolean, mistakes: Mistake[], message?: Text): ScreenState {
  return { ...s, pending: false, verdict: { accepted, mistakes, ...(message ? { message } : {}) }, draft: accepted ? null : s.draft };
}

/** A new view arrived: keep the selection in range, drop a draft whose card has gone. */
export function onView(s: ScreenState, view: SeatView): ScreenState {
  const inboxIndex = Math.min(s.inboxIndex, Math.max(0, view.inbox.length - 1));
  const gone = s.draft?.input.kind === 'card' && !view.inbox.some((c) => c.id === (s.draft?.input as { card: string }).card);
  return { ...s, inboxIndex, draft: gone && !s.pending ? null : s.draft };
}

/**
 * `s`: AppendEntries to the followers that need it (R16): those the script names, else those
 * whose nextIndex is not past the leader's log; with nobody behind, a heartbeat to everyone (R13).
 */
export function needing(view: SeatView): string[] {
  if (view.task?.kind === 'send' && view.task.to) return view.task.to;
  const s = view.sheet;
  const behind = peersOf(s).filter((p) => (s.nextIndex[p] ?? lastIndex(s) + 1) <= lastIndex(s)); // R29: absolute indexes
  return behind.length > 0 ? behind : peersOf(s);
}
