/** Why a step's completion condition does not hold, in words (solo's guide says it on a stall). */
import { describe, expect, it } from 'vitest';
import { holds, unmet } from '../../src/game/conditions.js';
import { GAMES } from '../../src/game/scenarios.js';
import { Table } from './helpers.js';

describe('unmet: what the cluster misses of a step', () => {
  it("game 1 step 2 after i2's own election: i2's vote in t1 is i2, the step expects i1", () => {
    const t = new Table({ size: 8 });
    t.timeout('i1');
    t.timeout('i2'); // legal, off the script: i2 votes for itself in t1
    t.work('i2', 'i3', 'i4', 'i5', 'i6', 'i7', 'i8');
    const cond = GAMES[1].steps[1].done;
    const c = t.room.clusters.A;
    expect(holds(cond, c)).toBe(false);
    const why = unmet(cond, c);
    expect(why.map((x) => x.en)).toContain("i2's vote in t1 is i2, the step expects i1");
    expect(why.map((x) => x.ru)).toContain('голос i2 в t1 — i2, а шаг ждёт i1');
  });

  it('a condition that holds has nothing to say; cards still waiting are counted', () => {
    const t = new Table({ size: 8 });
    t.timeout('i1');
    const inboxes = { kind: 'inbox-empty' as const, servers: ['i2', 'i3'] };
    expect(unmet(inboxes, t.room.clusters.A).map((x) => x.en)).toEqual(['i2 still has 1 card to take', 'i3 still has 1 card to take']);
    t.work('i2', 'i3');
    expect(unmet(inboxes, t.room.clusters.A)).toEqual([]);
    expect(holds(inboxes, t.room.clusters.A)).toBe(true);
  });
});
