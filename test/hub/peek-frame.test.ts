/** The structural pre-check the hub runs before JSON.parse (src/protocol/parse.ts). */
import { describe, expect, it } from 'vitest';
import { MAX_DEPTH, parseClientFrame, peekFrame } from '../../src/protocol/parse.js';

describe('peekFrame', () => {
  it('reads the top-level id, not one nested or inside a string', () => {
    expect(peekFrame('{"type":"move","id":7,"cluster":"A"}')).toEqual({ depth: 1, id: 7 });
    expect(peekFrame('{"x":{"id":5},"a":"\\"id\\":9","id" : 12 }')).toEqual({ depth: 2, id: 12 });
    expect(peekFrame('{"type":"hello","protocol":1}')).toEqual({ depth: 1 });
    expect(peekFrame('{"id":"7"}')).toEqual({ depth: 1 });
    expect(peekFrame('{"id":-1}').id).toBeUndefined();
    expect(peekFrame('{"id":1.5}').id).toBeUndefined();
  });

  it('counts brackets outside strings only', () => {
    expect(peekFrame('{"a":"[[[[{{{{"}').depth).toBe(1);
    expect(peekFrame('[[["]]]"]]]').depth).toBe(3);
    expect(peekFrame('not json').depth).toBe(0);
    // Escaped quotes and backslashes: `"\\"` ends at its second quote, `"\"[["` does not.
    expect(peekFrame(String.raw`{"a":"\\","b":[1],"c":"\"[[","id":4}`)).toEqual({ depth: 2, id: 4 });
  });

  it('refuses a frame nested past the limit as frame/invalid, with its id when readable', () => {
    const deep = (n: number) => '{"type":"move","id":3,"input":' + '['.repeat(n) + ']'.repeat(n) + '}';
    expect(parseClientFrame(deep(MAX_DEPTH - 1), false)).toMatchObject({ ok: false, code: 'frame/invalid', id: 3 });
    expect(parseClientFrame(deep(MAX_DEPTH - 1), false)).not.toMatchObject({ detail: expect.stringContaining('nested') });
    expect(parseClientFrame(deep(MAX_DEPTH), false)).toMatchObject({ ok: false, code: 'frame/invalid', detail: `nested deeper than ${MAX_DEPTH} levels`, id: 3 });
    expect(parseClientFrame('['.repeat(30_000) + ']'.repeat(30_000), false)).toMatchObject({ ok: false, code: 'frame/invalid' });
  });

  it('lets a real move with a full proposal through', () => {
    // The deepest real message: a leader's AppendEntries with entries (move, proposal, send, card, message, entries, entry: 7 levels).
    const state = { id: 'i1', cluster: ['i1', 'i2', 'i3'], votes: ['i1'], log: [{ term: 1, value: 'H' }], role: 'leader', commitIndex: 0, lastApplied: 0, votesGranted: ['i1', 'i2'], nextIndex: { i2: 1, i3: 1 }, matchIndex: { i2: 0, i3: 0 } };
    const message = { type: 'AppendEntries', term: 1, leaderId: 'i1', prevLogIndex: 0, prevLogTerm: 0, entries: [{ term: 1, value: 'H' }], leaderCommit: 0 };
    const frame = JSON.stringify({ type: 'move', id: 1, cluster: 'AB', server: 'i1', input: { kind: 'send', to: ['i2'] }, proposal: { state, send: [{ to: 'i2', message }] } });
    expect(peekFrame(frame).depth).toBe(7);
    expect(parseClientFrame(frame, false).ok).toBe(true);
  });
});
