/**
 * The instructor as a test needs one: starts game 1 and says `next` whenever cluster A's step
 * is done, until game 4's last step is done. It reconnects by itself, so it survives a hub that
 * is killed and resumed; it decides only from the room view, so a `next` lost in a crash is
 * simply sent again and one that landed is never repeated.
 */
import WebSocket from 'ws';
import type { InstructorView } from '../../src/game/types.js';
import type { HubMessage } from '../../src/protocol/messages.js';

export interface DriverOptions {
  url: string;
  key: string;
  cluster?: string;
  firstGame?: number;
  lastGame?: number;
  /** Called with each (game, step) the cluster reaches. */
  onStep?: (game: number, step: number) => void;
}

export class ScriptDriver {
  finished: Promise<void>;
  view: InstructorView | null = null;
  private resolve!: () => void;
  private ws: WebSocket | null = null;
  private stopped = false;
  private id = 1;

  constructor(private readonly options: DriverOptions) {
    this.finished = new Promise((r) => (this.resolve = r));
    this.open();
  }

  stop(): void {
    this.stopped = true;
    this.ws?.close();
  }

  private open(): void {
    if (this.stopped) return;
    const url = new URL(this.options.url);
    url.searchParams.set('key', this.options.key);
    const ws = new WebSocket(url);
    this.ws = ws;
    let sentFor: string | null = null;
    ws.on('open', () => ws.send(JSON.stringify({ type: 'hello', protocol: 1, role: 'instructor' })));
    ws.on('error', () => {});
    ws.on('close', () => {
      if (!this.stopped) setTimeout(() => this.open(), 50);
    });
    ws.on('message', (data) => {
      const msg = JSON.parse(data.toString()) as HubMessage;
      if (msg.type !== 'room') return;
      const view = msg.view as InstructorView;
      this.view = view;
      const cluster = view.clusters.find((c) => c.id === (this.options.cluster ?? 'A'));
      if (!cluster) return;
      const s = cluster.script;
      const command = (c: object) => ws.send(JSON.stringify({ type: 'command', id: this.id++, command: c }));
      if (!s) {
        if (sentFor !== 'start') command({ type: 'script', action: 'start', game: this.options.firstGame ?? 1 });
        sentFor = 'start';
        return;
      }
      const here = `${s.game}.${s.step}`;
      this.options.onStep?.(s.game, s.step);
      if (!s.done) return;
      if (s.game === (this.options.lastGame ?? 4) && s.step === s.steps) {
        this.resolve();
        return;
      }
      if (sentFor === here) return;
      sentFor = here;
      command({ type: 'script', action: 'next' });
    });
  }
}
