/**
 * The hub's own bots: a bot seat no network bot holds is played in-process, one timer per seat
 * with something to do (at once when fast, after a human pace otherwise); and the instructor's
 * `bots` command (fill, clear, hand a seat to the next student).
 */
import { spoil, type BotMistake } from '../src/game/bot-mistakes.js';
import { prefill } from '../src/game/move.js';
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
  /**
   * Bots the instructor holds (`bots hold`): they make no move until released, so a scenario
   * can wait for the right moment ("i5 keeps its vote card until we talked about it"). Kept in
   * memory: a resumed hub starts with every bot playing.
   */
  readonly held = new Set<SeatKey>();
  /** Named mistakes bots are to make on the next card they fit (`bots err`, observe mode). */
  readonly errs = new Map<SeatKey, BotMistake>();

  constructor(private readonly deps: HubBotsDeps) {}

  /** Arms a timer for every hub bot (in the clusters the batch touched) that has a move to make. */
  schedule(batch: Batch | null): void {
    const { queue, seats, humanPace } = this.deps;
    if (this.deps.closing()) return;
    for (const [cid, cluster] of Object.entries(queue.room.clusters)) {
      if (batch && !batch.touches(cid)) continue;
      for (const [sid, seat] of Object.entries(cluster.seats)) {
        const k = seatKey(cid, sid);
        if (!seats.hubDriven(k, seat) || this.timers.has(k) || this.held.has(k)) continue;
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
    if (command.action === 'hold' || command.action === 'release') return this.holdSeat(b, command);
    if (command.action === 'err') return this.errSeat(b, command);
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
    if (!now || !seats.hubDriven(k, now) || this.held.has(k)) return;
    const move = this.safeBotMove(cid, sid);
    if (!move) return;
    const proposal = this.spoiled(cid, sid, move.input);
    const outcome = queue.reduce(b, { type: 'move', cluster: cid, server: sid, input: move.input, ...(proposal ? { proposal } : {}) }, `bot:${k}`);
    if (proposal && outcome.ok) this.errs.delete(k);
    if (!outcome.ok) log('warn', `bot ${k} move ${JSON.stringify(move.input)} refused: ${outcome.code}`);
  }

  /** The wrong move the instructor asked this bot for, if its next move is a card the mistake fits. */
  private spoiled(cid: ClusterId, sid: string, input: NonNullable<ReturnType<GameEngine['botMove']>>['input']) {
    const mistake = this.errs.get(seatKey(cid, sid));
    const c = this.deps.queue.room.clusters[cid];
    if (!mistake || !c || c.mode !== 'observe' || input.kind !== 'card') return null;
    const card = c.inFlight.find((k) => k.id === input.card);
    const correct = prefill(this.deps.queue.room, cid, sid, input);
    if (!card || 'ok' in correct) return null;
    return spoil(mistake, c.servers[sid].state, card, correct);
  }

  /** `bots err`: the bot makes the named mistake on the next card it fits; observe mode only (guard would refuse it). */
  private errSeat(b: Batch, command: BotsCommand): Outcome {
    const { queue } = this.deps;
    const cid = command.cluster ?? '';
    const sid = command.server ?? '';
    const c = queue.room.clusters[cid];
    const seat = c?.seats[sid];
    if (!seat) return { ok: false, code: 'server/unknown', message: { en: `There is no seat ${cid}/${sid}.`, ru: `Места ${cid}/${sid} нет.` } };
    if (seat.kind !== 'bot') return { ok: false, code: 'seat/invalid', message: { en: `${cid}/${sid} is not a bot seat.`, ru: `${cid}/${sid} — не место бота.` } };
    if (!command.mistake) return { ok: false, code: 'command/invalid', message: { en: 'Name the mistake.', ru: 'Назовите ошибку.' } };
    if (c.mode !== 'observe') return { ok: false, code: 'mode/invalid', message: { en: `Bots make mistakes in observe mode only: ${cid} is in guard mode.`, ru: `Боты ошибаются только в режиме observe: ${cid} в режиме guard.` } };
    this.errs.set(seatKey(cid, sid), command.mistake);
    b.touch(cid);
    b.presence = true;
    return { ok: true, version: queue.version, mistakes: [] };
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

  /** Hold a bot before its next move, or let it play again (it is scheduled with the batch). */
  private holdSeat(b: Batch, command: BotsCommand): Outcome {
    const { queue } = this.deps;
    const cid = command.cluster ?? '';
    const sid = command.server ?? '';
    const seat = queue.room.clusters[cid]?.seats[sid];
    if (!seat) return { ok: false, code: 'server/unknown', message: { en: `There is no seat ${cid}/${sid}.`, ru: `Места ${cid}/${sid} нет.` } };
    if (seat.kind !== 'bot') return { ok: false, code: 'seat/invalid', message: { en: `${cid}/${sid} is not a bot seat.`, ru: `${cid}/${sid} — не место бота.` } };
    const k = seatKey(cid, sid);
    if (command.action === 'hold') {
      this.held.add(k);
      this.cancel(k);
    } else this.held.delete(k);
    b.touch(cid);
    b.presence = true;
    return { ok: true, version: queue.version, mistakes: [] };
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
    // Journaled, so the choice survives a resume (seats.ts replays it).
    queue.record(b, { at: Date.now(), kind: 'hand', cluster: cid, server: sid, on: true });
    b.touch(cid);
    return { ok: true, version: queue.version, mistakes: [] };
  }
}
