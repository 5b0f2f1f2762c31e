/**
 * Game 7 (membership changes, docs/rules-extended.md R33–R38) through a real hub of 9 seats: nine
 * network bots, each its own client, play it from fresh sheets and end on the simulator's golden
 * sheets; configuration entries (+i9, -i1, -i9, -i2) cross the wire inside AppendEntries, the
 * membership switch is journaled and the journal replays to the same room.
 */
import { describe, expect, it } from 'vitest';
import { cardsSent, hubForSuite, playGameThroughHub } from './harness.js';

const suite = hubForSuite({ size: 9 });

describe('nine network bots play game 7 through the hub', () => {
  it('end where the simulator ends: i5 and i7 lead t4 on two configurations, the monitor names P1', async () => {
    const { cluster, records } = await playGameThroughHub(suite, 7, { size: 9 });
    expect(cluster.membership).toEqual({ voters: ['i1', 'i2', 'i3', 'i4', 'i5', 'i6', 'i7', 'i8'], uncorrected: true });
    expect(cluster.violations.map((v) => v.property)).toEqual(['P1', 'P4']);
    const configCards = new Set<string>();
    for (const m of cardsSent(records)) if (m.type === 'AppendEntries') for (const x of m.entries) if (x.value.length > 1) configCards.add(x.value);
    expect([...configCards].sort()).toEqual(['+i9', '-i1', '-i2', '-i9']);
  }, 90_000);
});
