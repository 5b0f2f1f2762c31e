/**
 * Applying events: the only way a room changes. Pure (returns a new room, shares what did not
 * change). Replaying a journal from `createRoom(config)` reproduces the room exactly.
 *
 * The monitor's state is derived data: applying a `sheet` event advances it with `monitorStep`
 * (pure). The reducer already made that call to learn the violations it records in the event, so
 * it leaves the result in a cache keyed by the event object; replay from JSON recomputes it.
 */
import { monitorStep, type MonitorState } from '../raft/monitor.js';
import type { Mistake } from '../raft/referee.js';
import type { ServerId, ServerState } from '../raft/types.js';
import type { GameEvent } from './events.js';
import { freshCluster } from './room.js';
import type { Card, ClusterState, Room, SentBatch, ServerRecord } from './types.js';

/** A server keeps its newest batches only (the paper cards on its desk); bounds long sessions. */
export const BATCHES_KEPT_PER_SERVER = 24;

/**
 * What a client can grow is bounded (issue 11 #1: a student refused ~29 times a second with a
 * 12 KB proposal made every view and room message carry megabytes). A server keeps its newest
 * MISTAKES_KEPT mistakes in full and a count per rule of all of them (the console's and the
 * debrief's totals); a mistake quoting a large value (a 512-entry log) keeps a short summary.
 */
export const MISTAKES_KEPT = 8;
export const MISTAKE_VALUE_CHARS = 160;
/** An explanation quoting a long value (the whole 512-entry log) is cut at this many characters. */
export const MISTAKE_EXPLAIN_CHARS = 400;

function cut(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

function compactValue(v: unknown): unknown {
  if (v === undefined || v === null || typeof v === 'number' || typeof v === 'boolean') return v;
  const json = JSON.stringify(v);
  if (json === undefined || json.length <= MISTAKE_VALUE_CHARS) return v;
  if (Array.isArray(v)) return `(${v.length} items)`;
  return `${json.slice(0, MISTAKE_VALUE_CHARS - 1)}…`;
}

/** The mistake with `expected` and `given` cut to a summary when large (the rule, field and explanation stay). */
export function compactMistake(m: Mistake): Mistake {
  const expected = compactValue(m.expected);
  const given = compactValue(m.given);
  const long = m.explain.en.length > MISTAKE_EXPLAIN_CHARS || m.explain.ru.length > MISTAKE_EXPLAIN_CHARS;
  if (expected === m.expected && given === m.given && !long) return m;
  const explain = long ? { en: cut(m.explain.en, MISTAKE_EXPLAIN_CHARS), ru: cut(m.explain.ru, MISTAKE_EXPLAIN_CHARS) } : m.explain;
  return { ...m, expected, given, explain };
}

function addMistakes(c: ClusterState, server: ServerId, found: readonly Mistake[]): ClusterState {
  const kept = [...(c.mistakes[server] ?? []), ...found.map(compactMistake)].slice(-MISTAKES_KEPT);
  const counts = { ...(c.mistakeCounts?.[server] ?? {}) };
  for (const m of found) counts[m.rule] = (counts[m.rule] ?? 0) + 1;
  return { ...c, mistakes: { ...c.mistakes, [server]: kept }, mistakeCounts: { ...c.mistakeCounts, [server]: counts } };
}

const monitorCache = new WeakMap<object, { input: MonitorState; output: MonitorState }>();

/** The reducer leaves the monitor state it computed for a `sheet` event (see above). */
export function rememberMonitor(event: GameEvent, input: MonitorState, output: MonitorState): void {
  monitorCache.set(event, { input, output });
}

export function applyEvents(room: Room, events: readonly GameEvent[]): Room {
  let out = room;
  for (const e of events) out = applyEvent(out, e);
  return out;
}

export function applyEvent(room: Room, e: GameEvent): Room {
  if (e.type === 'clock') return e.now > room.now ? { ...room, now: e.now } : room;
  const c = Object.hasOwn(room.clusters, e.cluster) ? room.clusters[e.cluster] : undefined;
  if (!c) return room; // an event for a cluster this room does not have changes nothing
  const next = applyToCluster(c, e, room);
  return next === c ? room : { ...room, clusters: { ...room.clusters, [c.id]: next } };
}

function applyToCluster(c: ClusterState, e: Exclude<GameEvent, { type: 'clock' }>, room: Room): ClusterState {
  switch (e.type) {
    case 'sheet':
      return applySheet(c, e);
    case 'card-sent':
      return applyCardSent(c, e.card);
    case 'card-taken':
      return { ...c, inFlight: c.inFlight.filter((k) => k.id !== e.card) };
    case 'card-lost':
      return applyCardLost(c, e.card);
    case 'card-delayed':
      return { ...c, inFlight: c.inFlight.map((k) => (k.id === e.card ? { ...k, deliverAt: e.deliverAt } : k)) };
    case 'inbox-reordered':
      return applyReorder(c, e.server, e.order);
    case 'batch-opened':
      return applyBatchOpened(c, e.batch);
    case 'response':
      return setCell(c, e.batch, e.server, e.cell);
    case 'timer':
      return updateServer(c, e.server, (r) => ({ ...r, timerDeadline: e.deadline }));
    case 'online':
      return updateServer(c, e.server, (r) => ({ ...r, online: e.online }));
    case 'link-faults':
      return { ...c, faults: e.faults };
    case 'mistakes':
      return Object.hasOwn(c.servers, e.server) ? addMistakes(c, e.server, e.mistakes) : c;
    case 'moved':
      return c;
    case 'mode':
      return { ...c, mode: e.mode, assist: e.assist, election: e.election, ...(e.hints ? { hints: e.hints } : {}), ...(e.preVote !== undefined ? { preVote: e.preVote } : {}), ...(e.snapshotEvery !== undefined ? { snapshotEvery: e.snapshotEvery } : {}) };
    case 'membership': {
      if (e.voters !== null) return { ...c, membership: { voters: [...e.voters], ...(e.uncorrected ? { uncorrected: true } : {}) } };
      const { membership: _off, ...rest } = c;
      return rest;
    }
    case 'seat':
      return Object.hasOwn(c.seats, e.server) ? { ...c, seats: { ...c.seats, [e.server]: e.seat } } : c;
    case 'announce':
      return { ...c, announcements: [...c.announcements, e.text] };
    case 'script':
      return { ...c, script: e.script };
    case 'reset':
      return freshCluster(c.id, room.config, c);
    case 'rewind':
      return e.state;
    case 'pause':
      return applyPause(c, e.paused ? e.at : null);
    case 'prepared':
      return { ...c, ...e.state };
    case 'question':
      return { ...c, question: e.question, questions: (c.questions ?? 0) + 1 };
    case 'answer':
      return c.question?.id === e.question ? { ...c, question: { ...c.question, answers: { ...c.question.answers, [e.server]: { choice: e.choice, name: e.name } } } } : c;
    case 'reveal':
      return c.question?.id === e.question ? { ...c, question: { ...c.question, revealed: true } } : c;
    case 'question-closed': {
      if (c.question?.id !== e.question) return c;
      const { question: _closed, ...rest } = c;
      return rest;
    }
  }
}

function applyPause(c: ClusterState, since: number | null): ClusterState {
  const { paused: _was, ...running } = c;
  return since === null ? running : { ...running, paused: since };
}

function updateServer(c: ClusterState, id: ServerId, f: (r: ClusterState['servers'][string]) => ClusterState['servers'][string]): ClusterState {
  const r = Object.hasOwn(c.servers, id) ? c.servers[id] : undefined;
  return r ? { ...c, servers: { ...c.servers, [id]: f(r) } } : c;
}

export function sheetsOf(c: ClusterState): Record<ServerId, ServerState> {
  const out: Record<ServerId, ServerState> = {};
  for (const [id, r] of Object.entries(c.servers)) out[id] = r.state;
  return out;
}

function applySheet(c: ClusterState, e: Extract<GameEvent, { type: 'sheet' }>): ClusterState {
  const r = Object.hasOwn(c.servers, e.server) ? c.servers[e.server] : undefined;
  if (!r) return c;
  const cached = monitorCache.get(e);
  const monitor =
    cached && cached.input === c.monitor
      ? cached.output
      : monitorStep(c.monitor, r.state, e.state, { ...sheetsOf(c), [e.server]: e.state }).monitor;
  return {
    ...c,
    servers: { ...c.servers, [e.server]: restartMark(r, e) },
    monitor,
    violations: e.violations.length ? [...c.violations, ...e.violations] : c.violations,
  };
}

/**
 * R1: a restart keeps the persistent state (terms, votes, log) and drops the volatile one
 * (commitIndex, lastApplied): the record keeps what was dropped until the leader's
 * AppendEntries brings lastApplied back (R19, R23), so the sheet can say why ✔ became ○.
 */
function restartMark(r: ServerRecord, e: Extract<GameEvent, { type: 'sheet' }>): ServerRecord {
  const { restartedFrom: was, ...rest } = r;
  if (e.cause === 'restart' && (r.state.commitIndex > 0 || r.state.lastApplied > 0)) {
    return { ...rest, state: e.state, restartedFrom: { commitIndex: r.state.commitIndex, lastApplied: r.state.lastApplied } };
  }
  if (was && e.state.lastApplied < was.lastApplied) return { ...rest, state: e.state, restartedFrom: was };
  return { ...rest, state: e.state };
}

function nextSeq(c: ClusterState, id: string): number {
  const n = Number(id.slice(id.lastIndexOf('-') + 1));
  return Number.isInteger(n) && n > c.seq ? n : c.seq;
}

function applyCardSent(c: ClusterState, card: Card): ClusterState {
  let batches = c.batches;
  const b = batches[card.batch];
  // A request card is listed on its batch (the first copy, if duplicated).
  if (b && !card.inReplyTo && b.from === card.from && b.cards[card.to] === undefined) {
    batches = { ...batches, [b.id]: { ...b, cards: { ...b.cards, [card.to]: card.id } } };
  }
  return { ...c, inFlight: [...c.inFlight, card], batches, seq: nextSeq(c, card.id) };
}

/** A lost card empties its cell of the Response row: the request's addressee, or the replier. */
function applyCardLost(c: ClusterState, id: string): ClusterState {
  const card = c.inFlight.find((k) => k.id === id);
  if (!card) return c;
  const without = { ...c, inFlight: c.inFlight.filter((k) => k.id !== id) };
  return card.inReplyTo ? setCell(without, card.inReplyTo.batch, card.from, 'lost') : setCell(without, card.batch, card.to, 'lost');
}

function setCell(c: ClusterState, batchId: string, server: ServerId, cell: SentBatch['responses'][string]): ClusterState {
  const b = c.batches[batchId];
  if (!b || !(server in b.responses) || b.responses[server] === cell) return c;
  return { ...c, batches: { ...c.batches, [batchId]: { ...b, responses: { ...b.responses, [server]: cell } } } };
}

function applyBatchOpened(c: ClusterState, batch: SentBatch): ClusterState {
  const batches: Record<string, SentBatch> = { ...c.batches, [batch.id]: batch };
  const mine = Object.keys(batches).filter((id) => batches[id].from === batch.from);
  for (const id of mine.slice(0, Math.max(0, mine.length - BATCHES_KEPT_PER_SERVER))) delete batches[id];
  return { ...c, batches, seq: nextSeq(c, batch.id) };
}

/** The server's cards take the listed order, in the slots they held among the other cards. */
function applyReorder(c: ClusterState, server: ServerId, order: string[]): ClusterState {
  const byId = new Map(c.inFlight.map((k) => [k.id, k]));
  const queue = order.map((id) => byId.get(id)).filter((k): k is Card => k !== undefined && k.to === server);
  if (queue.length !== c.inFlight.filter((k) => k.to === server).length) return c;
  let i = 0;
  return { ...c, inFlight: c.inFlight.map((k) => (k.to === server ? queue[i++] : k)) };
}
