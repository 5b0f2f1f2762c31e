/**
 * Game 6 (log compaction, docs/rules-extended.md R29–R32) through a real hub: eight network bots,
 * each its own client, play it from its prepared state (games 1–5) and end on the simulator's
 * golden sheets; the snapshot boxes and the InstallSnapshot card cross the wire (zod-checked
 * views and moves) and the journal replays to the same room.
 */
import { describe, expect, it } from 'vitest';
import { simulate } from '../../src/game/simulator.js';
import { hubForSuite, KEY, replayJournal, seatedBots, url } from './harness.js';
import { ScriptDriver } from './script-driver.js';

const suite = hubForSuite();
const bots = suite.bots;

describe('eight network bots play game 6 through the hub', () => {
  it('end where the simulator ends: every server holds the box 12/t3 and " zap" after it, i8 by InstallSnapshot', async () => {
    bots.push(...(await seatedBots(suite.hub(), 8)));
    const refused: string[] = [];
    for (const b of bots) b.on('refused', (code) => refused.push(code));
    const driver = new ScriptDriver({ url: url(suite.hub()), key: KEY, firstGame: 6, lastGame: 6 });
    await driver.finished;
    driver.stop();

    const a = suite.hub().room().clusters.A;
    expect(a.snapshotEvery).toBe(8);
    expect(a.violations).toEqual([]);
    expect(refused).toEqual([]);
    const golden = simulate({ seed: 1, games: [6] }).room.clusters.A;
    for (const id of Object.keys(a.servers)) expect(a.servers[id].state, id).toEqual(golden.servers[id].state);
    for (const b of bots) expect(b.view!.sheet).toEqual(a.servers[b.seat!.server].state);
    for (const id of Object.keys(a.servers)) expect(a.servers[id].state.snapshot, id).toEqual({ lastIncludedIndex: 12, lastIncludedTerm: 3, data: 'High voltage' });

    const { records, room: replayed } = await replayJournal(suite.hub());
    let snapshotCards = 0;
    for (const r of records) if (r.kind === 'command' || r.kind === 'refused') snapshotCards += r.events.filter((e) => e.type === 'card-sent' && e.card.message.type === 'InstallSnapshot').length;
    expect(replayed.clusters.A.servers).toEqual(a.servers);
    expect(snapshotCards).toBe(1); // to i8 only, whose missing entries were gone
  }, 60_000);
});
