/**
 * Game 7 (membership changes, docs/rules-extended.md R33–R38) through a real hub of 9 seats: nine
 * network bots, each its own client, play it from fresh sheets and end on the simulator's golden
 * sheets; configuration entries (+i9, -i1, -i9, -i2) cross the wire inside AppendEntries, the
 * membership switch is journaled and the journal replays to the same room.
 */
import { describe, expect, it } from 'vitest';
import { applyEvents } from '../../src/game/apply.js';
import { createRoom } from '../../src/game/room.js';
import { simulate } from '../../src/game/simulator.js';
import { readJournal } from '../../server/journal.js';
import { hubForSuite, KEY, seatedBots, url } from './harness.js';
import { ScriptDriver } from './script-driver.js';

const suite = hubForSuite({ size: 9 });
const bots = suite.bots;

describe('nine network bots play game 7 through the hub', () => {
  it('end where the simulator ends: i5 and i7 lead t4 on two configurations, the monitor names P1', async () => {
    bots.push(...(await seatedBots(suite.hub(), 9)));
    const refused: string[] = [];
    for (const b of bots) b.on('refused', (code) => refused.push(code));
    const driver = new ScriptDriver({ url: url(suite.hub()), key: KEY, firstGame: 7, lastGame: 7 });
    await driver.finished;
    driver.stop();

    const a = suite.hub().room().clusters.A;
    expect(refused).toEqual([]);
    expect(a.membership).toEqual({ voters: ['i1', 'i2', 'i3', 'i4', 'i5', 'i6', 'i7', 'i8'], uncorrected: true });
    expect(a.violations.map((v) => v.property)).toEqual(['P1', 'P4']);
    const golden = simulate({ seed: 1, games: [7], config: { size: 9 } }).room.clusters.A;
    for (const id of Object.keys(a.servers)) expect(a.servers[id].state, id).toEqual(golden.servers[id].state);
    for (const b of bots) expect(b.view!.sheet).toEqual(a.servers[b.seat!.server].state);

    const { records } = await readJournal(suite.hub().dir);
    let room = createRoom({ size: 9 });
    const configCards = new Set<string>();
    for (const r of records) {
      if (r.kind !== 'command' && r.kind !== 'refused') continue;
      room = applyEvents(room, r.events);
      for (const e of r.events) {
        if (e.type === 'card-sent' && e.card.message.type === 'AppendEntries') for (const x of e.card.message.entries) if (x.value.length > 1) configCards.add(x.value);
      }
    }
    expect(room.clusters.A.servers).toEqual(a.servers);
    expect([...configCards].sort()).toEqual(['+i9', '-i1', '-i2', '-i9']);
  }, 90_000);
});
