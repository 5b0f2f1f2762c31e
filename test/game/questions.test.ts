/**
 * Asking the room (issue 14): questions generated from a cluster's next decisions, with the
 * answer step() gives and the rule that decides it; ask → answer → reveal → decide through the
 * reducer, answers private until the reveal, everything replayable from the journal.
 */
import { describe, expect, it } from 'vitest';
import { applyEvents } from '../../src/game/apply.js';
import { questionCandidates, questionFor } from '../../src/game/questions.js';
import { createRoom } from '../../src/game/room.js';
import { instructorView, seatView } from '../../src/game/views.js';
import { Table } from './helpers.js';

const cardFrom = (t: Table, to: string, from: string, type: string) => t.inbox(to).find((k) => k.from === from && k.message.type === type)!;
const choicesEn = (q: { choices: { en: string }[] }) => q.choices.map((c) => c.en);

/** Three servers: i1 leads term 1 (i2's vote) and has sent "ab" to i2, which wrote it; i3 has nothing. */
function abOnI1AndI2(): Table {
  const t = new Table({ size: 3 });
  t.elect('i1', 'i2');
  t.write('i1', 'ab');
  t.send('i1', 'i2');
  t.work('i2');
  return t;
}

describe('questions from the state', () => {
  it('a RequestVote makes a yes/no question: granted when the vote is free and the log up-to-date (R10)', () => {
    const t = new Table({ size: 3 });
    t.timeout('i1');
    const card = cardFrom(t, 'i2', 'i1', 'RequestVote');
    const q = questionFor(t.room, 'A', 'i2', { kind: 'card', card: card.id })!;
    expect(q.kind).toBe('vote');
    expect(q.text.en).toBe("i2 takes i1's RequestVote (term 1, last 0/t0): will it grant the vote?");
    expect(q.text.ru).toContain('отдаст ли он голос');
    expect(choicesEn(q)).toEqual(['Yes', 'No']);
    expect(q.correct).toBe(0);
    expect(q.rule).toBe('R10');
  });

  it('a voter whose log is more up-to-date refuses: No, R10, the wrong answer is voting by length (M4)', () => {
    const t = abOnI1AndI2();
    // i3 (empty log) runs in term 2: i2 holds 2/t1, more up-to-date than 0/t0.
    t.work('i3');
    t.timeout('i3');
    const card = cardFrom(t, 'i2', 'i3', 'RequestVote');
    const q = questionFor(t.room, 'A', 'i2', { kind: 'card', card: card.id })!;
    expect(q.correct).toBe(1);
    expect(q.rule).toBe('R10');
    expect(q.why.en).toContain('2/t1');
    expect(q.traps[0]).toBe('M4');
  });

  it('an AppendEntries over a conflict asks for the log after it: the conflict is cut (R18), not kept, not ignored', () => {
    const t = new Table({ size: 3 });
    t.elect('i1', 'i2');
    t.write('i1', 'xy'); // only on i1: never sent
    t.timeout('i2'); // term 2, empty log: i3 votes, i1 refuses
    t.work('i3');
    t.work('i2');
    expect(t.sheet('i2').role).toBe('leader');
    t.write('i2', 'zw');
    t.send('i2', 'i1');
    const card = cardFrom(t, 'i1', 'i2', 'AppendEntries');
    const q = questionFor(t.room, 'A', 'i1', { kind: 'card', card: card.id })!;
    expect(q.kind).toBe('log');
    expect(q.text.en).toContain("what will i1's log be?");
    expect(q.choices[q.correct].en).toBe('1–2 t2 "zw"');
    // The typical wrong logs are offered, each naming its misconception.
    expect(choicesEn(q)).toContain('1–2 t1 "xy"');
    expect(choicesEn(q)).toContain('1–2 t1 "xy", 3–4 t2 "zw"');
    expect(q.choices.length).toBe(new Set(choicesEn(q)).size);
    expect(q.rule).toBe('R18');
    expect(q.traps[q.correct]).toBeNull();
  });

  it('a candidate reading its votes asks who leads the term (R11); a leader reading acks asks whether its entry is committed (R22)', () => {
    const t = new Table({ size: 3 });
    t.timeout('i1');
    t.work('i2', 'i3');
    const votes = questionCandidates(t.room, 'A').find((q) => q.kind === 'leader')!;
    expect(votes.text.en).toBe('i1 reads its Response row (2 vote replies): who leads term 1 then?');
    expect(votes.choices[votes.correct].en).toBe('i1');
    expect(votes.rule).toBe('R11');
    t.ok({ type: 'move', cluster: 'A', server: 'i1', input: votes.input });
    t.write('i1', 'a');
    t.send('i1', 'i2', 'i3');
    t.work('i2', 'i3');
    const commit = questionCandidates(t.room, 'A').find((q) => q.kind === 'commit')!;
    expect(commit.text.en).toBe('i1 reads its AppendEntries replies: is entry 1 committed then?');
    expect(commit.correct).toBe(0);
    expect(commit.why.en).toContain('on 3 of 3 servers');
  });

  it('a heartbeat asks whether it is answered ✔: not when the follower lacks the entry at prevLogIndex (R17)', () => {
    const t = abOnI1AndI2();
    t.timeout('i2'); // term 2: i2 (2/t1) wins with i3's vote; it expects i3 to hold 2 entries
    t.work('i3');
    t.work('i2');
    expect(t.sheet('i2').role).toBe('leader');
    t.send('i2', 'i3');
    const card = cardFrom(t, 'i3', 'i2', 'AppendEntries');
    const q = questionFor(t.room, 'A', 'i3', { kind: 'card', card: card.id })!;
    expect(q.kind).toBe('accept');
    expect(q.text.en).toBe("i3 takes i2's AppendEntries (term 2, prev 2/t1, no entries): will it answer ✔?");
    expect(q.correct).toBe(1);
    expect(q.rule).toBe('R17');
    expect(q.why.en).toBe("The check fails: the card's prev is 2/t1 and i3 has no entry there; nothing changes.");
    expect(q.traps[0]).toBe('M7'); // treating a heartbeat as special
  });

  it('the console is offered every decision that makes a question, and none for a quiet cluster', () => {
    const t = new Table({ size: 3 });
    expect(questionCandidates(t.room, 'A')).toEqual([]);
    t.timeout('i1');
    expect(questionCandidates(t.room, 'A').map((q) => `${q.server} ${q.kind}`)).toEqual(['i2 vote', 'i3 vote']);
  });
});

describe('ask, answer, reveal, decide', () => {
  function classroom() {
    const t = new Table({ size: 3 });
    t.ok({ type: 'seat', cluster: 'A', server: 'i1', seat: { kind: 'bot', pace: 'fast' } });
    t.ok({ type: 'seat', cluster: 'A', server: 'i2', seat: { kind: 'student', name: 'Ana' } });
    t.ok({ type: 'seat', cluster: 'A', server: 'i3', seat: { kind: 'student', name: 'Bo' } });
    t.timeout('i1');
    const card = cardFrom(t, 'i2', 'i1', 'RequestVote');
    return { t, input: { kind: 'card' as const, card: card.id } };
  }

  it('asking pauses the cluster and shows the question to every seat and the projector, with a countdown', () => {
    const { t, input } = classroom();
    t.now = 1000;
    t.ok({ type: 'ask', cluster: 'A', server: 'i2', input, seconds: 20 });
    expect(t.room.clusters.A.paused).toBe(1000);
    const seat = seatView(t.room, 'A', 'i3').question!;
    expect(seat).toMatchObject({ id: 'A-q1', server: 'i2', deadline: 21_000, canAnswer: true, mine: null, answered: 0, expected: 2 });
    expect(seat.reveal).toBeUndefined();
    expect(seatView(t.room, 'A', 'i1').question!.canAnswer).toBe(false);
    const room = instructorView(t.room).clusters[0].question!;
    expect(room.text.en).toContain('will it grant the vote?');
    expect(room.reveal).toBeUndefined();
    // The decision waits: nobody moves while the room thinks.
    const r = t.move('i2', input);
    expect(r.ok === false && r.code).toBe('move/paused');
    const again = t.exec({ type: 'ask', cluster: 'A', server: 'i3', input: { kind: 'card', card: cardFrom(t, 'i3', 'i1', 'RequestVote').id } });
    expect(again.ok === false && again.code).toBe('question/open');
  });

  it('answers are private until the reveal: each seat sees its own, the projector a count; bots and late answers are refused', () => {
    const { t, input } = classroom();
    t.ok({ type: 'ask', cluster: 'A', server: 'i2', input, seconds: 20 });
    t.ok({ type: 'answer', cluster: 'A', server: 'i2', question: 'A-q1', choice: 1 });
    t.ok({ type: 'answer', cluster: 'A', server: 'i2', question: 'A-q1', choice: 0 }); // changed its mind: the latest counts
    t.ok({ type: 'answer', cluster: 'A', server: 'i3', question: 'A-q1', choice: 1 });
    const bot = t.exec({ type: 'answer', cluster: 'A', server: 'i1', question: 'A-q1', choice: 0 });
    expect(bot.ok === false && bot.code).toBe('question/not-student');
    const bad = t.exec({ type: 'answer', cluster: 'A', server: 'i3', question: 'A-q1', choice: 5 });
    expect(bad.ok === false && bad.code).toBe('question/invalid');
    expect(seatView(t.room, 'A', 'i2').question!.mine).toBe(0);
    expect(seatView(t.room, 'A', 'i3').question!.mine).toBe(1);
    expect(JSON.stringify(seatView(t.room, 'A', 'i3'))).not.toContain('Ana');
    const room = instructorView(t.room).clusters[0].question!;
    expect(room.answered).toBe(2);
    expect(Object.keys(room)).not.toContain('answers');
    t.now = 21_000; // the countdown is over
    const late = t.exec({ type: 'answer', cluster: 'A', server: 'i3', question: 'A-q1', choice: 0 });
    expect(late.ok === false && late.code).toBe('question/closed');
  });

  it('the reveal shows the tally, the correct answer and its rule; deciding plays the decision and resumes', () => {
    const { t, input } = classroom();
    t.ok({ type: 'ask', cluster: 'A', server: 'i2', input });
    t.ok({ type: 'answer', cluster: 'A', server: 'i2', question: 'A-q1', choice: 0 });
    t.ok({ type: 'answer', cluster: 'A', server: 'i3', question: 'A-q1', choice: 1 });
    t.ok({ type: 'reveal', cluster: 'A' });
    const shown = instructorView(t.room).clusters[0].question!.reveal!;
    expect(shown).toMatchObject({ tally: [1, 1], correct: 0, rule: 'R10' });
    expect(shown.ruleTitle.en.length).toBeGreaterThan(0);
    expect(seatView(t.room, 'A', 'i3').question!.reveal!.correct).toBe(0);
    const after = t.exec({ type: 'answer', cluster: 'A', server: 'i3', question: 'A-q1', choice: 0 });
    expect(after.ok === false && after.code).toBe('question/closed');
    t.ok({ type: 'decide', cluster: 'A' });
    expect(t.sheet('i2').votes).toEqual(['i1']); // the decision was played: i2 granted its vote
    expect(t.room.clusters.A.question).toBeUndefined();
    expect(t.room.clusters.A.paused).toBeUndefined();
    expect(seatView(t.room, 'A', 'i2').question).toBeUndefined();
    expect(t.journal.some((e) => e.type === 'question-closed' && e.played)).toBe(true);
    // Replay: the journal alone rebuilds the same room.
    expect(applyEvents(createRoom({ size: 3 }), t.journal)).toEqual(t.room);
    // The next question gets the next id.
    t.ok({ type: 'ask', cluster: 'A', server: 'i3', input: { kind: 'card', card: cardFrom(t, 'i3', 'i1', 'RequestVote').id } });
    expect(t.room.clusters.A.question!.id).toBe('A-q2');
  });

  it('asking about a decision that cannot be played now is refused; deciding without playing leaves the board as it was', () => {
    const { t, input } = classroom();
    const r = t.exec({ type: 'ask', cluster: 'A', server: 'i3', input: { kind: 'card', card: 'A-999' } });
    expect(r.ok === false && r.code).toBe('question/invalid');
    const none = t.exec({ type: 'reveal', cluster: 'A' });
    expect(none.ok === false && none.code).toBe('question/none');
    t.ok({ type: 'pause', paused: true }); // paused before the ask: stays paused after it
    t.ok({ type: 'ask', cluster: 'A', server: 'i2', input });
    t.ok({ type: 'decide', cluster: 'A', play: false });
    expect(t.sheet('i2').votes).toEqual([]);
    expect(t.room.clusters.A.paused).toBe(0);
  });

  it('a question for the room pauses every cluster and resumes them all', () => {
    const t = new Table({ size: 3, clusters: 2 });
    t.timeout('i1');
    const card = cardFrom(t, 'i2', 'i1', 'RequestVote');
    t.ok({ type: 'ask', cluster: 'A', server: 'i2', input: { kind: 'card', card: card.id }, room: true });
    expect(t.room.clusters.B.paused).toBe(0);
    t.ok({ type: 'decide', cluster: 'A' });
    expect(t.room.clusters.B.paused).toBeUndefined();
  });
});
