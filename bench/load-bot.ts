/**
 * A network bot for the benchmarks and the soak: the same decisions as `raft-sheet bots`
 * (`botMove` on its own view, one move in flight, never from a view older than its last
 * accepted verdict), plus what a measurement needs:
 * - card delivery latency: for every card that appears in its inbox for the first time,
 *   (receive time − card.sentAt); both are Date.now() on this machine (the hub stamps sentAt
 *   with its clock when it reduces the move that sent the card);
 * - `loop`: a leader with nothing else to do heartbeats at once (AppendEntries to every peer
 *   whose last card is answered) instead of waiting for the heartbeat interval: a closed loop
 *   that keeps the hub as busy as the bots can keep it, with valid Raft moves only (R13);
 * - `record`: every accepted verdict (version, input), for the soak's checker;
 * - a token kept across reconnects (and across process restarts via `tokens`).
 */
import WebSocket from 'ws';
import { botMove } from '../src/game/bots.js';
import type { MoveInput, SeatView } from '../src/game/types.js';
import type { HubMessage, SeatRef } from '../src/protocol/messages.js';
import { peersOf } from '../src/raft/step.js';

export interface BotMetrics {
  moves: number;
  rounds: number;
  refused: number;
  views: number;
  viewBytes: number;
  latencies: number[];
  violations: number;
  welcomes: number;
  drops: number;
}

export const newMetrics = (): BotMetrics => ({ moves: 0, rounds: 0, refused: 0, views: 0, viewBytes: 0, latencies: [], violations: 0, welcomes: 0, drops: 0 });

export interface Accepted {
  seat: string;
  version: number;
  input: MoveInput;
}

export interface LoadBotOptions {
  url: string;
  key: string;
  cluster: string;
  loop: boolean;
  /** Where to count (read at each event, so the owner can swap in a fresh one to reset). */
  metrics: () => BotMetrics;
  /** Called with every accepted verdict. */
  onAccepted?: (a: Accepted) => void;
  token?: string;
  onToken?: (seat: SeatRef) => void;
}

export class LoadBot {
  seat: SeatRef | null = null;
  view: SeatView | null = null;
  connected = false;
  private ws: WebSocket | null = null;
  private viewVersion = -1;
  private waitVersion = -1;
  private inFlight: number | null = null;
  private inFlightInput: MoveInput | null = null;
  private blocked = false;
  private nextId = 1;
  private stopped = false;
  private seen = new Set<string>();
  private retry: NodeJS.Timeout | null = null;
  private token: string | undefined;

  constructor(private readonly o: LoadBotOptions) {
    this.token = o.token;
  }

  start(): this {
    this.open();
    return this;
  }

  stop(): void {
    this.stopped = true;
    if (this.retry) clearTimeout(this.retry);
    this.ws?.terminate();
  }

  private open(): void {
    if (this.stopped) return;
    const u = new URL(this.o.url);
    u.searchParams.set('key', this.o.key);
    const ws = new WebSocket(u, { perMessageDeflate: false, handshakeTimeout: 5000 });
    this.ws = ws;
    ws.on('open', () => {
      ws.send(JSON.stringify({ type: 'hello', protocol: 1, role: 'bot', pace: 'fast', cluster: this.o.cluster, ...(this.token ? { token: this.token } : {}) }));
    });
    ws.on('message', (data, isBinary) => {
      if (!isBinary) this.receive(data.toString());
    });
    ws.on('error', () => {});
    ws.on('unexpected-response', () => ws.terminate());
    ws.on('close', () => {
      this.ws = null;
      this.connected = false;
      this.inFlight = null;
      this.blocked = false;
      this.view = null;
      if (this.stopped) return;
      this.o.metrics().drops += 1;
      // Like the real clients: back off with jitter so a restarted hub is not stormed.
      this.retry = setTimeout(() => this.open(), 100 + Math.random() * 400);
    });
  }

  private receive(raw: string): void {
    const now = Date.now();
    let msg: HubMessage;
    try {
      msg = JSON.parse(raw) as HubMessage;
    } catch {
      return;
    }
    const m = this.o.metrics();
    switch (msg.type) {
      case 'welcome':
        if (msg.seat) {
          this.seat = msg.seat;
          this.token = msg.seat.token;
          this.connected = true;
          m.welcomes += 1;
          this.o.onToken?.(msg.seat);
        }
        break;
      case 'view': {
        m.views += 1;
        m.viewBytes += raw.length;
        this.view = msg.view;
        this.viewVersion = msg.version;
        this.blocked = false;
        for (const card of msg.view.inbox) {
          if (this.seen.has(card.id)) continue;
          this.seen.add(card.id);
          m.latencies.push(now - Math.max(card.sentAt, card.deliverAt));
        }
        if (msg.view.violations.length > 0) m.violations = Math.max(m.violations, msg.view.violations.length);
        // Card ids only grow: forget the ones that can no longer show up.
        if (this.seen.size > 4096) this.seen = new Set(msg.view.inbox.map((c) => c.id));
        break;
      }
      case 'verdict':
        if (msg.id !== this.inFlight) break;
        this.inFlight = null;
        if (msg.ok) {
          m.moves += 1;
          if (this.inFlightInput?.kind === 'send') m.rounds += 1;
          this.waitVersion = msg.version;
          if (this.seat) this.o.onAccepted?.({ seat: `${this.seat.cluster}/${this.seat.server}`, version: msg.version, input: this.inFlightInput! });
        } else {
          m.refused += 1;
          this.blocked = true;
        }
        break;
      case 'error':
        // A move the hub dropped (an error with its id; `rate/limited` without one from an
        // older hub) gets no verdict: forget it and try again shortly.
        if (this.inFlight !== null && (msg.id === this.inFlight || (msg.id === undefined && msg.code === 'rate/limited'))) {
          this.inFlight = null;
          m.refused += 1;
          this.blocked = true;
          setTimeout(() => {
            this.blocked = false;
            this.act();
          }, 200);
        }
        if (msg.code === 'auth/bad-token' && this.ws) {
          this.token = undefined;
          this.ws.send(JSON.stringify({ type: 'hello', protocol: 1, role: 'bot', pace: 'fast', cluster: this.o.cluster }));
        }
        break;
      default:
        break;
    }
    this.act();
  }

  private decide(view: SeatView): MoveInput | null {
    const d = botMove(view);
    if (d) return d.input;
    if (!this.o.loop || view.sheet.role !== 'leader' || !view.online || view.inbox.length > 0) return null;
    const term = view.sheet.votes.length;
    const last = view.sent.find((b) => b.message.type === 'AppendEntries' && b.message.term === term);
    if (last && Object.values(last.responses).some((r) => r === 'waiting')) return null;
    const to = peersOf(view.sheet);
    return to.length > 0 ? { kind: 'send', to } : null;
  }

  private act(): void {
    const ws = this.ws;
    if (!ws || ws.readyState !== WebSocket.OPEN || !this.view || !this.seat || this.inFlight !== null || this.blocked) return;
    if (this.viewVersion < this.waitVersion) return;
    const input = this.decide(this.view);
    if (!input) return;
    const id = this.nextId++;
    this.inFlight = id;
    this.inFlightInput = input;
    ws.send(JSON.stringify({ type: 'move', id, cluster: this.seat.cluster, server: this.seat.server, input }));
  }
}
