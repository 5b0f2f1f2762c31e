/**
 * Seats survive: a student whose connection closes mid-game comes back with its token and finds
 * its sheet and inbox as they were, on the same hub and on a hub resumed from its session dir.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { startHub, type Hub } from '../../server/hub.js';
import { RemoteBot } from '../../client/remote-bot.js';
import type { SeatView } from '../../src/game/types.js';
import { TestClient } from './client.js';
import { CODE, join, KEY, testHub, url } from './harness.js';

const hubs: Hub[] = [];
const bots: RemoteBot[] = [];
afterAll(async () => {
  for (const b of bots) b.stop();
  for (const h of hubs) await h.close();
});

/** What a student sees of its own seat, without the clock. */
const sheetAndInbox = (v: SeatView) => ({ sheet: v.sheet, inbox: v.inbox, sent: v.sent, seat: v.seat, script: v.script });

describe('a student resumes its seat with the token', () => {
  it('after its connection closed mid-game, and after the hub was stopped and resumed', async () => {
    const hub = await testHub();
    hubs.push(hub);
    // The student sits at i5; seven bots take the rest.
    const { client: student, welcome } = await join(hub, { role: 'student', name: 'Anna', cluster: 'A', server: 'i5' });
    const token = welcome.seat!.token;
    expect(welcome.seat).toMatchObject({ cluster: 'A', server: 'i5', resumed: false, lottery: false });
    for (let i = 0; i < 7; i++) bots.push(new RemoteBot({ url: url(hub), key: KEY, cluster: 'A', pace: 'fast' }).start());
    const { client: instructor } = await join(hub, { role: 'instructor' }, { key: KEY });
    await instructor.next((m) => m.type === 'room' && Object.values(m.presence.A).every((p) => p.connected), { past: true });

    // Game 1 starts: i1 (a bot) times out and its RequestVote lands in the student's inbox.
    instructor.send({ type: 'command', id: 1, command: { type: 'script', action: 'start', game: 1 } });
    const withCard = await student.next((m) => m.type === 'view' && m.view.inbox.length > 0, { past: true });
    if (withCard.type !== 'view') throw new Error('unreachable');
    const before = sheetAndInbox(withCard.view);
    expect(before.inbox[0].message.type).toBe('RequestVote');

    // The connection drops; the instructor sees the seat disconnected, still the student's.
    student.ws.terminate();
    await instructor.next((m) => m.type === 'room' && m.presence.A.i5.connected === false && m.presence.A.i5.seat === 'student');

    const back = await TestClient.open(url(hub), { code: CODE });
    back.send({ type: 'hello', protocol: 1, role: 'student', token });
    expect((await back.type('welcome', { past: true })).seat).toMatchObject({ cluster: 'A', server: 'i5', token, resumed: true });
    const view = await back.type('view', { past: true });
    expect(sheetAndInbox(view.view)).toEqual(before);
    await instructor.next((m) => m.type === 'room' && m.presence.A.i5.connected === true, { past: true });

    // The hub stops (as on Ctrl-C: clients are told 1001) and is resumed from its directory.
    const closed = back.waitClose();
    const instructorClosed = instructor.waitClose();
    for (const b of bots) b.stop();
    await hub.close();
    expect((await closed).code).toBe(1001);
    expect((await instructorClosed).code).toBe(1001);
    const resumed = await startHub({ port: 0, host: '127.0.0.1', resume: hub.dir });
    hubs.push(resumed);
    expect(resumed.code).toBe(CODE);
    // The keys are kept in the session directory (keys.json, 0600): the resumed hub knows them.
    expect(resumed.key).toBe(KEY);
    const again = await TestClient.open(url(resumed), { code: CODE });
    again.send({ type: 'hello', protocol: 1, role: 'student', token });
    expect((await again.type('welcome', { past: true })).seat).toMatchObject({ server: 'i5', resumed: true });
    const afterResume = await again.type('view', { past: true });
    expect(sheetAndInbox(afterResume.view)).toEqual(before);

    // And the student can play on: take the card, vote for i1.
    again.send({ type: 'move', id: 1, cluster: 'A', server: 'i5', input: { kind: 'card', card: before.inbox[0].id } });
    expect(await again.verdict(1)).toMatchObject({ ok: true });
    const voted = await again.next((m) => m.type === 'view' && m.view.inbox.length === 0, { past: true });
    expect(voted).toMatchObject({ type: 'view', view: { sheet: { votes: ['i1'] } } });
    // The instructor key still works after the resume.
    expect(await TestClient.status(url(resumed), { key: KEY })).toEqual({ status: 101 });
    again.close();
  });

  it('a second connection with the same token takes the seat over; the first is closed with 4003', async () => {
    const hub = await testHub();
    hubs.push(hub);
    const { client: first, welcome } = await join(hub, { role: 'student', name: 'Boris' });
    const second = await TestClient.open(url(hub), { code: CODE });
    second.send({ type: 'hello', protocol: 1, role: 'student', token: welcome.seat!.token });
    expect((await second.type('welcome', { past: true })).seat?.resumed).toBe(true);
    expect(await first.next((m) => m.type === 'error', { past: true })).toMatchObject({ code: 'seat/taken-over' });
    expect((await first.waitClose()).code).toBe(4003);
    second.close();
  });
});
