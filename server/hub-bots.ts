/**
 * The hub's own bots: a bot seat no network bot holds is played in-process, one timer per seat
 * with something to do (at once when fast, after a human pace otherwise); and the instructor's
 * `bots` command (fill, clear, hand a seat to the next student).
 */
import type { ClusterId, Pace, Seat } from '../src/game/types.js';
import type { BotsCommand } from '../src/protocol/messages.js';
import type { GameEngine } from './engine-types.js';
import type { Logger } from './log.js';
import { describe, type Batch, type Outcome, type RoomQueue } from './room-queue.js';
import { hasCluster, ownSeat, seatKey, type SeatKey, type Seats } from './seats.js';

export interface HubBotsDeps {
  queue: RoomQueue;
  engine: Pick<GameEngine, 'botMove' | 'seatView'>;
  seats: Seats;
  log: Logger;
  humanPace: [number, number];
  closing: () => boolean;
}

export class HubBots {
  private readonly timers = new Map<SeatKey, NodeJS.Timeout>();

  constructor(private readonly deps: HubBotsDeps) {}

  /** Arms a timer for every hub bot (in the clusters the batch touched) that has a move to make. */
  schedule(batch: Batch | null): void {
    const { queue, seats, humanPace } = this.deps;
    if (this.deps.closing()) return;
    for (const [cid, cluster] of Object.entries(queue.room.clusters)) {
      if (batch && !batch.touches(cid)) continue;
      for (const [sid, seat] of Object.entries(cluster.seats)) {
        const k = seatKey(cid, sid);
        if (!seats.hubDriven(k, seat) || this.timers.has(k)) continue;
        if (!this.safeBotMove(cid, sid)) continue;
        const delay = seat.pace === 'fast' ? 0 : humanPace[0] + Math.floor(Math.random() * (humanPace[1] - humanPace[0]));
        this.timers.set(k, setTimeout(() => queue.enqueue((b) => this.play(b, cid, sid)), delay));
      }
    }
  }

  cancel(k: SeatKey): void {
    const t = this.timers.get(k);
    if (t) clearTimeout(t);
    this.timers.delete(k);
  }

  stop(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
  }

  /** Fill every empty seat with an in-process bot, or clear the hub's bots. */
  command(b: Batch, command: BotsCommand): Outcome {
    const { queue, seats } = this.deps;
    if (command.action === 'hand') return this.handSeat(b, command);
    const targets = command.cluster ? [command.cluster] : seats.clusterIds();
    if (command.cluster && !hasCluster(queue.room, command.cluster)) {
      return { ok: false, code: 'cluster/unknown', message: { en: `There is no cluster ${command.cluster}.`, ru: `Кластера ${command.cluster} нет.` } };
    }
    const pace: Pace = command.pace ?? 'human';
    let version = queue.version;
    for (const cid of targets) {
      for (const [sid, seat] of Object.entries(queue.room.clusters[cid].seats)) {
        const k = seatKey(cid, sid);
        const wanted: Seat | null =
          command.action === 'fill' ? (seat.kind === 'empty' ? { kind: 'bot', pace } : null) : seats.hubDriven(k, seat) ? { kind: 'empty' } : null;
        if (!wanted) continue;
        const outcome = queue.reduce(b, { type: 'seat', cluster: cid, server: sid, seat: wanted }, 'instructor');
        if (!outcome.ok) return outcome;
        version = outcome.version;
        if (wanted.kind === 'empty') this.cancel(k);
      }
    }
    return { ok: true, version, mistakes: [] };
  }

  /** The timer's job: the bot's move as the room stands now, if the seat is still the hub's. */
  private play(b: Batch, cid: ClusterId, sid: string): void {
    const { queue, seats, log } = this.deps;
    const k = seatKey(cid, sid);
    this.timers.delete(k);
    const now = ownSeat(queue.room, cid, sid);
    if (!now || !seats.hubDriven(k, now)) return;
    const move = this.safeBotMove(cid, sid);
    if (!move) return;
    const outcome = queue.reduce(b, { type: 'move', cluster: cid, server: sid, input: move.input }, `bot:${k}`);
    if (!outcome.ok) log('warn', `bot ${k} move ${JSON.stringify(move.input)} refused: ${outcome.code}`);
  }

  private safeBotMove(cid: ClusterId, sid: string): ReturnType<GameEngine['botMove']> {
    const { queue, engine, log } = this.deps;
    try {
      return engine.botMove(engine.seatView(queue.room, cid, sid));
    } catch (err) {
      log('error', `botMove threw for ${cid}/${sid}: ${describe(err)}`);
      return null;
    }
  }

  /**
   * Hand a bot's seat to the next student who joins: a seat a network bot holds is released
   * (its token voided, the bot told `seat/released`) and becomes a hub bot, which keeps playing
   * so the cluster never waits; the next student drawn by lottery takes exactly this seat with
   * its sheet as it stands (a student naming it with `--seat` may take it at once).
   */
  private handSeat(b: Batch, command: BotsCommand): Outcome {
    const { queue, seats } = this.deps;
    const cid = command.cluster ?? '';
    const sid = command.server ?? '';
    const seat = ownSeat(queue.room, cid, sid);
    if (!seat) return { ok: false, code: 'server/unknown', message: { en: `There is no seat ${cid}/${sid}.`, ru: `Места ${cid}/${sid} нет.` } };
    if (seat.kind !== 'bot') return { ok: false, code: 'seat/invalid', message: { en: `${cid}/${sid} is not a bot seat.`, ru: `${cid}/${sid} — не место бота.` } };
    const k = seatKey(cid, sid);
    seats.releaseSeat(b, k);
    seats.handover.delete(k);
    seats.handover.add(k);
    b.touch(cid);
    return { ok: true, version: queue.version, mistakes: [] };
  }
}
