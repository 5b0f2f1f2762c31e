/**
 * Game 5 (pre-vote, docs/rules-extended.md) through a real hub: eight network bots, each its own
 * client, play it from its prepared state (games 1–4) and end on the simulator's golden sheets;
 * PreVote cards cross the wire and the journal replays to the same room.
 */
import { describe, expect, it } from 'vitest';
import { cardsSent, hubForSuite, playGameThroughHub } from './harness.js';

const suite = hubForSuite();

describe('eight network bots play game 5 through the hub', () => {
  it('end where the simulator ends: i4 leads t8, i8 asked with PreVote and stayed in t8', async () => {
    const { cluster, records } = await playGameThroughHub(suite, 5);
    expect(cluster.preVote).toBe(true);
    expect(cluster.violations).toEqual([]);
    expect(cardsSent(records).filter((m) => m.type === 'PreVote')).toHaveLength(14); // twice to seven servers: cut off, then back
  }, 60_000);
});
