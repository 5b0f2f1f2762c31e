/**
 * Instructor faults, aimed at people as in the workshop: tear up a card, take a server offline
 * and back (R1: its sheet is kept, cards to it are lost meanwhile), split the cluster, delay,
 * duplicate or reorder cards (R18 makes those harmless), random loss, and a server hearing of a
 * higher term (R4: game 4's "i4 skipped t2").
 */
import { currentTerm } from '../raft/log.js';
import { adoptTerm, restart, withoutPreVote } from '../raft/step.js';
import type { ServerId } from '../raft/types.js';
import { loseCards } from './cards.js';
import { armTimer, clusterOf, disarmTimer, emit, emitSheet, type Draft } from './draft.js';
import { shuffled } from './random.js';
import { reject } from './rejections.js';
import type { ClusterId, ClusterState, Fault, LinkFaults, Rejection } from './types.js';

const isMs = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v >= 0 && v <= 3_600_000;

/** Apply a fault to the draft, or say why it cannot be applied (nothing emitted then). */
export function applyFault(d: Draft, cluster: ClusterId, f: Fault): Rejection | null {
  const c = clusterOf(d, cluster);
  const known = (s: unknown): s is ServerId => typeof s === 'string' && c.servers[s] !== undefined;
  const card = (id: unknown) => c.inFlight.find((k) => k.id === id);
  switch (f?.kind) {
    case 'lose':
      if (!card(f.card)) return reject('card/unknown');
      loseCards(d, cluster, (k) => k.id === f.card, 'torn');
      return null;
    case 'lose-to':
      if (!Array.isArray(f.to) || !f.to.every(known)) return reject('server/unknown');
      loseCards(d, cluster, (k) => f.to.includes(k.to), 'torn');
      return null;
    case 'offline':
      if (!known(f.server)) return reject('server/unknown');
      goOffline(d, c, f.server);
      return null;
    case 'online':
      if (!known(f.server)) return reject('server/unknown');
      goOnline(d, c, f.server);
      return null;
    case 'partition':
      return partition(d, c, f.groups);
    case 'heal':
      return setLink(d, c, { partitions: [] });
    case 'delay': {
      const k = card(f.card);
      if (!k) return reject('card/unknown');
      if (!isMs(f.ms)) return reject('fault/invalid');
      emit(d, { type: 'card-delayed', cluster, card: k.id, deliverAt: Math.max(k.deliverAt, d.now) + f.ms });
      return null;
    }
    case 'delay-all':
      return isMs(f.ms) ? setLink(d, c, { delayMs: f.ms }) : reject('fault/invalid');
    case 'duplicate': {
      const k = card(f.card);
      if (!k) return reject('card/unknown');
      emit(d, { type: 'card-sent', cluster, card: { ...k, id: `${cluster}-${c.seq + 1}` } });
      return null;
    }
    case 'duplicate-all':
      return typeof f.on === 'boolean' ? setLink(d, c, { duplicate: f.on }) : reject('fault/invalid');
    case 'reorder': {
      if (!known(f.server)) return reject('server/unknown');
      const mine = c.inFlight.filter((k) => k.to === f.server).map((k) => k.id);
      emit(d, { type: 'inbox-reordered', cluster, server: f.server, order: shuffled(d.ctx.random, mine) });
      return null;
    }
    case 'loss-rate':
      return typeof f.rate === 'number' && f.rate >= 0 && f.rate <= 1 ? setLink(d, c, { lossRate: f.rate }) : reject('fault/invalid');
    case 'adopt-term':
      if (!known(f.server)) return reject('server/unknown');
      return adopt(d, c, f.server, f.term);
    case 'pre-vote':
      // R24–R27 on or off for the cluster; the modes stay as they are.
      if (typeof f.on !== 'boolean') return reject('fault/invalid');
      emit(d, { type: 'mode', cluster, mode: c.mode, assist: c.assist, election: c.election, ...(c.hints ? { hints: c.hints } : {}), preVote: f.on });
      // Off: the pre-vote cells mean nothing any more (R26–R28), so no sheet keeps them (game 6 after game 5).
      if (!f.on) for (const [id, r] of Object.entries(c.servers)) emitSheet(d, cluster, id, withoutPreVote(r.state), 'mode');
      return null;
    case 'snapshot':
      // R30: snapshot every N applied entries (0: off) for the cluster; the modes stay as they are.
      emit(d, { type: 'mode', cluster, mode: c.mode, assist: c.assist, election: c.election, ...(c.hints ? { hints: c.hints } : {}), snapshotEvery: f.every });
      return null;
    case 'membership':
      // R33–R38 on (with the initial configuration, every id one of the cluster's) or off.
      if (f.voters !== null && (!Array.isArray(f.voters) || f.voters.length === 0 || !f.voters.every(known))) return reject('fault/invalid');
      if (f.uncorrected !== undefined && typeof f.uncorrected !== 'boolean') return reject('fault/invalid');
      emit(d, { type: 'membership', cluster, voters: f.voters === null ? null : [...new Set(f.voters)], ...(f.uncorrected ? { uncorrected: true } : {}) });
      return null;
    default:
      return reject('fault/invalid');
  }
}

/** Offline: the sheet is turned over; cards waiting for it are lost; it has no timer. */
function goOffline(d: Draft, c: ClusterState, server: ServerId): void {
  if (!c.servers[server].online) return;
  emit(d, { type: 'online', cluster: c.id, server, online: false });
  loseCards(d, c.id, (k) => k.to === server, 'offline');
  disarmTimer(d, c.id, server);
}

/** Online: a restart (R1): persistent state kept, back as a follower with commitIndex 0. */
function goOnline(d: Draft, c: ClusterState, server: ServerId): void {
  if (c.servers[server].online) return;
  emit(d, { type: 'online', cluster: c.id, server, online: true });
  emitSheet(d, c.id, server, restart(c.servers[server].state), 'restart');
  if (c.election === 'timers') armTimer(d, c.id, server);
}

function partition(d: Draft, c: ClusterState, groups: unknown): Rejection | null {
  if (!Array.isArray(groups) || groups.length === 0) return reject('fault/invalid');
  const seen = new Set<string>();
  for (const g of groups) {
    if (!Array.isArray(g) || g.length === 0) return reject('fault/invalid');
    for (const s of g) {
      if (typeof s !== 'string' || !c.servers[s]) return reject('server/unknown');
      if (seen.has(s)) return reject('fault/invalid');
      seen.add(s);
    }
  }
  return setLink(d, c, { partitions: (groups as string[][]).map((g) => [...g]) });
}

function setLink(d: Draft, c: ClusterState, change: Partial<LinkFaults>): null {
  emit(d, { type: 'link-faults', cluster: c.id, faults: { ...c.faults, ...change } });
  return null;
}

/** R4: a higher term heard of is written with `—` for every term skipped; a leader steps down. */
function adopt(d: Draft, c: ClusterState, server: ServerId, term: unknown): Rejection | null {
  const before = c.servers[server].state;
  if (typeof term !== 'number' || !Number.isInteger(term) || term <= currentTerm(before) || term > currentTerm(before) + 100) {
    return reject('fault/invalid');
  }
  emitSheet(d, c.id, server, adoptTerm(before, term), 'adopt-term');
  const rec = clusterOf(d, c.id).servers[server];
  if (c.election === 'timers' && rec.online && rec.timerDeadline === null) armTimer(d, c.id, server);
  return null;
}
