/**
 * The debrief of a session where the room was asked (issue 14): each question with its tally,
 * the correct answer and the rule; each student's predictions right and wrong, in en and ru.
 */
import { describe, expect, it } from 'vitest';
import { debrief } from '../../src/report/debrief.js';
import { debriefMarkdown } from '../../src/report/markdown.js';
import { session } from './question-session.js';

describe('the debrief lists the questions asked', () => {
  it('each question with its tally, correct answer and rule; each student right or wrong', () => {
    const d = debrief({ config: { size: 3 } }, session());
    expect(d.questions).toHaveLength(1);
    const q = d.questions![0];
    expect(q).toMatchObject({ id: 'A-q1', server: 'i2', tally: [2, 1], correct: 0, rule: 'R10', revealed: true, played: true });
    expect(q.answers.map((a) => `${a.name} ${a.choice} ${a.right}`)).toEqual(['Ann 0 true', 'Bob 1 false', 'Cy 0 true']);
    expect(d.predictions!.map((p) => `${p.name} ${p.right}/${p.wrong}`)).toEqual(['Ann 1/0', 'Bob 0/1', 'Cy 1/0']);
    const en = debriefMarkdown(d, 'en');
    const enLines = [
      '## Questions asked of the room',
      "A-q1 at 00:04 (record 5), about i2: i2 takes i1's RequestVote (term 1, last 0/t0): will it grant the vote?",
      '| Yes | 2 | ✔ correct |',
      '| No | 1 |  |',
      'Answers: Ann (i1) Yes ✔ · Bob (i2) No ✗ · Cy (i3) Yes ✔',
      '- **Bob** (A/i2): 0 right, 1 wrong — A-q1 No ✗',
    ];
    for (const line of enLines) expect(en).toContain(line);
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
