/**
 * What one seat sees and what the instructor sees. A seat's view holds its own sheet, its inbox,
 * the cards it wrote with their Response rows, the script's words and task for it, its own
 * mistakes and the cluster's violations. Of the other servers it sees only a glance (term, vote,
 * role, the tail of the log, cards waiting): what a player sees of the next desks in class, so
 * the lesson of a step that happens elsewhere (game 4's overwrite) happens in sight.
 */
import { currentTerm, votedFor } from '../raft/log.js';
import { entryAtIndex, lastIndex } from '../raft/snapshot.js';
import type { ServerId } from '../raft/types.js';
import { cardTag } from './card-tag.js';
import { INBOX_SHOWN, IN_FLIGHT_SHOWN } from './limits.js';
import { inboxOf } from './move.js';
import { askableOf, questionView, seatQuestion } from './question-view.js';
import { DEFAULT_FREE_MESSAGE, currentStep, gameOf } from './scenarios.js';
import type { Card, ClusterOverview, ClusterState, InstructorView, Room, ScriptTask, SeatView, SentBatch, ServerGlance } from './types.js';

/** How many of its sent cards a seat sees, newest first. */
export const SENT_SHOWN = 16;
/** The glance at each server holds at most this many of the last log entries … */
export const GLANCE_LOG = 24;
/** … and names at most this many of the cards in flight to it (all are counted). */
export const GLANCE_CARDS = 3;
/**
 * Views carry the newest violations and announcements only, so no view or room message grows
 * with the length of the session (issue 11 #1); mistakes are bounded where they are kept
 * (apply.ts MISTAKES_KEPT), their totals travel as counts per rule.
 */
export const VIOLATIONS_SHOWN = 16;
export const ANNOUNCEMENTS_SHOWN = 8;

export function heartbeatMs(room: Room): number {
  return Math.max(1, Math.floor(room.config.electionTimeoutMs[0] / 3));
}

/** Throws on an unknown cluster or server: callers (the hub) resolve seats before asking. */
export function seatView(room: Room, cluster: string, server: ServerId): SeatView {
  const c = room.clusters[cluster];
  const rec = c?.servers[server];
  if (!rec) throw new Error(`no server ${server} in cluster ${cluster}`);
  return {
    cluster,
    server,
    seat: c.seats[server],
    now: room.now,
    sheet: rec.state,
    online: rec.online,
    ...inboxShown(rec.online ? inboxOf(c, server, room.now) : []),
    sent: sentBy(c, server),
    ...promptFor(c),
    ...(c.hints ? { hints: c.hints } : {}),
    glance: glanceOf(c),
    ...(rec.restartedFrom ? { restartedFrom: rec.restartedFrom } : {}),
    task: taskFor(c, server),
    script: scriptSummary(c),
    mode: c.mode,
    assist: c.assist,
    election: c.election,
    timerDeadline: rec.timerDeadline,
    mistakes: Object.hasOwn(c.mistakes, server) ? c.mistakes[server] : [],
    violations: c.violations.slice(-VIOLATIONS_SHOWN),
    announcements: c.announcements.slice(-ANNOUNCEMENTS_SHOWN),
    maxEntries: room.config.maxEntries,
    heartbeatMs: heartbeatMs(room),
    ...(c.paused !== undefined ? { paused: c.paused } : {}),
    ...(c.election === 'timers' ? { electionTimeoutMs: room.config.electionTimeoutMs } : {}),
    ...(c.question ? { question: seatQuestion(c, server) } : {}),
    ...(c.preVote ? { preVote: true } : {}),
    ...(c.snapshotEvery ? { snapshotEvery: c.snapshotEvery } : {}),
    ...(c.membership ? { membership: c.membership } : {}),
  };
}

/** The oldest INBOX_SHOWN cards of an inbox and a count of the rest (`inboxMore`, absent when none). */
function inboxShown(inbox: Card[]): Pick<SeatView, 'inbox' | 'inboxMore'> {
  return inbox.length > INBOX_SHOWN ? { inbox: inbox.slice(0, INBOX_SHOWN), inboxMore: inbox.length - INBOX_SHOWN } : { inbox };
}

/**
 * Prefilled play gets the step's recipe as the prompt. By hand the prompt states the goal
 * ("become leader of t1"), not the answer; at hint level 'answer' the recipe rides along for `?`.
 */
function promptFor(c: ClusterState): Pick<SeatView, 'prompt' | 'recipe'> {
  const step = currentStep(c);
  if (!step) return { prompt: null };
  if (c.assist !== 'by-hand' || !step.goal) return { prompt: step.prompt };
  return (c.hints ?? 'answer') === 'answer' ? { prompt: step.goal, recipe: step.prompt } : { prompt: step.goal };
}

// One glance per cluster state (states are immutable): the hub builds eight seat views of one
// cluster after a change, and they share it.
const glances = new WeakMap<ClusterState, ServerGlance[]>();

/** Every server of the cluster at a glance (ServerGlance), bounded by GLANCE_LOG and GLANCE_CARDS. */
export function glanceOf(c: ClusterState): ServerGlance[] {
  const cached = glances.get(c);
  if (cached) return cached;
  const to: Record<string, Card[]> = {};
  for (const k of c.inFlight) (to[k.to] ??= []).push(k);
  const out = Object.values(c.servers).map(({ state: s, online, restartedFrom }): ServerGlance => {
    // R29: absolute indexes; an entry in the snapshot box shows its letter from the box, term 0 (unknown).
    const length = lastIndex(s);
    const from = Math.max(1, length - GLANCE_LOG + 1);
    const tail = Array.from({ length: length - from + 1 }, (_, k) => entryAtIndex(s, from + k)!);
    const cards = to[s.id] ?? [];
    return {
      id: s.id,
      term: currentTerm(s),
      vote: votedFor(s) ?? null,
      role: s.role,
      online,
      length,
      from,
      values: tail.map((e) => e.value).join(''),
      terms: tail.map((e) => e.term),
      commitIndex: s.commitIndex,
      lastApplied: s.lastApplied,
      cards: cards.length,
      cardTags: cards.slice(0, GLANCE_CARDS).map((k) => ({ type: cardTag(k.message.type), from: k.from })),
      ...(restartedFrom ? { restarted: true } : {}),
      ...(s.snapshot ? { snapshot: s.snapshot.lastIncludedIndex } : {}),
    };
  });
  glances.set(c, out);
  return out;
}

function sentBy(c: ClusterState, server: ServerId): SentBatch[] {
  const out: SentBatch[] = [];
  const all = Object.values(c.batches);
  for (let i = all.length - 1; i >= 0 && out.length < SENT_SHOWN; i--) if (all[i].from === server) out.push(all[i]);
  return out;
}

/** The step's task for this server; in free play a leader's task is to write the message. */
function taskFor(c: ClusterState, server: ServerId): ScriptTask | null {
  const g = gameOf(c);
  if (g?.free) {
    const leader = c.servers[server].state.role === 'leader';
    return leader ? { kind: 'write', text: c.script?.message ?? DEFAULT_FREE_MESSAGE, at: 1 } : null;
  }
  return currentStep(c)?.tasks[server] ?? null;
}

function scriptSummary(c: ClusterState): SeatView['script'] {
  const g = gameOf(c);
  const step = currentStep(c);
  if (!c.script || !g || !step) return null;
  return { game: g.id, step: c.script.step, steps: g.steps.length, title: step.title, done: c.script.done, free: g.free };
}

export function instructorView(room: Room): InstructorView {
  return { now: room.now, config: room.config, clusters: Object.values(room.clusters).map((c) => overview(room, c)) };
}

function overview(room: Room, c: ClusterState): ClusterOverview {
  const sheets = Object.fromEntries(Object.entries(c.servers).map(([id, r]) => [id, r.state]));
  const leaders = Object.values(sheets)
    .filter((s) => s.role === 'leader')
    .map((s) => ({ server: s.id, term: currentTerm(s) }));
  const term = Math.max(0, ...Object.values(sheets).map(currentTerm));
  const top = leaders.filter((l) => l.term === term)[0];
  const commitIndex = top ? sheets[top.server].commitIndex : Math.max(0, ...Object.values(sheets).map((s) => s.commitIndex));
  const g = gameOf(c);
  const step = currentStep(c);
  return {
    id: c.id,
    leaders,
    term,
    commitIndex,
    // The oldest IN_FLIGHT_SHOWN cards and a count of the rest, however many a room sends.
    inFlight: c.inFlight.slice(0, IN_FLIGHT_SHOWN).map((card) => ({ card, holder: card.to, age: room.now - card.sentAt, visible: card.deliverAt <= room.now })),
    ...(c.inFlight.length > IN_FLIGHT_SHOWN ? { inFlightMore: c.inFlight.length - IN_FLIGHT_SHOWN } : {}),
    ...lostCells(c),
    waiting: waitingBy(room, c),
    seats: c.seats,
    online: Object.fromEntries(Object.entries(c.servers).map(([id, r]) => [id, r.online])),
    timers: Object.fromEntries(Object.entries(c.servers).map(([id, r]) => [id, r.timerDeadline])),
    mistakesByRule: countByRule(c),
    mistakes: c.mistakes,
    violations: c.violations.slice(-VIOLATIONS_SHOWN),
    script: c.script && g && step ? { ...c.script, steps: g.steps.length, title: step.title, prompt: step.prompt } : null,
    mode: c.mode,
    assist: c.assist,
    election: c.election,
    ...(c.hints ? { hints: c.hints } : {}),
    faults: c.faults,
    sheets,
    ...(c.rewinds ? { rewinds: c.rewinds } : {}),
    ...(c.paused !== undefined ? { paused: c.paused } : {}),
    ...(c.question ? { question: questionView(c) } : {}),
    ...askable(room, c),
    ...(c.preVote ? { preVote: true } : {}),
    ...(c.snapshotEvery ? { snapshotEvery: c.snapshotEvery } : {}),
    ...(c.membership ? { membership: c.membership } : {}),
  };
}

function askable(room: Room, c: ClusterState): Pick<ClusterOverview, 'askable'> {
  const list = askableOf(room, c);
  return list ? { askable: list } : {};
}

/** Lost cells kept in a cluster's view: enough to tell the cards of the last few moves. */
export const LOST_SHOWN = 16;

/** The newest lost Response-row cells (batches keep the order they were written in), bounded. */
function lostCells(c: ClusterState): Pick<ClusterOverview, 'lost'> {
  const lost: NonNullable<ClusterOverview['lost']> = [];
  for (const b of Object.values(c.batches)) {
    for (const [server, cell] of Object.entries(b.responses)) if (cell === 'lost') lost.push({ batch: b.id, from: b.from, type: b.message.type, server });
  }
  return lost.length ? { lost: lost.slice(-LOST_SHOWN) } : {};
}

function waitingBy(room: Room, c: ClusterState): ClusterOverview['waiting'] {
  const out: ClusterOverview['waiting'] = {};
  for (const id of Object.keys(c.servers)) {
    const inbox = inboxOf(c, id, room.now);
    out[id] = inbox.length ? { card: inbox[0].id, age: room.now - Math.max(inbox[0].sentAt, inbox[0].deliverAt), count: inbox.length } : null;
  }
  return out;
}

/** Every mistake of the cluster by rule: the kept counts (a state recorded before them: the lists). */
export function countByRule(c: ClusterState): Record<string, number> {
  const out: Record<string, number> = {};
  if (c.mistakeCounts) {
    for (const counts of Object.values(c.mistakeCounts)) for (const [rule, n] of Object.entries(counts)) out[rule] = (out[rule] ?? 0) + n;
    return out;
  }
  for (const list of Object.values(c.mistakes)) for (const m of list) out[m.rule] = (out[m.rule] ?? 0) + 1;
  return out;
}

