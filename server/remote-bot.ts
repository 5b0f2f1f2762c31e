/**
 * A bot as a separate network client (the `bots` command, the hub tests, later the load
 * generator): it takes a seat with the instructor key, keeps its seat token in memory, and
 * plays from its own SeatView with `botMove`, exactly what an in-process bot would do.
 *
 * One move in flight at a time, and never from a stale view: after an accepted verdict the bot
 * waits for a view whose version reaches the verdict's version (the hub pushes it), and after
 * a refusal it waits for the next view, so a bot bug cannot turn into a flood. A move the hub
 * dropped unread (an `error` with the move's id, e.g. `rate/limited`) ends that request too: the
 * bot waits a short, growing backoff and decides again from its latest view. After any drop it
 * reconnects with backoff and resumes its seat with the token.
 */
import { EventEmitter } from 'node:events';
import WebSocket from 'ws';
import { botMove } from '../src/game/bots.js';
import type { MoveInput, Pace, SeatView } from '../src/game/types.js';
import { CLOSE } from '../src/protocol/codes.js';
import { PROTOCOL_VERSION, type HubMessage, type SeatRef } from '../src/protocol/messages.js';

export interface RemoteBotOptions {
  /** ws://HOST:PORT */
  url: string;
  key: string;
  cluster?: string;
  server?: string;
  pace: Pace;
  /** Human pace: wait between these many ms before each move. */
  humanPaceMs?: [number, number];
}

export interface RemoteBotEvents {
  seat: [SeatRef];
  view: [SeatView, number];
  /** An accepted move: the room version that holds it and what it reacted to. */
  moved: [number, MoveInput];
  /** A move refused by a verdict, or dropped with an error carrying its id (the code either way). */
  refused: [string];
  /** Connection lost; it will retry. */
  drop: [number];
  /** Ended for good (room full, released, taken over, wrong key); the reason code. */
  fatal: [string];
}

const FINAL = new Map<number, string>([
  [CLOSE.badVersion, 'protocol/version'],
  [CLOSE.unauthorised, 'auth/bad-key'],
  [CLOSE.takenOver, 'seat/taken-over'],
  [CLOSE.roomFull, 'room/full'],
  [CLOSE.released, 'seat/released'],
]);

export class RemoteBot extends EventEmitter<RemoteBotEvents> {
  seat: SeatRef | null = null;
  view: SeatView | null = null;
  viewVersion = -1;
  moves = 0;
  private ws: WebSocket | null = null;
  private stopped = false;
  private attempt = 0;
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
  }

  start(): this {
    this.open();
    return this;
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.ws?.close(CLOSE.normal, 'bye');
  }

  private open(): void {
    if (this.stopped) return;
    const url = new URL(this.options.url);
    url.searchParams.set('key', this.options.key);
    const ws = new WebSocket(url, { perMessageDeflate: false, handshakeTimeout: 5000 });
    this.ws = ws;
    ws.on('open', () => {
      this.attempt = 0;
      this.hello(ws);
    });
    ws.on('message', (data, isBinary) => {
      if (!isBinary) this.receive(data.toString());
    });
    ws.on('unexpected-response', (_req, res) => {
      if (res.statusCode === 401) this.fail('auth/bad-key');
      ws.terminate();
    });
    ws.on('error', () => {
      /* 'close' follows */
    });
    ws.on('close', (code) => {
      this.ws = null;
      this.inFlight = null;
      this.blocked = false;
      if (this.timer) clearTimeout(this.timer);
      this.timer = null;
      if (this.stopped) return;
      const final = FINAL.get(code);
      if (final) return this.fail(final);
      this.emit('drop', code);
      const delay = Math.min(2000, 50 * 2 ** this.attempt) * (0.75 + Math.random() * 0.5);
      this.attempt = Math.min(this.attempt + 1, 10);
      setTimeout(() => this.open(), delay);
    });
  }

  private hello(ws: WebSocket): void {
    ws.send(
      JSON.stringify({
        type: 'hello',
        protocol: PROTOCOL_VERSION,
        role: 'bot',
        pace: this.options.pace,
        ...(this.seat ? { token: this.seat.token } : {}),
        ...(this.options.cluster ? { cluster: this.options.cluster } : {}),
        ...(this.options.server ? { server: this.options.server } : {}),
      }),
    );
  }

  private fail(reason: string): void {
    if (this.stopped) return;
    this.stopped = true;
    this.ws?.terminate();
    this.emit('fatal', reason);
  }

  private receive(raw: string): void {
    let msg: HubMessage;
    try {
      msg = JSON.parse(raw) as HubMessage;
    } catch {
      return;
    }
    switch (msg.type) {
      case 'welcome':
        if (msg.seat) {
          this.seat = msg.seat;
          this.emit('seat', msg.seat);
        }
        break;
      case 'view':
        this.view = msg.view;
        this.viewVersion = msg.version;
        this.blocked = false;
        this.emit('view', msg.view, msg.version);
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
        if (msg.code === 'auth/bad-token' && this.seat && this.ws) {
          this.seat = null;
          this.hello(this.ws);
        }
        // The hub dropped the move in flight (docs/protocol.md: an error with a request's id
        // ends it; a hub before that change sent rate/limited without an id): no verdict will
        // come, so retry after a backoff instead of waiting forever.
        if (this.inFlight !== null && (msg.id === this.inFlight || (msg.id === undefined && msg.code === 'rate/limited'))) {
          this.inFlight = null;
          this.dropped += 1;
          this.emit('refused', msg.code);
          if (this.timer) clearTimeout(this.timer);
          const backoff = Math.min(2000, 100 * 2 ** Math.min(this.dropped - 1, 5)) * (0.75 + Math.random() * 0.5);
          this.timer = setTimeout(() => {
            this.timer = null;
            this.maybeAct();
          }, backoff);
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
    const ws = this.ws;
    if (!ws || ws.readyState !== WebSocket.OPEN || !this.view || !this.seat || this.inFlight !== null || this.blocked) return;
    const decision = botMove(this.view);
    if (!decision) return;
    const id = this.nextId++;
    this.inFlight = id;
    this.inFlightInput = decision.input;
    ws.send(JSON.stringify({ type: 'move', id, cluster: this.seat.cluster, server: this.seat.server, input: decision.input }));
  }
}
