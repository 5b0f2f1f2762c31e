/**
 * The debrief of a recorded session, as plain data (JSON as is; markdown.ts renders it).
 * One pass over the journal rebuilds the room record by record (createRoom(config) + applyEvents,
 * exactly as the hub's resume does) and notes what a class wants to talk about afterwards:
 * per cluster a timeline (steps, elections, commits, faults, mistakes, violations) and the final
 * logs; per student their moves and mistakes; the mistakes the room made most.
 */
import type { Text } from '../i18n/text.js';
import { currentTerm } from '../raft/log.js';
import type { Mistake } from '../raft/referee.js';
import { lookup } from '../raft/rules.js';
import type { PropertyId } from '../raft/monitor.js';
import type { ServerId } from '../raft/types.js';
import { applyEvents } from '../game/apply.js';
import type { GameEvent } from '../game/events.js';
import { createRoom } from '../game/room.js';
import { GAMES } from '../game/scenarios.js';
import type { Assist, ElectionMode, Fault, MoveInput, RefereeMode, Room } from '../game/types.js';
import { branchIndex, rewindMark, type BranchIndex } from './branches.js';
import { actorSeat, describeCommand, mistakesIn } from './describe.js';
import { eventsOf, type SessionInfo, type SessionRecord } from './records.js';
import { QuestionLog, type PredictionDebrief, type QuestionDebrief } from './questions.js';

export type TimelineEntry = { n: number; at: number } & (
  | { kind: 'step'; game: number; step: number; title: Text }
  /** A candidacy: votes counted by the candidate when it was decided (or so far); `decided` = the record and time. */
  | { kind: 'election'; server: ServerId; term: number; votes: number; of: number; outcome: 'won' | 'lost' | 'open'; decided?: { n: number; at: number } }
  | { kind: 'commit'; server: ServerId; term: number; from: number; to: number; text: string }
  | { kind: 'fault'; by: 'instructor' | 'script'; fault: Fault }
  | { kind: 'violation'; property: PropertyId; servers: ServerId[]; term?: number; index?: number; explain: Text }
  | { kind: 'mistake'; server: ServerId; who: string; ids: string[]; refused: boolean }
  | { kind: 'mode'; mode: RefereeMode; assist: Assist; election: ElectionMode }
  | { kind: 'reset' }
  | { kind: 'rewind'; branch: string; to: number; from: number; through: number }
  /** The instructor paused (or resumed) this cluster — the room's pauses appear in every cluster. */
  | { kind: 'pause'; paused: boolean }
  | { kind: 'announce'; text: Text }
  /** The hub stopped (a crash or Ctrl-C) and was resumed from the journal here. */
  | { kind: 'resumed'; replayed: number; torn: boolean }
  /**
   * Timer noise, summarised: `count` elections in a row (terms `from`–`to`) with nothing else
   * between them; `won` of them won (the last winner named), the others split the votes.
   */
  | { kind: 'elections'; count: number; from: number; to: number; won: number; winner: { server: ServerId; term: number } | null }
);

/** Runs of at least this many elections in a row are one summary line in the timeline. */
export const NOISE_RUN = 3;

export interface FinalSheet {
  server: ServerId;
  seat: string;
  role: string;
  term: number;
  online: boolean;
  /** The log's letters, a space drawn as ␣. */
  log: string;
  terms: number[];
  commitIndex: number;
  lastApplied: number;
}

/** How many times each id came up: a rule (R…, P…) or a known misconception (M…). */
export type Counts = Record<string, number>;

export interface ClusterDebrief {
  id: string;
  timeline: TimelineEntry[];
  final: FinalSheet[];
  leader: { server: ServerId; term: number } | null;
  commitIndex: number;
  violations: number;
  mistakesByRule: Counts;
}

export interface StudentMove {
  n: number;
  at: number;
  input: MoveInput;
  accepted: boolean;
  mistakes: string[];
  says: Text;
  /** Set when the move later left play (its cluster was rewound past it). */
  branch: string | null;
}

export interface StudentDebrief {
  name: string;
  cluster: string;
  server: ServerId;
  moves: StudentMove[];
  accepted: number;
  refused: number;
  /** Mistakes counted by rule (R…/P…) and by known misconception (M…): one per wrong decision, main line only. */
  byRule: Counts;
  byMistake: Counts;
  /** Moves on rewound branches: listed with their branch, never in the counts above. */
  onBranches: number;
}

export interface RankedMistake {
  /** The misconception's id when the referee recognised one, else the rule's. */
  id: string;
  rule: string;
  count: number;
  title: Text;
  ruleTitle: Text;
}

/** A rewound branch: what happened in `cluster` between records `from` and `through` before the rewind at record `rewoundAt`. */
export interface BranchDebrief {
  id: string;
  cluster: string;
  to: number;
  from: number;
  through: number;
  rewoundAt: number;
  timeline: TimelineEntry[];
  /** Mistakes made on this branch by rule (one per wrong decision); not in any total. */
  mistakesByRule: Counts;
}

export interface Debrief {
  session: { createdAt: string | null; clusters: number; size: number; records: number; startedAt: number; durationMs: number };
  clusters: ClusterDebrief[];
  students: StudentDebrief[];
  topMistakes: RankedMistake[];
  branches: BranchDebrief[];
  /** Questions asked of the room (issue 14), oldest first; absent when none was asked. */
  questions?: QuestionDebrief[];
  /** Each student's predictions, right and wrong (absent when no question was asked). */
  predictions?: PredictionDebrief[];
}

/** Analyses the session; `records` in journal order (token and revoke records are skipped). */
export function debrief(info: SessionInfo, records: readonly SessionRecord[]): Debrief {
  const start = records.length ? records[0].at : 0;
  const branches = branchIndex(records);
  const pass = new Pass(createRoom(info.config), start, branches);
  for (const r of records) pass.take(r);
  pass.finish();
  const room = pass.room;
  const asked = pass.questions.result();
  return {
    session: {
      createdAt: info.createdAt ?? null,
      clusters: Object.keys(room.clusters).length,
      size: room.config.size,
      records: records.length,
      startedAt: start,
      durationMs: records.length ? records[records.length - 1].at - start : 0,
    },
    clusters: Object.values(room.clusters).map((c) => ({
      id: c.id,
      timeline: summariseNoise(pass.timelines.get(c.id) ?? []),
      final: finalSheets(room, c.id),
      ...leaderOf(room, c.id),
      violations: c.violations.length,
      mistakesByRule: countBy(pass.clusterMistakes.get(c.id) ?? [], (m) => m.rule),
    })),
    students: [...pass.students.values()],
    topMistakes: rank(pass.allMistakes),
    branches: Object.entries(branches.marks).flatMap(([cluster, marks]) =>
      marks.map((m) => ({
        id: m.branch,
        cluster,
        to: m.to,
        from: m.from,
        through: m.through,
        rewoundAt: m.at,
        timeline: summariseNoise(pass.branchTimelines.get(m.branch) ?? []),
        mistakesByRule: countBy(pass.branchMistakes.get(m.branch) ?? [], (x) => x.rule),
      })),
    ),
    ...(asked.questions.length > 0 ? asked : {}),
  };
}

/** One walk over records: the room as it evolves, and what the debrief keeps of it. */
class Pass {
  readonly timelines = new Map<string, TimelineEntry[]>();
  /** What happened on rewound branches, per branch id (the main timelines keep only what stayed in play). */
  readonly branchTimelines = new Map<string, TimelineEntry[]>();
  readonly students = new Map<string, StudentDebrief>();
  /** Main-line mistakes, one per wrong decision: the room's, per cluster, and per rewound branch. */
  readonly allMistakes: Mistake[] = [];
  readonly clusterMistakes = new Map<string, Mistake[]>();
  readonly branchMistakes = new Map<string, Mistake[]>();
  readonly questions = new QuestionLog();
  /** Open elections: `cluster|server|term` → the timeline entry. */
  private readonly elections = new Map<string, Extract<TimelineEntry, { kind: 'election' }>>();

  constructor(
    public room: Room,
    private readonly start: number,
    private readonly branches: BranchIndex,
  ) {
    for (const id of Object.keys(room.clusters)) this.timelines.set(id, []);
  }

  /** Nothing left to settle: elections still open stay open (votes so far). */
  finish(): void {}

  take(r: SessionRecord): void {
    if (r.kind === 'hub') {
      // A resume is everyone's moment: every cluster's timeline shows it.
      for (const id of Object.keys(this.room.clusters)) this.timelines.get(id)?.push({ n: r.n, at: r.at - this.start, kind: 'resumed', replayed: r.replayed, torn: r.torn });
      return;
    }
    const events = eventsOf(r);
    if (events.length === 0) return;
    const before = this.room;
    const at = r.at - this.start;
    const add = (cluster: string, e: DistributiveOmit<TimelineEntry, 'n' | 'at'>): void => {
      const entry = { n: r.n, at, ...e } as TimelineEntry;
      const branch = this.branches.branchOf(r.n, cluster);
      if (branch === null) this.timelines.get(cluster)?.push(entry);
      else this.branchTimelines.set(branch, [...(this.branchTimelines.get(branch) ?? []), entry]);
      if (entry.kind === 'election') this.lastElection = entry;
    };
    if (r.kind === 'command' && r.command.type === 'fault') add(r.command.cluster, { kind: 'fault', by: 'instructor', fault: r.command.fault });

    if (r.kind === 'command' || r.kind === 'refused') this.student(r, before);
    let room = before;
    for (const e of events) {
      this.questions.note(e, r.n, at);
      this.note(e, room, r, add);
      room = applyEvents(room, [e]);
    }
    this.room = room;
  }

  private lastElection: Extract<TimelineEntry, { kind: 'election' }> | null = null;

  private note(e: GameEvent, room: Room, r: SessionRecord, add: (cluster: string, e: DistributiveOmit<TimelineEntry, 'n' | 'at'>) => void): void {
    const mark = rewindMark(e);
    if (mark) return add(mark.cluster, { kind: 'rewind', branch: mark.branch, to: mark.to, from: mark.from, through: mark.through });
    if (e.type === 'clock') return;
    const c = room.clusters[e.cluster];
    if (!c) return;
    switch (e.type) {
      case 'script': {
        const s = e.script;
        if (!s || s.done || (c.script && c.script.game === s.game && c.script.step === s.step)) return;
        const step = GAMES[s.game]?.steps[s.step - 1];
        add(c.id, { kind: 'step', game: s.game, step: s.step, title: step?.title ?? { en: '', ru: '' } });
        // A step's hub actions run when it starts, except when stepping back to it (script.ts).
        const back = r.kind === 'command' && r.command.type === 'script' && r.command.action === 'prev';
        if (!back) for (const fault of step?.actions ?? []) add(c.id, { kind: 'fault', by: 'script', fault });
        return;
      }
      case 'sheet': {
        const was = c.servers[e.server]?.state;
        if (was) this.sheetChange(c.id, was, e.state, Object.keys(c.servers).length, add, { n: r.n, at: r.at - this.start });
        for (const v of e.violations) add(c.id, { kind: 'violation', property: v.property, servers: v.servers, ...(v.term !== undefined ? { term: v.term } : {}), ...(v.index !== undefined ? { index: v.index } : {}), explain: v.explain });
        return;
      }
      case 'mistakes': {
        const one = oneEach(e.mistakes);
        const branch = this.branches.branchOf(r.n, c.id);
        if (branch === null) {
          this.allMistakes.push(...one);
          this.clusterMistakes.set(c.id, [...(this.clusterMistakes.get(c.id) ?? []), ...one]);
        } else this.branchMistakes.set(branch, [...(this.branchMistakes.get(branch) ?? []), ...one]);
        const who = r.kind === 'command' || r.kind === 'refused' ? r.by : '';
        add(c.id, { kind: 'mistake', server: e.server, who: seatName(room, c.id, e.server, who), ids: ids(e.mistakes), refused: e.refused });
        return;
      }
      case 'mode':
        if (c.mode !== e.mode || c.assist !== e.assist || c.election !== e.election) add(c.id, { kind: 'mode', mode: e.mode, assist: e.assist, election: e.election });
        return;
      case 'reset':
        add(c.id, { kind: 'reset' });
        return;
      case 'pause':
        add(c.id, { kind: 'pause', paused: e.paused });
        return;
      case 'announce':
        add(c.id, { kind: 'announce', text: e.text });
        return;
      default:
        return;
    }
  }

  /** Elections (a candidate's term won or lost) and commits (a leader's commit index moving). */
  private sheetChange(
    cluster: string,
    was: Room['clusters'][string]['servers'][string]['state'],
    now: typeof was,
    size: number,
    add: (cluster: string, e: DistributiveOmit<TimelineEntry, 'n' | 'at'>) => void,
    when: { n: number; at: number },
  ): void {
    const tWas = currentTerm(was);
    const tNow = currentTerm(now);
    const open = this.elections.get(`${cluster}|${now.id}|${tWas}`);
    if (open && open.outcome === 'open' && was.role === 'candidate') {
      // The vote that made the leader is the one taken in this move (R11: the candidate counts).
      if (now.role === 'leader' && tNow === tWas) Object.assign(open, { outcome: 'won', votes: was.votesGranted.length + 1, decided: when });
      else if (tNow > tWas || now.role !== 'candidate') Object.assign(open, { outcome: 'lost', decided: when });
      else open.votes = Math.max(open.votes, now.votesGranted.length);
    }
    if (now.role === 'candidate' && (was.role !== 'candidate' || tNow > tWas)) {
      add(cluster, { kind: 'election', server: now.id, term: tNow, votes: Math.max(1, now.votesGranted.length), of: size, outcome: 'open' });
      this.elections.set(`${cluster}|${now.id}|${tNow}`, this.lastElection!);
    }
    if (now.role === 'leader' && now.commitIndex > was.commitIndex) {
      add(cluster, { kind: 'commit', server: now.id, term: tNow, from: was.commitIndex + 1, to: now.commitIndex, text: letters(now.log.slice(was.commitIndex, now.commitIndex).map((x) => x.value).join('')) });
    }
  }

  private student(r: Extract<SessionRecord, { kind: 'command' | 'refused' }>, before: Room): void {
    if (r.command.type !== 'move') return;
    const seat = actorSeat(r.by);
    if (!seat || seat.bot) return;
    const held = before.clusters[seat.cluster]?.seats[seat.server];
    if (held?.kind !== 'student') return;
    const key = `${seat.cluster}/${seat.server}/${held.name}`;
    let s = this.students.get(key);
    if (!s) {
      s = { name: held.name, cluster: seat.cluster, server: seat.server, moves: [], accepted: 0, refused: 0, byRule: {}, byMistake: {}, onBranches: 0 };
      this.students.set(key, s);
    }
    const found = oneEach(r.kind === 'command' && r.mistakes ? r.mistakes : mistakesIn(r.events));
    const accepted = r.kind === 'command';
    const branch = this.branches.branchOf(r.n, seat.cluster);
    // A move on a rewound branch is listed (with its branch) but left out of every count.
    if (branch !== null) s.onBranches++;
    else {
      if (accepted) s.accepted++;
      else s.refused++;
      for (const m of found) {
        s.byRule[m.rule] = (s.byRule[m.rule] ?? 0) + 1;
        if (m.mistake) s.byMistake[m.mistake] = (s.byMistake[m.mistake] ?? 0) + 1;
      }
    }
    s.moves.push({
      n: r.n,
      at: r.at - this.start,
      input: r.command.input,
      accepted,
      mistakes: ids(found),
      says: { en: describeCommand(r.command, r.events, before, { lang: 'en' }), ru: describeCommand(r.command, r.events, before, { lang: 'ru' }) },
      branch,
    });
  }
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/**
 * One mistake per wrong decision: the referee may name one decision in several fields (a second
 * vote is wrong in votedFor *and* in the reply's voteGranted), so a move counts each known
 * misconception (or, without one, each rule) once.
 */
export function oneEach(list: readonly Mistake[]): Mistake[] {
  const seen = new Set<string>();
  return list.filter((m) => {
    const k = m.mistake ?? m.rule;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/**
 * Timer noise: a run of NOISE_RUN or more elections with nothing else between them (timers
 * firing while votes are still being written) becomes one line, so the story stays readable.
 */
export function summariseNoise(list: readonly TimelineEntry[]): TimelineEntry[] {
  const out: TimelineEntry[] = [];
  for (let i = 0; i < list.length; ) {
    let j = i;
    while (j < list.length && list[j].kind === 'election') j++;
    if (j - i >= NOISE_RUN) {
      const run = list.slice(i, j) as Extract<TimelineEntry, { kind: 'election' }>[];
      const won = run.filter((e) => e.outcome === 'won');
      const last = won[won.length - 1];
      const terms = run.map((e) => e.term);
      out.push({ n: run[0].n, at: run[0].at, kind: 'elections', count: run.length, from: Math.min(...terms), to: Math.max(...terms), won: won.length, winner: last ? { server: last.server, term: last.term } : null });
      i = j;
    } else if (j > i) {
      out.push(...list.slice(i, j));
      i = j;
    } else out.push(list[i++]);
  }
  return out;
}

function ids(list: readonly Mistake[]): string[] {
  return [...new Set(list.map((m) => (m.mistake ? `${m.rule}/${m.mistake}` : m.rule)))];
}

function seatName(room: Room, cluster: string, server: ServerId, by: string): string {
  const seat = room.clusters[cluster]?.seats[server];
  if (seat?.kind === 'student') return seat.name;
  return by.startsWith('bot:') || seat?.kind === 'bot' ? 'bot' : by;
}

const letters = (s: string) => s.replace(/ /g, '␣');

function finalSheets(room: Room, cluster: string): FinalSheet[] {
  const c = room.clusters[cluster];
  return Object.entries(c.servers).map(([id, rec]) => {
    const seat = c.seats[id];
    return {
      server: id,
      seat: seat.kind === 'student' ? seat.name : seat.kind,
      role: rec.state.role,
      term: currentTerm(rec.state),
      online: rec.online,
      log: letters(rec.state.log.map((e) => e.value).join('')),
      terms: rec.state.log.map((e) => e.term),
      commitIndex: rec.state.commitIndex,
      lastApplied: rec.state.lastApplied,
    };
  });
}

function leaderOf(room: Room, cluster: string): { leader: ClusterDebrief['leader']; commitIndex: number } {
  const sheets = Object.values(room.clusters[cluster].servers).map((s) => s.state);
  const leaders = sheets.filter((s) => s.role === 'leader').sort((a, b) => currentTerm(b) - currentTerm(a));
  const top = leaders[0];
  return {
    leader: top ? { server: top.id, term: currentTerm(top) } : null,
    commitIndex: top ? top.commitIndex : Math.max(0, ...sheets.map((s) => s.commitIndex)),
  };
}

function countBy<T>(list: readonly T[], key: (x: T) => string): Counts {
  const out: Counts = {};
  for (const x of list) out[key(x)] = (out[key(x)] ?? 0) + 1;
  return out;
}

/** Most frequent first; ties by id so the order is stable. */
function rank(list: readonly Mistake[]): RankedMistake[] {
  const rows = new Map<string, RankedMistake>();
  for (const m of list) {
    const id = m.mistake ?? m.rule;
    const row = rows.get(id);
    if (row) row.count++;
    else rows.set(id, { id, rule: m.rule, count: 1, title: lookup(id)?.title ?? { en: id, ru: id }, ruleTitle: lookup(m.rule)?.title ?? { en: m.rule, ru: m.rule } });
  }
  return [...rows.values()].sort((a, b) => b.count - a.count || a.id.localeCompare(b.id, 'en', { numeric: true }));
}
