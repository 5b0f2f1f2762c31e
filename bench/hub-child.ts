/**
 * The hub in its own process for the benchmarks, the soak and the fuzzer: `startHub` exactly as
 * the `hub` command calls it, with the room settings a benchmark needs (timers mode, short
 * timeouts). Everything (the game engine, reduce, views, journal, transport) is the product's own
 * code; the 1,000-connection run's 125 clusters are named A…Z, AA…DU by the game layer itself.
 *
 * IPC: sends {type:'ready', port, key, code, dir}; answers {type:'stats'} with CPU and memory;
 * {type:'stop'} closes the hub gracefully and exits 0. SIGKILL is the crash the soak uses.
 */
import { startHub, type HubOptions } from '../server/hub.js';
import type { RoomConfig } from '../src/game/types.js';
import { procStats } from './lib.js';
import { readClientFile } from '../server/client-download.js';

export interface HubChildConfig {
  port: number;
  key: string;
  code: string;
  seed?: number;
  clusters?: number;
  size?: number;
  room?: Partial<RoomConfig>;
  data?: string;
  resume?: string;
  /** The per-connection rate limit (default: the product's 60 burst, 30/s). */
  rate?: { capacity: number; perSecond: number };
  /** Every bench client comes from 127.0.0.1: the fuzzer lifts the seat cap per address. */
  seatsPerAddress?: number;
  /** Serve this one-file client at /raft-sheet.mjs, as the `hub` command does (issue 15). */
  client?: string;
}

async function main(): Promise<void> {
  const config = JSON.parse(process.argv[2] ?? '{}') as HubChildConfig;
  const options: HubOptions = {
    port: config.port,
    host: '127.0.0.1',
    key: config.key,
    code: config.code,
    seed: config.seed ?? 1,
    onFatal: () => process.exit(1),
    ...(config.rate ? { rate: config.rate } : {}),
    ...(config.seatsPerAddress ? { seatsPerAddress: config.seatsPerAddress } : {}),
    ...(config.client ? { client: readClientFile(config.client) ?? undefined } : {}),
    ...(config.resume ? { resume: config.resume } : { data: config.data, clusters: config.clusters ?? 1, size: config.size ?? 8, room: config.room ?? {} }),
  };
  const hub = await startHub(options);
  process.on('message', (m: { type: string }) => {
    if (m.type === 'stats') process.send!({ type: 'stats', ...procStats(), connections: hub.connections(), version: hub.version() });
    if (m.type === 'stop') void hub.close().then(() => process.exit(0));
  });
  process.on('disconnect', () => void hub.close().then(() => process.exit(0)));
  process.send!({ type: 'ready', port: hub.port, key: config.key, code: hub.code, dir: hub.dir, replayed: hub.replayed, torn: hub.torn });
}

main().catch((err: unknown) => {
  process.stderr.write(`hub-child: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
