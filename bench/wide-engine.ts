/**
 * The product's game engine with one difference: a room may have more than 26 clusters, named
 * on after Z (AA, AB, …). The game layer names clusters A–Z only (src/game/room.ts), and the
 * 1,000-connection benchmark needs 125 clusters of 8. Every cluster is the game layer's own
 * `freshCluster`; reduce, views and bots are untouched.
 */
import { gameEngine } from '../server/engine.js';
import type { GameEngine } from '../server/engine-types.js';
import { createRoom, freshCluster } from '../src/game/room.js';
import type { RoomConfig } from '../src/game/types.js';

/** Cluster ids beyond Z: AA, AB, … (the wire schema allows [A-Za-z0-9_-]{1,16}). */
export function clusterId(i: number): string {
  if (i < 26) return String.fromCharCode(65 + i);
  return clusterId(Math.floor(i / 26) - 1) + String.fromCharCode(65 + (i % 26));
}

export const wideEngine: GameEngine = {
  ...gameEngine,
  createRoom(config: Partial<RoomConfig> = {}) {
    const wanted = config.clusters ?? 1;
    const room = createRoom({ ...config, clusters: Math.min(wanted, 26) });
    if (wanted <= 26) return room;
    const clusters = { ...room.clusters };
    for (let i = 26; i < wanted; i++) clusters[clusterId(i)] = freshCluster(clusterId(i), room.config);
    return { ...room, config: { ...room.config, clusters: wanted }, clusters };
  },
};

