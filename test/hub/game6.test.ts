/**
 * Game 6 (log compaction, docs/rules-extended.md R29–R32) through a real hub: eight network bots,
 * each its own client, play it from its prepared state (games 1–5) and end on the simulator's
 * golden sheets; the snapshot boxes and the InstallSnapshot card cross the wire (zod-checked
 * views and moves) and the journal replays to the same room.
 */
import { describe, expect, it } from 'vitest';
import { cardsSent, hubForSuite, playGameThroughHub } from './harness.js';

const suite = hubForSuite();

describe('eight network bots play game 6 through the hub', () => {
  it('end where the simulator ends: every server holds the box 12/t3 and " zap" after it, i8 by InstallSnapshot', async () => {
    const { cluster, records } = await playGameThroughHub(suite, 6);
    expect(cluster.snapshotEvery).toBe(8);
    expect(cluster.violations).toEqual([]);
    for (const id of Object.keys(cluster.servers)) expect(cluster.servers[id].state.snapshot, id).toEqual({ lastIncludedIndex: 12, lastIncludedTerm: 3, data: 'High voltage' });
    expect(cardsSent(records).filter((m) => m.type === 'InstallSnapshot')).toHaveLength(1); // to i8 only, whose missing entries were gone
  }, 60_000);
});
