/**
 * A client's link to the hub: connect, say hello, resume the seat with its saved token after
 * any drop, and retry with backoff. It never throws at the caller: everything arrives as an
 * event, and the few situations where retrying cannot help (a wrong code, a full room, a seat
 * taken over, another protocol version) end it with a `fatal` event and a sentence.
 */
import { EventEmitter } from 'node:events';
import WebSocket from 'ws';
import type { MoveInput, SeatView } from '../src/game/types.js';
import type { Text } from '../src/i18n/text.js';
import { CLOSE, PROTOCOL_ERRORS, type ErrorCode } from '../src/protocol/codes.js';
import { PROTOCOL_VERSION, type Hello, type MomentsMessage, type Role, type Verdict, type Welcome } from '../src/protocol/messages.js';
import type { Move } from '../src/raft/types.js';
import { parseHubFrame } from '../src/protocol/parse.js';
import type { TokenStore } from './token-store.js';

export type LinkStatus = 'connecting' | 'online' | 'reconnecting' | 'closed';

export interface ConnectionOptions {
  url: string;
  role: Role;
  code?: string;
  key?: string;
  name?: string;
  cluster?: string;
  /** A chosen seat (`i3`) instead of the lottery. */
  server?: string;
  tokens?: TokenStore;
  /** How long the very first connection may keep failing before the hub counts as unreachable. */
  firstConnectMs?: number;
}

export interface Fatal {
  code: ErrorCode | 'net/unreachable' | 'net/bad-url';
  message: Text;
}

/** Close codes after which reconnecting would only fail again. */
const FINAL_CLOSES = new Set<number>([CLOSE.badVersion, CLOSE.unauthorised, CLOSE.takenOver, CLOSE.roomFull, CLOSE.released]);

export interface ConnectionEvents {
  status: [LinkStatus];
  welcome: [Welcome];
  view: [SeatView, number];
  room: [unknown];
  verdict: [Verdict];
  /** The hub's `error` message; `id` names the request it ends (docs/protocol.md), when it had one. */
  error: [{ code: string; message: Text; id?: number }];
  announce: [Text];
  /** The journal's moments of a cluster (answer to the `moments` command). */
  moments: [MomentsMessage];
  fatal: [Fatal];
}

export class HubConnection extends EventEmitter<ConnectionEvents> {
  private ws: WebSocket | null = null;
  private attempt = 0;
  private nextId = 1;
  private everOnline = false;
  private stopped = false;
  private retryTimer: NodeJS.Timeout | null = null;
  private readonly startedAt = Date.now();
  status: LinkStatus = 'connecting';
  seat: Welcome['seat'] | null = null;

  constructor(private readonly options: ConnectionOptions) {
    super();
  }

  start(): this {
    this.open();
    return this;
  }

  /** Hand a move to the hub; the verdict comes back with the returned id. */
  sendMove(cluster: string, server: string, input: MoveInput, proposal?: Move): number | null {
    const id = this.nextId++;
    return this.send({ type: 'move', id, cluster, server, input, ...(proposal ? { proposal } : {}) }) ? id : null;
  }

  /** An instructor command (the hub checks the key). */
  sendCommand(command: unknown): number | null {
    const id = this.nextId++;
    return this.send({ type: 'command', id, command }) ? id : null;
  }

  close(): void {
    this.stopped = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.ws?.close(CLOSE.normal, 'bye');
    this.setStatus('closed');
  }

  private send(message: object): boolean {
    if (!this.ws || this.ws.readyState !== WebSocket.OPEN) return false;
    this.ws.send(JSON.stringify(message));
    return true;
  }

  private url(): string {
    const u = new URL(this.options.url);
    if (this.options.code) u.searchParams.set('code', this.options.code);
    if (this.options.key) u.searchParams.set('key', this.options.key);
    return u.toString();
  }

  private open(): void {
    let url: string;
    try {
      url = this.url();
    } catch {
      this.fail({ code: 'net/bad-url', message: { en: `"${this.options.url}" is not a hub address: use ws://HOST:PORT.`, ru: `«${this.options.url}» — не адрес хаба: используй ws://HOST:PORT.` } });
      return;
    }
    const ws = new WebSocket(url, { perMessageDeflate: false, handshakeTimeout: 5000 });
    this.ws = ws;
    ws.on('open', () => this.hello());
    ws.on('message', (data, isBinary) => {
      if (isBinary) return;
      this.receive(data.toString());
    });
    ws.on('unexpected-response', (_req, res) => {
      // The hub refuses a wrong code or key before the WebSocket exists (HTTP 401).
      const code = res.statusCode === 401 ? (this.options.key ? 'auth/bad-key' : 'auth/bad-code') : res.statusCode === 503 ? 'room/full' : null;
      if (code) this.fail({ code, message: messageFor(code) });
      ws.terminate();
    });
    ws.on('error', () => {
      /* 'close' follows and decides what to do */
    });
    ws.on('close', (closeCode) => this.closed(closeCode));
  }

  private hello(): void {
    const token = this.options.tokens?.get(this.options.url, this.options.code ?? '');
    const hello: Hello = {
      type: 'hello',
      protocol: PROTOCOL_VERSION,
      role: this.options.role,
      ...(this.options.name ? { name: this.options.name } : {}),
      ...(this.options.cluster ? { cluster: this.options.cluster } : {}),
      ...(this.options.server && !token ? { server: this.options.server } : {}),
      ...(token ? { token } : {}),
    };
    this.send(hello);
  }

  private receive(raw: string): void {
    // Validated, not cast (src/protocol/parse.ts): a frame the schemas refuse is dropped, not acted on.
    const parsed = parseHubFrame(raw);
    if (!parsed.ok) return;
    const message = parsed.message;
    switch (message.type) {
      case 'welcome':
        this.attempt = 0;
        this.everOnline = true;
        this.seat = message.seat ?? null;
        if (message.seat) this.options.tokens?.set(this.options.url, this.options.code ?? '', message.seat.token);
        this.setStatus('online');
        this.emit('welcome', message);
        break;
      case 'view':
        this.emit('view', message.view, message.version);
        break;
      case 'room':
        this.emit('room', message);
        break;
      case 'verdict':
        this.emit('verdict', message);
        break;
      case 'announce':
        this.emit('announce', message.text);
        break;
      case 'moments':
        this.emit('moments', message);
        break;
      case 'error':
        // A stale token after the hub's session changed: forget it and join afresh.
        if (message.code === 'auth/bad-token') this.options.tokens?.delete(this.options.url, this.options.code ?? '');
        this.emit('error', { code: message.code, message: message.message, ...(message.id !== undefined ? { id: message.id } : {}) });
        break;
    }
  }

  private closed(closeCode: number): void {
    this.ws = null;
    if (this.stopped) return;
    if (FINAL_CLOSES.has(closeCode)) {
      const code = closeCode === CLOSE.takenOver ? 'seat/taken-over' : closeCode === CLOSE.roomFull ? 'room/full' : closeCode === CLOSE.released ? 'seat/released' : closeCode === CLOSE.badVersion ? 'protocol/version' : 'auth/bad-key';
      if (closeCode === CLOSE.released) this.options.tokens?.delete(this.options.url, this.options.code ?? '');
      this.fail({ code, message: messageFor(code) });
      return;
    }
    if (!this.everOnline && Date.now() - this.startedAt > (this.options.firstConnectMs ?? 8000)) {
      this.fail({
        code: 'net/unreachable',
        message: {
          en: `No hub answers at ${this.options.url}. Check the address and that the hub is running.`,
          ru: `По адресу ${this.options.url} хаб не отвечает. Проверь адрес и что хаб запущен.`,
        },
      });
      return;
    }
    this.setStatus(this.everOnline ? 'reconnecting' : 'connecting');
    // Exponential backoff with jitter: 250 ms doubling to 5 s, so a restarted hub is not stormed.
    const delay = Math.min(5000, 250 * 2 ** this.attempt) * (0.75 + Math.random() * 0.5);
    this.attempt = Math.min(this.attempt + 1, 10);
    this.retryTimer = setTimeout(() => this.open(), delay);
  }

  private fail(fatal: Fatal): void {
    if (this.stopped) return;
    this.stopped = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.setStatus('closed');
    this.emit('fatal', fatal);
  }

  private setStatus(status: LinkStatus): void {
    if (this.status === status) return;
    this.status = status;
    this.emit('status', status);
  }
}

function messageFor(code: string): Text {
  return (PROTOCOL_ERRORS as Record<string, Text>)[code] ?? { en: code, ru: code };
}
