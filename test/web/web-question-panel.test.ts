/**
 * The web projector's question panel without a browser (issue 14): before the reveal the room
 * sees the question, its choices and how many answered, never who answered what; after it, a
 * bar per choice with its count, the correct one marked ✔ (symbol and colour), the rule with its
 * title and why; in Russian too. The page shows the asked cluster beside its question.
 */
import { describe, expect, it } from 'vitest';
import { questionSecondsLeft } from '../../client/asked-question.js';
import { askedCluster, barWidths, questionPanel } from '../../client/web/question.js';
import { instructorView } from '../../src/game/views.js';
import { Table } from '../game/helpers.js';

/** Three students in a cluster of 3 (i1 a bot): i1 stood for term 1, i2 is asked about its RequestVote. */
function asked(): Table {
  const t = new Table({ size: 3 });
  t.ok({ type: 'seat', cluster: 'A', server: 'i1', seat: { kind: 'bot', pace: 'fast' } });
  t.ok({ type: 'seat', cluster: 'A', server: 'i2', seat: { kind: 'student', name: 'Ana' } });
  t.ok({ type: 'seat', cluster: 'A', server: 'i3', seat: { kind: 'student', name: 'Bo' } });
  t.timeout('i1');
  const card = t.inbox('i2').find((k) => k.from === 'i1' && k.message.type === 'RequestVote')!;
  t.now = 1000;
  t.ok({ type: 'ask', cluster: 'A', server: 'i2', input: { kind: 'card', card: card.id }, seconds: 20 });
  return t;
}

const question = (t: Table) => instructorView(t.room).clusters[0]!.question!;

describe('the question panel', () => {
  it('before the reveal: the question, the choices with their keys, the live count and the countdown, no answer shown', () => {
    const t = asked();
    t.ok({ type: 'answer', cluster: 'A', server: 'i2', question: 'A-q1', choice: 0 });
    const q = question(t);
    expect(questionSecondsLeft(q, 1000)).toBe(20);
    expect(questionSecondsLeft(q, 19_500)).toBe(2);
    expect(questionSecondsLeft(q, 30_000)).toBe(0);
    const html = questionPanel(q, 'en', questionSecondsLeft(q, 4000));
    expect(html).toContain('data-state="open"');
    expect(html).toContain('Question about A · i2');
    expect(html).toContain("i2 takes i1&#39;s RequestVote (term 1, last 0/t0): will it grant the vote?");
    expect(html).toContain('<span class="q-key">y</span><span class="q-label">Yes</span>');
    expect(html).toContain('<span class="q-key">n</span><span class="q-label">No</span>');
    expect(html).toContain('1 of 2 answered');
    expect(html).toContain('17 s left');
    // Private until the reveal: no tally, no mark, no rule.
    expect(html).not.toContain('data-count');
    expect(html).not.toContain('✔');
    expect(html).not.toContain('R10');
    expect(questionPanel(q, 'en', 0)).toContain('time is up');
  });

  it('after the reveal: a bar and a count per choice, the correct one marked ✔, the rule, its title and why', () => {
    const t = asked();
    t.ok({ type: 'answer', cluster: 'A', server: 'i2', question: 'A-q1', choice: 0 });
    t.ok({ type: 'answer', cluster: 'A', server: 'i3', question: 'A-q1', choice: 1 });
    t.ok({ type: 'reveal', cluster: 'A' });
    const q = question(t);
    const html = questionPanel(q, 'en', 0);
    expect(html).toContain('data-state="revealed"');
    expect(html).toContain('data-choice="0" data-count="1" data-correct="true"');
    expect(html).toContain('data-choice="1" data-count="1" data-correct="false"');
    expect(html.match(/✔ correct/g)?.length).toBe(1);
    expect(html).toMatch(/q-correct[^>]*data-choice="0"/);
    expect(html).toContain('<span class="q-rule-id">R10</span> ');
    expect(html).toContain(q.reveal!.ruleTitle.en.replace(/"/g, '&quot;'));
    expect(html).toContain('The vote of term 1 is free');
    expect(html).toContain('2 of 2 answered');
    expect(html).toContain('Next: the decision is played.');
    // One answer each: both bars full. Bars are SVG rects: the page's CSP refuses inline styles.
    expect(html.match(/<rect class="q-fill" width="100"/g)?.length).toBe(2);
    expect(html).not.toContain('style=');
  });

  it('bars are shares of the most-chosen answer; none chosen, all empty', () => {
    expect(barWidths([2, 1])).toEqual([100, 50]);
    expect(barWidths([0, 3, 0, 1])).toEqual([0, 100, 0, 33]);
    expect(barWidths([0, 0])).toEqual([0, 0]);
  });

  it('in Russian', () => {
    const t = asked();
    t.ok({ type: 'reveal', cluster: 'A' });
    const html = questionPanel(question(t), 'ru', 0);
    expect(html).toContain('Вопрос о A · i2');
    expect(html).toContain('отдаст ли он голос');
    expect(html).toContain('ответили 0 из 2');
    expect(html).toContain('✔ верно');
    expect(html).toContain('<span class="q-label">Да</span>');
  });

  it('the page shows the asked cluster, or the one in focus when it is asked', () => {
    const t = asked();
    const clusters = instructorView(t.room).clusters;
    expect(askedCluster(clusters, null)?.id).toBe('A');
    expect(askedCluster(clusters, 'A')?.id).toBe('A');
    const other = { ...clusters[0]!, id: 'B', question: undefined };
    expect(askedCluster([other, ...clusters], null)?.id).toBe('A');
    // The page watches B only: A's question is not B's.
    expect(askedCluster([other, ...clusters], 'B')).toBeUndefined();
    expect(askedCluster([other], null)).toBeUndefined();
  });
});
