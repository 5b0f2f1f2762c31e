/**
 * A stand-in for the game layer with just enough rules (seats, a timeout, taking a card) to
 * exercise the transport alone: auth, limits and bad input must not depend on the game.
 */
import { applyEvents } from '../../src/game/apply.js';
import { mulberry32 } from '../../src/game/random.js';
import { createRoom } from '../../src/game/room.js';
import type { GameEvent } from '../../src/game/events.js';
import type { ReduceResult, SeatView } from '../../src/game/types.js';
import type { GameEngine } from '../../server/engine-types.js';

const reject = (code: 'cluster/unknown' | 'server/unknown' | 'move/not-in-inbox'): ReduceResult => ({ ok: false, code, message: { en: code, ru: code } });

export const standInEngine: GameEngine = {
  createRoom,
  applyEvents,
  createRandom: mulberry32,
  reduce(room, command, ctx) {
    if (command.type === 'tick') return { ok: true, events: [{ type: 'clock', now: command.now }] };
    if (!('cluster' in command) || command.cluster === undefined) return { ok: true, events: [] };
    const cluster = room.clusters[command.cluster];
    if (!cluster) return reject('cluster/unknown');
    if (command.type === 'seat') return { ok: true, events: [{ type: 'seat', cluster: command.cluster, server: command.server, seat: command.seat }] };
    if (command.type !== 'move') return { ok: true, events: [] };
    const server = cluster.servers[command.server];
    if (!server) return reject('server/unknown');
    if (command.input.kind === 'card') {
      const card = command.input.card;
      if (!cluster.inFlight.some((c) => c.id === card && c.to === command.server)) return reject('move/not-in-inbox');
      return { ok: true, events: [{ type: 'card-taken', cluster: command.cluster, card }] };
    }
    if (command.input.kind === 'timeout') {
      const state = { ...server.state, votes: [...server.state.votes, command.server], role: 'candidate' as const, votesGranted: [command.server] };
      const events: GameEvent[] = [
        { type: 'clock', now: ctx.now },
        { type: 'sheet', cluster: command.cluster, server: command.server, state, cause: 'move', violations: [] },
      ];
      return { ok: true, events };
    }
    return { ok: true, events: [] };
  },
  seatView(room, cluster, server): SeatView {
    const c = room.clusters[cluster];
    return {
      cluster,
      server,
      seat: c.seats[server],
      now: room.now,
      sheet: c.servers[server].state,
      online: c.servers[server].online,
      inbox: c.inFlight.filter((card) => card.to === server),
      sent: [],
      prompt: null,
      task: null,
      script: null,
      mode: c.mode,
      assist: c.assist,
      election: c.election,
      timerDeadline: null,
      mistakes: [],
      violations: [],
      announcements: c.announcements,
      maxEntries: room.config.maxEntries,
      heartbeatMs: 1000,
    };
  },
  instructorView: (room) => ({ now: room.now, clusters: Object.keys(room.clusters) }),
  botMove: () => null,
  refusalEvent: () => null,
};
