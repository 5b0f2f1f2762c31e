/**
 * Records the workshop fixture session deterministically, exactly as the hub writes a journal
 * (server/room-queue.ts): one record per accepted command with its events and actor, a `refused`
 * record for a guard-mode refusal, `token` records when a student takes a seat. Only the clock
 * and the RNG are fixed, so the same code always writes the same journal.
 *
 * The story: two clusters of 8, three students and bots. Cluster A plays in guard mode, B in
 * observe mode. Both play games 1–4. Alice (A/i3) forgets her vote cell and is refused; Dmitri
 * (A/i8) forgets to vote for himself and is refused. After game 4, cluster B runs a free
 * election for t4: the instructor tears up one card, and Boris (B/i5) declares himself leader
 * with 3 votes of 8 — observe mode lets it happen, and the monitor reports two leaders (P1).
 */
import { createHash } from 'node:crypto';
import { applyEvents } from '../../src/game/apply.js';
import { botMove } from '../../src/game/bots.js';
import type { GameEvent } from '../../src/game/events.js';
import { prefill } from '../../src/game/move.js';
import { mulberry32, randomInt, shuffled } from '../../src/game/random.js';
import { reduce } from '../../src/game/reducer.js';
import { refusalEvent } from '../../src/game/refusal.js';
import { createRoom } from '../../src/game/room.js';
import { GAMES } from '../../src/game/scenarios.js';
import { seatView } from '../../src/game/views.js';
import type { Command, MoveInput, ReduceResult, Room, RoomConfig } from '../../src/game/types.js';
import type { Move } from '../../src/raft/types.js';
import type { JournalRecord, NewRecord } from '../../server/journal.js';
import type { SessionFile } from '../../server/session.js';

export const FIXTURE_START = Date.UTC(2025, 4, 20, 9, 0, 0);
const SEED = 20250520;

export interface RecordedSession {
  session: SessionFile;
  records: JournalRecord[];
  room: Room;
}

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

class Recorder {
  room: Room;
  now = FIXTURE_START;
  readonly records: JournalRecord[] = [];
  readonly rng = mulberry32(SEED);
  /** This recording's copy of the slips (each is played once). */
  readonly slips: Slip[] = SLIPS.map((x) => ({ ...x }));

  constructor(readonly config: Partial<RoomConfig>) {
    this.room = createRoom(config);
  }

  private push(record: NewRecord): void {
    this.records.push({ n: this.records.length + 1, ...record } as JournalRecord);
  }

  /** The room queue's `reduce`: refusals with mistakes and accepted commands are journaled. */
  exec(command: Command, by: string): ReduceResult {
    const r = reduce(this.room, command, { now: this.now, random: this.rng });
    if (!r.ok) {
      const refusal = refusalEvent(command, r);
      if (refusal) {
        this.room = applyEvents(this.room, [refusal]);
        this.push({ at: this.now, kind: 'refused', by, command, code: r.code, events: [refusal] });
      }
      return r;
    }
    if (r.events.length === 0) return r;
    this.room = applyEvents(this.room, r.events);
    this.push({ at: this.now, kind: 'command', by, command, events: r.events, ...(r.mistakes?.length ? { mistakes: r.mistakes } : {}) });
    return r;
  }

  ok(command: Command, by: string): ReduceResult {
    const r = this.exec(command, by);
    if (!r.ok) throw new Error(`fixture: ${JSON.stringify(command)} by ${by} refused: ${r.code}`);
    return r;
  }

  wait(lo: number, hi: number): void {
    this.now += randomInt(this.rng, lo, hi);
  }

  student(cluster: string, server: string, name: string): void {
    this.ok({ type: 'seat', cluster, server, seat: { kind: 'student', name } }, 'hub');
    this.push({ at: this.now, kind: 'token', cluster, server, hash: sha256(`fixture-token-${cluster}/${server}`) });
  }

  /** The actor a seat's move is journaled under: its own connection, or the hub's bot. */
  by(cluster: string, server: string): string {
    return this.room.clusters[cluster].seats[server].kind === 'student' ? `${cluster}/${server}` : `bot:${cluster}/${server}`;
  }

  move(cluster: string, server: string, input: MoveInput, proposal?: Move): ReduceResult {
    const by = this.by(cluster, server);
    const cmd: Command = proposal ? { type: 'move', cluster, server, input, proposal } : { type: 'move', cluster, server, input };
    return proposal ? this.exec(cmd, by) : this.ok(cmd, by);
  }

  correct(cluster: string, server: string, input: MoveInput): Move {
    const m = prefill({ ...this.room, now: this.now }, cluster, server, input);
    if ('ok' in m) throw new Error(`fixture: no correct move for ${cluster}/${server}: ${m.code}`);
    return m;
  }

  card(cluster: string, to: string, from: string): string {
    const k = this.room.clusters[cluster].inFlight.find((x) => x.to === to && x.from === from);
    if (!k) throw new Error(`fixture: no card from ${from} to ${to} in ${cluster}`);
    return k.id;
  }
}

interface Slip {
  cluster: string;
  server: string;
  when: (r: Recorder, input: MoveInput) => boolean;
  spoil: (correct: Move) => Move;
  used?: boolean;
}

const at = (r: Recorder, cluster: string, game: number, step: number) => {
  const s = r.room.clusters[cluster].script;
  return s?.game === game && s.step === step;
};

const SLIPS: Slip[] = [
  {
    // Alice ticks ✔ on i1's RequestVote but leaves her vote cell for t1 empty.
    cluster: 'A',
    server: 'i3',
    when: (r, input) => input.kind === 'card' && at(r, 'A', 1, 2),
    spoil: (m) => ({ ...m, state: { ...m.state, votes: m.state.votes.map(() => null) } }),
  },
  {
    // Dmitri starts the t2 election without voting for himself.
    cluster: 'A',
    server: 'i8',
    when: (r, input) => input.kind === 'timeout' && at(r, 'A', 3, 2),
    spoil: (m) => ({ ...m, state: { ...m.state, votes: [...m.state.votes.slice(0, -1), null], votesGranted: [] } }),
  },
];

/** One bot (or scripted student) move somewhere; false when nobody has anything to do. */
function botStep(r: Recorder): boolean {
  const seats: [string, string][] = [];
  for (const c of Object.values(r.room.clusters)) for (const id of Object.keys(c.servers)) if (!c.script?.done) seats.push([c.id, id]);
  const room = { ...r.room, now: r.now };
  for (const [cluster, server] of shuffled(r.rng, seats)) {
    const m = botMove(seatView(room, cluster, server));
    if (!m) continue;
    const student = r.room.clusters[cluster].seats[server].kind === 'student';
    r.wait(student ? 2500 : 600, student ? 9000 : 2200);
    const slip = r.slips.find((s) => !s.used && s.cluster === cluster && s.server === server && s.when(r, m.input));
    if (slip) {
      slip.used = true;
      const refused = r.move(cluster, server, m.input, slip.spoil(r.correct(cluster, server, m.input)));
      if (refused.ok) throw new Error('fixture: the slip was expected to be refused');
      r.wait(4000, 12000); // reading the referee's explanation
    }
    r.move(cluster, server, m.input);
    return true;
  }
  return false;
}

function playGames(r: Recorder): void {
  for (const game of [1, 2, 3, 4]) {
    for (let s = 1; s <= GAMES[game].steps.length; s++) {
      r.wait(8000, 20000); // the instructor explains the step
      r.ok(s === 1 ? { type: 'script', action: 'start', game } : { type: 'script', action: 'next' }, 'instructor');
      for (let guard = 0; guard < 500 && botStep(r); guard++);
      for (const c of Object.values(r.room.clusters)) if (!c.script?.done) throw new Error(`fixture: ${c.id} stuck at ${game}.${s}`);
    }
  }
}

/**
 * After game 4, cluster B (observe mode): i4 replicates the rest of " voltage" to everyone, then
 * Boris (i5) and i6 both stand for t4. i7 and i8 vote for Boris; i1 (whose card from Boris the
 * instructor tears up), i2, i3 and i4 for i6: i6 wins 5 of 8; Boris counts 3 of 8 and declares
 * himself leader anyway — two leaders of t4 (P1).
 */
function twoLeaders(r: Recorder): void {
  const B = 'B';
  const take = (server: string, from: string) => {
    r.wait(700, 2500);
    r.move(B, server, { kind: 'card', card: r.card(B, server, from) });
  };
  const drain = (server: string) => {
    for (let k = r.room.clusters[B].inFlight.find((x) => x.to === server); k; k = r.room.clusters[B].inFlight.find((x) => x.to === server)) take(server, k.from);
  };
  const followers = ['i1', 'i2', 'i3', 'i5', 'i6', 'i7', 'i8'];
  r.wait(10000, 15000);
  r.move(B, 'i4', { kind: 'send', to: followers });
  for (const s of followers) drain(s);
  drain('i4');
  r.wait(15000, 20000);
  r.move(B, 'i5', { kind: 'timeout' }); // Boris stands for t4
  r.wait(500, 1500);
  r.move(B, 'i6', { kind: 'timeout' }); // and so does i6
  r.wait(2000, 4000);
  r.ok({ type: 'fault', cluster: B, fault: { kind: 'lose', card: r.card(B, 'i1', 'i5') } }, 'instructor');
  for (const s of ['i7', 'i8']) take(s, 'i5');
  for (const s of ['i1', 'i2', 'i3', 'i4']) take(s, 'i6');
  for (const s of ['i2', 'i3', 'i4']) take(s, 'i5');
  for (const s of ['i7', 'i8']) take(s, 'i6');
  take('i5', 'i6');
  take('i6', 'i5');
  // i6 counts its answers: four ✔ and its own make 5 of 8.
  drain('i6');
  // Boris counts i7's and i8's ✔: 3 of 8, but declares himself leader on the second.
  take('i5', 'i7');
  r.wait(3000, 6000);
  const card = r.card(B, 'i5', 'i8');
  const right = r.correct(B, 'i5', { kind: 'card', card });
  const others = right.state.cluster.filter((id) => id !== 'i5');
  const wrong: Move = {
    state: {
      ...right.state,
      role: 'leader',
      votesGranted: [],
      nextIndex: Object.fromEntries(others.map((id) => [id, right.state.log.length + 1])),
      matchIndex: Object.fromEntries(others.map((id) => [id, 0])),
    },
    send: right.send,
  };
  const played = r.move(B, 'i5', { kind: 'card', card }, wrong);
  if (!played.ok || !played.mistakes?.length) throw new Error("fixture: Boris's wrong count should be played with mistakes");
  if (r.room.clusters[B].violations.length === 0) throw new Error('fixture: two leaders of t4 should violate P1');
  drain('i5');
}

export function recordSession(): RecordedSession {
  const config: Partial<RoomConfig> = { clusters: 2 };
  const r = new Recorder(config);
  r.ok({ type: 'mode', cluster: 'B', mode: 'observe' }, 'instructor');
  r.wait(20000, 40000);
  r.student('A', 'i3', 'Alice');
  r.wait(3000, 9000);
  r.student('B', 'i5', 'Boris');
  r.wait(3000, 9000);
  r.student('A', 'i8', 'Dmitri');
  r.wait(10000, 20000);
  for (const c of Object.values(r.room.clusters)) {
    for (const [id, seat] of Object.entries(c.seats)) if (seat.kind === 'empty') r.ok({ type: 'seat', cluster: c.id, server: id, seat: { kind: 'bot', pace: 'human' } }, 'instructor');
  }
  playGames(r);
  twoLeaders(r);
  const session: SessionFile = {
    format: 1,
    protocol: 1,
    createdAt: new Date(FIXTURE_START).toISOString(),
    config,
    code: 'K7Q2',
    keyHash: sha256('fixture-instructor-key'),
    seed: SEED,
  };
  return { session, records: r.records, room: r.room };
}

export function journalLines(records: readonly JournalRecord[]): string {
  return records.map((x) => JSON.stringify(x)).join('\n') + '\n';
}

export type { GameEvent };
