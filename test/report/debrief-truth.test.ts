/**
 * The debrief tells the truth: one mistake per wrong decision, moves of a rewound branch kept
 * out of every total (and reported with their branch), pauses, announcements and a resumed hub
 * on the timeline, and a storm of elections summarised in one line.
 */
import { describe, expect, it } from 'vitest';
import { applyEvents } from '../../src/game/apply.js';
import { prefill } from '../../src/game/move.js';
import { mulberry32 } from '../../src/game/random.js';
import { reduce } from '../../src/game/reducer.js';
import { refusalEvent } from '../../src/game/refusal.js';
import { clusterAt } from '../../src/game/rewind.js';
import { createRoom } from '../../src/game/room.js';
import type { Command, GameEvent, Room, RoomConfig } from '../../src/game/types.js';
import type { Move } from '../../src/raft/types.js';
import { debrief, summariseNoise, type TimelineEntry } from '../../src/report/debrief.js';
import { debriefMarkdown } from '../../src/report/markdown.js';
import type { SessionRecord } from '../../src/report/records.js';

/** A journal written the way the hub writes it (one record per command), rewinds included. */
class Journal {
  room: Room;
  readonly records: SessionRecord[] = [];
  private readonly random = mulberry32(7);
  now = 1_000;
  constructor(readonly config: Partial<RoomConfig>) {
    this.room = createRoom(config);
  }
  exec(command: Command, by = 'instructor') {
    const n = this.records.length + 1;
    const history = { last: n - 1, clusterAt: (c: string, to: number) => clusterAt(this.config, this.records.map((r) => ({ n: r.n, events: 'events' in r ? r.events : [] })), c, to) };
    const r = reduce(this.room, command, { now: this.now, random: this.random, history });
    const events: GameEvent[] = r.ok ? r.events : [refusalEvent(command, r)].filter((e): e is GameEvent => e !== null);
    if (!r.ok && events.length === 0) throw new Error(`${JSON.stringify(command)}: ${r.code}`);
    this.room = applyEvents(this.room, events);
    this.records.push(r.ok ? { n, at: this.now, kind: 'command', by, command, events, ...(r.mistakes?.length ? { mistakes: r.mistakes } : {}) } : { n, at: this.now, kind: 'refused', by, command, code: r.code, events });
    this.now += 1_000;
    return r;
  }
}

/** Ann at A/i3 grants a second vote in t1 (observe mode): the referee's finding, named in two fields. */
function secondVote(j: Journal): void {
  const c = j.room.clusters.A;
  const rv = c.inFlight.find((k) => k.to === 'i3' && k.from === 'i2')!;
  const right = prefill(j.room, 'A', 'i3', { kind: 'card', card: rv.id }) as Move;
  const s = c.servers.i3.state;
  const wrong: Move = { state: { ...s, votes: [...s.votes.slice(0, -1), 'i2'] }, send: right.send.map((x) => ({ ...x, message: { ...x.message, voteGranted: true } as typeof x.message })) };
  const r = j.exec({ type: 'move', cluster: 'A', server: 'i3', input: { kind: 'card', card: rv.id }, proposal: wrong }, 'A/i3');
  if (!r.ok || !r.mistakes?.length) throw new Error('the second vote should be an observed mistake');
  // The same decision named in the reply's field too (as the referee may): one decision, two findings.
  const rec = j.records[j.records.length - 1] as Extract<SessionRecord, { kind: 'command' }>;
  const twice = [...r.mistakes, { ...r.mistakes[0], field: 'voteGranted' }];
  rec.mistakes = twice;
  for (const e of rec.events) if (e.type === 'mistakes') e.mistakes = twice;
}

function story() {
  const j = new Journal({ size: 3, mode: 'observe' });
  j.exec({ type: 'seat', cluster: 'A', server: 'i3', seat: { kind: 'student', name: 'Ann' } });
  j.exec({ type: 'fire', cluster: 'A', server: 'i1' });
  j.exec({ type: 'fire', cluster: 'A', server: 'i2' });
  const rv1 = j.room.clusters.A.inFlight.find((k) => k.to === 'i3' && k.from === 'i1')!;
  j.exec({ type: 'move', cluster: 'A', server: 'i3', input: { kind: 'card', card: rv1.id } }, 'A/i3');
  const before = j.records.length; // the moment to rewind to
  secondVote(j);
  j.exec({ type: 'rewind', cluster: 'A', to: before });
  j.exec({ type: 'pause', paused: true });
  j.exec({ type: 'announce', text: { en: 'Why two votes?', ru: 'Почему два голоса?' } });
  j.exec({ type: 'pause', paused: false });
  // Ann does it again on the main line: this one counts, once.
  secondVote(j);
  const n = j.records.length + 1;
  j.records.push({ n, at: j.now, kind: 'hub', what: 'resumed', replayed: n - 1, torn: false });
  return debrief({ config: j.config }, j.records);
}

describe('the debrief tells the truth', () => {
  const d = story();
  const ann = d.students.find((s) => s.name === 'Ann')!;

  it('counts a wrong vote once, not for votedFor and voteGranted', () => {
    expect(ann.byRule).toEqual({ R9: 1 });
    expect(ann.byMistake).toEqual({ M5: 1 });
    expect(d.clusters[0].mistakesByRule).toEqual({ R9: 1 });
    expect(d.topMistakes.map((m) => [m.id, m.count])).toEqual([['M5', 1]]);
  });

  it('keeps the rewound branch out of the totals and reports it apart', () => {
    expect(ann.accepted).toBe(2);
    expect(ann.onBranches).toBe(1);
    expect(ann.moves.filter((m) => m.branch === 'A~1')).toHaveLength(1);
    expect(d.branches).toHaveLength(1);
    expect(d.branches[0].mistakesByRule).toEqual({ R9: 1 });
    const md = debriefMarkdown(d, 'en');
    expect(md).toContain('2 moves · 2 accepted · 0 refused · 1 more on rewound branches (not counted)');
    expect(md).toContain('mistakes on this branch (not in any total): R9×1');
  });

  it('puts pauses, announcements and the resumed hub on the timeline', () => {
    const kinds = d.clusters[0].timeline.map((e) => e.kind);
    expect(kinds).toEqual(expect.arrayContaining(['pause', 'announce', 'resumed']));
    const md = debriefMarkdown(d, 'en');
    expect(md).toContain('⏸ paused by the instructor (timers frozen, moves wait)');
    expect(md).toContain('▶ play resumed');
    expect(md).toContain('announcement: “Why two votes?”');
    expect(md).toContain('**the hub stopped and was resumed** from the journal');
  });
});

describe('timer noise', () => {
  const el = (n: number, term: number, outcome: 'won' | 'lost' | 'open', server = 'i1'): TimelineEntry => ({ n, at: n * 1000, kind: 'election', server, term, votes: outcome === 'won' ? 5 : 2, of: 8, outcome });

  it('nine elections in a row, none won, become one line', () => {
    const list = Array.from({ length: 9 }, (_, i) => el(i + 1, i + 2, 'lost'));
    const out = summariseNoise(list);
    expect(out).toHaveLength(1);
    expect(out[0]).toMatchObject({ kind: 'elections', count: 9, from: 2, to: 10, won: 0, winner: null });
    const md = debriefMarkdown({ session: { createdAt: null, clusters: 1, size: 8, records: 9, startedAt: 0, durationMs: 9000 }, clusters: [{ id: 'A', timeline: out, final: [], leader: null, commitIndex: 0, violations: 0, mistakesByRule: {} }], students: [], topMistakes: [], branches: [] }, 'en');
    expect(md).toContain('9 elections in t2–t10, none won: split votes');
  });

  it('two elections stay as they are; a run that ends in a win names the winner', () => {
    expect(summariseNoise([el(1, 2, 'lost'), el(2, 3, 'won')])).toHaveLength(2);
    const out = summariseNoise([el(1, 2, 'lost'), el(2, 3, 'lost'), el(3, 4, 'won', 'i5'), { n: 4, at: 4000, kind: 'reset' }]);
    expect(out.map((e) => e.kind)).toEqual(['elections', 'reset']);
    expect(out[0]).toMatchObject({ count: 3, won: 1, winner: { server: 'i5', term: 4 } });
  });
});
