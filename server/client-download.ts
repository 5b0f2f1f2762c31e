/**
 * The one-file client on the hub's own port (issue 15): `GET /raft-sheet.mjs` answers the
 * bundle (scripts/build-client.mjs) so a student with nothing but Node downloads it from the
 * instructor's laptop, without internet or npm. The file is read once, when the hub starts, and
 * kept as one buffer: a class of 100 downloading at once costs the hub 100 socket writes of that
 * buffer, no disk and no hashing (bench: docs/performance.md, "one-file client").
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import type { HttpRoute } from './upgrade.js';

export const CLIENT_PATH = '/raft-sheet.mjs';

export interface ClientFile {
  body: Buffer;
  /** Hex SHA-256 of the body: printed in the hub's banner so a student can check the download. */
  sha256: string;
  /**
   * The body gzipped once at start, for clients that accept it (Node's fetch, browsers): about a
   * quarter of the bytes on the room's Wi-Fi. curl and PowerShell without options get the body.
   */
  gzip?: Buffer;
}

/** Reads the bundle; null when it is not there (a build that ran tsc only). */
export function readClientFile(file: string): ClientFile | null {
  let body: Buffer;
  try {
    body = readFileSync(file);
  } catch {
    return null;
  }
  return { body, sha256: createHash('sha256').update(body).digest('hex'), gzip: gzipSync(body, { level: 9 }) };
}

/**
 * GET and HEAD of `/raft-sheet.mjs`, gzipped for a client that accepts it. Each representation
 * has its own strong ETag (the hash of the file, `.gz` for the gzipped one), so a repeated
 * download can be a 304.
 */
export function clientDownloadRoute(client: ClientFile): HttpRoute {
  const plain = { body: client.body, etag: `"${client.sha256}"`, encoding: null };
  const gzipped = client.gzip ? { body: client.gzip, etag: `"${client.sha256}.gz"`, encoding: 'gzip' } : null;
  const pacer = new DownloadPacer();
  return (req, res) => {
    const pathname = (req.url ?? '').split('?')[0];
    if (pathname !== CLIENT_PATH) return false;
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD', 'content-type': 'text/plain' });
      res.end('GET or HEAD only\n');
      return true;
    }
    const accepts = /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''));
    const v = accepts && gzipped ? gzipped : plain;
    const common = { etag: v.etag, 'cache-control': 'no-cache', vary: 'accept-encoding' };
    if (req.headers['if-none-match'] === v.etag) {
      res.writeHead(304, common);
      res.end();
      return true;
    }
    res.writeHead(200, {
      ...common,
      // text/javascript is the registered type for JavaScript modules (RFC 9239).
      'content-type': 'text/javascript; charset=utf-8',
      'content-length': String(v.body.length),
      ...(v.encoding ? { 'content-encoding': v.encoding } : {}),
      'content-disposition': 'attachment; filename="raft-sheet.mjs"',
    });
    if (req.method === 'HEAD') res.end();
    else pacer.send(res, v.body);
    return true;
  };
}

/**
 * The bytes of every download under way share one budget per turn: at most `TURN_BYTES` in
 * all, one chunk of `CHUNK_BYTES` per download in turn, and the next turn comes on a timer
 * (TURN_MS), so the downloads together take at most about 64 MB/s of the hub's time (a class of
 * 100 gets a 370 KiB file in about a second; a room's Wi-Fi is slower than that anyway). A whole
 * file in one `end(body)` (or all its chunks while the socket takes them: on a LAN or loopback
 * the kernel takes a whole file at once) copied 100 files in one turn when a class arrived
 * together, and every move waiting behind that turn was late (the hub's delivery p99 1.6× its
 * own during a wave: docs/performance.md §7). Paced, a turn copies at most this budget, then the
 * game's messages go. A socket that is full waits for its 'drain'; one that closes leaves the set.
 */
export const CHUNK_BYTES = 64 * 1024;
export const TURN_BYTES = 64 * 1024;
export const TURN_MS = 1;

/** What the pacer needs of a response: node:http's ServerResponse (a stand-in in tests). */
export interface DownloadSink {
  write(chunk: Buffer): boolean;
  end(chunk: Buffer): unknown;
  once(event: 'close' | 'drain', listener: () => void): unknown;
}

interface Transfer {
  res: DownloadSink;
  body: Buffer;
  offset: number;
  /** Waiting for 'drain': its socket holds all it will take for now. */
  full: boolean;
}

/** The downloads under way, in the order they are served (round-robin). */
export class DownloadPacer {
  private readonly transfers: Transfer[] = [];
  private next = 0;
  private scheduled = false;

  constructor(
    private readonly turnBytes = TURN_BYTES,
    private readonly chunkBytes = CHUNK_BYTES,
    /** When the next turn runs: after TURN_MS (tests turn it by hand). */
    private readonly later: (turn: () => void) => void = (turn) => setTimeout(turn, TURN_MS),
  ) {}

  /** How many downloads are under way (tests, the bench). */
  get size(): number {
    return this.transfers.length;
  }

  send(res: DownloadSink, body: Buffer): void {
    const t: Transfer = { res, body, offset: 0, full: false };
    this.transfers.push(t);
    res.once('close', () => this.remove(t));
    this.schedule();
  }

  private remove(t: Transfer): void {
    const i = this.transfers.indexOf(t);
    if (i < 0) return;
    this.transfers.splice(i, 1);
    if (i < this.next) this.next -= 1;
  }

  private schedule(): void {
    if (this.scheduled || this.transfers.length === 0) return;
    this.scheduled = true;
    this.later(() => this.turn());
  }

  /** One turn's budget, one chunk per download in turn, skipping full sockets. */
  private turn(): void {
    this.scheduled = false;
    let budget = this.turnBytes;
    let idle = 0;
    while (budget > 0 && this.transfers.length > 0 && idle < this.transfers.length) {
      if (this.next >= this.transfers.length) this.next = 0;
      const t = this.transfers[this.next];
      if (t.full) {
        idle += 1;
        this.next += 1;
        continue;
      }
      idle = 0;
      const end = Math.min(t.offset + this.chunkBytes, t.body.length);
      const chunk = t.body.subarray(t.offset, end);
      t.offset = end;
      budget -= chunk.length;
      if (end === t.body.length) {
        this.remove(t);
        t.res.end(chunk);
        continue;
      }
      this.next += 1;
      if (!t.res.write(chunk)) {
        t.full = true;
        t.res.once('drain', () => {
          t.full = false;
          this.schedule();
        });
      }
    }
    // What is left waits for the next turn (or for a drain when every socket is full).
    if (this.transfers.some((t) => !t.full)) this.schedule();
  }
}
