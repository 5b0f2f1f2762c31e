/**
 * A plain `ws` test client that records every message and lets a test wait on one, so the
 * hub tests wait on events, never on sleeps.
 */
import WebSocket from 'ws';
import type { HubMessage } from '../../src/protocol/messages.js';
import { parseHubFrame } from '../../src/protocol/parse.js';

export interface Opened {
  client: TestClient;
}

export class TestClient {
  readonly messages: HubMessage[] = [];
  closed: { code: number; reason: string } | null = null;
  private waiters: { pred: (m: HubMessage) => boolean; resolve: (m: HubMessage) => void; from: number }[] = [];
  private closeWaiters: ((c: { code: number; reason: string }) => void)[] = [];
  private nextId = 1;

  constructor(readonly ws: WebSocket) {
    ws.on('message', (data, isBinary) => {
      if (isBinary) return;
      // Every frame the hub sends must pass the schemas its clients validate with (client/connection.ts).
      const parsed = parseHubFrame(data.toString());
      if (!parsed.ok) throw new Error(`the hub sent a frame its clients refuse: ${parsed.problem}: ${data.toString().slice(0, 300)}`);
      const msg = parsed.message;
      this.messages.push(msg);
      for (const w of [...this.waiters]) {
        if (w.pred(msg)) {
          this.waiters.splice(this.waiters.indexOf(w), 1);
          w.resolve(msg);
        }
      }
    });
    ws.on('error', () => {});
    ws.on('close', (code, reason) => {
      this.closed = { code, reason: reason.toString() };
      for (const w of this.closeWaiters.splice(0)) w(this.closed);
    });
  }

  static open(url: string, query: Record<string, string>): Promise<TestClient> {
    const u = new URL(url);
    for (const [k, v] of Object.entries(query)) u.searchParams.set(k, v);
    const ws = new WebSocket(u, { perMessageDeflate: false });
    const client = new TestClient(ws);
    return new Promise((resolve, reject) => {
      ws.once('open', () => resolve(client));
      ws.once('unexpected-response', (_req, res) => reject(Object.assign(new Error(`HTTP ${res.statusCode}`), { status: res.statusCode, code: res.headers['x-raft-sheet-error'] })));
      ws.once('error', reject);
    });
  }

  /** The upgrade's HTTP status when it is refused, or 101 when it opens. */
  static async status(url: string, query: Record<string, string>, headers: Record<string, string> = {}): Promise<{ status: number; code?: string }> {
    const u = new URL(url);
    for (const [k, v] of Object.entries(query)) u.searchParams.set(k, v);
    const ws = new WebSocket(u, { headers });
    return new Promise((resolve) => {
      ws.once('open', () => {
        ws.close();
        resolve({ status: 101 });
      });
      ws.once('unexpected-response', (_req, res) => {
        resolve({ status: res.statusCode ?? 0, code: String(res.headers['x-raft-sheet-error']) });
        ws.terminate();
      });
      ws.on('error', () => {});
    });
  }

  send(msg: unknown): void {
    this.ws.send(typeof msg === 'string' || Buffer.isBuffer(msg) ? msg : JSON.stringify(msg));
  }

  id(): number {
    return this.nextId++;
  }

  /** Resolves with the first message (received from now on, or already received when `past`) that matches. */
  next<T extends HubMessage = HubMessage>(pred: (m: HubMessage) => boolean, opts: { past?: boolean; timeoutMs?: number } = {}): Promise<T> {
    if (opts.past) {
      const found = this.messages.find(pred);
      if (found) return Promise.resolve(found as T);
    }
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`timed out waiting; last messages: ${JSON.stringify(this.messages.slice(-3)).slice(0, 600)}`)), opts.timeoutMs ?? 10_000);
      this.waiters.push({
        pred,
        resolve: (m) => {
          clearTimeout(timer);
          resolve(m as T);
        },
        from: this.messages.length,
      });
    });
  }

  type<T extends HubMessage['type']>(type: T, opts: { past?: boolean; timeoutMs?: number } = {}): Promise<Extract<HubMessage, { type: T }>> {
    return this.next((m) => m.type === type, opts);
  }

  verdict(id: number): Promise<Extract<HubMessage, { type: 'verdict' }>> {
    return this.next((m) => m.type === 'verdict' && m.id === id, { past: true });
  }

  /** The latest view received. */
  lastView(): Extract<HubMessage, { type: 'view' }> | undefined {
    for (let i = this.messages.length - 1; i >= 0; i--) {
      const m = this.messages[i];
      if (m.type === 'view') return m;
    }
    return undefined;
  }

  waitClose(timeoutMs = 10_000): Promise<{ code: number; reason: string }> {
    if (this.closed) return Promise.resolve(this.closed);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('timed out waiting for close')), timeoutMs);
      this.closeWaiters.push((c) => {
        clearTimeout(timer);
        resolve(c);
      });
    });
  }

  close(): void {
    this.ws.close();
  }
}
