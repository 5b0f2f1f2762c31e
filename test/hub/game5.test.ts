/**
 * Game 5 (pre-vote, docs/rules-extended.md) through a real hub: eight network bots, each its own
 * client, play it from its prepared state (games 1–4) and end on the simulator's golden sheets;
 * PreVote cards cross the wire and the journal replays to the same room.
 */
import { describe, expect, it } from 'vitest';
import { simulate } from '../../src/game/simulator.js';
import { hubForSuite, KEY, replayJournal, seatedBots, url } from './harness.js';
import { ScriptDriver } from './script-driver.js';

const suite = hubForSuite();
const bots = suite.bots;

describe('eight network bots play game 5 through the hub', () => {
  it('end where the simulator ends: i4 leads t8, i8 asked with PreVote and stayed in t8', async () => {
    bots.push(...(await seatedBots(suite.hub(), 8)));
    const refused: string[] = [];
    for (const b of bots) b.on('refused', (code) => refused.push(code));
    const driver = new ScriptDriver({ url: url(suite.hub()), key: KEY, firstGame: 5, lastGame: 5 });
    await driver.finished;
    driver.stop();

    const a = suite.hub().room().clusters.A;
    expect(a.preVote).toBe(true);
    expect(a.violations).toEqual([]);
    expect(refused).toEqual([]);
    const golden = simulate({ seed: 1, games: [5] }).room.clusters.A;
    for (const id of Object.keys(a.servers)) expect(a.servers[id].state, id).toEqual(golden.servers[id].state);
    for (const b of bots) expect(b.view!.sheet).toEqual(a.servers[b.seat!.server].state);

    const { records, room: replayed } = await replayJournal(suite.hub());
    let preVoteCards = 0;
    for (const r of records) if (r.kind === 'command' || r.kind === 'refused') preVoteCards += r.events.filter((e) => e.type === 'card-sent' && e.card.message.type === 'PreVote').length;
    expect(replayed.clusters.A.servers).toEqual(a.servers);
    expect(preVoteCards).toBe(14); // twice to seven servers: cut off, then back
  }, 60_000);
});
