/**
 * Issue 11, "Bound everything a client can grow": cards in flight. One server may have at most
 * MAX_CARDS_IN_FLIGHT cards in flight (guard and observe mode), and the views list a bounded
 * number of cards however many a room holds, with a count of the rest.
 */
import { describe, expect, it } from 'vitest';
import { MAX_CARDS_IN_FLIGHT, INBOX_SHOWN, IN_FLIGHT_SHOWN } from '../../src/game/limits.js';
import { prefill } from '../../src/game/move.js';
import { instructorView, seatView } from '../../src/game/views.js';
import type { Card, Room } from '../../src/game/types.js';
import type { Move } from '../../src/raft/types.js';
import { Table } from './helpers.js';

function leaderOfThree(): Table {
  const t = new Table({ size: 3, election: 'cue' });
  t.elect('i1', 'i2', 'i3');
  return t;
}

const mine = (t: Table, server: string) => t.room.clusters.A.inFlight.filter((k) => k.from === server).length;

describe('a cap on the cards one server has in flight', () => {
  it('is 64', () => {
    expect(MAX_CARDS_IN_FLIGHT).toBe(64);
  });

  it('a leader sending AppendEntries past the cap is refused with send/too-many-cards and a sentence naming the number', () => {
    const t = leaderOfThree();
    for (let i = 0; i < MAX_CARDS_IN_FLIGHT / 2; i++) t.send('i1', 'i2', 'i3');
    expect(mine(t, 'i1')).toBe(MAX_CARDS_IN_FLIGHT);
    const before = t.room;
    const r = t.move('i1', { kind: 'send', to: ['i2'] });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.code).toBe('send/too-many-cards');
    expect(r.message.en).toBe('You already have 64 cards in flight: wait for answers.');
    expect(r.message.ru).toBe('У тебя в пути уже 64 карточки: дождись ответов.');
    expect(t.room.clusters.A).toBe(before.clusters.A); // nothing changed
    // A card taken (answered) makes room for one more.
    const card = t.inbox('i2')[0];
    t.ok({ type: 'move', cluster: 'A', server: 'i2', input: { kind: 'card', card: card.id } });
    expect(mine(t, 'i1')).toBe(MAX_CARDS_IN_FLIGHT - 1);
    expect(t.move('i1', { kind: 'send', to: ['i2'] }).ok).toBe(true);
    expect(t.move('i1', { kind: 'send', to: ['i3'] }).ok).toBe(false);
  });

  it('a move that sends nothing is never refused by the cap (writing a letter)', () => {
    const t = leaderOfThree();
    for (let i = 0; i < MAX_CARDS_IN_FLIGHT / 2; i++) t.send('i1', 'i2', 'i3');
    expect(t.move('i1', { kind: 'client', value: 'x' }).ok).toBe(true);
  });

  it('repeated timeouts (RequestVote to everyone) stop at the cap', () => {
    const t = new Table({ size: 3, election: 'cue' });
    for (let i = 0; i < MAX_CARDS_IN_FLIGHT / 2; i++) t.timeout('i2');
    expect(mine(t, 'i2')).toBe(MAX_CARDS_IN_FLIGHT);
    const r = t.move('i2', { kind: 'timeout' });
    expect(r.ok ? 'accepted' : r.code).toBe('send/too-many-cards');
  });

  it('observe mode refuses it too, even for a proposal the referee would accept', () => {
    const t = leaderOfThree();
    t.ok({ type: 'mode', cluster: 'A', mode: 'observe' });
    for (let i = 0; i < MAX_CARDS_IN_FLIGHT / 2; i++) t.send('i1', 'i2', 'i3');
    const proposal = prefill(t.room, 'A', 'i1', { kind: 'send', to: ['i2', 'i3'] }) as Move;
    const r = t.move('i1', { kind: 'send', to: ['i2', 'i3'] }, proposal);
    expect(r.ok ? 'accepted' : r.code).toBe('send/too-many-cards');
    // A wrong proposal that sends extra cards is refused by the cap as well (observe plays wrong moves otherwise).
    const t2 = leaderOfThree();
    t2.ok({ type: 'mode', cluster: 'A', mode: 'observe' });
    const good = prefill(t2.room, 'A', 'i1', { kind: 'send', to: ['i2', 'i3'] }) as Move;
    const flood: Move = { state: good.state, send: Array.from({ length: MAX_CARDS_IN_FLIGHT + 1 }, (_, i) => good.send[i % 2]) };
    const r2 = t2.move('i1', { kind: 'send', to: ['i2', 'i3'] }, flood);
    expect(r2.ok ? 'accepted' : r2.code).toBe('send/too-many-cards');
  });
});

/** The room with `n` copies of one card in flight to i2, all arrived. */
function flooded(n: number): Room {
  const t = leaderOfThree();
  t.write('i1', 'abcdefgh');
  t.send('i1', 'i2');
  const room = t.room;
  const A = room.clusters.A;
  const card = A.inFlight.find((k) => k.to === 'i2')!;
  const inFlight: Card[] = Array.from({ length: n }, (_, i) => ({ ...card, id: `A-${1000 + i}` }));
  return { ...room, clusters: { ...room.clusters, A: { ...A, inFlight } } };
}

describe('views with 500 cards in flight', () => {
  const room = flooded(500);

  it('the room overview lists the oldest 64 and counts the rest', () => {
    const c = instructorView(room).clusters.find((x) => x.id === 'A')!;
    expect(c.inFlight).toHaveLength(IN_FLIGHT_SHOWN);
    expect(c.inFlight[0].card.id).toBe('A-1000');
    expect(c.inFlightMore).toBe(500 - IN_FLIGHT_SHOWN);
    expect(c.waiting.i2?.count).toBe(500);
    expect(JSON.stringify(instructorView(room)).length).toBeLessThan(48_000);
  });

  it('the seat view holds at most 64 inbox cards, oldest first, and counts the rest', () => {
    const v = seatView(room, 'A', 'i2');
    expect(v.inbox).toHaveLength(INBOX_SHOWN);
    expect(v.inbox[0].id).toBe('A-1000');
    expect(v.inboxMore).toBe(500 - INBOX_SHOWN);
    expect(v.glance?.find((g) => g.id === 'i2')?.cards).toBe(500);
    expect(JSON.stringify(v).length).toBeLessThan(40_000);
  });

  it('a small inbox and room carry no count', () => {
    const small = flooded(3);
    expect(seatView(small, 'A', 'i2').inboxMore).toBeUndefined();
    expect(instructorView(small).clusters[0].inFlightMore).toBeUndefined();
  });
});
