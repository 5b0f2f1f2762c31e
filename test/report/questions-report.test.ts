/**
 * The debrief of a session where the room was asked (issue 14): each question with its tally,
 * the correct answer and the rule; each student's predictions right and wrong, in en and ru.
 */
import { describe, expect, it } from 'vitest';
import { applyEvents } from '../../src/game/apply.js';
import { mulberry32 } from '../../src/game/random.js';
import { reduce } from '../../src/game/reducer.js';
import { createRoom } from '../../src/game/room.js';
import type { Command, Room } from '../../src/game/types.js';
import { debrief } from '../../src/report/debrief.js';
import { debriefMarkdown } from '../../src/report/markdown.js';
import type { SessionRecord } from '../../src/report/records.js';

function session() {
  let room: Room = createRoom({ size: 3 });
  const records: SessionRecord[] = [];
  const random = mulberry32(3);
  let now = 1_000;
  const exec = (command: Command, by = 'instructor') => {
    const r = reduce(room, command, { now, random });
    if (!r.ok) throw new Error(`${JSON.stringify(command)}: ${r.code}`);
    room = applyEvents(room, r.events);
    records.push({ n: records.length + 1, at: now, kind: 'command', by, command, events: r.events });
    now += 1_000;
  };
  exec({ type: 'seat', cluster: 'A', server: 'i1', seat: { kind: 'student', name: 'Ann' } });
  exec({ type: 'seat', cluster: 'A', server: 'i2', seat: { kind: 'student', name: 'Bob' } });
  exec({ type: 'seat', cluster: 'A', server: 'i3', seat: { kind: 'student', name: 'Cy' } });
  exec({ type: 'move', cluster: 'A', server: 'i1', input: { kind: 'timeout' } }, 'A/i1');
  const card = room.clusters.A.inFlight.find((k) => k.to === 'i2')!;
  exec({ type: 'ask', cluster: 'A', server: 'i2', input: { kind: 'card', card: card.id } });
  exec({ type: 'answer', cluster: 'A', server: 'i1', question: 'A-q1', choice: 0 }, 'A/i1');
  exec({ type: 'answer', cluster: 'A', server: 'i2', question: 'A-q1', choice: 1 }, 'A/i2');
  exec({ type: 'answer', cluster: 'A', server: 'i3', question: 'A-q1', choice: 0 }, 'A/i3');
  exec({ type: 'reveal', cluster: 'A' });
  exec({ type: 'decide', cluster: 'A' });
  return records;
}

describe('the debrief lists the questions asked', () => {
  it('each question with its tally, correct answer and rule; each student right or wrong', () => {
    const d = debrief({ config: { size: 3 } }, session());
    expect(d.questions).toHaveLength(1);
    const q = d.questions![0];
    expect(q).toMatchObject({ id: 'A-q1', server: 'i2', tally: [2, 1], correct: 0, rule: 'R10', revealed: true, played: true });
    expect(q.answers.map((a) => `${a.name} ${a.choice} ${a.right}`)).toEqual(['Ann 0 true', 'Bob 1 false', 'Cy 0 true']);
    expect(d.predictions!.map((p) => `${p.name} ${p.right}/${p.wrong}`)).toEqual(['Ann 1/0', 'Bob 0/1', 'Cy 1/0']);
    const en = debriefMarkdown(d, 'en');
    expect(en).toContain('## Questions asked of the room');
    expect(en).toContain("A-q1 at 00:04 (record 5), about i2: i2 takes i1's RequestVote (term 1, last 0/t0): will it grant the vote?");
    expect(en).toContain('| Yes | 2 | ✔ correct |');
    expect(en).toContain('| No | 1 |  |');
    expect(en).toContain('Answers: Ann (i1) Yes ✔ · Bob (i2) No ✗ · Cy (i3) Yes ✔');
    expect(en).toContain('- **Bob** (A/i2): 0 right, 1 wrong — A-q1 No ✗');
    const ru = debriefMarkdown(d, 'ru');
    expect(ru).toContain('## Вопросы классу');
    expect(ru).toContain('- **Bob** (A/i2): верно 0, неверно 1 — A-q1 Нет ✗');
  });

  it('a session without questions has no such section (earlier reports stay as they were)', () => {
    const d = debrief({ config: { size: 3 } }, session().slice(0, 4));
    expect(d.questions).toBeUndefined();
    expect(debriefMarkdown(d, 'en')).not.toContain('Questions asked');
  });
});
