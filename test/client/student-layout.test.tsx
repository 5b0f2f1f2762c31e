/**
 * Honest layout of the student's screen (issue #9): in every state that matters, at 80×24,
 * 100×30 and 120×40, no two boxes share a cell, no box is shrunk below its content, nothing
 * reaches outside its parent and no card's fields show without the card's title. The check walks
 * Ink's laid-out DOM (test/client/layout-check.ts), so it sees what Yoga computed, not what we
 * meant: the overlapping card panel (many cards at 80×24) failed it.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { initialScreen, reduceKey, type KeyPress, type ScreenState } from '../../client/student/screen-state.js';
import { makeTheme, type Theme } from '../../client/theme.js';
import type { Card, SeatView, SentBatch } from '../../src/game/types.js';
import type { AppendEntries, InstallSnapshot, Message, PreVote, RequestVote, ServerState } from '../../src/raft/types.js';
import { newServer } from '../../src/raft/step.js';
import { CLUSTER8, card, seatView } from '../fixtures/seat-view.js';
import { closeAll, lay, layElement } from './render-at.js';
import { StudentScreen } from '../../client/student/student-screen.js';
import { createRoom } from '../../src/game/room.js';
import { glanceOf } from '../../src/game/views.js';
import type { SeatQuestion } from '../../src/game/types.js';

afterAll(closeAll);

const SIZES: [number, number][] = [[80, 24], [100, 30], [120, 40]];

// ---- sheets and cards of the workshop's games ----

const highLoad = (term = 1) => [...'HighLoad'].map((value) => ({ term, value }));
const follower = (): ServerState => ({ ...newServer('i2', CLUSTER8), votes: ['i1'], log: highLoad(), commitIndex: 4, lastApplied: 4 });
const leader = (): ServerState => ({
  ...newServer('i1', CLUSTER8),
  role: 'leader',
  votes: ['i1'],
  log: highLoad(),
  commitIndex: 4,
  lastApplied: 4,
  nextIndex: Object.fromEntries(CLUSTER8.slice(1).map((p) => [p, 5])),
  matchIndex: Object.fromEntries(CLUSTER8.slice(1).map((p) => [p, 4])),
});
const candidate = (): ServerState => ({ ...newServer('i1', CLUSTER8), role: 'candidate', votes: ['i1', 'i1'], log: highLoad(), commitIndex: 4, lastApplied: 4, votesGranted: ['i1'] });

const rv = (from: string): RequestVote => ({ type: 'RequestVote', term: 2, candidateId: from, lastLogIndex: 8, lastLogTerm: 1 });
const ae: AppendEntries = { type: 'AppendEntries', term: 1, leaderId: 'i1', prevLogIndex: 4, prevLogTerm: 1, entries: [...'Load'].map((value) => ({ term: 1, value })), leaderCommit: 4 };

// Game 5's cards (docs/rules-extended.md R24–R26): a PreVote asks for the next term.
const pv = (from: string): PreVote => ({ type: 'PreVote', term: 9, candidateId: from, lastLogIndex: 8, lastLogTerm: 3 });
const asking = (): ServerState => ({ ...follower(), id: 'i8', votes: ['i1', 'i8', 'i4', 'i8', 'i8', 'i8', 'i8', 'i4'], preVotes: ['i8'] });

// Game 6's cards (docs/rules-extended.md R29–R32): a leader whose log starts after its snapshot box.
const BOX = { lastIncludedIndex: 12, lastIncludedTerm: 3, data: 'High voltage' };
const is = (from: string): InstallSnapshot => ({ type: 'InstallSnapshot', term: 8, leaderId: from, ...BOX });
const boxed = (): ServerState => ({
  ...leader(),
  id: 'i4',
  votes: ['i1', null, 'i4', null, null, null, null, 'i4'],
  log: [...' zap'].map((value) => ({ term: 8, value })),
  snapshot: { ...BOX },
  commitIndex: 16,
  lastApplied: 16,
  nextIndex: Object.fromEntries(CLUSTER8.filter((p) => p !== 'i4').map((p) => [p, p === 'i8' ? 12 : 17])),
  matchIndex: Object.fromEntries(CLUSTER8.filter((p) => p !== 'i4').map((p) => [p, p === 'i8' ? 0 : 16])),
});

type Kind = 'RequestVote' | 'AppendEntries' | 'RequestVoteReply' | 'AppendEntriesReply' | 'PreVote' | 'PreVoteReply' | 'InstallSnapshot' | 'InstallSnapshotReply';
const KINDS: Kind[] = ['RequestVote', 'AppendEntries', 'RequestVoteReply', 'AppendEntriesReply', 'PreVote', 'PreVoteReply', 'InstallSnapshot', 'InstallSnapshotReply'];

function inbox(kind: Kind, n: number, to: string): Card[] {
  return Array.from({ length: n }, (_, k) => {
    const from = CLUSTER8.filter((id) => id !== to)[k % 7];
    const id = `A-${k}`;
    switch (kind) {
      case 'RequestVote':
        return card(id, from, to, rv(from));
      case 'AppendEntries':
        return card(id, 'i1', to, { ...ae, leaderId: 'i1' });
      case 'RequestVoteReply':
        return card(id, from, to, { type: 'RequestVoteReply', term: 2, voteGranted: k % 2 === 0 }, rv(to));
      case 'AppendEntriesReply':
        return card(id, from, to, { type: 'AppendEntriesReply', term: 1, success: true } as Message, ae);
      case 'PreVote':
        return card(id, from, to, pv(from));
      case 'PreVoteReply':
        return card(id, from, to, { type: 'PreVoteReply', term: 8, voteGranted: k % 3 === 0 }, pv(to));
      case 'InstallSnapshot':
        return card(id, from, to, is(from));
      case 'InstallSnapshotReply':
        return card(id, from, to, { type: 'InstallSnapshotReply', term: 8 }, is(to));
    }
  });
}

function sheetFor(kind: Kind): ServerState {
  return kind === 'RequestVoteReply' ? candidate() : kind === 'AppendEntriesReply' ? leader() : kind === 'PreVoteReply' ? asking() : kind === 'InstallSnapshotReply' ? boxed() : follower();
}

/** A leader's or candidate's last card with its Response row, half answered. */
function sent(sheet: ServerState, kind: Kind): SentBatch[] {
  if (kind !== 'RequestVoteReply' && kind !== 'AppendEntriesReply' && kind !== 'PreVoteReply' && kind !== 'InstallSnapshotReply') return [];
  const peers = CLUSTER8.filter((id) => id !== sheet.id);
  const cells = ['ok', 'no', 'waiting', 'lost'] as const;
  return [{
    id: 'b-1',
    from: sheet.id,
    message: kind === 'RequestVoteReply' ? { ...rv(sheet.id) } : kind === 'PreVoteReply' ? pv(sheet.id) : kind === 'InstallSnapshotReply' ? is(sheet.id) : ae,
    cards: Object.fromEntries(peers.map((p) => [p, `c-${p}`])),
    responses: Object.fromEntries(peers.map((p, i) => [p, cells[i % 4]])),
    sentAt: 0,
  }];
}

function press(view: SeatView, keys: KeyPress[], assist: 'prefilled' | 'by-hand' = 'prefilled', from: ScreenState = initialScreen): ScreenState {
  let s = from;
  for (const k of keys) s = reduceKey(s, k, view, assist).state;
  return s;
}

const prompt = 'i1, read the ticks: with a quorum, mark entries 1–4 committed and applied. Then send the rest.';
const guide = ['✔ i1 sent AppendEntries. Next: the replies.', 'game 2·3/5 ▶ Enter takes the top card; Enter again hands it back. · ? q'];
const long = 'This prompt is long enough to wrap over several lines of an eighty column terminal, and then some more words. '.repeat(2);
const mistake = (rule: string) => ({ rule: rule as 'R9', field: 'x', expected: 1, given: 2, explain: { en: `${rule}: a long explanation that wraps over two rows of the terminal for sure, because it keeps going on and on.`, ru: 'x' } });

function expectHonest(name: string, view: SeatView, screen: ScreenState, theme?: Theme, guide?: string[]) {
  for (const [w, h] of SIZES) {
    const { problems } = lay(view, screen, w, h, theme, guide);
    expect(problems, `${name} at ${w}×${h}`).toEqual([]);
  }
}

describe('the student screen never draws one box over another', () => {
  for (const kind of KINDS) {
    it(`an inbox of 0 to 8 ${kind} cards, first and last selected, with the last card sent`, () => {
      for (let n = 0; n <= 8; n++) {
        const sheet = sheetFor(kind);
        // Every step of a game has a prompt (two rows at 80 columns); solo adds its guide lines.
        const view = seatView(sheet, inbox(kind, n, sheet.id), { sent: sent(sheet, kind), prompt: { en: prompt, ru: prompt } });
        expectHonest(`${n} × ${kind}`, view, initialScreen);
        // Solo's guide takes rows from the middle: checked where rows are fewest.
        const solo = lay(view, { ...initialScreen, inboxIndex: Math.max(0, n - 1) }, 80, 24, undefined, guide);
        expect(solo.problems, `${n} × ${kind}, last selected, solo at 80×24`).toEqual([]);
      }
    });
  }

  it('a mixed inbox of 8 cards of every kind, with a long prompt, an announcement and a refusal', () => {
    const sheet = leader();
    const cards = [...inbox('RequestVote', 2, 'i1'), ...inbox('AppendEntries', 2, 'i1'), ...inbox('RequestVoteReply', 2, 'i1'), ...inbox('AppendEntriesReply', 2, 'i1')].map((c, k) => ({ ...c, id: `A-m${k}` }));
    const view = seatView(sheet, cards, { sent: sent(sheet, 'AppendEntriesReply'), prompt: { en: long, ru: long }, announcements: [{ en: long, ru: long }] });
    const screen = { ...initialScreen, inboxIndex: 3, verdict: { accepted: false, mistakes: [mistake('R22'), mistake('R23'), mistake('R19')] } };
    expectHonest('mixed', view, screen);
  });

  for (const assist of ['prefilled', 'by-hand'] as const) {
    it(`every kind of draft (${assist}), with and without a long prompt`, () => {
      const drafts: [string, SeatView, KeyPress[]][] = [];
      for (const kind of KINDS) {
        const sheet = sheetFor(kind);
        drafts.push([`answer to ${kind}`, seatView(sheet, inbox(kind, 8, sheet.id), { sent: sent(sheet, kind), assist, snapshotEvery: 8 }), [{ kind: 'enter' }]]);
      }
      // Game 6 (R32): s gives i8, whose nextIndex is inside the snapshot box, an InstallSnapshot card.
      drafts.push(['InstallSnapshot to i8', seatView(boxed(), inbox('InstallSnapshotReply', 2, 'i4'), { assist, snapshotEvery: 8, task: { kind: 'send', to: ['i8'] } }), [{ kind: 'char', char: 's' }]]);
      drafts.push(['timeout: a RequestVote to everyone', seatView(follower(), inbox('AppendEntries', 3, 'i2'), { assist }), [{ kind: 'char', char: 't' }]]);
      // Game 5 with pre-vote on (R24): the timer opens a PreVote card for everyone instead.
      drafts.push(['timeout with pre-vote: a PreVote to everyone', seatView(follower(), inbox('PreVoteReply', 3, 'i2'), { assist, preVote: true }), [{ kind: 'char', char: 't' }]]);
      // A leader writes the client's word: w, the letters, Enter opens the draft (R15).
      drafts.push(['a word in the log', seatView(leader(), inbox('AppendEntriesReply', 5, 'i1'), { assist, sent: sent(leader(), 'AppendEntriesReply') }), [{ kind: 'char', char: 'w' }, ...[...'xyz'].map((char) => ({ kind: 'char' as const, char })), { kind: 'enter' }]]);
      // "Read the Response row": every reply to one request in one move.
      drafts.push(['the Response row read at once', seatView(leader(), inbox('AppendEntriesReply', 5, 'i1'), { assist, sent: sent(leader(), 'AppendEntriesReply') }), [{ kind: 'char', char: 'r' }]]);
      drafts.push(['AppendEntries to all seven followers', seatView(leader(), inbox('AppendEntriesReply', 7, 'i1'), { assist, sent: sent(leader(), 'AppendEntriesReply') }), [{ kind: 'char', char: 'a' }]]);
      for (const [name, view, keys] of drafts) {
        const s = press(view, keys, assist);
        expect(s.draft, name).not.toBeNull();
        if (/pre-vote/.test(name)) expect(s.draft!.move.send.map((o) => o.message.type)).toEqual(Array(7).fill('PreVote'));
        if (/InstallSnapshot to/.test(name)) expect(s.draft!.move.send.map((o) => o.message.type)).toEqual(['InstallSnapshot']);
        expectHonest(name, view, s);
        expect(lay({ ...view, prompt: { en: long, ru: long } }, s, 80, 24).problems, `${name}, long prompt at 80×24`).toEqual([]);
        // The cursor walks every row of the draft (tab): each position must lay out as honestly
        // at 80×24, where rows are fewest.
        let t = s;
        do {
          t = press(view, [{ kind: 'tab' }], assist, t);
          expect(lay(view, t, 80, 24).problems, `${name}, cursor row ${t.row}`).toEqual([]);
        } while (t.row !== s.row);
      }
    });
  }

  it('help open (the rule on `?`), idle and in a draft with the cursor on a card field', () => {
    const view = seatView(leader(), inbox('AppendEntriesReply', 8, 'i1'), { sent: sent(leader(), 'AppendEntriesReply'), prompt: { en: long, ru: long } });
    expectHonest('help idle', view, press(view, [{ kind: 'char', char: '?' }]));
    const draft = press(view, [{ kind: 'char', char: 'a' }]);
    const onField = press(view, [{ kind: 'up' }, { kind: 'up' }, { kind: 'char', char: '?' }], 'prefilled', draft);
    expectHonest('help in a draft', view, onField);
  });

  it('a refusal with three long mistakes, a violation and solo’s guide lines', () => {
    const view = seatView(follower(), inbox('RequestVote', 8, 'i2'), {
      prompt: { en: long, ru: long },
      violations: [{ property: 'P1', servers: ['i1', 'i2'], term: 1, explain: { en: 'Two leaders in term 1: i1 and i2. '.repeat(3), ru: 'x' } }],
    });
    const open = press(view, [{ kind: 'enter' }]);
    const refused = { ...open, verdict: { accepted: false, mistakes: [mistake('R9'), mistake('R10'), mistake('R11')] } };
    expectHonest('refused', view, refused);
    expectHonest('refused, solo', view, refused, undefined, ['✔ i1 won the election. Next: the client writes H.', 'Press Enter to take the card from i8.']);
  });

  it('a question asked of the room (issue 14): open, answered, revealed, put aside; in en and ru, with the cluster strip', () => {
    const glance = glanceOf(createRoom({ size: 8 }).clusters.A);
    const t = (en: string, ru = en) => ({ en, ru });
    const open: SeatQuestion = {
      id: 'A-q1', cluster: 'A', kind: 'log', server: 'i3', askedAt: 0, deadline: 30_000, answered: 2, expected: 3, canAnswer: true, mine: null,
      text: t("i3 takes i1's AppendEntries (prev 4/t1, entries 5–8 t2 \"Load\"): what will i3's log be? ".repeat(2), 'i3 берёт AppendEntries от i1 (prev 4/t1, записи 5–8 t2 «Load»): каким станет журнал i3? '.repeat(2)),
      choices: [t('1–4 t1 "High"'), t('1–4 t1 "High", 5–8 t2 "Load"'), t('1–4 t1 "High", 5–6 t1 "xx", 7–10 t2 "Load"'), t('1–6 t1 "Highxx"')],
    };
    const states: [string, SeatQuestion][] = [
      ['open', open],
      ['answered', { ...open, mine: 2 }],
      ['a bot seat', { ...open, canAnswer: false }],
      ['revealed', { ...open, mine: 2, reveal: { tally: [0, 2, 1, 0], correct: 1, rule: 'R18', ruleTitle: t('Merge: cut only at a conflict'), why: t('The check passes; entries already there are kept, a conflicting one is cut with everything after it. '.repeat(2)) } }],
    ];
    for (const [name, q] of states) {
      const view = seatView(follower(), inbox('RequestVote', 8, 'i2'), { glance, question: q, prompt: { en: long, ru: long } });
      expectHonest(`question ${name}`, view, initialScreen);
      expectHonest(`question ${name}, solo`, view, initialScreen, undefined, guide);
      for (const [w, h] of SIZES) {
        const ru = layElement(<StudentScreen view={view} screen={initialScreen} status="online" code="K7Q2" lang="ru" theme={makeTheme({ color: false })} width={w} height={h} />, w, h);
        expect(ru.problems, `question ${name} in Russian at ${w}×${h}`).toEqual([]);
      }
      // Esc puts it aside: the sheet with a reminder line in the footer.
      const aside = press(view, [{ kind: 'escape' }]);
      expect(aside.questionHidden).toBe('A-q1');
      expectHonest(`question ${name}, put aside`, view, aside);
    }
    const { frame } = lay(seatView(follower(), [], { glance, question: open }), initialScreen, 80, 24);
    expect(frame).toContain('Press 1–4 to answer');
    expect(frame).toContain('4  1–6 t1 "Highxx"');
  });

  it('game 7: nine servers, configuration cells in the log, a Response row of eight, the cluster strip of nine', () => {
    const NINE = [...CLUSTER8, 'i9'];
    const log = [...highLoad(), { term: 1, value: '+i9' }, { term: 1, value: '-i1' }, ...[...'goon'].map((value) => ({ term: 2, value })), { term: 2, value: '-i9' }];
    const peers = NINE.filter((id) => id !== 'i5');
    const lead: ServerState = {
      ...newServer('i5', NINE), role: 'leader', votes: ['i1', 'i5'], log, commitIndex: 12, lastApplied: 12,
      nextIndex: Object.fromEntries(peers.map((p) => [p, 14])), matchIndex: Object.fromEntries(peers.map((p) => [p, 13])),
    };
    const last: AppendEntries = { type: 'AppendEntries', term: 2, leaderId: 'i5', prevLogIndex: 12, prevLogTerm: 2, entries: [{ term: 2, value: '-i9' }], leaderCommit: 12 };
    const replies = peers.map((from, k) => card(`A-n${k}`, from, 'i5', { type: 'AppendEntriesReply', term: 2, success: true }, last));
    const cells = ['ok', 'no', 'waiting', 'lost'] as const;
    const batch: SentBatch = { id: 'b-9', from: 'i5', message: last, cards: Object.fromEntries(peers.map((p) => [p, `c-${p}`])), responses: Object.fromEntries(peers.map((p, i) => [p, cells[i % 4]])), sentAt: 0 };
    const glance = glanceOf(createRoom({ size: 9 }).clusters.A);
    const membership = { voters: CLUSTER8 };
    const view = seatView(lead, replies, { sent: [batch], glance, membership, prompt: { en: long, ru: long } });
    expectHonest('nine: idle', view, initialScreen);
    expectHonest('nine: idle, solo', view, initialScreen, undefined, guide);
    for (const assist of ['prefilled', 'by-hand'] as const) {
      const v = { ...view, assist };
      const drafts: [string, KeyPress[]][] = [
        ['the Response row of eight', [{ kind: 'char', char: 'r' }]],
        ['AppendEntries to all eight', [{ kind: 'char', char: 'a' }]],
        ['a configuration cell', [{ kind: 'char', char: 'w' }, ...[...'+i4'].map((char) => ({ kind: 'char' as const, char })), { kind: 'enter' }]],
      ];
      for (const [name, keys] of drafts) {
        const d = press(v, keys, assist);
        expect(d.draft, name).not.toBeNull();
        expectHonest(`nine: ${name} (${assist})`, v, d);
      }
    }
    const { frame } = lay(view, initialScreen, 80, 24);
    expect(frame).toMatch(/\+i9 -i1 g/); // the configuration cells never touch their neighbours
  });

  it('in colour too', () => {
    const sheet = leader();
    const view = seatView(sheet, inbox('AppendEntriesReply', 8, 'i1'), { sent: sent(sheet, 'AppendEntriesReply') });
    expectHonest('colour', view, press(view, [{ kind: 'char', char: 'a' }]), makeTheme({ color: true }));
  });
});
