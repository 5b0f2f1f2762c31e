/** Starting a hub for a test: port 0, a temporary session directory, quick timers. */
import { mkdtempSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, expect, vi } from 'vitest';
import { startHub, type Hub, type HubOptions } from '../../server/hub.js';
import { TestClient } from './client.js';
import type { Welcome } from '../../src/protocol/messages.js';
import { RemoteBot } from '../../client/remote-bot.js';
import { type JournalRecord, readJournal } from '../../server/journal.js';
import { applyEvents } from '../../src/game/apply.js';
import { createRoom } from '../../src/game/room.js';
import { simulate } from '../../src/game/simulator.js';
import type { ClusterState, Room, RoomConfig } from '../../src/game/types.js';
import type { Message } from '../../src/raft/types.js';
import { ScriptDriver } from './script-driver.js';

export const KEY = 'test-instructor-key';
export const CODE = 'K7Q2';

export function tempDir(prefix = 'raft-hub-'): string {
  return mkdtempSync(path.join(tmpdir(), prefix));
}

/** Every test client comes from 127.0.0.1: the seat cap per address (its own test in hostile-student.test.ts) is lifted. */
export async function testHub(options: HubOptions = {}): Promise<Hub> {
  return startHub({ port: 0, host: '127.0.0.1', code: CODE, key: KEY, seed: 1, data: path.join(tempDir(), 'session'), seatsPerAddress: 1000, ...options });
}

export function url(hub: Hub): string {
  return `ws://127.0.0.1:${hub.port}/`;
}

/** `count` fast network bots in cluster A of the hub, resolved once every one has its seat (stop them after). */
export async function seatedBots(hub: Hub, count: number, key = KEY): Promise<RemoteBot[]> {
  const bots = Array.from({ length: count }, () => new RemoteBot({ url: url(hub), key, cluster: 'A', pace: 'fast' }).start());
  await Promise.all(bots.map((b) => new Promise<void>((r) => (b.seat ? r() : b.once('seat', () => r())))));
  return bots;
}

/**
 * A hub for a whole test file and the bots its tests seat: started before the first test, the
 * bots stopped and the hub closed after the last.
 */
export function hubForSuite(options: HubOptions = {}): { hub: () => Hub; bots: RemoteBot[] } {
  let hub: Hub | undefined;
  const bots: RemoteBot[] = [];
  beforeAll(async () => {
    hub = await testHub(options);
  });
  afterAll(async () => {
    for (const b of bots) b.stop();
    await hub?.close();
  });
  return { hub: () => hub!, bots };
}

/** The hub's journal and the room its commands rebuild from scratch (what --resume relies on). */
export async function replayJournal(hub: Hub, config: Partial<RoomConfig> = {}): Promise<{ records: JournalRecord[]; room: Room }> {
  const { records } = await readJournal(hub.dir);
  let room = createRoom(config);
  for (const r of records) if (r.kind === 'command' || r.kind === 'refused') room = applyEvents(room, r.events);
  return { records, room };
}

/** Every card the journal says was sent (accepted and refused commands alike), oldest first. */
export function cardsSent(records: JournalRecord[]): Message[] {
  const sent: Message[] = [];
  for (const r of records) {
    if (r.kind === 'command' || r.kind === 'refused') for (const e of r.events) if (e.type === 'card-sent') sent.push(e.card.message);
  }
  return sent;
}

/**
 * One scripted game played through the suite's hub by network bots, one a seat, each its own
 * client, the script stepped by a ScriptDriver (the instructor's `next`), and checked as every
 * game's hub test checks it: no move refused, every sheet the simulator's golden sheet for the same
 * game and room config, every bot's view its own sheet, and the journal replaying to the same
 * servers. Returns the hub's cluster A and the journal for the game's own checks.
 */
export async function playGameThroughHub(
  suite: { hub: () => Hub; bots: RemoteBot[] },
  game: number,
  config: Partial<RoomConfig> = {},
): Promise<{ cluster: ClusterState; records: JournalRecord[] }> {
  const hub = suite.hub();
  suite.bots.push(...(await seatedBots(hub, config.size ?? 8)));
  const refused: string[] = [];
  for (const b of suite.bots) b.on('refused', (code) => refused.push(code));
  const driver = new ScriptDriver({ url: url(hub), key: KEY, firstGame: game, lastGame: game });
  await driver.finished;
  driver.stop();

  expect(refused).toEqual([]);
  const golden = simulate({ seed: 1, games: [game], config }).room.clusters.A;
  // The last step is done when its condition holds; a bot's move already on its way may still
  // land (under load it did, in game 7): the sheets must settle where the simulator ends.
  await vi.waitFor(
    () => {
      const now = hub.room().clusters.A;
      for (const id of Object.keys(now.servers)) expect(now.servers[id].state, id).toEqual(golden.servers[id].state);
      for (const b of suite.bots) expect(b.view!.sheet).toEqual(now.servers[b.seat!.server].state);
    },
    { timeout: 10_000, interval: 50 },
  );
  const cluster = hub.room().clusters.A;
  const { records, room: replayed } = await replayJournal(hub, config);
  expect(replayed.clusters.A.servers).toEqual(cluster.servers);
  return { cluster, records };
}

export function journalText(hub: Hub): string {
  const file = path.join(hub.dir, 'journal.jsonl');
  return existsSync(file) ? readFileSync(file, 'utf8') : '';
}

/** Connects and says hello; resolves once welcomed (and the first view/room arrived). */
export async function join(hub: Hub, hello: Record<string, unknown>, cred: Record<string, string> = { code: CODE }): Promise<{ client: TestClient; welcome: Welcome }> {
  const client = await TestClient.open(url(hub), cred);
  client.send({ type: 'hello', protocol: 1, ...hello });
  const welcome = await client.type('welcome', { past: true });
  await client.type(hello.role === 'instructor' ? 'room' : 'view', { past: true });
  return { client, welcome };
}
