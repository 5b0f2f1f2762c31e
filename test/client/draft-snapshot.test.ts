/**
 * By hand in game 6 (docs/rules-extended.md R29–R31): the student writes the snapshot box's index
 * (R30) and the sheet compacts under it; the referee judges the index chosen. Installing a
 * snapshot (R31) comes prefilled, its reply is the student's.
 */
import { describe, expect, it } from 'vitest';
import { cellRows, cellText, editCell, proposal, startDraft, type Draft } from '../../client/student/draft.js';
import { referee } from '../../src/raft/referee.js';
import type { AppendEntries, ServerState, StepOptions } from '../../src/raft/types.js';
import { newServer } from '../../src/raft/step.js';
import { CLUSTER8, card, seatView } from '../fixtures/seat-view.js';

const ON: StepOptions = { maxEntries: 4, snapshotEvery: 8 };
const letters = (text: string, term: number) => [...text].map((value) => ({ term, value }));
/** i2 after game 5: "High voltage" committed and applied, term t8. */
const i2 = (): ServerState => ({ ...newServer('i2', CLUSTER8), votes: ['i1', null, null, null, null, null, null, 'i4'], log: [...letters('High', 1), ...letters(' voltage', 3)], commitIndex: 12, lastApplied: 12 });
const ae: AppendEntries = { type: 'AppendEntries', term: 8, leaderId: 'i4', prevLogIndex: 12, prevLogTerm: 3, entries: letters(' zap', 8), leaderCommit: 12 };

function byHand(): Draft {
  const view = seatView(i2(), [card('A-1', 'i4', 'i2', ae)], { assist: 'by-hand', snapshotEvery: 8 });
  return startDraft(view, { kind: 'card', card: 'A-1' }, 'by-hand')!;
}
/** Appends " zap" at 13–16 as a student would, letter by letter. */
function appendZap(d: Draft): Draft {
  let out = d;
  [...' zap'].forEach((char, k) => {
    out = editCell(out, { area: 'log-value', index: 13 + k }, { kind: 'type', char });
    out = editCell(out, { area: 'log-term', index: 13 + k }, { kind: 'type', char: '8' });
  });
  return editCell(out, { area: 'ok', to: 'i4' }, { kind: 'type', char: 'y' });
}
const typeNumber = (d: Draft, digits: string): Draft =>
  [...digits].reduce((x, char, k) => editCell(x, { area: 'snapshot' }, { kind: 'type', char }, digits.slice(0, k)), d);

describe('the snapshot box by hand', () => {
  it('is a cell of the draft where the game snapshots, blank until written', () => {
    const d = byHand();
    expect(cellRows(d)[0]).toContainEqual({ area: 'snapshot' });
    expect(d.move.state.snapshot).toBeUndefined();
    expect(cellText(d, { area: 'snapshot' })).toBe('');
  });

  it('writing 12 moves 1–12 into the box; the move is then exactly the correct one', () => {
    const d = typeNumber(appendZap(byHand()), '12');
    expect(d.move.state.snapshot).toEqual({ lastIncludedIndex: 12, lastIncludedTerm: 3, data: 'High voltage' });
    expect(d.move.state.log).toEqual(letters(' zap', 8));
    expect(cellText(d, { area: 'snapshot' })).toBe('12');
    expect(referee(d.before, d.core, proposal(d), ON)).toEqual([]);
  });

  it('a box past what is applied (14) is M24; clearing the cell gives the log back', () => {
    const d = typeNumber(appendZap(byHand()), '14');
    const m = referee(d.before, d.core, proposal(d), ON);
    expect(m[0]).toMatchObject({ rule: 'R30', mistake: 'M24', field: 'snapshot' });
    const back = editCell(d, { area: 'snapshot' }, { kind: 'clear' });
    expect(back.move.state.snapshot).toBeUndefined();
    expect(back.move.state.log).toHaveLength(16);
  });

  it('installing a snapshot is prefilled; the reply carries the sheet\'s term', () => {
    const i8: ServerState = { ...newServer('i8', CLUSTER8), votes: ['i1', 'i8', 'i4', 'i8', 'i8', 'i8', 'i8', 'i4'], log: letters('High', 1) };
    const is = { type: 'InstallSnapshot', term: 8, leaderId: 'i4', lastIncludedIndex: 12, lastIncludedTerm: 3, data: 'High voltage' } as const;
    const view = seatView(i8, [card('A-2', 'i4', 'i8', is)], { assist: 'by-hand', snapshotEvery: 8 });
    const d = startDraft(view, { kind: 'card', card: 'A-2' }, 'by-hand')!;
    expect(d.move.state.snapshot).toEqual({ lastIncludedIndex: 12, lastIncludedTerm: 3, data: 'High voltage' });
    expect(proposal(d).send).toEqual([{ to: 'i4', message: { type: 'InstallSnapshotReply', term: 8 } }]);
    expect(referee(d.before, d.core, proposal(d), ON)).toEqual([]);
  });
});
