/**
 * A bot as a separate network client (the `bots` command, the hub tests, the bench's load
 * bots): it takes a seat with the instructor key, keeps its seat token in memory, and
 * plays from its own SeatView with `botMove`, exactly what an in-process bot would do.
 *
 * One move in flight at a time, and never from a stale view: after an accepted verdict the bot
 * waits for a view whose version reaches the verdict's version (the hub pushes it), and after
 * a refusal it waits for the next view, so a bot bug cannot turn into a flood. A move the hub
 * dropped unread (an `error` with the move's id, e.g. `rate/limited`) ends that request too: the
 * bot waits a short, growing backoff and decides again from its latest view. After any drop the
 * link (link.ts) reconnects with backoff and the bot resumes its seat with the token.
 */
import { EventEmitter } from 'node:events';
import { botMove } from '../src/game/bots.js';
import type { MoveInput, Pace, SeatView } from '../src/game/types.js';
import { PROTOCOL_VERSION, type HubMessage, type SeatRef } from '../src/protocol/messages.js';
import { backoffDelay, HubLink } from './link.js';

export interface RemoteBotOptions {
  /** ws://HOST:PORT */
  url: string;
  key: string;
  cluster?: string;
  server?: string;
  pace: Pace;
  /** Human pace: wait between these many ms before each move. */
  humanPaceMs?: [number, number];
  /** A seat token to resume with (a load bot restarted in a new process). */
  token?: string;
  /** The move to make from a view; default the careful player's (`botMove`). */
  decide?: (view: SeatView) => MoveInput | null;
  /** Reconnect backoff (default 50 ms doubling to 2 s). */
  backoff?: { firstMs: number; maxMs: number };
}

export interface RemoteBotEvents {
  seat: [SeatRef];
  /** A view, its room version and the size of the frame that carried it (bytes, for the bench). */
  view: [SeatView, number, number];
  /** An accepted move: the room version that holds it and what it reacted to. */
  moved: [number, MoveInput];
  /** A move refused by a verdict, or dropped with an error carrying its id (the code either way). */
  refused: [string];
  /** Connection lost; it will retry. */
  drop: [number];
  /** Ended for good (room full, released, taken over, wrong key); the reason code. */
  fatal: [string];
}

const decideDefault = (view: SeatView): MoveInput | null => botMove(view)?.input ?? null;

export class RemoteBot extends EventEmitter<RemoteBotEvents> {
  seat: SeatRef | null = null;
  /** The latest view; null while the link is down (the hub sends a fresh one on resume). */
  view: SeatView | null = null;
  viewVersion = -1;
  moves = 0;
  private readonly link: HubLink;
  private stopped = false;
  private token: string | undefined;
  private nextId = 1;
  private inFlight: number | null = null;
  private inFlightInput: MoveInput | null = null;
  private waitVersion = -1;
  private blocked = false;
  private timer: NodeJS.Timeout | null = null;
  /** Moves in a row that the hub dropped with an error: the backoff grows with them. */
  private dropped = 0;

  constructor(private readonly options: RemoteBotOptions) {
    super();
    this.token = options.token;
    const url = new URL(options.url);
    url.searchParams.set('key', options.key);
    this.link = new HubLink({
      url: url.toString(),
      hello: () => this.hello(),
      backoff: options.backoff ?? { firstMs: 50, maxMs: 2000 },
      onMessage: (message, raw) => this.receive(message, raw),
      onRefused: (status) => {
        if (status === 401) this.fail('auth/bad-key');
      },
      onFinal: (code) => this.fail(code),
      onDrop: (code) => {
        this.inFlight = null;
        this.blocked = false;
        this.view = null;
        if (this.timer) clearTimeout(this.timer);
        this.timer = null;
        if (this.stopped) return false;
        this.emit('drop', code);
      },
    });
  }

  /** Seated, and the link up: what a load test counts as connected. */
  get connected(): boolean {
    return this.seat !== null && this.link.isOpen;
  }

  start(): this {
    this.link.start();
    return this;
  }

  /** Leaves: a polite close, or (`terminate`) a cut like a crashed process. */
  stop(how: 'close' | 'terminate' = 'close'): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.link.stop(how);
  }

  private hello(): object {
    return {
      type: 'hello',
      protocol: PROTOCOL_VERSION,
      role: 'bot',
      pace: this.options.pace,
      ...(this.token ? { token: this.token } : {}),
      ...(this.options.cluster ? { cluster: this.options.cluster } : {}),
      ...(this.options.server ? { server: this.options.server } : {}),
    };
  }

  private fail(reason: string): void {
    if (this.stopped) return;
    this.stop('terminate');
    this.emit('fatal', reason);
  }

  private receive(msg: HubMessage, raw: string): void {
    switch (msg.type) {
      case 'welcome':
        if (msg.seat) {
          this.seat = msg.seat;
          this.token = msg.seat.token;
          this.emit('seat', msg.seat);
        }
        break;
      case 'view':
        this.view = msg.view;
        this.viewVersion = msg.version;
        this.blocked = false;
        this.emit('view', msg.view, msg.version, raw.length);
        break;
      case 'verdict':
        if (msg.id !== this.inFlight) break;
        this.inFlight = null;
        this.dropped = 0;
        if (msg.ok) {
          this.moves += 1;
          this.waitVersion = msg.version;
          this.emit('moved', msg.version, this.inFlightInput!);
        } else {
          this.blocked = true;
          this.emit('refused', msg.code);
        }
        break;
      case 'error':
        // A token from another session (the hub was restarted without --resume): join afresh.
        if (msg.code === 'auth/bad-token' && this.token) {
          this.token = undefined;
          this.seat = null;
          this.link.send(this.hello());
        }
        // The hub dropped the move in flight (docs/protocol.md: an error with a request's id
        // ends it; a hub before that change sent rate/limited without an id): no verdict will
        // come, so retry after a backoff instead of waiting forever.
        if (this.inFlight !== null && (msg.id === this.inFlight || (msg.id === undefined && msg.code === 'rate/limited'))) {
          this.inFlight = null;
          this.dropped += 1;
          this.emit('refused', msg.code);
          if (this.timer) clearTimeout(this.timer);
          this.timer = setTimeout(() => {
            this.timer = null;
            this.maybeAct();
          }, backoffDelay(Math.min(this.dropped - 1, 5), 100, 2000));
        }
        break;
      default:
        break;
    }
    this.maybeAct();
  }

  private maybeAct(): void {
    if (this.stopped || this.timer || this.inFlight !== null || this.blocked) return;
    if (!this.view || !this.seat || this.viewVersion < this.waitVersion) return;
    const [lo, hi] = this.options.humanPaceMs ?? [1000, 2000];
    const delay = this.options.pace === 'fast' ? 0 : lo + Math.random() * (hi - lo);
    this.timer = setTimeout(() => {
      this.timer = null;
      this.act();
    }, delay);
  }

  private act(): void {
    if (!this.link.isOpen || !this.view || !this.seat || this.inFlight !== null || this.blocked) return;
    const input = (this.options.decide ?? decideDefault)(this.view);
    if (!input) return;
    const id = this.nextId++;
    this.inFlight = id;
    this.inFlightInput = input;
    this.link.send({ type: 'move', id, cluster: this.seat.cluster, server: this.seat.server, input });
  }
}
