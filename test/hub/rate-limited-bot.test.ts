/**
 * A network bot whose moves outrun the flood limit: the hub drops them with `rate/limited`
 * carrying each move's id, and the bot (client/remote-bot.ts) takes that as the end of the move,
 * backs off and keeps playing instead of waiting forever for a verdict.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Hub } from '../../server/hub.js';
import { RemoteBot } from '../../client/remote-bot.js';
import { join, KEY, testHub, url } from './harness.js';

let hub: Hub;
const bots: RemoteBot[] = [];

beforeAll(async () => {
  // Three fast bots in timers mode, free play: the leader writes a word as fast as the hub
  // answers, far above 5 frames/s, so it meets the limit within a second.
  hub = await testHub({ clusters: 1, size: 3, room: { election: 'timers', electionTimeoutMs: [300, 600] }, rate: { capacity: 5, perSecond: 5 } });
});
afterAll(async () => {
  for (const b of bots) b.stop();
  await hub.close();
});

describe('a bot flooded past the rate limit', () => {
  it('gets its move back with the id, retries after a backoff and keeps playing', async () => {
    const fatal: string[] = [];
    const drops: number[] = [];
    for (let i = 0; i < 3; i++) {
      const bot = new RemoteBot({ url: url(hub), key: KEY, cluster: 'A', pace: 'fast' });
      bot.on('fatal', (r) => fatal.push(r));
      bot.on('drop', (code) => drops.push(code));
      bots.push(bot.start());
    }
    const { client: instructor } = await join(hub, { role: 'instructor' }, { key: KEY });
    instructor.send({ type: 'command', id: 1, command: { type: 'script', action: 'start', game: 0 } });
    expect((await instructor.verdict(1)).ok).toBe(true);

    const limited = await Promise.race([
      ...bots.map((b) => new Promise<RemoteBot>((resolve) => b.on('refused', (code) => code === 'rate/limited' && resolve(b)))),
      new Promise<never>((_, reject) => setTimeout(() => reject(new Error('no bot reported a rate-limited move within 10 s')), 10_000).unref()),
    ]);
    const at = limited.moves;
    // It goes on moving: several accepted moves after the dropped one.
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`the limited bot stopped at ${limited.moves} moves (limited at ${at})`)), 15_000);
      limited.on('moved', () => {
        if (limited.moves >= at + 5) {
          clearTimeout(timer);
          resolve();
        }
      });
    });
    expect(fatal).toEqual([]);
    // Backing off keeps it under the close threshold (4008).
    expect(drops).not.toContain(4008);
    instructor.close();
  });
});
