/**
 * What the hub sends to one socket, with coalescing for slow readers. The room never waits for
 * a socket: while the socket's send buffer is above the high-water mark, messages queue here
 * and a newer view *replaces* the queued one (moved to the end, so it still follows the
 * verdicts sent before it). A reader that stays congested too long is dropped.
 */
export interface SocketLike {
  readonly bufferedAmount: number;
  readonly readyState: number;
  send(data: string): void;
}

/** The part of a net.Socket that corking needs. */
export interface Corkable {
  cork(): void;
  uncork(): void;
}

/**
 * While `run(f)` runs, every socket an outbox writes to is corked once and uncorked when `f`
 * returns: the messages a batch sends to one socket (its view, its verdict, an announcement)
 * leave in one write syscall (writev) instead of one each. Nested runs share the outer one.
 */
export class CorkScope {
  private depth = 0;
  private held = new Set<Corkable>();

  run(f: () => void): void {
    this.depth += 1;
    try {
      f();
    } finally {
      this.depth -= 1;
      if (this.depth === 0) this.release();
    }
  }

  /** Called before a write: corks `socket` for the rest of the current run (no-op outside a run). */
  hold(socket: Corkable | undefined): void {
    if (this.depth === 0 || !socket || this.held.has(socket)) return;
    socket.cork();
    this.held.add(socket);
  }

  private release(): void {
    const held = this.held;
    this.held = new Set();
    for (const s of held) {
      try {
        s.uncork();
      } catch {
        /* a socket destroyed meanwhile has nothing to flush */
      }
    }
  }
}

export interface OutboxOptions {
  /** Bytes in the socket's buffer above which we hold messages back. */
  highWater: number;
  /** How often to retry while holding messages. */
  pollMs: number;
  /** Drop the connection when this many non-view messages pile up (a reader that never reads). */
  maxQueued: number;
  /** Called when the reader is hopeless; the caller terminates the socket. */
  onOverflow: () => void;
  /** The transport's own socket, corked while `cork` runs (see CorkScope). */
  raw?: Corkable;
  cork?: CorkScope;
}

const OPEN = 1;

type Item = { view: boolean; data: string };

export class Outbox {
  private queue: Item[] = [];
  private timer: NodeJS.Timeout | null = null;
  /** Views dropped because a newer one replaced them (for the log and the tests). */
  coalesced = 0;

  constructor(
    private readonly socket: SocketLike,
    private readonly options: OutboxOptions,
  ) {}

  get queued(): number {
    return this.queue.length;
  }

  /** A message that must arrive (welcome, verdict, error, announcement). */
  send(data: string): void {
    this.push({ view: false, data });
  }

  /** A view: only the latest one matters. */
  sendView(data: string): void {
    this.push({ view: true, data });
  }

  close(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.queue = [];
  }

  private push(item: Item): void {
    if (this.socket.readyState !== OPEN) return;
    if (this.queue.length === 0 && this.socket.bufferedAmount < this.options.highWater) {
      this.options.cork?.hold(this.options.raw);
      this.socket.send(item.data);
      return;
    }
    if (item.view) {
      const old = this.queue.findIndex((q) => q.view);
      if (old >= 0) {
        this.queue.splice(old, 1);
        this.coalesced += 1;
      }
    }
    this.queue.push(item);
    if (this.queue.length > this.options.maxQueued) {
      this.close();
      this.options.onOverflow();
      return;
    }
    this.schedule();
  }

  private schedule(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.flush();
    }, this.options.pollMs);
    this.timer.unref();
  }

  private flush(): void {
    if (this.socket.readyState !== OPEN) return this.close();
    while (this.queue.length > 0 && this.socket.bufferedAmount < this.options.highWater) {
      this.socket.send(this.queue.shift()!.data);
    }
    if (this.queue.length > 0) this.schedule();
  }
}
