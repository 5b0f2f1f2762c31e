/**
 * Solo mode's instructor: an instructor connection to the embedded hub that fills the other
 * seats with bots, starts game 1, and advances the script by itself once the cluster finished a
 * step (after a short pause, with a line saying what happened and what comes next). Between
 * games it moves the player to the seat that has something to do (seatFor) and gives the freed
 * seat to a bot. Everything goes through `command` messages, like any instructor.
 */
import { EventEmitter } from 'node:events';
import { GAMES } from '../../src/game/scenarios.js';
import { unmet } from '../../src/game/conditions.js';
import type { Assist, ClusterOverview, HintLevel, InstructorView, Pace } from '../../src/game/types.js';
import type { Lang } from '../../src/i18n/text.js';
import type { RoomMessage } from '../../src/protocol/messages.js';
import { HubConnection } from '../connection.js';
import { gameAfter, seatFor, stallLine, transitionLine } from './solo-guide.js';

export interface DirectorOptions {
  url: string;
  key: string;
  pace: Pace;
  /** The pause after a finished step, so the player sees what happened. */
  pauseMs: number;
  /** A seat the player chose for every game (else the one with something to do). */
  seat?: string;
  lang: Lang;
  /** The game to start with (default 1). */
  firstGame?: number;
  /** By hand (every cell written by the player) or prefilled (the default); `b` switches. */
  assist?: Assist;
  /** What `?` gives (default: the rule and the answer); `h` switches. */
  hints?: HintLevel;
  /**
   * How long the room may stay quiet with the step unfinished before the guide offers to retry or
   * skip it (a legal move off the script can leave a step that cannot finish as written).
   */
  stallMs?: number;
  /**
   * Asking the room (issue 14): before a key decision of a bot in each step, the guide asks the
   * player to predict it (default on); off with `solo --no-predict`.
   */
  predict?: boolean;
  /** How long the answer shows before the decision is played (default REVEAL_MS). */
  revealMs?: number;
}

/** A solo prediction: this long to answer, and the answer shown this long before the decision is played. */
export const PREDICT_SECONDS = 60;
export const REVEAL_MS = 5000;
/** The decisions solo asks about: a vote, a log after AppendEntries, who leads, whether an entry commits. */
const KEY_KINDS = ['vote', 'log', 'leader', 'commit'];

/** Default quiet time before a step counts as stalled: longer than a human-paced bot's 2 s. */
export const STALL_MS = 4000;

export interface DirectorEvents {
  /** The player should play from this seat now (a fresh student connection). */
  seat: [string];
  /** What just happened and what comes next (null: the next step has started). */
  transition: [string | null];
  /** A command the hub refused (should not happen; shown rather than hidden). */
  problem: [string];
  /**
   * The step cannot finish as scripted (the room went quiet with its condition unmet): why, in
   * the player's language, or null once the room moves again. The player may retry or skip it.
   */
  stalled: [string | null];
}

export class SoloDirector extends EventEmitter<DirectorEvents> {
  readonly conn: HubConnection;
  playerSeat: string;
  private started = false;
  private handled: string | null = null;
  private timer: NodeJS.Timeout | null = null;
  private view: InstructorView | null = null;
  private stopped = false;
  /** After a seat change, the next game starts once the player sits in the new seat. */
  private nextWhenSeated = false;
  /** The room version at which each step (`game.step`) was first seen under way: retry rewinds there. */
  private readonly stepStart = new Map<string, number>();
  private stallTimer: NodeJS.Timeout | null = null;
  /** The stalled step (`game.step`) while the guide offers retry / skip. */
  private stalledAt: string | null = null;
  /** Steps (`game.step`) in which a prediction was already asked; the question being handled. */
  private readonly askedIn = new Set<string>();
  private questionAt: { id: string; revealed: boolean } | null = null;
  private questionTimer: NodeJS.Timeout | null = null;

  constructor(private readonly o: DirectorOptions) {
    super();
    this.playerSeat = seatFor(o.firstGame ?? 1, o.seat);
    this.conn = new HubConnection({ url: o.url, role: 'instructor', key: o.key });
    this.conn.on('room', (m) => this.onRoom(m as RoomMessage));
    this.conn.on('error', (e) => this.emit('problem', e.message[this.o.lang]));
    this.conn.on('verdict', (v) => {
      // A bot may play a decision before the question about it arrives: no question then, no problem.
      if (!v.ok && !v.code.startsWith('question/')) this.emit('problem', v.message[this.o.lang]);
    });
  }

  start(): this {
    this.conn.start();
    return this;
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    if (this.stallTimer) clearTimeout(this.stallTimer);
    if (this.questionTimer) clearTimeout(this.questionTimer);
    this.conn.close();
  }

  /** The player's connection was welcomed at `seat`: the first time, the games begin. */
  playerSeated(seat: string): void {
    if (seat !== this.playerSeat) return;
    if (this.nextWhenSeated) {
      this.nextWhenSeated = false;
      this.command({ type: 'script', action: 'next' });
    }
    if (this.started) return;
    this.started = true;
    // The player sat down first, so the bots fill the seven other seats.
    this.command({ type: 'bots', action: 'fill', pace: this.o.pace });
    if (this.o.assist || this.o.hints) this.setMode({ assist: this.o.assist, hints: this.o.hints });
    this.command({ type: 'script', action: 'start', game: this.o.firstGame ?? 1 });
  }

  /** By hand / prefilled and the hint level, as the instructor's mode command (journaled). */
  setMode(m: { assist?: Assist; hints?: HintLevel }): void {
    this.command({ type: 'mode', ...(m.assist ? { assist: m.assist } : {}), ...(m.hints ? { hints: m.hints } : {}) });
  }

  private command(command: object): void {
    if (this.conn.sendCommand(command) === null) this.emit('problem', 'not connected to the embedded hub');
  }

  private onRoom(msg: RoomMessage): void {
    this.view = msg.view as InstructorView;
    const c = this.view.clusters[0];
    const s = c?.script;
    if (!s) return;
    const here = `${s.game}.${s.step}`;
    this.predict(c, here, s.done || s.game === 0);
    this.watchStall(c, here, s.done || s.game === 0 || c.question !== undefined, msg.version);
    // Free play has no end: once it runs, only the last transition line is cleared.
    if (!s.done || s.game === 0) {
      if (this.handled !== null && this.handled !== here) {
        this.handled = null;
        this.emit('transition', null);
      }
      return;
    }
    if (this.handled === here) return;
    this.handled = here;
    const last = s.step >= s.steps;
    const after = last ? gameAfter(s.game) : s.game;
    const nextSeat = after === undefined ? this.playerSeat : seatFor(after, this.o.seat);
    this.emit('transition', transitionLine(this.o.lang, s.game, s.step, nextSeat));
    this.timer = setTimeout(() => this.advance(s.game, s.step, nextSeat), this.o.pauseMs);
  }

  /**
   * The guide never stalls: every change of the room re-arms a quiet timer; when it fires with
   * the step still unfinished, the guide says which part of the step's condition the cluster
   * misses (a legal move off the script, like i2 timing out in game 1 while i1's RequestVote
   * waits) and offers to retry the step (rewind to where it began) or skip it.
   */
  private watchStall(c: ClusterOverview, here: string, finished: boolean, version: number): void {
    if (this.stallTimer) clearTimeout(this.stallTimer);
    this.stallTimer = null;
    if (this.stalledAt !== null) {
      this.stalledAt = null;
      this.emit('stalled', null);
    }
    if (finished) return;
    if (!this.stepStart.has(here)) this.stepStart.set(here, version);
    this.stallTimer = setTimeout(() => {
      if (this.stopped) return;
      const [game, step] = here.split('.').map(Number);
      const cond = GAMES[game]?.steps[step - 1]?.done;
      if (!cond) return;
      const facts = {
        servers: Object.fromEntries(Object.keys(c.sheets).map((id) => [id, { state: c.sheets[id], online: c.online[id] }])),
        inFlight: c.inFlight.map((x) => x.card),
      };
      this.stalledAt = here;
      this.emit('stalled', stallLine(this.o.lang, unmet(cond, facts)));
    }, this.o.stallMs ?? STALL_MS);
  }

  /**
   * Asking the player (issue 14): once per step, before a bot's decision the referee knows a
   * typical mistake about (a vote, a log after AppendEntries, who leads, a commit), the guide
   * asks for a prediction, as an instructor would ask the room. The answer (or the end of the
   * countdown) brings the reveal; REVEAL_MS later the decision is played and the game goes on.
   */
  private predict(c: ClusterOverview, here: string, finished: boolean): void {
    if (this.o.predict === false) return;
    const q = c.question;
    if (q) {
      if (this.questionAt?.id !== q.id) this.questionAt = { id: q.id, revealed: false };
      if (q.reveal && !this.questionAt.revealed) {
        this.questionAt.revealed = true;
        if (this.questionTimer) clearTimeout(this.questionTimer);
        this.questionTimer = setTimeout(() => !this.stopped && this.command({ type: 'decide', cluster: c.id }), this.o.revealMs ?? REVEAL_MS);
      } else if (!q.reveal && q.answered >= q.expected && q.expected > 0) {
        this.command({ type: 'reveal', cluster: c.id });
      }
      return;
    }
    if (finished || this.askedIn.has(here)) return;
    const next = (c.askable ?? []).find((a) => a.server !== this.playerSeat && KEY_KINDS.includes(a.kind));
    if (!next) return;
    this.askedIn.add(here);
    this.command({ type: 'ask', cluster: c.id, server: next.server, input: next.input, seconds: PREDICT_SECONDS });
    // Nobody answers in time: the answer is shown anyway (a paused room gets no ticks to notice).
    if (this.questionTimer) clearTimeout(this.questionTimer);
    this.questionTimer = setTimeout(() => !this.stopped && this.command({ type: 'reveal', cluster: c.id }), PREDICT_SECONDS * 1000);
  }

  /** Retry the stalled step: the cluster goes back to where the step began (an instructor rewind). */
  retryStep(): void {
    const at = this.stalledAt;
    const to = at === null ? undefined : this.stepStart.get(at);
    if (to === undefined) return;
    this.command({ type: 'rewind', cluster: 'A', to });
  }

  /** Skip the stalled step: the script goes on as if it had finished. */
  skipStep(): void {
    const at = this.stalledAt;
    if (at === null) return;
    const [game, step] = at.split('.').map(Number);
    const last = step >= GAMES[game].steps.length;
    const after = last ? gameAfter(game) : game;
    this.advance(game, step, after === undefined ? this.playerSeat : seatFor(after, this.o.seat));
  }

  private advance(game: number, step: number, nextSeat: string): void {
    if (this.stopped) return;
    if (step < GAMES[game].steps.length) return this.command({ type: 'script', action: 'next' });
    if (gameAfter(game) === undefined) return this.command({ type: 'script', action: 'start', game: 0 });
    if (nextSeat !== this.playerSeat) {
      const old = this.playerSeat;
      this.playerSeat = nextSeat;
      // The player moves first (their old connection closes, a new one takes the bot's seat
      // with its sheet as it stands), then a bot takes the freed seat, then the game goes on.
      this.nextWhenSeated = true;
      this.emit('seat', nextSeat);
      this.command({ type: 'seat', cluster: 'A', server: old, seat: { kind: 'bot', pace: this.o.pace } });
      return;
    }
    this.command({ type: 'script', action: 'next' });
  }
}
