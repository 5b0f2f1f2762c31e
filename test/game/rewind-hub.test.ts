/**
 * Rewind through a real hub (PRODUCT.md, "Instructor console": rewind a cluster to replay a step
 * after a mistake; the journal keeps both branches for the debrief). In observe mode i3 votes
 * twice in t1 and two leaders appear (P1); the instructor rewinds the cluster to right before
 * the second vote; the class plays it again correctly; the journal still holds the wrong branch,
 * marked as such; and a hub resumed from the journal comes back to the rewound line of play.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startHub, type Hub } from '../../server/hub.js';
import { applyEvents } from '../../src/game/apply.js';
import { branchesOf, eventsInPlay, type EventRecord } from '../../src/game/rewind.js';
import { createRoom } from '../../src/game/room.js';
import { debrief } from '../../src/report/debrief.js';
import type { SessionRecord } from '../../src/report/records.js';
import type { GameEvent, MoveInput } from '../../src/game/types.js';
import type { Move } from '../../src/raft/types.js';
import type { TestClient } from '../hub/client.js';
import { join, KEY, testHub } from '../hub/harness.js';

const hubs: Hub[] = [];
afterAll(async () => {
  for (const h of hubs) await h.close();
});

type Rec = EventRecord & { kind: string; command?: { type: string }; mistakes?: { rule: string }[] };
const journal = (hub: Hub): Rec[] =>
  readFileSync(path.join(hub.dir, 'journal.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as Rec);

describe('rewind a cluster after an observe-mode mistake', () => {
  it('two leaders in t1, rewound to before the second vote, replayed correctly; both branches kept', async () => {
    const hub = await testHub({ size: 3, room: { mode: 'observe' } });
    hubs.push(hub);
    const seats: Record<string, TestClient> = {};
    for (const s of ['i1', 'i2', 'i3']) seats[s] = (await join(hub, { role: 'student', name: `s-${s}`, cluster: 'A', server: s })).client;
    const { client: instructor } = await join(hub, { role: 'instructor' }, { key: KEY });
    const room = () => hub.room().clusters.A;
    const cardFor = (to: string, from: string) => room().inFlight.find((k) => k.to === to && k.from === from)!.id;
    const move = async (server: string, input: MoveInput, proposal?: Move) => {
      const c = seats[server];
      const id = c.id();
      c.send({ type: 'move', id, cluster: 'A', server, input, ...(proposal ? { proposal } : {}) });
      const v = await c.verdict(id);
      if (!v.ok) throw new Error(`${server} ${JSON.stringify(input)} refused: ${v.code}`);
      return v;
    };
    const command = async (cmd: object) => {
      const id = instructor.id();
      instructor.send({ type: 'command', id, command: cmd });
      return instructor.verdict(id);
    };

    // i1 and i2 both time out in t1; i3 votes for i1 (correct).
    await move('i1', { kind: 'timeout' });
    await move('i2', { kind: 'timeout' });
    const beforeWrong = (await move('i3', { kind: 'card', card: cardFor('i3', 'i1') })).version;
    expect(room().servers.i3.state.votes).toEqual(['i1']);

    // The wrong move (observe mode lets it happen): i3 votes again in t1, for i2 (R9).
    const i3 = room().servers.i3.state;
    const wrong = await move('i3', { kind: 'card', card: cardFor('i3', 'i2') }, {
      state: { ...i3, votes: ['i2'] },
      send: [{ to: 'i2', message: { type: 'RequestVoteReply', term: 1, voteGranted: true } }],
    });
    expect(wrong.ok && wrong.mistakes.map((m) => m.rule)).toContain('R9');
    await move('i1', { kind: 'card', card: cardFor('i1', 'i3') });
    await move('i2', { kind: 'card', card: cardFor('i2', 'i3') });
    expect(Object.values(room().servers).filter((r) => r.state.role === 'leader').map((r) => r.state.id).sort()).toEqual(['i1', 'i2']);
    expect(room().violations.map((v) => v.property)).toContain('P1');
    const lastWrong = hub.version();

    // The instructor rewinds cluster A to right after i3's first vote.
    const rewound = await command({ type: 'rewind', cluster: 'A', to: beforeWrong });
    expect(rewound.ok).toBe(true);
    expect(room().violations).toEqual([]);
    expect(room().servers.i3.state.votes).toEqual(['i1']);
    expect(room().servers.i2.state.role).toBe('candidate');
    expect(room().rewinds).toEqual([{ branch: 'A~1', to: beforeWrong, from: beforeWrong + 1, through: lastWrong }]);
    // Every student's screen follows: i3 has i2's RequestVote back in its inbox.
    const i3View = await seats.i3.next((m) => m.type === 'view' && m.version >= (rewound.ok ? rewound.version : 0), { past: true });
    expect(i3View.type === 'view' && i3View.view.inbox.map((k) => k.from)).toEqual(['i2']);
    // A moment on the abandoned branch cannot be rewound to; nor the future.
    expect(await command({ type: 'rewind', cluster: 'A', to: beforeWrong + 1 })).toMatchObject({ ok: false, code: 'rewind/abandoned' });
    expect(await command({ type: 'rewind', cluster: 'A', to: 10_000 })).toMatchObject({ ok: false, code: 'rewind/invalid' });

    // The class plays the step again, correctly this time: i3 says no to i2 (R9), i1 wins alone.
    await move('i3', { kind: 'card', card: cardFor('i3', 'i2') });
    expect(room().servers.i3.state.votes).toEqual(['i1']);
    await move('i1', { kind: 'card', card: cardFor('i1', 'i3') });
    await move('i2', { kind: 'card', card: cardFor('i2', 'i3') });
    expect(room().servers.i1.state.role).toBe('leader');
    expect(room().servers.i2.state.role).not.toBe('leader');
    expect(room().violations).toEqual([]);

    // The journal keeps both branches: the wrong vote is still there, marked as branch A~1.
    const records = journal(hub);
    const b = branchesOf(records);
    const wrongRecord = records.find((r) => r.n === (wrong.ok ? wrong.version : -1))!;
    expect(wrongRecord.mistakes?.map((m) => m.rule)).toContain('R9');
    expect(b.branchOf(wrongRecord.n, 'A')).toBe('A~1');
    expect(b.branchOf(beforeWrong, 'A')).toBeNull();
    const p1 = records.filter((r) => (r.events ?? []).some((e) => e.type === 'sheet' && e.violations.some((v) => v.property === 'P1')));
    expect(p1.length).toBeGreaterThan(0);
    expect(p1.every((r) => b.branchOf(r.n, 'A') === 'A~1')).toBe(true);
    expect(b.marks.A).toHaveLength(1);
    // The main line alone (branches left out) folds to the same room as the whole journal.
    const config = { size: 3, mode: 'observe' as const };
    const all = records.flatMap((r) => (r.events ?? []) as GameEvent[]);
    expect(applyEvents(createRoom(config), eventsInPlay(records)).clusters.A).toEqual(applyEvents(createRoom(config), all).clusters.A);

    // The debrief shows both branches: the wrong vote as i3's move on branch A~1, and A~1 itself.
    const report = debrief({ config }, records as unknown as SessionRecord[]);
    expect(report.branches.map((x) => [x.id, x.cluster, x.to])).toEqual([['A~1', 'A', beforeWrong]]);
    expect(report.branches[0].timeline.length).toBeGreaterThan(0);
    const i3Moves = report.students.find((st) => st.server === 'i3')!.moves;
    expect(i3Moves.find((m) => m.n === wrongRecord.n)).toMatchObject({ branch: 'A~1', mistakes: [expect.stringMatching(/^R9/)] });
    expect(i3Moves.filter((m) => m.branch === null).length).toBeGreaterThanOrEqual(2);

    // Resume: a hub started from the journal is on the rewound line, with the branch mark.
    const final = JSON.parse(JSON.stringify(hub.room().clusters.A));
    for (const c of Object.values(seats)) c.close();
    instructor.close();
    await hub.close();
    const resumed = await startHub({ port: 0, host: '127.0.0.1', resume: hub.dir });
    hubs.push(resumed);
    expect(resumed.room().clusters.A).toEqual(final);
    expect(resumed.room().clusters.A.servers.i1.state.role).toBe('leader');
    expect(resumed.room().clusters.A.violations).toEqual([]);
  });
});
