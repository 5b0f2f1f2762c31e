/**
 * Asking the room (issue 14) in real terminals: three students (tmux, 80×24) and the projector
 * (`watch`, 80×24) on a real hub. The instructor asks "i2 takes i1's RequestVote: will it grant
 * the vote?"; each student answers with one key; the projector counts the answers, then shows
 * the tally with the correct answer and its rule; the decision is played; `report` lists each
 * student's answer.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Hub } from '../../server/hub.js';
import { CODE, KEY, join, testHub } from '../hub/harness.js';
import type { TestClient } from '../hub/client.js';
import { capture, normalise } from './screens.js';
import { Tmux } from './tmux.js';

const BIN = path.resolve('dist/bin/raft-sheet.js');
const STUDENTS = ['i1', 'i2', 'i3'];
const NAMES: Record<string, string> = { i1: 'Ann', i2: 'Bob', i3: 'Cy' };

let hub: Hub;
let instructor: TestClient;
const tmux = new Tmux(80, 24);
const home = mkdtempSync(path.join(tmpdir(), 'raft-e2e-ask-'));

async function command(cmd: Record<string, unknown>): Promise<void> {
  const id = instructor.id();
  instructor.send({ type: 'command', id, command: cmd });
  const v = await instructor.verdict(id);
  if (!v.ok) throw new Error(`${JSON.stringify(cmd)} refused: ${v.code}`);
}

beforeAll(async () => {
  hub = await testHub({ size: 3 });
  const url = `ws://127.0.0.1:${hub.port}`;
  for (const s of STUDENTS) {
    tmux.open(s, `node ${BIN} join ${url} --code ${CODE} --seat ${s} --name ${NAMES[s]}`, { RAFT_SHEET_HOME: path.join(home, s) });
  }
  const keyFile = path.join(home, 'projector.key');
  writeFileSync(keyFile, `${hub.projectorKey}\n`, { mode: 0o600 });
  tmux.open('projector', `node ${BIN} watch ${url} --key-file ${keyFile}`);
  for (const s of STUDENTS) await tmux.waitFor(s, new RegExp(`A · ${s} ·`), 30_000);
  instructor = (await join(hub, { role: 'instructor' }, { key: KEY })).client;
}, 60_000);

afterAll(async () => {
  instructor?.close();
  tmux.close();
  await hub?.close();
});

describe('asking the room', () => {
  it('three students answer by keys, the projector shows the count then the tally, the report lists each answer', async () => {
    // i1's timer fires (cue mode: the timeout is played for it): a RequestVote waits in i2's inbox.
    await command({ type: 'fire', cluster: 'A', server: 'i1' });
    await tmux.waitFor('i2', /Inbox \(1\)/);
    const card = hub.room().clusters.A.inFlight.find((k) => k.to === 'i2')!;
    await command({ type: 'ask', cluster: 'A', server: 'i2', input: { kind: 'card', card: card.id }, seconds: 120 });

    // Every student sees the question with the keys to press; the projector counts nobody yet.
    for (const s of STUDENTS) await tmux.waitFor(s, /will it grant the vote\?[\s\S]*Press y or n/, 20_000);
    await tmux.waitFor('projector', /QUESTION about A · i2[\s\S]*0 of 3 answered/, 20_000);

    // One key each: Ann and Cy say yes (y, 1), Bob says no; each sees only their own answer.
    tmux.type('i1', 'y');
    tmux.type('i2', 'n');
    tmux.type('i3', '1');
    const ann = await tmux.waitFor('i1', /Yes\s+◂ your answer/);
    expect(ann).not.toMatch(/No\s+◂ your answer/);
    await tmux.waitFor('i2', /No\s+◂ your answer/);
    const cy = await tmux.waitFor('i3', /Yes\s+◂ your answer/);
    // The projector shows how many answered, not what.
    const counted = await tmux.waitFor('projector', /3 of 3 answered/, 20_000);
    expect(counted).not.toMatch(/✔ correct/);
    capture('student-question.txt', normalise(cy, { code: CODE, port: hub.port }));

    // The reveal: the tally, the correct answer and the rule that decides it.
    await command({ type: 'reveal', cluster: 'A' });
    const tally = await tmux.waitFor('projector', /Yes\s+█+\s+2\s+✔ correct/, 20_000);
    expect(tally).toMatch(/No\s+█+\s+1/);
    expect(tally).toMatch(/R10/);
    capture('projector-question.txt', normalise(tally, { code: CODE, port: hub.port }));
    await tmux.waitFor('i1', /Your answer was right/);
    await tmux.waitFor('i2', /Not this time: the answer is Yes/);

    // Then the decision is played: i2 grants its vote; the question leaves every screen.
    await command({ type: 'decide', cluster: 'A' });
    await tmux.waitFor('i2', (s) => !/QUESTION/.test(s) && /vote\s+i1/.test(s), 20_000);
    await tmux.waitFor('projector', (s) => !/QUESTION/.test(s), 20_000);

    // The report lists the question with its tally and each one's answer.
    const report = execFileSync('node', [BIN, 'report', hub.dir, '--lang', 'en'], { encoding: 'utf8' });
    expect(report).toContain('## Questions asked of the room');
    expect(report).toContain('| Yes | 2 | ✔ correct |');
    expect(report).toContain('Answers: Ann (i1) Yes ✔ · Bob (i2) No ✗ · Cy (i3) Yes ✔');
    expect(report).toContain('- **Bob** (A/i2): 0 right, 1 wrong — A-q1 No ✗');
  }, 180_000);
});
