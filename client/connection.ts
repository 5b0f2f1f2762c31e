/**
 * A person's connection to the hub (student, console, projector) over the reconnecting link
 * (link.ts): say hello, resume the seat with its saved token after any drop, retry with backoff. It never throws at the caller: everything arrives as an
 * event, and the few situations where retrying cannot help (a wrong code, a full room, a seat
 * taken over, another protocol version) end it with a `fatal` event and a sentence.
 */
import { EventEmitter } from 'node:events';
import type { MoveInput, SeatView } from '../src/game/types.js';
import type { Text } from '../src/i18n/text.js';
import { PROTOCOL_ERRORS, type ErrorCode } from '../src/protocol/codes.js';
import { PROTOCOL_VERSION } from '../src/protocol/base-schemas.js';
import type { HubMessage, Hello, MomentsMessage, Role, Verdict, Welcome } from '../src/protocol/messages.js';
import type { Move } from '../src/raft/types.js';
import { HubLink } from './link.js';
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
  /** Reconnect backoff (link.ts); default 250 ms doubling to 5 s. */
  backoff?: { firstMs: number; maxMs: number };
}

export interface Fatal {
  code: ErrorCode | 'net/unreachable' | 'net/bad-url';
  message: Text;
}

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
  private link: HubLink | null = null;
  private nextId = 1;
  private everOnline = false;
  private stopped = false;
  private readonly startedAt = Date.now();
  status: LinkStatus = 'connecting';
  seat: Welcome['seat'] | null = null;
  /**
   * Events held back while nobody listens yet (`hold()` … `release()`): a student's connection
   * starts before the screen's modules have loaded (issue 15), and what the hub says meanwhile
   * (the welcome, the first view) waits here instead of being emitted to no one.
   */
  private held: { emit: () => void; event: keyof ConnectionEvents; args: unknown[] }[] | null = null;
  private heldListener: (() => void) | null = null;

  constructor(private readonly options: ConnectionOptions) {
    super();
  }

  /** Hold every event back until `release()`. */
  hold(): this {
    this.held ??= [];
    return this;
  }

  /** Emit what was held, in order, to the listeners there now; from now on events go out at once. */
  release(): void {
    const held = this.held;
    this.held = null;
    this.heldListener = null;
    for (const h of held ?? []) h.emit();
  }

  /**
   * While held: resolves when a view or a fatal end has arrived (the screen has something to
   * draw), or after `ms` (it then draws "connecting…" as usual).
   */
  heard(ms: number): Promise<void> {
    const arrived = () => this.held?.some((h) => h.event === 'view' || h.event === 'fatal') ?? true;
    if (arrived()) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.heldListener = () => {
        if (arrived()) done();
      };
    });
  }

  /**
   * While held: the latest view that came, taken out of what is held (the screen starts from it
   * instead of hearing it after its first frame); null when none came.
   */
  takeHeldView(): [SeatView, number] | null {
    const views = this.held?.filter((h) => h.event === 'view') ?? [];
    const last = views.at(-1);
    if (!last || !this.held) return null;
    this.held = this.held.filter((h) => h.event !== 'view');
    return last.args as [SeatView, number];
  }

  override emit<K extends keyof ConnectionEvents>(event: K, ...args: ConnectionEvents[K]): boolean {
    if (!this.held) return super.emit(event as keyof ConnectionEvents, ...(args as never));
    this.held.push({ event, args, emit: () => super.emit(event as keyof ConnectionEvents, ...(args as never)) });
    this.heldListener?.();
    return true;
  }

  start(): this {
    let url: string;
    try {
      url = this.url();
    } catch {
      this.fail({ code: 'net/bad-url', message: { en: `"${this.options.url}" is not a hub address: use ws://HOST:PORT.`, ru: `«${this.options.url}» — не адрес хаба: используй ws://HOST:PORT.` } });
      return this;
    }
    this.link = new HubLink({
      url,
      hello: () => this.hello(),
      // 250 ms doubling to 5 s: a terminal is back within a second of a hub that restarts at once.
      backoff: this.options.backoff ?? { firstMs: 250, maxMs: 5000 },
      onMessage: (message) => this.receive(message),
      onRefused: (status) => {
        // The hub refuses a wrong code or key before the WebSocket exists (HTTP 401).
        const code = status === 401 ? (this.options.key ? 'auth/bad-key' : 'auth/bad-code') : status === 503 ? 'room/full' : null;
        if (code) this.fail({ code, message: messageFor(code) });
      },
      onFinal: (code) => {
        if (code === 'seat/released') this.options.tokens?.delete(this.options.url, this.options.code ?? '');
        this.fail({ code, message: messageFor(code) });
      },
      onDrop: () => this.dropped(),
    }).start();
    return this;
  }

  /** Hand a move to the hub; the verdict comes back with the returned id. */
  sendMove(cluster: string, server: string, input: MoveInput, proposal?: Move): number | null {
    const id = this.nextId++;
    return this.send({ type: 'move', id, cluster, server, input, ...(proposal ? { proposal } : {}) }) ? id : null;
  }

  /** A student's answer to the open question of its cluster (issue 14); the verdict carries the id. */
  sendAnswer(cluster: string, server: string, question: string, choice: number): number | null {
    const id = this.nextId++;
    return this.send({ type: 'answer', id, cluster, server, question, choice }) ? id : null;
  }

  /** An instructor command (the hub checks the key). */
  sendCommand(command: unknown): number | null {
    const id = this.nextId++;
    return this.send({ type: 'command', id, command }) ? id : null;
  }

  close(): void {
    this.stopped = true;
    this.link?.stop();
    this.setStatus('closed');
  }

  /** False while the link is down: nothing is queued, the caller keeps its draft or command. */
  private send(message: object): boolean {
    return this.link?.send(message) ?? false;
  }

  private url(): string {
    const u = new URL(this.options.url);
    if (this.options.code) u.searchParams.set('code', this.options.code);
    if (this.options.key) u.searchParams.set('key', this.options.key);
    return u.toString();
  }

  private hello(): Hello {
    const token = this.options.tokens?.get(this.options.url, this.options.code ?? '');
    return {
      type: 'hello',
      protocol: PROTOCOL_VERSION,
      role: this.options.role,
      ...(this.options.name ? { name: this.options.name } : {}),
      ...(this.options.cluster ? { cluster: this.options.cluster } : {}),
      ...(this.options.server && !token ? { server: this.options.server } : {}),
      ...(token ? { token } : {}),
    };
  }

  private receive(message: HubMessage): void {
    switch (message.type) {
      case 'welcome':
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

  /** A drop: retry (the link's backoff), unless the hub was never reached within firstConnectMs. */
  private dropped(): boolean {
    if (this.stopped) return false;
    if (!this.everOnline && Date.now() - this.startedAt > (this.options.firstConnectMs ?? 8000)) {
      this.fail({
        code: 'net/unreachable',
        message: {
          en: `No hub answers at ${this.options.url}. Check the address and that the hub is running.`,
          ru: `По адресу ${this.options.url} хаб не отвечает. Проверь адрес и что хаб запущен.`,
        },
      });
      return false;
    }
    this.setStatus(this.everOnline ? 'reconnecting' : 'connecting');
    return true;
  }

  private fail(fatal: Fatal): void {
    if (this.stopped) return;
    this.stopped = true;
    this.link?.stop('terminate');
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
