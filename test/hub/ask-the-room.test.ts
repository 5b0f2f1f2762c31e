/**
 * Asking the room through a real hub (issue 14): the `answer` message is authorised like a move
 * (own seat only), each answer reaches only its own seat's view and a count reaches the room
 * view, and a hub resumed from its journal has the open question and its answers back.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { startHub, type Hub } from '../../server/hub.js';
import type { SeatView } from '../../src/game/types.js';
import type { TestClient } from './client.js';
import { join, KEY, testHub } from './harness.js';

const hubs: Hub[] = [];
afterAll(async () => {
  for (const h of hubs) await h.close();
});

async function verdictOf(c: TestClient, msg: Record<string, unknown>) {
  const id = c.id();
  c.send({ ...msg, id });
  return c.verdict(id);
}

describe('answers through the hub', () => {
  it('own seat only, private until the reveal, and back after a resume', async () => {
    const hub = await testHub({ size: 3 });
    hubs.push(hub);
    const instructor = (await join(hub, { role: 'instructor' }, { key: KEY })).client;
    const ann = (await join(hub, { role: 'student', name: 'Ann', server: 'i2' })).client;
    const bob = (await join(hub, { role: 'student', name: 'Bob', server: 'i3' })).client;
    expect((await verdictOf(instructor, { type: 'command', command: { type: 'fire', cluster: 'A', server: 'i1' } })).ok).toBe(true);
    const card = hub.room().clusters.A.inFlight.find((k) => k.to === 'i2')!;
    expect((await verdictOf(instructor, { type: 'command', command: { type: 'ask', cluster: 'A', server: 'i2', input: { kind: 'card', card: card.id } } })).ok).toBe(true);
    await bob.next((m) => m.type === 'view' && (m.view as SeatView).question !== undefined, { past: true });

    // Ann answers for herself; answering for Bob's seat is refused.
    expect((await verdictOf(ann, { type: 'answer', cluster: 'A', server: 'i2', question: 'A-q1', choice: 1 })).ok).toBe(true);
    const theft = await verdictOf(ann, { type: 'answer', cluster: 'A', server: 'i3', question: 'A-q1', choice: 1 });
    expect(theft.ok === false && theft.code).toBe('seat/not-yours');
    // The instructor holds no seat: answering is not for it.
    const teacher = await verdictOf(instructor, { type: 'answer', cluster: 'A', server: 'i2', question: 'A-q1', choice: 0 });
    expect(teacher.ok).toBe(false);

    // Ann's own view has her answer; Bob's view and the room view only count it.
    const mine = await ann.next((m) => m.type === 'view' && (m.view as SeatView).question?.mine === 1, { past: true });
    expect(mine.type).toBe('view');
    const other = await bob.next((m) => m.type === 'view' && (m.view as SeatView).question?.answered === 1, { past: true });
    expect(other.type === 'view' && (other.view as SeatView).question?.mine).toBeNull();
    const room = await instructor.next((m) => m.type === 'room' && JSON.stringify(m.view).includes('"answered":1'), { past: true });
    expect(JSON.stringify(room)).not.toContain('"mine"');

    // Stopped and resumed: the question and Ann's answer are back from the journal.
    for (const c of [instructor, ann, bob]) c.close();
    await hub.close();
    hubs.pop();
    const resumed = await startHub({ port: 0, host: '127.0.0.1', resume: hub.dir });
    hubs.push(resumed);
    const q = resumed.room().clusters.A.question!;
    expect(q.id).toBe('A-q1');
    expect(q.answers.i2).toEqual({ choice: 1, name: 'Ann' });
    expect(resumed.room().clusters.A.paused).toBeDefined();
  });
});
