/** The named mistakes a bot can be told to make: each is a wrong move the referee names. */
import { describe, expect, it } from 'vitest';
import { spoil } from '../../src/game/bot-mistakes.js';
import { prefill } from '../../src/game/move.js';
import type { Move } from '../../src/raft/types.js';
import { Table } from './helpers.js';

function cardTo(t: Table, to: string, from: string) {
  return t.room.clusters.A.inFlight.find((k) => k.to === to && k.from === from)!;
}

describe('bot mistakes (observe mode)', () => {
  it('grant-any-vote: a second vote in t1 is R9', () => {
    const t = new Table({ size: 3, mode: 'observe' });
    t.ok({ type: 'fire', cluster: 'A', server: 'i1' });
    t.ok({ type: 'fire', cluster: 'A', server: 'i2' });
    t.ok({ type: 'move', cluster: 'A', server: 'i3', input: { kind: 'card', card: cardTo(t, 'i3', 'i1').id } });
    const card = cardTo(t, 'i3', 'i2');
    const correct = prefill(t.room, 'A', 'i3', { kind: 'card', card: card.id }) as Move;
    const wrong = spoil('grant-any-vote', t.room.clusters.A.servers.i3.state, card, correct)!;
    const r = t.ok({ type: 'move', cluster: 'A', server: 'i3', input: { kind: 'card', card: card.id }, proposal: wrong });
    expect(r.ok && r.mistakes?.map((m) => m.rule)).toContain('R9');
  });

  it('stay-in-old-term: ignoring a newer term on a card is a mistake; it does not fit a card of the same term', () => {
    const t = new Table({ size: 3, mode: 'observe' });
    t.ok({ type: 'fire', cluster: 'A', server: 'i1' });
    const card = cardTo(t, 'i2', 'i1');
    const correct = prefill(t.room, 'A', 'i2', { kind: 'card', card: card.id }) as Move;
    const wrong = spoil('stay-in-old-term', t.room.clusters.A.servers.i2.state, card, correct)!;
    const r = t.ok({ type: 'move', cluster: 'A', server: 'i2', input: { kind: 'card', card: card.id }, proposal: wrong });
    expect(r.ok && r.mistakes?.length).toBeGreaterThan(0);
    expect(spoil('ack-without-append', t.room.clusters.A.servers.i2.state, card, correct)).toBeNull();
  });

  it('ack-without-append: "success" without the entries in the log is a mistake', () => {
    const t = new Table({ size: 3, mode: 'observe' });
    t.ok({ type: 'fire', cluster: 'A', server: 'i1' });
    t.ok({ type: 'move', cluster: 'A', server: 'i2', input: { kind: 'card', card: cardTo(t, 'i2', 'i1').id } });
    t.ok({ type: 'move', cluster: 'A', server: 'i1', input: { kind: 'card', card: cardTo(t, 'i1', 'i2').id } });
    expect(t.room.clusters.A.servers.i1.state.role).toBe('leader');
    t.ok({ type: 'move', cluster: 'A', server: 'i1', input: { kind: 'client', value: 'x' } });
    t.ok({ type: 'move', cluster: 'A', server: 'i1', input: { kind: 'send', to: ['i2'] } });
    const card = t.room.clusters.A.inFlight.filter((k) => k.to === 'i2' && k.message.type === 'AppendEntries').pop()!;
    const correct = prefill(t.room, 'A', 'i2', { kind: 'card', card: card.id }) as Move;
    const wrong = spoil('ack-without-append', t.room.clusters.A.servers.i2.state, card, correct)!;
    expect(wrong.state.log).toHaveLength(0);
    const r = t.ok({ type: 'move', cluster: 'A', server: 'i2', input: { kind: 'card', card: card.id }, proposal: wrong });
    expect(r.ok && r.mistakes?.length).toBeGreaterThan(0);
  });
});
