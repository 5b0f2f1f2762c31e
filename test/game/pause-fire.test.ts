/**
 * Pausing the room for a discussion (timers frozen, moves wait, nothing lost on resume) and
 * firing a server's timer from the console to direct a bot.
 */
import { describe, expect, it } from 'vitest';
import { applyEvents } from '../../src/game/apply.js';
import { botMove } from '../../src/game/bots.js';
import { createRoom } from '../../src/game/room.js';
import { instructorView, seatView } from '../../src/game/views.js';
import { Table } from './helpers.js';

const deadline = (t: Table, s: string) => t.room.clusters.A.servers[s].timerDeadline;

describe('pause and resume', () => {
  it('a paused cluster refuses moves with move/paused and every screen can tell it is paused', () => {
    const t = new Table({ size: 3 });
    t.ok({ type: 'pause', paused: true });
    const r = t.move('i1', { kind: 'timeout' });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.code).toBe('move/paused');
    expect(seatView(t.room, 'A', 'i1').paused).toBe(0);
    expect(instructorView(t.room).clusters[0].paused).toBe(0);
    t.ok({ type: 'pause', paused: false });
    expect(t.move('i1', { kind: 'timeout' }).ok).toBe(true);
    expect(seatView(t.room, 'A', 'i1').paused).toBeUndefined();
  });

  it('timers keep the time they had left: a 10 s pause moves every deadline on by 10 s', () => {
    const t = new Table({ size: 3, election: 'timers', electionTimeoutMs: [20_000, 40_000] });
    t.ok({ type: 'tick', now: 0 });
    const before = deadline(t, 'i2')!;
    t.now = 5_000;
    t.ok({ type: 'pause', paused: true });
    t.now = 15_000;
    // Ticks during the pause arm nothing and fire nothing; a bot sees nothing to do.
    t.ok({ type: 'tick', now: before + 1 });
    expect(botMove(seatView(t.room, 'A', 'i2'))).toBeNull();
    t.now = before + 1;
    t.ok({ type: 'pause', paused: false });
    expect(deadline(t, 'i2')).toBe(before + (before + 1 - 5_000));
  });

  it('pausing one cluster leaves the others running, and the journal replays the pause', () => {
    const t = new Table({ size: 3, clusters: 2 });
    t.ok({ type: 'pause', cluster: 'B', paused: true });
    expect(t.room.clusters.A.paused).toBeUndefined();
    expect(t.room.clusters.B.paused).toBe(0);
    expect(applyEvents(createRoom({ size: 3, clusters: 2 }), t.journal)).toEqual(t.room);
  });
});

describe('firing a timer (directing a bot)', () => {
  it('timers mode: the deadline becomes now, so the bot times out on its next move', () => {
    const t = new Table({ size: 3, election: 'timers', electionTimeoutMs: [20_000, 40_000] });
    t.ok({ type: 'tick', now: 0 });
    t.now = 100;
    expect(botMove(seatView(t.room, 'A', 'i3'))).toBeNull();
    t.ok({ type: 'fire', cluster: 'A', server: 'i3' });
    expect(deadline(t, 'i3')).toBe(100);
    expect(botMove(seatView(t.room, 'A', 'i3'))).toEqual({ input: { kind: 'timeout' } });
  });

  it('cue mode: the server starts an election at once', () => {
    const t = new Table({ size: 3 });
    t.ok({ type: 'fire', cluster: 'A', server: 'i2' });
    expect(t.room.clusters.A.servers.i2.state.role).toBe('candidate');
    expect(t.room.clusters.A.inFlight.map((k) => k.message.type)).toEqual(['RequestVote', 'RequestVote']);
  });
});
