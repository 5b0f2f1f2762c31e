/**
 * Bad input over real sockets: every kind gets its documented error or close code, changes
 * nothing in the journal, and the hub keeps serving the others.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Hub } from '../../server/hub.js';
import { TestClient } from './client.js';
import { CODE, join, journalText, KEY, testHub, url } from './harness.js';

let hub: Hub;
let good: TestClient;
let goodSeat: { cluster: string; server: string };

beforeAll(async () => {
  hub = await testHub({ clusters: 6, heartbeatMs: 150, rate: { capacity: 20, perSecond: 10 } });
  const joined = await join(hub, { role: 'student', name: 'Good' });
  good = joined.client;
  goodSeat = joined.welcome.seat!;
});
afterAll(async () => {
  await hub.close();
});

/**
 * The good client can still act: its timeout move gets the reducer's verdict. Nobody answers its
 * RequestVote cards, so after nine probes (7 cards each) it reaches the cap of 64 cards in flight
 * and the reducer refuses the next with `send/too-many-cards`: still a judged move.
 */
async function stillServing(): Promise<void> {
  const id = good.id();
  good.send({ type: 'move', id, cluster: goodSeat.cluster, server: goodSeat.server, input: { kind: 'timeout' } });
  const verdict = await good.verdict(id);
  expect(verdict.ok ? 'ok' : verdict.code).toMatch(/^(ok|send\/too-many-cards)$/);
}

async function student(name: string): Promise<{ client: TestClient; seat: { cluster: string; server: string; token: string } }> {
  const { client, welcome } = await join(hub, { role: 'student', name });
  return { client, seat: welcome.seat! };
}

/** A new student does `act`; afterwards the journal is as it was and the hub still serves the others. */
async function changesNothing(name: string, act: (client: TestClient) => Promise<void>): Promise<void> {
  const { client } = await student(name);
  const before = journalText(hub);
  await act(client);
  expect(journalText(hub)).toBe(before);
  await stillServing();
  client.close();
}

describe('refused at the upgrade (HTTP 401, no WebSocket)', () => {
  it('a wrong or missing join code', async () => {
    expect(await TestClient.status(url(hub), { code: 'ZZZZ' })).toEqual({ status: 401, code: 'auth/bad-code' });
    expect(await TestClient.status(url(hub), {})).toEqual({ status: 401, code: 'auth/bad-code' });
  });
  it('a wrong instructor key, in the query or a header', async () => {
    expect(await TestClient.status(url(hub), { key: 'nope' })).toEqual({ status: 401, code: 'auth/bad-key' });
    expect(await TestClient.status(url(hub), {}, { 'x-raft-sheet-key': 'nope' })).toEqual({ status: 401, code: 'auth/bad-key' });
  });
  it('the right code in a header, in lower case, opens', async () => {
    expect(await TestClient.status(url(hub), {}, { 'x-raft-sheet-code': CODE.toLowerCase() })).toEqual({ status: 101 });
    expect(await TestClient.status(url(hub), { key: KEY })).toEqual({ status: 101 });
  });
});

describe('bad frames get an error and change nothing', () => {
  const cases: [string, string | Buffer, string][] = [
    ['non-JSON', '{"type": "hello",', 'frame/not-json'],
    ['a binary frame', Buffer.from([1, 2, 3]), 'frame/binary'],
    ['an unknown type', JSON.stringify({ type: 'launch-missiles', id: 1 }), 'frame/unknown-type'],
    ['a JSON array', '[1,2]', 'frame/invalid'],
    ['a missing field', JSON.stringify({ type: 'move', id: 2, cluster: 'A', input: { kind: 'timeout' } }), 'frame/invalid'],
    ['an extra field', JSON.stringify({ type: 'move', id: 3, cluster: 'A', server: 'i1', input: { kind: 'timeout' }, admin: true }), 'frame/invalid'],
    ['a wrong type', JSON.stringify({ type: 'move', id: 4, cluster: 'A', server: 'i1', input: { kind: 'client', value: 42 } }), 'frame/invalid'],
    ['a nested extra field', JSON.stringify({ type: 'move', id: 5, cluster: 'A', server: 'i1', input: { kind: 'timeout', now: 0 } }), 'frame/invalid'],
  ];
  for (const [name, frame, code] of cases) {
    it(name, async () => {
      await changesNothing(`bad ${name}`, async (client) => {
        client.send(frame);
        const error = await client.type('error');
        expect(error.code).toBe(code);
        expect(error.message.en.length).toBeGreaterThan(0);
        expect(error.message.ru.length).toBeGreaterThan(0);
        expect(client.closed).toBeNull();
      });
    });
  }

  it('a 60 KiB [[[[…]]]] frame is refused with frame/invalid before JSON.parse, and the hub serves others', async () => {
    await changesNothing('deep', async (client) => {
      const half = 30 * 1024;
      client.send('['.repeat(half) + ']'.repeat(half));
      const error = await client.type('error');
      expect(error).toMatchObject({ code: 'frame/invalid', detail: 'nested deeper than 32 levels' });
      expect(client.closed).toBeNull();
      // A deep move still gets its id back, so its sender can end the request.
      const deepObject = '{"type":"move","id":41,"cluster":"A","server":"i1","proposal":' + '{"a":'.repeat(40) + '0' + '}'.repeat(40) + '}';
      client.send(deepObject);
      expect(await client.next((m) => m.type === 'error' && m.id === 41)).toMatchObject({ code: 'frame/invalid' });
    });
  });

  it('an oversized frame closes with 1009', async () => {
    const { client } = await student('big');
    const before = journalText(hub);
    client.send(JSON.stringify({ type: 'move', id: 1, cluster: 'A', server: 'i1', input: { kind: 'client', value: 'x'.repeat(70 * 1024) } }));
    expect((await client.waitClose()).code).toBe(1009);
    expect(journalText(hub)).toBe(before);
    await stillServing();
  });
});

describe('authorisation', () => {
  it('a hello with another protocol version closes with 4000', async () => {
    const client = await TestClient.open(url(hub), { code: CODE });
    client.send({ type: 'hello', protocol: 99, role: 'student' });
    expect((await client.type('error')).code).toBe('protocol/version');
    expect((await client.waitClose()).code).toBe(4000);
  });

  it('an instructor hello with only the join code closes with 4001', async () => {
    const client = await TestClient.open(url(hub), { code: CODE });
    client.send({ type: 'hello', protocol: 1, role: 'instructor' });
    expect((await client.type('error')).code).toBe('auth/bad-key');
    expect((await client.waitClose()).code).toBe(4001);
  });

  it('a forged seat token is refused; the connection may then join', async () => {
    const before = journalText(hub);
    const client = await TestClient.open(url(hub), { code: CODE });
    client.send({ type: 'hello', protocol: 1, role: 'student', token: 'AAAAAAAAAAAAAAAAAAAAA' });
    expect((await client.type('error')).code).toBe('auth/bad-token');
    client.send({ type: 'hello', protocol: 1, role: 'student', token: 'not a token at all' });
    expect((await client.type('error')).code).toBe('auth/bad-token');
    expect(journalText(hub)).toBe(before);
    client.send({ type: 'hello', protocol: 1, role: 'student', name: 'after forging' });
    expect((await client.type('welcome', { past: true })).seat).toBeDefined();
    client.close();
  });

  it('a move for another seat is refused with seat/not-yours', async () => {
    const { client, seat } = await student('sneaky');
    const before = journalText(hub);
    const id = client.id();
    client.send({ type: 'move', id, cluster: goodSeat.cluster, server: goodSeat.server, input: { kind: 'timeout' } });
    const verdict = await client.verdict(id);
    expect(verdict).toMatchObject({ ok: false, code: 'seat/not-yours' });
    expect(journalText(hub)).toBe(before);
    // And it never received the other seat's view.
    expect(client.messages.filter((m) => m.type === 'view').every((m) => m.type === 'view' && m.view.server === seat.server)).toBe(true);
    client.close();
  });

  it('a move on a card not in the inbox is refused with move/not-in-inbox', async () => {
    const { client, seat } = await student('no card');
    const before = journalText(hub);
    const id = client.id();
    client.send({ type: 'move', id, cluster: seat.cluster, server: seat.server, input: { kind: 'card', card: 'A-999' } });
    expect(await client.verdict(id)).toMatchObject({ ok: false, code: 'move/not-in-inbox' });
    expect(journalText(hub)).toBe(before);
    client.close();
  });

  it('a command from a student is refused with auth/not-instructor', async () => {
    const { client } = await student('wannabe');
    const id = client.id();
    client.send({ type: 'command', id, command: { type: 'reset', cluster: 'A' } });
    expect(await client.verdict(id)).toMatchObject({ ok: false, code: 'auth/not-instructor' });
    client.close();
  });

  it('a move before hello is refused with protocol/hello-first', async () => {
    const client = await TestClient.open(url(hub), { code: CODE });
    client.send({ type: 'move', id: 9, cluster: 'A', server: 'i1', input: { kind: 'timeout' } });
    expect(await client.type('error')).toMatchObject({ code: 'protocol/hello-first', id: 9 });
    client.close();
  });
});

describe('limits', () => {
  it('flooding past the rate limit: rate/limited, then close 4008', async () => {
    const { client } = await student('flood');
    const before = journalText(hub);
    for (let i = 0; i < 200; i++) client.send({ type: 'move', id: i, cluster: 'A', server: 'i9', input: { kind: 'card', card: 'x' } });
    expect((await client.next((m) => m.type === 'error' && m.code === 'rate/limited', { past: true })).type).toBe('error');
    expect((await client.waitClose()).code).toBe(4008);
    // Every dropped move was answered with its id (the end of that request), up to the close.
    const dropped = client.messages.filter((m) => m.type === 'error' && m.code === 'rate/limited').map((m) => (m.type === 'error' ? m.id : -1));
    expect(dropped.length).toBeGreaterThan(1);
    expect(dropped.every((id) => typeof id === 'number')).toBe(true);
    expect(new Set(dropped).size).toBe(dropped.length);
    expect(journalText(hub)).toBe(before);
    await stillServing();
  });

  it('a client that stops reading is dropped by the heartbeat; the others are served', async () => {
    const { client: instructor } = await join(hub, { role: 'instructor' }, { key: KEY });
    const { client, seat } = await student('sleeper');
    const connected = (m: { type: string; presence?: Record<string, Record<string, { connected: boolean }>> }) => m.presence?.[seat.cluster]?.[seat.server]?.connected;
    await instructor.next((m) => m.type === 'room' && connected(m) === true, { past: true });
    // Stop reading at the TCP level: no frames, no pongs.
    (client.ws as unknown as { _socket: { pause(): void } })._socket.pause();
    await stillServing();
    await instructor.next((m) => m.type === 'room' && connected(m) === false);
    await stillServing();
    instructor.close();
  });
});
