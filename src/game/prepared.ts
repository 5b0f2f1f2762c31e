/**
 * Prepared states: a workshop game started as the room's first game (`script start` with game N
 * on fresh sheets) begins from the sheets the earlier games leave, not from blank ones, or its
 * prompts would contradict the sheet and its bots would have nothing to answer (game 3 needs
 * i1–i3 holding "HighLoad"; game 4 needs i1 and i4 offline).
 *
 * The state is computed by playing games 1…N−1 with bots through the reducer (the same path as
 * any session, cue elections, no faults beyond the scripts' own), so it is exactly what a class
 * that played those games would have. The result is written into a `prepared` event: the journal
 * holds the state itself, so replay and resume reproduce it without playing anything.
 */
import type { Room, RoomConfig, ClusterState } from './types.js';
import { GAME_ORDER, GAMES } from './scenarios.js';
import { simulate } from './simulator.js';
import { withoutPreVote } from '../raft/step.js';

/** What a prepared state sets on the cluster; seats, modes, mistakes and announcements stay. */
export type PreparedCluster = Pick<ClusterState, 'servers' | 'inFlight' | 'batches' | 'seq' | 'monitor' | 'violations' | 'faults'>;

/** Seed of the bots' order; any seed ends the scripted games on the same sheets. */
const PREPARE_SEED = 1;

const cache = new Map<string, PreparedCluster | null>();

/** The games that come before `game` in the workshop order ([] for game 1 and free play). */
export function gamesBefore(game: number): number[] {
  const at = GAME_ORDER.indexOf(game);
  if (at >= 0) return GAME_ORDER.slice(0, at);
  // A game beyond the workshop's four continues one of them (game 5 after game 4).
  const after = GAMES[game]?.after;
  return after === undefined ? [] : [...gamesBefore(after), after];
}

/** Fresh sheets: nobody has a term, an entry or a card yet (a room's first game). */
export function isFresh(c: ClusterState): boolean {
  return c.inFlight.length === 0 && Object.values(c.servers).every((r) => r.state.votes.length === 0 && r.state.log.length === 0 && !r.state.snapshot);
}

/**
 * The cluster as games before `game` leave it, for a room of this config; null when there is
 * nothing to prepare (game 1, free play) or the earlier games could not be finished by bots.
 */
export function preparedState(config: RoomConfig, game: number): PreparedCluster | null {
  const before = gamesBefore(game);
  if (before.length === 0) return null;
  const key = JSON.stringify([config.size, config.maxEntries, game]);
  if (!cache.has(key)) {
    const sim = simulate({
      seed: PREPARE_SEED,
      config: { ...config, clusters: 1, election: 'cue', mode: 'guard' },
      games: before,
      record: false,
    });
    const c: ClusterState = (sim.room as Room).clusters[Object.keys(sim.room.clusters)[0]];
    // A game starts with pre-vote off (script.ts): the pre-vote cells game 5 leaves are not kept (game 6).
    const servers = Object.fromEntries(Object.entries(c.servers).map(([id, r]) => [id, { ...r, state: withoutPreVote(r.state), timerDeadline: null }]));
    cache.set(key, sim.stuck.length > 0 ? null : {
      servers,
      inFlight: c.inFlight,
      batches: c.batches,
      seq: c.seq,
      monitor: c.monitor,
      violations: c.violations,
      faults: c.faults,
    });
  }
  const out = cache.get(key) ?? null;
  return out ? structuredClone(out) : null;
}
