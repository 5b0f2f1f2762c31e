/**
 * The room's one serial queue: the only place the room changes. Work is grouped into batches:
 * every job waiting when a batch starts runs synchronously against the room (reduce → apply in
 * memory → number a journal record), then the batch's records are written with one fdatasync,
 * and only then is anybody told: bindings and welcomes first, then changed views, then verdicts.
 * While the fsync runs, new jobs wait for the next batch; so nobody ever sees a state that is
 * not on disk, and one fsync serves every command that arrived meanwhile (group commit).
 */
import type { ClusterId, Command, GameEvent, ReduceResult, RewindHistory, Room } from '../src/game/types.js';
import type { Mistake } from '../src/raft/referee.js';
import { errorText } from '../src/protocol/codes.js';
import type { GameEngine } from './engine-types.js';
import type { Actor, Journal, JournalRecord, NewRecord } from './journal.js';
import { touchedBy } from './touched-seats.js';
import { compactMistake } from '../src/game/apply.js';

export type Outcome =
  | { ok: true; version: number; mistakes: Mistake[] }
  | Extract<ReduceResult, { ok: false }>
  | { ok: false; code: 'hub/internal'; message: ReturnType<typeof errorText>; mistakes?: undefined };

/** What one batch collected; the hub acts on it after the commit. */
export class Batch {
  readonly records: JournalRecord[] = [];
  /** Clusters where something changed (bots to reconsider, the instructor's view). */
  readonly touched = new Set<ClusterId>();
  /** Per touched cluster, the seats whose view may have changed (`true`: all of them); see touched-seats.ts. */
  readonly seats = new Map<ClusterId, Set<string> | true>();
  /** Everything may have changed (a tick, a room-wide command). */
  all = false;
  /** The presence table changed (a connection came or went). */
  presence = false;
  /** Seats whose view is pushed even if unchanged (their own move was accepted). */
  readonly force = new Set<string>();
  /** Run after the commit, before views: bind connections, send welcomes. */
  readonly bind: (() => void)[] = [];
  /** Run after views: verdicts, announcements, closes. */
  readonly reply: (() => void)[] = [];

  /** The whole cluster, or with `undefined` the whole room. */
  touch(cluster: ClusterId | undefined): void {
    if (cluster === undefined) this.all = true;
    else this.touchSeat(cluster, true);
  }

  touchSeat(cluster: ClusterId, server: string | true): void {
    this.touched.add(cluster);
    const had = this.seats.get(cluster);
    if (had === true) return;
    if (server === true) this.seats.set(cluster, true);
    else if (had) had.add(server);
    else this.seats.set(cluster, new Set([server]));
  }

  touches(cluster: ClusterId): boolean {
    return this.all || this.touched.has(cluster);
  }

  /** Whether this seat's view may have changed in this batch. */
  touchesSeat(cluster: ClusterId, server: string): boolean {
    if (this.all) return true;
    const seats = this.seats.get(cluster);
    return seats === true || (seats !== undefined && seats.has(server));
  }
}

export type Job = (batch: Batch) => void;

export interface RoomQueueDeps {
  engine: GameEngine;
  journal: Journal;
  clock: () => number;
  random: () => number;
  log: (level: 'info' | 'warn' | 'error', message: string) => void;
  /** After every committed batch. */
  afterCommit: (batch: Batch) => void;
  /** The journal could not be written: the hub must stop, memory is ahead of the disk. */
  onFatal: (err: unknown) => void;
}

export class RoomQueue {
  private jobs: Job[] = [];
  private running: Promise<void> | null = null;
  private stopped = false;
  /** The version of the last durable record (views and verdicts carry it). */
  version: number;

  constructor(
    public room: Room,
    version: number,
    private readonly deps: RoomQueueDeps,
  ) {
    this.version = version;
  }

  /** Queues a job; returns false once the queue is stopped (shutdown or fatal error). */
  enqueue(job: Job): boolean {
    if (this.stopped) return false;
    this.jobs.push(job);
    if (!this.running) {
      // Start on the next tick so jobs queued in the same tick share one batch (and one fsync).
      this.running = new Promise<void>((resolve) => setImmediate(resolve)).then(() => this.drain());
    }
    return true;
  }

  /** Stops taking jobs and resolves once every queued job is committed and answered. */
  async stop(): Promise<void> {
    this.stopped = true;
    while (this.running) await this.running;
  }

  /** Reduce one command inside a batch; the room changes in memory, the record waits for the commit. */
  reduce(batch: Batch, command: Command, by: Actor, history?: RewindHistory): Outcome {
    const now = this.deps.clock();
    const before = this.room;
    // A tick refreshes every seat even when it changes nothing: views are not rebuilt for the
    // clock alone (touched-seats.ts), so the ticks at due moments are what tell a seat that its
    // timer fired or a delayed card arrived, whichever command moved the clock first.
    if (command.type === 'tick') batch.touch(undefined);
    let result: ReduceResult;
    let next: Room;
    try {
      result = this.deps.engine.reduce(this.room, command, { now, random: this.deps.random, ...(history ? { history } : {}) });
      if (!result.ok) {
        // Guard mode: the refused move changes no sheet, but its mistakes belong to the seat's
        // record and the debrief, so they are journaled (and shown only once durable) too.
        const refusal = compactRefusal(this.deps.engine.refusalEvent(command, result));
        if (refusal) {
          this.room = this.deps.engine.applyEvents(this.room, [refusal]);
          this.record(batch, { at: now, kind: 'refused', by, command: withoutProposal(command), code: result.code, events: [refusal] });
          this.touchEvents(batch, [refusal], before);
        }
        return result;
      }
      // Observe mode: the mistakes of an applied move are journaled compacted too (the verdict keeps them whole).
      if (result.events.some((e) => e.type === 'mistakes')) result = { ...result, events: result.events.map((e) => compactRefusal(e)!) };
      next = result.events.length > 0 ? this.deps.engine.applyEvents(this.room, result.events) : this.room;
    } catch (err) {
      // A bug in the game layer must not take the room down: nothing was applied or journaled.
      this.deps.log('error', `reduce/apply threw on ${JSON.stringify(command).slice(0, 200)} by ${by}: ${describe(err)}`);
      return { ok: false, code: 'hub/internal', message: errorText('hub/internal') };
    }
    const mistakes = result.mistakes ?? [];
    if (result.events.length === 0) return { ok: true, version: this.pendingVersion(batch), mistakes };
    this.room = next;
    const rec = this.record(batch, {
      at: now,
      kind: 'command',
      by,
      command,
      events: result.events,
      ...(mistakes.length > 0 ? { mistakes: mistakes.map(compactMistake) } : {}),
    });
    this.touchEvents(batch, result.events, before);
    return { ok: true, version: rec.n, mistakes };
  }

  private touchEvents(batch: Batch, events: readonly GameEvent[], before: Room): void {
    touchedBy(events, before, this.room, (cluster, server) => batch.touchSeat(cluster, server));
  }

  /** The number of the last record numbered so far (committed or waiting in this batch). */
  get lastNumbered(): number {
    return this.deps.journal.nextNumber - 1;
  }

  /** Adds a hub record (token, revoke) to the batch. */
  record(batch: Batch, record: NewRecord): JournalRecord {
    const numbered = this.deps.journal.number(record);
    batch.records.push(numbered);
    return numbered;
  }

  private pendingVersion(batch: Batch): number {
    const last = batch.records[batch.records.length - 1];
    return last ? last.n : this.version;
  }

  private async drain(): Promise<void> {
    try {
      while (this.jobs.length > 0) {
        const jobs = this.jobs.splice(0);
        const batch = new Batch();
        for (const job of jobs) {
          try {
            job(batch);
          } catch (err) {
            this.deps.log('error', `a queued job threw: ${describe(err)}`);
          }
        }
        try {
          await this.deps.journal.commit(batch.records);
        } catch (err) {
          this.stopped = true;
          this.jobs = [];
          this.deps.onFatal(err);
          return;
        }
        if (batch.records.length > 0) this.version = batch.records[batch.records.length - 1].n;
        try {
          this.deps.afterCommit(batch);
        } catch (err) {
          this.deps.log('error', `after-commit failed: ${describe(err)}`);
        }
      }
    } finally {
      this.running = null;
    }
  }
}

/**
 * A refusal is journaled compactly (issue 11 #1): the move's input without its proposal (the
 * referee already judged it; replay needs only the event) and the mistakes with large values
 * summarised. Before: ~16 KB a refusal for a 12 KB proposal; after: a few hundred bytes.
 */
function withoutProposal(command: Command): Command {
  if (command.type !== 'move' || command.proposal === undefined) return command;
  const { proposal: _dropped, ...rest } = command;
  void _dropped;
  return rest;
}

function compactRefusal(event: GameEvent | null): GameEvent | null {
  return event && event.type === 'mistakes' ? { ...event, mistakes: event.mistakes.map(compactMistake) } : event;
}

export function describe(err: unknown): string {
  return err instanceof Error ? (err.stack ?? err.message) : String(err);
}
