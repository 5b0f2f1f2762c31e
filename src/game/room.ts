/**
 * A fresh room: clusters A, B, … Z, AA, AB, … of `size` servers i1…iN, every seat empty, fresh
 * sheets (R1, R2).
 */
import { createMonitor } from '../raft/monitor.js';
import { newServer } from '../raft/step.js';
import type { ServerId } from '../raft/types.js';
import type { ClusterId, ClusterState, Room, RoomConfig } from './types.js';

export const DEFAULT_CONFIG: RoomConfig = {
  clusters: 1,
  size: 8,
  mode: 'guard',
  assist: 'prefilled',
  election: 'cue',
  maxEntries: 4,
  // Slow and visible for humans; etcd-style [t, 2t) (EXERCISE.md game 3).
  electionTimeoutMs: [3000, 6000],
};

export const MIN_SIZE = 3;
export const MAX_SIZE = 9;
/** A…Z then AA…ZZ: every one- and two-letter name (more than a hub's 2,000 connections can seat). */
export const MAX_CLUSTERS = 26 + 26 * 26;

/** The i-th cluster's name, spreadsheet style: A…Z, AA, AB, … ZZ (a class of 125 × 8 needs more than 26). */
export function clusterName(i: number): ClusterId {
  const letter = String.fromCharCode(65 + (i % 26));
  return i < 26 ? letter : clusterName(Math.floor(i / 26) - 1) + letter;
}

export function clusterIds(count: number): ClusterId[] {
  return Array.from({ length: count }, (_, i) => clusterName(i));
}

export function serverIds(size: number): ServerId[] {
  return Array.from({ length: size }, (_, i) => `i${i + 1}`);
}

/**
 * The hub's election timeout range for a class of people (timers mode; `hub --timeout`). A
 * student needs a few seconds per card, so 3–6 s timers (the bots' default above) make a storm:
 * timers fire while the votes are still being written. With 20–40 s a class of 8 elects one
 * leader before the next timer fires, and the leader heartbeats every third of 20 s
 * (test/game/timers-for-people.test.ts measures both).
 */
export const PEOPLE_TIMEOUT_MS: [number, number] = [20_000, 40_000];

/** A cluster at its start; `keep` carries what a reset keeps (seats, modes, the id counter). */
export function freshCluster(id: ClusterId, config: RoomConfig, keep: Partial<ClusterState> = {}): ClusterState {
  const ids = serverIds(config.size);
  const servers: ClusterState['servers'] = {};
  const seats: ClusterState['seats'] = {};
  for (const s of ids) {
    servers[s] = { state: newServer(s, ids), online: true, timerDeadline: null };
    seats[s] = { kind: 'empty' };
  }
  return {
    id,
    servers,
    seats: keep.seats ?? seats,
    inFlight: [],
    batches: {},
    mode: keep.mode ?? config.mode,
    assist: keep.assist ?? config.assist,
    election: keep.election ?? config.election,
    ...(keep.hints ? { hints: keep.hints } : {}),
    faults: { partitions: [], delayMs: 0, duplicate: false, lossRate: 0 },
    script: null,
    monitor: createMonitor(),
    violations: [],
    seq: keep.seq ?? 0,
    mistakes: {},
    announcements: keep.announcements ?? [],
    ...(keep.paused !== undefined ? { paused: keep.paused } : {}),
    ...(keep.questions ? { questions: keep.questions } : {}),
  };
}

/** Throws RangeError on a config no classroom can use (callers validate user input first). */
export function createRoom(config: Partial<RoomConfig> = {}): Room {
  const full: RoomConfig = { ...DEFAULT_CONFIG, ...config };
  if (!Number.isInteger(full.size) || full.size < MIN_SIZE || full.size > MAX_SIZE) {
    throw new RangeError(`cluster size must be ${MIN_SIZE}–${MAX_SIZE}, got ${full.size}`);
  }
  if (!Number.isInteger(full.clusters) || full.clusters < 1 || full.clusters > MAX_CLUSTERS) {
    throw new RangeError(`clusters must be 1–${MAX_CLUSTERS}, got ${full.clusters}`);
  }
  const [lo, hi] = full.electionTimeoutMs;
  if (!(lo > 0 && hi >= lo)) throw new RangeError('electionTimeoutMs must be [min, max) with 0 < min <= max');
  if (!Number.isInteger(full.maxEntries) || full.maxEntries < 1) throw new RangeError('maxEntries must be >= 1');
  const clusters: Room['clusters'] = {};
  for (const id of clusterIds(full.clusters)) clusters[id] = freshCluster(id, full);
  return { config: full, clusters, now: 0 };
}
