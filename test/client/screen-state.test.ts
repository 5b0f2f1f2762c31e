import { describe, expect, it } from 'vitest';
import { currentCell, initialScreen, reduceKey, type KeyPress, type ScreenState } from '../../client/student/screen-state.js';
import { step } from '../../src/raft/step.js';
import type { RequestVote } from '../../src/raft/types.js';
import { card, fresh, seatView } from '../fixtures/seat-view.js';

const rv: RequestVote = { type: 'RequestVote', term: 1, candidateId: 'i1', lastLogIndex: 0, lastLogTerm: 0 };

function press(state: ScreenState, keys: KeyPress[], view = seatView(fresh('i2'), [card('A-1', 'i1', 'i2', rv)]), assist: 'prefilled' | 'by-hand' = 'prefilled') {
  let s = state;
  let effect;
  for (const k of keys) {
    const r = reduceKey(s, k, view, assist);
    s = r.state;
    effect = r.effect ?? effect;
  }
  return { s, effect };
}

const enter: KeyPress = { kind: 'enter' };
const ch = (c: string): KeyPress => ({ kind: 'char', char: c });

describe('student keys (prefilled)', () => {
  it('taking a RequestVote card and confirming submits the correct vote (R9)', () => {
    const { effect } = press(initialScreen, [enter, enter]);
    expect(effect?.kind).toBe('submit');
    if (effect?.kind !== 'submit') return;
    const correct = step(fresh('i2'), { kind: 'receive', from: 'i1', message: rv });
    expect(effect.input).toEqual({ kind: 'card', card: 'A-1' });
    expect(effect.proposal.state.votes).toEqual(['i1']);
    expect(effect.proposal.send).toEqual(correct.send);
  });

  it('the cursor starts on the Response tick, and space turns ✔ into ✗', () => {
    const { s, effect } = press(initialScreen, [enter, ch(' '), enter]);
    expect(currentCell(s)).toEqual({ area: 'ok', to: 'i1' });
    if (effect?.kind !== 'submit') throw new Error('no submit');
    expect(effect.proposal.send[0].message).toMatchObject({ type: 'RequestVoteReply', voteGranted: false, term: 1 });
  });

  it('Esc throws the draft away and nothing is submitted', () => {
    const { s, effect } = press(initialScreen, [enter, { kind: 'escape' }]);
    expect(s.draft).toBeNull();
    expect(effect).toBeUndefined();
  });

  it('a second Enter while the first move is on its way submits nothing more', () => {
    let { s } = press(initialScreen, [enter, enter]);
    const again = reduceKey(s, enter, seatView(fresh('i2'), [card('A-1', 'i1', 'i2', rv)]), 'prefilled');
    expect(again.effect).toBeUndefined();
    s = again.state;
    expect(s.pending).toBe(true);
  });

  it('a follower pressing w is told only leaders write (R15)', () => {
    const { s } = press(initialScreen, [ch('w')]);
    expect(s.notice).toBe('not-leader');
    expect(s.awaitingLetter).toBe(false);
  });
});

describe('student keys (by hand)', () => {
  it('writing the vote by hand: the vote cell, the tick, then hand over', () => {
    const view = seatView(fresh('i2'), [card('A-1', 'i1', 'i2', rv)]);
    // Cursor starts on the tick row; go up to the vote row (rows: role, votes, log-term, log-value, ok).
    let { s } = press(initialScreen, [enter], view, 'by-hand');
    expect(currentCell(s)).toEqual({ area: 'ok', to: 'i1' });
    ({ s } = press(s, [ch('y'), { kind: 'up' }, { kind: 'up' }, { kind: 'up' }], view, 'by-hand'));
    expect(currentCell(s)).toEqual({ area: 'vote', term: 1 });
    const r = press(s, [ch('1'), enter], view, 'by-hand');
    if (r.effect?.kind !== 'submit') throw new Error('no submit');
    const correct = step(fresh('i2'), { kind: 'receive', from: 'i1', message: rv });
    expect(r.effect.proposal).toEqual({ state: correct.state, send: correct.send });
  });

  it('a candidate fills its RequestVote card field by field', () => {
    const view = seatView(fresh('i1'));
    let { s } = press(initialScreen, [ch('t')], view, 'by-hand');
    expect(currentCell(s)).toEqual({ area: 'card-field', to: '*', field: 'term' });
    ({ s } = press(s, [ch('1')], view, 'by-hand'));
    const r = press(s, [enter], view, 'by-hand');
    if (r.effect?.kind !== 'submit') throw new Error('no submit');
    expect(r.effect.proposal.send).toHaveLength(7);
    expect(r.effect.proposal.send.every((o) => o.message.type === 'RequestVote' && o.message.term === 1)).toBe(true);
  });
});

describe('a leader sending AppendEntries', () => {
  const leader = () => {
    const ids = ['i1', 'i2', 'i3'];
    const s = fresh('i1', ids);
    return { ...s, votes: ['i1'], role: 'leader' as const, log: [{ term: 1, value: 'H' }], nextIndex: { i2: 2, i3: 1 }, matchIndex: { i2: 1, i3: 0 } };
  };
  it('s sends to the followers that lag (R16), a to everyone', () => {
    const view = seatView(leader());
    const s = press(initialScreen, [ch('s')], view).s;
    expect(s.draft?.input).toEqual({ kind: 'send', to: ['i3'] });
    const a = press(initialScreen, [ch('a')], view).s;
    expect(a.draft?.input).toEqual({ kind: 'send', to: ['i2', 'i3'] });
    expect(a.draft?.move.send.map((o) => o.message.type === 'AppendEntries' && o.message.entries.length)).toEqual([0, 1]);
  });
});

describe('a leader writing the message the script names', () => {
  const ids = ['i1', 'i2', 'i3'];
  const sheet = { ...fresh('i1', ids), votes: ['i1'], role: 'leader' as const, log: [{ term: 1, value: 'H' }], nextIndex: { i2: 2, i3: 2 }, matchIndex: { i2: 0, i3: 0 } };
  const view = seatView(sheet, [], { task: { kind: 'write', text: 'HighLoad', at: 1 } });

  it('a typo is caught before it reaches the log, with the letter that comes next', () => {
    const wrong = press(initialScreen, [ch('w'), ch('i'), ch('x')], view).s;
    expect(wrong.draft).toBeNull();
    expect(wrong.notice).toBe('expect-letter:g');
    expect(wrong.typed).toBe('i');
  });

  it('the rest of the word is written in one move: w, the letters, Enter (R15)', () => {
    const keys = [ch('w'), ...[...'ighLoad'].map(ch), { kind: 'enter' as const }];
    const right = press(initialScreen, keys, view).s;
    expect(right.draft?.input).toEqual({ kind: 'client', value: 'ighLoad' });
    expect(right.draft?.move.state.log.map((e) => e.value).join('')).toBe('HighLoad');
  });

  it('one letter is still a move of its own; Esc throws the word away', () => {
    expect(press(initialScreen, [ch('w'), ch('i'), { kind: 'enter' }], view).s.draft?.input).toEqual({ kind: 'client', value: 'i' });
    const gone = press(initialScreen, [ch('w'), ch('i'), { kind: 'escape' }], view).s;
    expect([gone.awaitingLetter, gone.typed, gone.draft]).toEqual([false, '', null]);
  });
});

describe('r: read the Response row', () => {
  const ids = ['i1', 'i2', 'i3', 'i4', 'i5'];
  const candidate = { ...fresh('i1', ids), votes: ['i1'], role: 'candidate' as const, votesGranted: ['i1'] };
  const ok = { type: 'RequestVoteReply' as const, term: 1, voteGranted: true };
  // Three ✔ to i1's RequestVote (batch b-A-1) are waiting; any of them selected, r takes all three.
  const replies = ['i2', 'i3', 'i4'].map((from, k) => ({ ...card(`A-${k + 2}`, from, 'i1', ok, rv), batch: 'b-A-1', inReplyTo: { card: `A-x${k}`, request: rv, batch: 'b-A-1' } }));
  const view = seatView(candidate, replies);

  it('opens one draft for every reply to that card: 3 ✔ + your own make 4 of 5, leader (R11)', () => {
    const { s } = press(initialScreen, [{ kind: 'down' }, ch('r')], view);
    expect(s.draft?.input).toEqual({ kind: 'replies', batch: 'b-A-1' });
    expect(s.draft?.core.kind === 'replies' && s.draft.core.replies.map((r) => r.from)).toEqual(['i2', 'i3', 'i4']);
    expect(s.draft?.move.state.role).toBe('leader');
    const { effect } = press(s, [enter], view);
    expect(effect).toMatchObject({ kind: 'submit', input: { kind: 'replies', batch: 'b-A-1' } });
  });

  it('with no reply in the inbox, r says so and opens nothing', () => {
    const { s } = press(initialScreen, [ch('r')]);
    expect([s.draft, s.notice]).toEqual([null, 'no-replies']);
  });
});

describe('a word typed fast arrives as one chunk', () => {
  it('every letter of the chunk is taken, and a typo stops at the letter that is wrong', () => {
    const ids = ['i1', 'i2', 'i3'];
    const sheet = { ...fresh('i1', ids), votes: ['i1'], role: 'leader' as const, nextIndex: { i2: 1, i3: 1 }, matchIndex: { i2: 0, i3: 0 } };
    const view = seatView(sheet, [], { task: { kind: 'write', text: 'HighLoad', at: 1 } });
    expect(press(initialScreen, [ch('w'), ch('HighLoad')], view).s.typed).toBe('HighLoad');
    const typo = press(initialScreen, [ch('w'), ch('HighLox')], view).s;
    expect([typo.typed, typo.notice]).toEqual(['HighLo', 'expect-letter:a']);
  });
});
