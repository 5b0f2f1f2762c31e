/** A slow reader gets coalesced views and never holds the room up. */
import { describe, expect, it, vi } from 'vitest';
import { CorkScope, Outbox } from '../../server/outbox.js';

function fakeSocket() {
  return { bufferedAmount: 0, readyState: 1, sent: [] as string[], send(d: string) { this.sent.push(d); } };
}

describe('outbox', () => {
  it('sends at once while the socket keeps up', () => {
    const s = fakeSocket();
    const box = new Outbox(s, { highWater: 100, pollMs: 10, maxQueued: 10, onOverflow: () => {} });
    box.sendView('v1');
    box.send('verdict');
    expect(s.sent).toEqual(['v1', 'verdict']);
  });

  it('keeps only the latest view while the socket is congested, after the messages before it', () => {
    vi.useFakeTimers();
    const s = fakeSocket();
    const box = new Outbox(s, { highWater: 100, pollMs: 10, maxQueued: 10, onOverflow: () => {} });
    s.bufferedAmount = 1000;
    box.sendView('v1');
    box.send('verdict-1');
    box.sendView('v2');
    box.sendView('v3');
    box.send('verdict-2');
    expect(s.sent).toEqual([]);
    expect(box.coalesced).toBe(2);
    s.bufferedAmount = 0;
    vi.advanceTimersByTime(10);
    expect(s.sent).toEqual(['verdict-1', 'v3', 'verdict-2']);
    vi.useRealTimers();
  });

  it('gives up on a reader that never reads', () => {
    vi.useFakeTimers();
    const s = fakeSocket();
    const onOverflow = vi.fn();
    const box = new Outbox(s, { highWater: 100, pollMs: 10, maxQueued: 3, onOverflow });
    s.bufferedAmount = 1000;
    for (let i = 0; i < 4; i++) box.send(`m${i}`);
    expect(onOverflow).toHaveBeenCalledOnce();
    expect(box.queued).toBe(0);
    vi.useRealTimers();
  });

  it('inside a cork scope, a socket written several times is corked once and uncorked at the end', () => {
    const s = fakeSocket();
    const raw = { corked: 0, cork: vi.fn(function (this: { corked: number }) { this.corked++; }), uncork: vi.fn(function (this: { corked: number }) { this.corked--; }) };
    const scope = new CorkScope();
    const box = new Outbox(s, { highWater: 100, pollMs: 10, maxQueued: 10, onOverflow: () => {}, raw, cork: scope });
    box.send('outside');
    expect(raw.cork).not.toHaveBeenCalled();
    scope.run(() => {
      box.sendView('view');
      scope.run(() => box.send('verdict'));
      box.send('announce');
      expect(raw.cork).toHaveBeenCalledOnce();
      expect(raw.uncork).not.toHaveBeenCalled();
    });
    expect(raw.uncork).toHaveBeenCalledOnce();
    expect(raw.corked).toBe(0);
    expect(s.sent).toEqual(['outside', 'view', 'verdict', 'announce']);
  });
});
