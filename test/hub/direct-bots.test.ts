/**
 * The instructor directs the hub's bots and the choices that matter survive a resume: a bot seat
 * handed to the next student is journaled (the lottery still seats the next student there after
 * `--resume`), a held bot shows as held and makes no move until released, a fired timer starts
 * the bot's election at once, and a resume is on record for the debrief.
 */
import { afterAll, describe, expect, it } from 'vitest';
import type { Hub } from '../../server/hub.js';
import { startHub } from '../../server/hub.js';
import { until } from '../fixtures/until.js';
import { join, journalText, KEY, testHub } from './harness.js';

const hubs: Hub[] = [];
afterAll(async () => {
  for (const h of hubs) await h.close();
});

async function instructorOf(hub: Hub) {
  const { client } = await join(hub, { role: 'instructor' }, { key: KEY });
  return async (cmd: object) => {
    const id = client.id();
    client.send({ type: 'command', id, command: cmd });
    return client.verdict(id);
  };
}

describe('directing bots', () => {
  it('hold keeps a bot from moving, fire makes it stand, release lets it answer', async () => {
    const hub = await testHub({ size: 3 });
    hubs.push(hub);
    const command = await instructorOf(hub);
    expect(await command({ type: 'bots', action: 'fill', pace: 'fast' })).toMatchObject({ ok: true });
    expect(await command({ type: 'bots', action: 'hold', cluster: 'A', server: 'i3' })).toMatchObject({ ok: true });
    expect(await command({ type: 'fire', cluster: 'A', server: 'i1' })).toMatchObject({ ok: true });
    // i2 answers and i1 wins (2 of 3); i3, held, never takes its RequestVote.
    await until(() => hub.room().clusters.A.servers.i1.state.role === 'leader', 10_000);
    await new Promise((r) => setTimeout(r, 300));
    expect(hub.room().clusters.A.inFlight.some((k) => k.to === 'i3')).toBe(true);
    expect(hub.room().clusters.A.servers.i3.state.votes).toEqual([]);
    expect(await command({ type: 'bots', action: 'release', cluster: 'A', server: 'i3' })).toMatchObject({ ok: true });
    await until(() => hub.room().clusters.A.servers.i3.state.votes.length > 0, 10_000);
    expect(await command({ type: 'bots', action: 'hold', cluster: 'A', server: 'i9' })).toMatchObject({ ok: false, code: 'server/unknown' });
  });

  it('a handed seat survives a resume, and the resume is journaled', async () => {
    const hub = await testHub({ size: 3 });
    const command = await instructorOf(hub);
    expect(await command({ type: 'bots', action: 'fill', pace: 'fast' })).toMatchObject({ ok: true });
    expect(await command({ type: 'bots', action: 'hand', cluster: 'A', server: 'i2' })).toMatchObject({ ok: true });
    await hub.close();
    const again = await startHub({ port: 0, host: '127.0.0.1', resume: hub.dir, consoleKey: KEY });
    hubs.push(again);
    const { welcome } = await join(again, { role: 'student', name: 'Late' });
    expect(welcome.seat).toMatchObject({ cluster: 'A', server: 'i2', lottery: true });
    const kinds = journalText(again).trim().split('\n').map((l) => JSON.parse(l) as { kind: string; on?: boolean });
    expect(kinds.filter((r) => r.kind === 'hand').map((r) => r.on)).toEqual([true, false]);
    expect(kinds.some((r) => r.kind === 'hub')).toBe(true);
  });

  it('the rewind picker gets every moment of the journal, not only those a console saw', async () => {
    const hub = await testHub({ size: 3 });
    hubs.push(hub);
    const command = await instructorOf(hub);
    expect(await command({ type: 'bots', action: 'fill', pace: 'fast' })).toMatchObject({ ok: true });
    expect(await command({ type: 'fire', cluster: 'A', server: 'i1' })).toMatchObject({ ok: true });
    await until(() => hub.room().clusters.A.servers.i1.state.role === 'leader', 10_000);
    // A console that connects only now asks for the moments.
    const { client } = await join(hub, { role: 'instructor' }, { key: KEY });
    const id = client.id();
    client.send({ type: 'command', id, command: { type: 'moments', cluster: 'A' } });
    const m = (await client.next((x) => x.type === 'moments')) as unknown as { cluster: string; moments: { version: number; label: string }[] };
    expect(await client.verdict(id)).toMatchObject({ ok: true });
    expect(m.cluster).toBe('A');
    expect(m.moments[0]).toMatchObject({ version: 0, label: 'start' });
    const labels = m.moments.map((x) => x.label).join('\n');
    expect(labels).toMatch(/instructor: A: fire i1's election timer/);
    expect(labels).toMatch(/A\/i2 \(bot\): took card/);
    expect(m.moments.length).toBeGreaterThan(5);
    const bad = client.id();
    client.send({ type: 'command', id: bad, command: { type: 'moments', cluster: 'Z' } });
    expect(await client.verdict(bad)).toMatchObject({ ok: false, code: 'cluster/unknown' });
  });

  it('err makes a bot commit the named mistake on its next fitting card, in observe mode only', async () => {
    const hub = await testHub({ size: 3 });
    hubs.push(hub);
    const command = await instructorOf(hub);
    expect(await command({ type: 'bots', action: 'fill', pace: 'fast' })).toMatchObject({ ok: true });
    expect(await command({ type: 'bots', action: 'err', cluster: 'A', server: 'i2', mistake: 'stay-in-old-term' })).toMatchObject({ ok: false, code: 'mode/invalid' });
    expect(await command({ type: 'mode', mode: 'observe' })).toMatchObject({ ok: true });
    expect(await command({ type: 'bots', action: 'err', cluster: 'A', server: 'i2', mistake: 'stay-in-old-term' })).toMatchObject({ ok: true });
    expect(await command({ type: 'fire', cluster: 'A', server: 'i1' })).toMatchObject({ ok: true });
    await until(() => (hub.room().clusters.A.mistakes.i2 ?? []).length > 0, 10_000);
    expect(hub.room().clusters.A.mistakes.i3 ?? []).toEqual([]);
  });
});
