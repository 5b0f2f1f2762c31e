/**
 * Bots decide from their own seat view only — exactly what a network bot in another process
 * receives — and name an input; `reduce` then plays the correct move for it (no proposal).
 * With a script: follow the step's task until the step is done. Free play (or no script): work
 * the inbox oldest first; a leader writes the message, sends AppendEntries to followers that lag
 * and have no card waiting (R16), and heartbeats when idle (R13); time out when the timer fired.
 */
import { currentTerm, logText } from '../raft/log.js';
import { fullText, lastIndex, snapshotIndex } from '../raft/snapshot.js';
import { peersOf } from '../raft/step.js';
import type { ServerId } from '../raft/types.js';
import { reduce } from './reducer.js';
import { seatView } from './views.js';
import type { Command, MoveInput, Room, ScriptTask, SeatView } from './types.js';

export function botMove(view: SeatView): { input: MoveInput } | null {
  if (!view.online || view.paused !== undefined) return null; // a paused cluster waits
  if (view.script && !view.script.free) {
    if (view.script.done || !view.task) return null;
    return followTask(view, view.task);
  }
  return freePlay(view);
}

function followTask(view: SeatView, task: ScriptTask): { input: MoveInput } | null {
  switch (task.kind) {
    case 'timeout': {
      const due = task.term !== undefined ? currentTerm(view.sheet) < task.term : view.sheet.role === 'follower';
      return due && view.sheet.role !== 'leader' ? { input: { kind: 'timeout' } } : null;
    }
    case 'write':
      return writeNext(view, task);
    case 'send':
      return sendToLaggards(view, task.to);
    case 'inbox':
      return takeOldest(view);
  }
}

function freePlay(view: SeatView): { input: MoveInput } | null {
  const card = takeOldest(view);
  if (card) return card;
  if (view.sheet.role === 'leader') {
    return (
      (view.task?.kind === 'write' ? writeNext(view, view.task) : null) ??
      sendToLaggards(view) ??
      heartbeat(view)
    );
  }
  const expired = view.timerDeadline !== null && view.timerDeadline <= view.now;
  return view.election === 'timers' && expired ? { input: { kind: 'timeout' } } : null;
}

/** A view without it (an older hub) gets the default: a third of the 3 s shortest timeout. */
const heartbeatOf = (view: SeatView): number => view.heartbeatMs ?? 1000;

/** The oldest card; a reply is read with its whole Response row (every reply to that card), as on paper. */
function takeOldest(view: SeatView): { input: MoveInput } | null {
  const card = view.inbox[0];
  if (!card) return null;
  return card.inReplyTo ? { input: { kind: 'replies', batch: card.inReplyTo.batch } } : { input: { kind: 'card', card: card.id } };
}

/**
 * The rest of the task's text, written in one move as a leader writes a word on paper (R15), if
 * the log holds the text so far from its start index.
 */
function writeNext(view: SeatView, task: Extract<ScriptTask, { kind: 'write' }>): { input: MoveInput } | null {
  const { log } = view.sheet;
  if (view.sheet.role !== 'leader') return null;
  const term = currentTerm(view.sheet);
  // R29: indexes count the snapshot box's entries too.
  const at = task.at ?? snapshotIndex(view.sheet) + log.filter((e) => e.term < term).length + 1;
  if (lastIndex(view.sheet) < at - 1) return null;
  // Entry by entry above the box (a configuration entry `+i9` is one cell of three characters,
  // game 7); inside the box, its text (game 6).
  const boxed = snapshotIndex(view.sheet);
  const written = at > boxed ? logText(log, at - boxed) : [...fullText(view.sheet)].slice(at - 1).join('');
  if (written.length >= task.text.length || !task.text.startsWith(written)) return null;
  return { input: { kind: 'client', value: [...task.text].slice([...written].length).join('') } };
}

/**
 * Peers with a card of this term still unanswered, or an answer not yet read, are left alone;
 * a peer whose last card was lost is retried only after a heartbeat interval (a person would
 * wait a little before writing again).
 */
function busyPeers(view: SeatView, waitAfterLoss = true): Set<ServerId> {
  const term = currentTerm(view.sheet);
  const busy = new Set<ServerId>();
  for (const k of view.inbox) if (k.inReplyTo) busy.add(k.from);
  const seen = new Set<ServerId>();
  for (const b of view.sent) {
    // R32: an InstallSnapshot card waits for its answer like an AppendEntries.
    if ((b.message.type !== 'AppendEntries' && b.message.type !== 'InstallSnapshot') || b.message.term !== term) continue;
    for (const [p, cell] of Object.entries(b.responses)) {
      if (cell === 'waiting') busy.add(p);
      if (seen.has(p)) continue; // only the newest card to p decides the retry pause
      seen.add(p);
      if (waitAfterLoss && cell === 'lost' && view.now - b.sentAt < heartbeatOf(view)) busy.add(p);
    }
  }
  return busy;
}

function sendToLaggards(view: SeatView, only?: ServerId[]): { input: MoveInput } | null {
  const s = view.sheet;
  if (s.role !== 'leader') return null;
  // A step that names its addressees (game 6: "i4, send to i8") means now, even right after a loss.
  const busy = busyPeers(view, !only);
  const firstCard = !view.sent.some((b) => b.message.type === 'AppendEntries' && b.message.term === currentTerm(s));
  const to = peersOf(s).filter(
    (p) => (!only || only.includes(p)) && !busy.has(p) && (firstCard || (s.nextIndex[p] ?? 1) <= lastIndex(s)),
  );
  return to.length ? { input: { kind: 'send', to } } : null; // a new leader's first card is R13's heartbeat
}

/** timers mode: after heartbeatMs without an AppendEntries card, ping every idle follower (R13). */
function heartbeat(view: SeatView): { input: MoveInput } | null {
  if (view.election !== 'timers') return null;
  const term = currentTerm(view.sheet);
  const last = view.sent.find((b) => b.message.type === 'AppendEntries' && b.message.term === term);
  if (last && view.now - last.sentAt < heartbeatOf(view)) return null;
  const busy = busyPeers(view);
  const to = peersOf(view.sheet).filter((p) => !busy.has(p));
  return to.length ? { input: { kind: 'send', to } } : null;
}

/** In-process bots: one move command for every bot seat that has something to do now. */
export function botCommands(room: Room): Command[] {
  const out: Command[] = [];
  for (const c of Object.values(room.clusters)) {
    for (const [id, seat] of Object.entries(c.seats)) {
      if (seat.kind !== 'bot') continue;
      const m = botMove(seatView(room, c.id, id));
      if (m) out.push({ type: 'move', cluster: c.id, server: id, input: m.input });
    }
  }
  return out;
}

