/**
 * Eight bots, each its own network client, play the workshop's games 1–4 through a real hub
 * and end where the simulator does (EXERCISE.md): i4 leads t3, every log starts "High vol" with
 * entries 5–8 in term t3, i4 has committed 8.
 */
import { describe, expect, it } from 'vitest';
import { logText } from '../../src/raft/log.js';
import { hubForSuite, KEY, replayJournal, seatedBots, testHub, url } from './harness.js';
import { ScriptDriver } from './script-driver.js';

const suite = hubForSuite();
const bots = suite.bots;

describe('eight network bots play games 1–4 through the hub', () => {
  it('ends in the golden state', async () => {
    bots.push(...(await seatedBots(suite.hub(), 8)));
    expect(new Set(bots.map((b) => b.seat!.server)).size).toBe(8);
    const refused: string[] = [];
    for (const b of bots) b.on('refused', (code) => refused.push(code));

    const driver = new ScriptDriver({ url: url(suite.hub()), key: KEY });
    await driver.finished;
    driver.stop();

    const a = suite.hub().room().clusters.A;
    const sheets = Object.values(a.servers).map((s) => s.state);
    const i4 = a.servers.i4.state;
    expect(i4.role).toBe('leader');
    expect(i4.votes.length).toBe(3);
    expect(i4.commitIndex).toBe(8);
    for (const s of sheets) {
      expect(logText(s.log).startsWith('High vol'), `${s.id}: ${logText(s.log)}`).toBe(true);
      expect(s.log.slice(4, 8).map((e) => e.term)).toEqual([3, 3, 3, 3]);
    }
    expect(sheets.filter((s) => s.role === 'leader').map((s) => s.id)).toEqual(['i4']);
    expect(refused).toEqual([]);

    // Every bot's own view agrees with the room.
    for (const b of bots) expect(b.view!.sheet).toEqual(a.servers[b.seat!.server].state);

    // Replaying the journal from scratch gives the same room (what --resume relies on).
    const { records, room: replayed } = await replayJournal(suite.hub());
    expect(records.length).toBeGreaterThan(50);
    expect(records.every((r, i) => r.n === i + 1)).toBe(true);
    expect(replayed.clusters.A.servers).toEqual(a.servers);
    expect(replayed.clusters.A.script).toEqual(a.script);
    expect(replayed.clusters.A.seats).toEqual(a.seats);
  });
});

describe('bots the hub runs itself', () => {
  it('"bots fill" at fast pace plays games 1–4 to the same end', async () => {
    const own = await testHub();
    try {
      const { join } = await import('./harness.js');
      const { client } = await join(own, { role: 'instructor' }, { key: KEY });
      client.send({ type: 'command', id: 1, command: { type: 'bots', action: 'fill', pace: 'fast' } });
      expect(await client.verdict(1)).toMatchObject({ ok: true });
      const driver = new ScriptDriver({ url: url(own), key: KEY });
      await driver.finished;
      driver.stop();
      const a = own.room().clusters.A;
      expect(a.servers.i4.state.commitIndex).toBe(8);
      expect(Object.values(a.servers).every((s) => logText(s.state.log).startsWith('High vol'))).toBe(true);
      client.close();
    } finally {
      await own.close();
    }
  });

  it('timers mode: the hub ticks the room clock, an election happens by itself and the message is committed', async () => {
    const own = await testHub({ room: { election: 'timers', electionTimeoutMs: [300, 600] } });
    try {
      const { join } = await import('./harness.js');
      const { client } = await join(own, { role: 'instructor' }, { key: KEY });
      client.send({ type: 'command', id: 1, command: { type: 'bots', action: 'fill', pace: 'fast' } });
      client.send({ type: 'command', id: 2, command: { type: 'script', action: 'start', game: 0, message: 'Raft' } });
      expect(await client.verdict(2)).toMatchObject({ ok: true });
      await client.next((m) => {
        if (m.type !== 'room') return false;
        const view = m.view as { clusters: { leaders: unknown[]; commitIndex: number }[] };
        return view.clusters[0].leaders.length === 1 && view.clusters[0].commitIndex >= 4;
      }, { past: true, timeoutMs: 15_000 });
      client.close();
    } finally {
      await own.close();
    }
  });
});
