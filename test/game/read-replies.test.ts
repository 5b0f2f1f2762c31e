/**
 * "Read the Response row": one move takes every waiting reply to one request card, each judged
 * as if taken alone, the sheet written once; taking one reply card stays possible.
 */
import { describe, expect, it } from 'vitest';
import { prefill } from '../../src/game/move.js';
import type { Move } from '../../src/raft/types.js';
import { Table } from './helpers.js';

const C8 = ['i2', 'i3', 'i4', 'i5', 'i6', 'i7', 'i8'];

function votesWaiting(mode: 'guard' | 'observe' = 'guard'): Table {
  const t = new Table({ size: 8, mode });
  t.timeout('i1');
  t.work(...C8);
  return t;
}

const batchOf = (t: Table, server: string) => t.inbox(server)[0].inReplyTo!.batch;

describe('read the Response row', () => {
  it("a candidate takes its 7 vote replies in one move: leader, every card gone, one sheet event", () => {
    const t = votesWaiting();
    const batch = batchOf(t, 'i1');
    const input = { kind: 'replies' as const, batch };
    const proposal = prefill(t.room, 'A', 'i1', input) as Move;
    const r = t.move('i1', input, proposal);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.mistakes).toEqual([]);
    expect(r.events.filter((e) => e.type === 'card-taken')).toHaveLength(7);
    expect(r.events.filter((e) => e.type === 'sheet')).toHaveLength(1);
    expect(t.sheet('i1').role).toBe('leader');
    expect(t.inbox('i1')).toEqual([]);
  });

  it('taking one reply card stays possible (and the rest are still waiting)', () => {
    const t = votesWaiting();
    t.ok({ type: 'move', cluster: 'A', server: 'i1', input: { kind: 'card', card: t.inbox('i1')[0].id } });
    expect(t.sheet('i1').votesGranted).toEqual(['i1', 'i2']);
    expect(t.inbox('i1')).toHaveLength(6);
  });

  it('a wrong reading is judged at the reply that decides it: staying candidate is refused at the 4th ✔ (R11)', () => {
    const t = votesWaiting();
    const input = { kind: 'replies' as const, batch: batchOf(t, 'i1') };
    const right = prefill(t.room, 'A', 'i1', input) as Move;
    const wrong: Move = { ...right, state: { ...right.state, role: 'candidate', votesGranted: ['i1', ...C8], nextIndex: {}, matchIndex: {} } };
    const r = t.move('i1', input, wrong);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.code).toBe('move/refused');
    expect(r.mistakes?.map((m) => m.rule)).toContain('R11');
    // Judged at i5's ✔, the one that makes the majority: the count names exactly those five.
    expect(r.mistakes?.find((m) => m.rule === 'R11')?.explain.en).toContain('5 of 8 (i1, i2, i3, i4, i5)');
    expect(t.inbox('i1')).toHaveLength(7); // refused: nothing taken
  });

  it("a leader's AppendEntries replies: matchIndex of each follower, commit once a majority acknowledged (R20–R22)", () => {
    const t = votesWaiting();
    t.work('i1');
    t.write('i1', 'High');
    t.send('i1', ...C8);
    t.work(...C8);
    const input = { kind: 'replies' as const, batch: batchOf(t, 'i1') };
    const right = prefill(t.room, 'A', 'i1', input) as Move;
    expect(right.state.commitIndex).toBe(4);
    // Forgetting i3's acknowledgement: judged at i3's ✔, naming the card it answered (R20).
    const wrong: Move = { ...right, state: { ...right.state, matchIndex: { ...right.state.matchIndex, i3: 0 }, nextIndex: { ...right.state.nextIndex, i3: 1 } } };
    const r = t.move('i1', input, wrong);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.mistakes?.map((m) => m.field)).toEqual(expect.arrayContaining(['matchIndex[i3]']));
    expect(r.mistakes?.some((m) => m.explain.en.includes('prevLogIndex + entries'))).toBe(true);
    expect(t.move('i1', input, right).ok).toBe(true);
    expect(t.sheet('i1')).toMatchObject({ commitIndex: 4, lastApplied: 4 });
  });

  it('a batch with no reply in the inbox is refused as not in the inbox', () => {
    const t = votesWaiting();
    const r = t.move('i1', { kind: 'replies', batch: 'A-999' });
    expect(r.ok ? null : r.code).toBe('move/not-in-inbox');
  });
});
