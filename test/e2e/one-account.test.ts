/**
 * Two students on one account (a lab's shared login, or one student's second window): both run
 * `raft-sheet join` with the same home, so the same seats.json. Each draws its own seat and
 * neither ends the other (the second used to resume the first one's seat and take it over:
 * "Your seat was resumed by another connection"). When one terminal is closed, the same command
 * run again at once brings that seat back (client/token-store.ts).
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHub, type Hub } from '../../server/hub.js';
import { endClass, sleep, Tmux } from './tmux.js';

const CODE = 'K7Q2';
const BIN = path.resolve('dist/bin/raft-sheet.js');

let hub: Hub;
const tmux = new Tmux(80, 24);
const home = mkdtempSync(path.join(tmpdir(), 'raft-one-account-'));

beforeAll(async () => {
  hub = await startHub({ port: 0, host: '127.0.0.1', code: CODE, key: 'e2e-key', data: path.join(home, 'session') });
}, 30_000);
afterAll(() => endClass(tmux, [], hub));

function join(name: string): void {
  tmux.open(name, `node ${BIN} join ws://127.0.0.1:${hub.port} --code ${CODE} --name ${name}`, { RAFT_SHEET_HOME: path.join(home, 'account') });
}

/** The seat a terminal shows in its header (`A · i3 ·`), once it shows one. */
async function seatOf(name: string): Promise<string> {
  const screen = await tmux.waitFor(name, /A · i\d ·/, 20_000);
  return screen.match(/A · (i\d) ·/)![1];
}

/** The processes seats.json says hold a seat at this hub. */
function holders(): number[] {
  const file = JSON.parse(readFileSync(path.join(home, 'account', 'seats.json'), 'utf8')) as Record<string, { pid: number }[]>;
  return Object.values(file).flat().map((h) => h.pid);
}

describe('two terminals of one account', () => {
  it('each draws its own seat, neither ends the other, and a killed one comes back to its seat', async () => {
    join('ann');
    const annSeat = await seatOf('ann');
    join('bob');
    const bobSeat = await seatOf('bob');
    expect(bobSeat).not.toBe(annSeat);
    // Ann's terminal still shows her sheet a while later: it was not taken over.
    await sleep(1000);
    expect(tmux.screen('ann')).toMatch(new RegExp(`A · ${annSeat} ·`));
    expect(tmux.screen('ann')).not.toMatch(/resumed by another connection/);
    expect(holders()).toHaveLength(2);

    // Ann's terminal is closed and she runs the same command at once, while the old process may
    // still be exiting: the new one waits for it (up to 2 s) and gets her seat back.
    tmux.kill('ann');
    join('ann-again');
    expect(await seatOf('ann-again')).toBe(annSeat);
    expect(tmux.screen('bob')).toMatch(new RegExp(`A · ${bobSeat} ·`));
  }, 60_000);
});
