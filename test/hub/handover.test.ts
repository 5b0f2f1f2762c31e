/**
 * A late student takes over a bot's seat (PRODUCT.md, "Room, clusters, seats"): the instructor
 * hands a network bot's seat to the next student (`bots hand`); the bot is released, the hub
 * keeps the seat playing, and the next student drawn by lottery gets exactly that seat with the
 * sheet as it stands.
 */
import { afterAll, describe, expect, it } from 'vitest';
import type { Hub } from '../../server/hub.js';
import type { RemoteBot } from '../../client/remote-bot.js';
import { join, KEY, seatedBots, testHub, url } from './harness.js';

const hubs: Hub[] = [];
const bots: RemoteBot[] = [];
afterAll(async () => {
  for (const b of bots) b.stop();
  for (const h of hubs) await h.close();
});

describe('bots hand: a bot seat goes to the next student', () => {
  it('releases the network bot, keeps the seat playing, seats the next lottery student there', async () => {
    const hub = await testHub({ size: 3 });
    hubs.push(hub);
    bots.push(...(await seatedBots(hub, 3)));
    const { client: instructor } = await join(hub, { role: 'instructor' }, { key: KEY });
    const command = async (cmd: object) => {
      const id = instructor.id();
      instructor.send({ type: 'command', id, command: cmd });
      return instructor.verdict(id);
    };
    const i2Bot = bots.find((b) => b.seat?.server === 'i2')!;
    const released = new Promise<string>((r) => i2Bot.once('fatal', r));
    expect(await command({ type: 'bots', action: 'hand', cluster: 'A', server: 'i2' })).toMatchObject({ ok: true });
    expect(await released).toBe('seat/released');
    // Still a bot seat, now driven by the hub (no token): the cluster does not wait.
    expect(hub.room().clusters.A.seats.i2).toEqual({ kind: 'bot', pace: 'fast' });
    // The next student by lottery sits exactly there.
    const { welcome } = await join(hub, { role: 'student', name: 'Late' });
    expect(welcome.seat).toMatchObject({ cluster: 'A', server: 'i2', lottery: true });
    expect(hub.room().clusters.A.seats.i2).toEqual({ kind: 'student', name: 'Late' });
    // Only a bot seat can be handed over.
    expect(await command({ type: 'bots', action: 'hand', cluster: 'A', server: 'i2' })).toMatchObject({ ok: false, code: 'seat/invalid' });
    expect(await command({ type: 'bots', action: 'hand', cluster: 'A', server: 'i9' })).toMatchObject({ ok: false, code: 'server/unknown' });
  });
});
