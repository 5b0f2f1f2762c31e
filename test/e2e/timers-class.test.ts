/**
 * A class in timers mode (tmux, 80×24): `raft-sheet hub` with a short election timeout range and
 * a matching bot pace (`--timeout 5-10 --bot-pace 0.3-0.6`: the 20–40 s / 1–2 s of a real class,
 * four times faster, with room to spare on a loaded machine), two students (Ann at i7, Bob at i8) and six human-pace bots filled from the
 * console. The cluster elects exactly one leader; both students see their election countdown;
 * when Ann takes a card, her fired timer is reset and counts down again.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Tmux } from './tmux.js';

const BIN = path.resolve('dist/bin/raft-sheet.js');
const tmux = new Tmux(80, 24);
const home = mkdtempSync(path.join(tmpdir(), 'raft-timers-'));

afterAll(() => tmux.close());

/** The cluster's first line in the console table: `▸A  ♛i4     t1 …`. */
const row = (screen: string) => screen.split('\n').find((l) => /^.A {2}/.test(l)) ?? '';

describe('a class in timers mode', () => {
  it('two students and six human-pace bots elect one leader; the students see their countdowns', async () => {
    tmux.open('hub', `node ${BIN} hub --port 0 --clusters 1 --timeout 5-10 --bot-pace 0.3-0.6 --data ${path.join(home, 'session')}`);
    const banner = await tmux.waitFor('hub', /join: raft-sheet join ws:\/\/\S+:(\d+) --code (\w+)/, 20_000);
    const [, port, code] = banner.match(/join: raft-sheet join ws:\/\/\S+:(\d+) --code (\w+)/)!;
    for (const [name, seat] of [['Ann', 'i7'], ['Bob', 'i8']]) {
      tmux.open(name, `node ${BIN} join ws://127.0.0.1:${port} --code ${code} --cluster A --seat ${seat} --name ${name}`, { RAFT_SHEET_HOME: path.join(home, name) });
      await tmux.waitFor(name, new RegExp(`A · ${seat} ·`), 20_000);
    }
    await tmux.waitFor('hub', (s) => /s2\/2 e6/.test(row(s)) && /Ann i7 Bob i8/.test(s), 20_000);

    // Timers for the room, then bots in the six empty seats.
    tmux.type('hub', 'm');
    tmux.type('hub', 't');
    await tmux.waitFor('hub', /timers 5–10s/, 10_000);
    tmux.type('hub', 'b');
    tmux.type('hub', 'f');
    await tmux.waitFor('hub', (s) => /s2\/2 b6/.test(row(s)), 10_000);

    // Both students see a countdown (or that it fired: they are not playing yet).
    for (const name of ['Ann', 'Bob']) await tmux.waitFor(name, /⏱ (election timer \d+ s|your election timer fired)/, 15_000);

    // One leader, elected by the bots while the students' timers run.
    const elected = await tmux.waitFor('hub', (s) => /♛i\d/.test(row(s)), 30_000);
    const leader = row(elected).match(/♛(i\d)\S*\s+t(\d+)/)!;
    expect(row(elected)).not.toMatch(/♛i\d,/); // never two leaders in the term
    expect(Number(leader[2])).toBeLessThanOrEqual(3); // no storm of elections

    // Ann's timer has fired; she takes her oldest card (a vote or a heartbeat): it resets.
    await tmux.waitFor('Ann', /your election timer fired/, 25_000);
    tmux.keys('Ann', 'Enter');
    await tmux.waitFor('Ann', /draft ◌/, 10_000);
    tmux.keys('Ann', 'Enter');
    await tmux.waitFor('Ann', /⏱ election timer \d+ s/, 10_000);

    // Later still one leader and no storm (a busy machine may delay a heartbeat into one more term).
    const later = await tmux.waitFor('hub', (s) => /Ann i7 Bob i8/.test(s) && /♛i\d/.test(row(s)), 10_000);
    expect(row(later)).not.toMatch(/♛i\d,/);
    expect(Number(row(later).match(/♛i\d\S*\s+t(\d+)/)![1])).toBeLessThanOrEqual(Number(leader[2]) + 1);
  }, 150_000);
});
