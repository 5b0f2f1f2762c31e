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
import { RemoteBot } from '../client/remote-bot.js';
import { botMove } from '../src/game/bots.js';
import type { MoveInput, SeatView } from '../src/game/types.js';
import type { SeatRef } from '../src/protocol/messages.js';
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

/**
 * A RemoteBot (client/remote-bot.ts: the same link, decisions and backoff as `raft-sheet bots`)
 * at the fast pace, with the measurements above hooked onto its events.
 */
export class LoadBot {
  private readonly bot: RemoteBot;
  private seen = new Set<string>();

  constructor(o: LoadBotOptions) {
    this.bot = new RemoteBot({
      url: o.url,
      key: o.key,
      cluster: o.cluster,
      pace: 'fast',
      ...(o.token ? { token: o.token } : {}),
      ...(o.loop ? { decide: loopMove } : {}),
      // Load bots retry quickly: a restarted hub under test should see its load come back at once.
      backoff: { firstMs: 100, maxMs: 500 },
    });
    this.bot.on('seat', (seat) => {
      o.metrics().welcomes += 1;
      o.onToken?.(seat);
    });
    this.bot.on('view', (view, _version, bytes) => this.measure(o.metrics(), view, bytes));
    this.bot.on('moved', (version, input) => {
      const m = o.metrics();
      m.moves += 1;
      if (input.kind === 'send') m.rounds += 1;
      if (this.bot.seat) o.onAccepted?.({ seat: `${this.bot.seat.cluster}/${this.bot.seat.server}`, version, input });
    });
    this.bot.on('refused', () => (o.metrics().refused += 1));
    this.bot.on('drop', () => (o.metrics().drops += 1));
    // A load bot ended by the hub (room full, a wrong key) just stops counting.
    this.bot.on('fatal', () => undefined);
  }

  get seat(): SeatRef | null {
    return this.bot.seat;
  }

  get view(): SeatView | null {
    return this.bot.view;
  }

  get connected(): boolean {
    return this.bot.connected;
  }

  start(): this {
    this.bot.start();
    return this;
  }

  stop(): void {
    this.bot.stop('terminate');
  }

  private measure(m: BotMetrics, view: SeatView, bytes: number): void {
    const now = Date.now();
    m.views += 1;
    m.viewBytes += bytes;
    for (const card of view.inbox) {
      if (this.seen.has(card.id)) continue;
      this.seen.add(card.id);
      m.latencies.push(now - Math.max(card.sentAt, card.deliverAt));
    }
    if (view.violations.length > 0) m.violations = Math.max(m.violations, view.violations.length);
    // Card ids only grow: forget the ones that can no longer show up.
    if (this.seen.size > 4096) this.seen = new Set(view.inbox.map((c) => c.id));
  }
}

/** `loop`: the careful move, else a leader with every card answered heartbeats at once (R13). */
function loopMove(view: SeatView): MoveInput | null {
  const d = botMove(view);
  if (d) return d.input;
  if (view.sheet.role !== 'leader' || !view.online || view.inbox.length > 0) return null;
  const term = view.sheet.votes.length;
  const last = view.sent.find((b) => b.message.type === 'AppendEntries' && b.message.term === term);
  if (last && Object.values(last.responses).some((r) => r === 'waiting')) return null;
  const to = peersOf(view.sheet);
  return to.length > 0 ? { kind: 'send', to } : null;
}
