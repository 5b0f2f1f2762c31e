/**
 * Game 5 (pre-vote, docs/rules-extended.md) through a real hub: eight network bots, each its own
 * client, play it from its prepared state (games 1–4) and end on the simulator's golden sheets;
 * PreVote cards cross the wire and the journal replays to the same room.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Hub } from '../../server/hub.js';
import { RemoteBot } from '../../client/remote-bot.js';
import { readJournal } from '../../server/journal.js';
import { applyEvents } from '../../src/game/apply.js';
import { createRoom } from '../../src/game/room.js';
import { simulate } from '../../src/game/simulator.js';
import { KEY, testHub, url } from './harness.js';
import { ScriptDriver } from './script-driver.js';

let hub: Hub;
const bots: RemoteBot[] = [];

beforeAll(async () => {
  hub = await testHub();
});
afterAll(async () => {
  for (const b of bots) b.stop();
  await hub.close();
});

describe('eight network bots play game 5 through the hub', () => {
  it('end where the simulator ends: i4 leads t8, i8 asked with PreVote and stayed in t8', async () => {
    for (let i = 0; i < 8; i++) bots.push(new RemoteBot({ url: url(hub), key: KEY, cluster: 'A', pace: 'fast' }).start());
    await Promise.all(bots.map((b) => new Promise<void>((r) => (b.seat ? r() : b.once('seat', () => r())))));
    const refused: string[] = [];
    for (const b of bots) b.on('refused', (code) => refused.push(code));
    const driver = new ScriptDriver({ url: url(hub), key: KEY, firstGame: 5, lastGame: 5 });
    await driver.finished;
    driver.stop();

    const a = hub.room().clusters.A;
    expect(a.preVote).toBe(true);
    expect(a.violations).toEqual([]);
    expect(refused).toEqual([]);
    const golden = simulate({ seed: 1, games: [5] }).room.clusters.A;
    for (const id of Object.keys(a.servers)) expect(a.servers[id].state, id).toEqual(golden.servers[id].state);
    for (const b of bots) expect(b.view!.sheet).toEqual(a.servers[b.seat!.server].state);

    const { records } = await readJournal(hub.dir);
    let replayed = createRoom({});
    let preVoteCards = 0;
    for (const r of records) {
      if (r.kind !== 'command' && r.kind !== 'refused') continue;
      replayed = applyEvents(replayed, r.events);
      preVoteCards += r.events.filter((e) => e.type === 'card-sent' && e.card.message.type === 'PreVote').length;
    }
    expect(replayed.clusters.A.servers).toEqual(a.servers);
    expect(preVoteCards).toBe(14); // twice to seven servers: cut off, then back
  }, 60_000);
});
