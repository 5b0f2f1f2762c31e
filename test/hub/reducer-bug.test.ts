/**
 * A bug in the reducer is the hub's fault, not the user's: an exception thrown while reducing an
 * instructor's command (injected here through a failing handler in the engine) is answered
 * `hub/internal`, never `command/invalid`, is written to hub.log, changes nothing in the journal,
 * and the hub goes on serving the next command.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { gameEngine } from '../../server/engine.js';
import type { GameEngine } from '../../server/engine-types.js';
import type { Hub } from '../../server/hub.js';
import { join, journalText, KEY, testHub } from './harness.js';

/** The real engine, except that an announcement saying "boom" hits a bug in the reducer. */
const engine: GameEngine = {
  ...gameEngine,
  reduce: (room, command, ctx) => {
    if (command.type === 'announce' && command.text.en === 'boom') throw new TypeError("Cannot read properties of undefined (reading 'servers')");
    return gameEngine.reduce(room, command, ctx);
  },
};

let hub: Hub | undefined;
afterAll(async () => {
  await hub?.close();
});

describe('an exception in the reducer', () => {
  it('answers hub/internal, logs the command and the error, and the hub keeps serving', async () => {
    hub = await testHub({ engine });
    const { client } = await join(hub, { role: 'instructor' }, { key: KEY });
    const command = async (cmd: object) => {
      const id = client.id();
      client.send({ type: 'command', id, command: cmd });
      return client.verdict(id);
    };
    const before = journalText(hub);
    expect(await command({ type: 'announce', text: { en: 'boom', ru: 'бум' } })).toMatchObject({ ok: false, code: 'hub/internal' });
    expect(journalText(hub)).toBe(before);
    const log = path.join(hub.dir, 'hub.log');
    await vi.waitFor(() => expect(readFileSync(log, 'utf8')).toMatch(/error.*threw on .*"announce".*by instructor: TypeError: Cannot read properties/), { timeout: 5000 });
    expect(await command({ type: 'announce', text: { en: 'hello', ru: 'привет' } })).toMatchObject({ ok: true });
  });
});
