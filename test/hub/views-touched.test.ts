/**
 * After a batch the hub rebuilds and pushes only the views that can have changed: a refused move
 * touches only its seat; a sheet that changes touches every seat of the cluster, whose cluster
 * strip shows it (views.ts glance).
 * Also: the room view for instructors is built once per batch and only when one is connected.
 */
import { afterAll, describe, expect, it, vi } from 'vitest';
import { gameEngine } from '../../server/engine.js';
import type { Hub } from '../../server/hub.js';
import type { TestClient } from './client.js';
import { join, KEY, testHub } from './harness.js';

const hubs: Hub[] = [];
afterAll(async () => {
  for (const h of hubs) await h.close();
});

/** A round trip on this socket: every message the hub sent it before is in by the answer. */
async function drained(c: TestClient): Promise<void> {
  c.send('not json');
  await c.next((m) => m.type === 'error' && m.code === 'frame/not-json');
}

const views = (c: TestClient) => c.messages.filter((m) => m.type === 'view').length;

describe('views pushed after a batch', () => {
  it('go to the seats the events touch: a refusal to its seat only, a sheet change to every seat (the cluster strip)', async () => {
    const hub = await testHub({ clusters: 1, size: 8 });
    hubs.push(hub);
    const seats: TestClient[] = [];
    for (let i = 1; i <= 8; i++) seats.push((await join(hub, { role: 'student', name: `s${i}`, cluster: 'A', server: `i${i}` })).client);
    const [i1, i2, ...others] = seats;

    // i1 times out: its RequestVote goes to all seven, so every seat gets a view.
    i1.send({ type: 'move', id: 1, cluster: 'A', server: 'i1', input: { kind: 'timeout' } });
    expect((await i1.verdict(1)).ok).toBe(true);
    const card = await i2.next((m) => m.type === 'view' && m.view.inbox.length > 0, { past: true });
    if (card.type !== 'view') throw new Error('unreachable');
    for (const c of seats) await drained(c);
    const before = [i1, ...others].map(views);

    // i2 proposes to refuse the vote (guard mode): refused, only i2's mistakes change.
    const proposal = { state: card.view.sheet, send: [{ to: 'i1', message: { type: 'RequestVoteReply', term: 0, voteGranted: false } }] };
    i2.send({ type: 'move', id: 2, cluster: 'A', server: 'i2', input: { kind: 'card', card: card.view.inbox[0].id }, proposal });
    expect((await i2.verdict(2)).ok).toBe(false);
    for (const c of seats) await drained(c);
    expect([i1, ...others].map(views)).toEqual(before);

    // i2 takes the card and votes for i1: its sheet changes, and every seat's strip shows the vote.
    i2.send({ type: 'move', id: 3, cluster: 'A', server: 'i2', input: { kind: 'card', card: card.view.inbox[0].id } });
    expect((await i2.verdict(3)).ok).toBe(true);
    for (const c of seats) await drained(c);
    for (const c of others) {
      const last = c.messages.filter((m) => m.type === 'view').at(-1);
      if (last?.type !== 'view') throw new Error('unreachable');
      expect(last.view.glance?.find((g) => g.id === 'i2')).toMatchObject({ term: 1, vote: 'i1' });
    }
    for (const c of seats) c.close();
  });

  it('build the room view only for connected instructors, at most once per batch, the same text for each', async () => {
    let built = 0;
    const hub = await testHub({ clusters: 2, engine: { ...gameEngine, instructorView: (room) => (built++, gameEngine.instructorView(room)) } });
    hubs.push(hub);
    const { client: s } = await join(hub, { role: 'student', name: 'solo', cluster: 'A', server: 'i1' });
    for (let id = 1; id <= 3; id++) {
      s.send({ type: 'move', id, cluster: 'A', server: 'i1', input: { kind: 'timeout' } });
      await s.verdict(id);
    }
    expect(built).toBe(0);

    const { client: a } = await join(hub, { role: 'instructor' }, { key: KEY });
    const { client: b } = await join(hub, { role: 'instructor' }, { key: KEY });
    await drained(a);
    built = 0;
    const roomsA = a.messages.length;
    const roomsB = b.messages.length;
    s.send({ type: 'move', id: 9, cluster: 'A', server: 'i1', input: { kind: 'timeout' } });
    await s.verdict(9);
    // The room view follows the batch within ROOM_VIEW_MS (views-push.ts), not necessarily in the same write.
    await vi.waitFor(() => expect(a.messages.slice(roomsA).some((m) => m.type === 'room')).toBe(true), { timeout: 5000 });
    await drained(a);
    await drained(b);
    const newA = a.messages.slice(roomsA).filter((m) => m.type === 'room');
    const newB = b.messages.slice(roomsB).filter((m) => m.type === 'room');
    expect(newA.length).toBeGreaterThan(0);
    expect(newB).toEqual(newA);
    // One build per batch that changed something: never more builds than views sent to one instructor.
    expect(built).toBe(newA.length);
    for (const c of [s, a, b]) c.close();
  });
});
