/**
 * The one reconnecting WebSocket link to the hub, under every client: the student's, the
 * console's and the projector's HubConnection, the network bots (remote-bot.ts) and the
 * bench's load bots. It opens the socket, says hello (asked afresh at every open, so a seat
 * token learned meanwhile is used), hands each JSON message on, and after a drop retries with
 * backoff — unless the close code says retrying cannot help (FINAL_CLOSES) or the owner stops.
 * It never throws at the owner: a socket `error` is always listened to (DESIGN.md: without a
 * listener one bad frame kills the process) and is followed by `close`, which decides.
 */
import WebSocket from 'ws';
import { CLOSE, type ErrorCode } from '../src/protocol/codes.js';
import type { HubMessage } from '../src/protocol/messages.js';
import { parseHubFrame } from '../src/protocol/hub-messages.js';

/** Close codes after which reconnecting would only fail again, and the error each one means. */
export const FINAL_CLOSES = new Map<number, ErrorCode>([
  [CLOSE.badVersion, 'protocol/version'],
  [CLOSE.unauthorised, 'auth/bad-key'],
  [CLOSE.takenOver, 'seat/taken-over'],
  [CLOSE.roomFull, 'room/full'],
  [CLOSE.released, 'seat/released'],
]);

/** Exponential backoff with ±25 % jitter, so a restarted hub is not stormed by its whole class at once. */
export function backoffDelay(attempt: number, firstMs: number, maxMs: number, random: () => number = Math.random): number {
  return Math.min(maxMs, firstMs * 2 ** attempt) * (0.75 + random() * 0.5);
}

export interface LinkOptions {
  /** ws://HOST:PORT with its credentials (`?code=` or `?key=`) already in the query. */
  url: string;
  /** The hello to send on every open. */
  hello: () => object;
  /** The first retry's delay and the cap it doubles up to (the student's link: 250 ms to 5 s). */
  backoff: { firstMs: number; maxMs: number };
  onMessage: (message: HubMessage, raw: string) => void;
  /** The hub answered the upgrade with an HTTP status instead (401 wrong code or key, 503 full). */
  onRefused?: (status: number) => void;
  /** A close that ends the link: one of FINAL_CLOSES. */
  onFinal: (code: ErrorCode, closeCode: number) => void;
  /** Any other close; the link retries unless this returns false (or the owner stopped it). */
  onDrop: (closeCode: number) => boolean | void;
}

export class HubLink {
  private ws: WebSocket | null = null;
  private attempt = 0;
  private stopped = false;
  private retryTimer: NodeJS.Timeout | null = null;

  constructor(private readonly options: LinkOptions) {}

  start(): this {
    this.open();
    return this;
  }

  /** Whether a message sent now goes out. */
  get isOpen(): boolean {
    return this.ws !== null && this.ws.readyState === WebSocket.OPEN;
  }

  /** Sends a message as JSON; false when the link is down (nothing is queued). */
  send(message: object): boolean {
    if (!this.ws || this.ws.readyState !== WebSocket.OPEN) return false;
    this.ws.send(JSON.stringify(message));
    return true;
  }

  /** Ends the link for good: a polite close (1000), or a terminate (bots, tests of a crash). */
  stop(how: 'close' | 'terminate' = 'close'): void {
    this.stopped = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    if (how === 'terminate') this.ws?.terminate();
    else this.ws?.close(CLOSE.normal, 'bye');
  }

  private open(): void {
    if (this.stopped) return;
    const ws = new WebSocket(this.options.url, { perMessageDeflate: false, handshakeTimeout: 5000 });
    this.ws = ws;
    ws.on('open', () => this.send(this.options.hello()));
    ws.on('message', (data, isBinary) => {
      if (!isBinary) this.receive(data.toString());
    });
    ws.on('unexpected-response', (_req, res) => {
      this.options.onRefused?.(res.statusCode ?? 0);
      ws.terminate();
    });
    ws.on('error', () => {
      /* 'close' follows and decides what to do */
    });
    ws.on('close', (closeCode) => this.closed(ws, closeCode));
  }

  private receive(raw: string): void {
    // After stop() the socket may still deliver what was on its way; the owner is done with it.
    if (this.stopped) return;
    // Validated, not cast (src/protocol/parse.ts, issue 16 #5): a frame the schemas refuse (not
    // JSON, or not a hub message) is dropped, not acted on, and not worth dying for.
    const parsed = parseHubFrame(raw);
    if (!parsed.ok) return;
    const message = parsed.message;
    // Welcomed: the link works, so the next drop starts the backoff from the beginning.
    if (message.type === 'welcome') this.attempt = 0;
    this.options.onMessage(message, raw);
  }

  private closed(ws: WebSocket, closeCode: number): void {
    if (this.ws === ws) this.ws = null;
    if (this.stopped) return;
    const final = FINAL_CLOSES.get(closeCode);
    if (final) {
      this.stopped = true;
      this.options.onFinal(final, closeCode);
      return;
    }
    if (this.options.onDrop(closeCode) === false || this.stopped) {
      this.stopped = true;
      return;
    }
    const { firstMs, maxMs } = this.options.backoff;
    const delay = backoffDelay(this.attempt, firstMs, maxMs);
    this.attempt = Math.min(this.attempt + 1, 10);
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      this.open();
    }, delay);
  }
}
