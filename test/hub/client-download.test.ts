/**
 * The one-file client on the hub's port (issue 15, server/client-download.ts): what a student's
 * `fetch`, `curl` or PowerShell download gets, and the hub's version in `welcome.app`.
 */
import { createHash, randomBytes } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { EventEmitter } from 'node:events';
import * as http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DownloadPacer } from '../../server/client-download.js';
import type { Hub } from '../../server/hub.js';
import { join, testHub } from './harness.js';

// Several of the route's 64 KiB chunks, and not a multiple of them (random, so gzip cannot shrink it to one).
const body = Buffer.from(`#!/usr/bin/env node\nconsole.log("a stand-in for the bundle: ünïcode counts in bytes");\n// ${randomBytes(150_001).toString('base64')}\n`);
const sha256 = createHash('sha256').update(body).digest('hex');

let hub: Hub;
let plain: Hub;
beforeAll(async () => {
  hub = await testHub({ client: { body, sha256, gzip: gzipSync(body) }, app: '9.9.9' });
  plain = await testHub();
});
afterAll(async () => {
  await hub.close();
  await plain.close();
});

const at = (h: Hub, path = '/raft-sheet.mjs') => `http://127.0.0.1:${h.port}${path}`;
// curl and PowerShell ask for no encoding; Node's fetch asks for gzip unless told otherwise.
const identity = { 'accept-encoding': 'identity' };

describe('GET /raft-sheet.mjs', () => {
  it('answers the file byte for byte, as a JavaScript module, with its length and its hash as ETag', async () => {
    const res = await fetch(at(hub), { headers: identity });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-encoding')).toBeNull();
    expect(res.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect(res.headers.get('content-length')).toBe(String(body.length));
    expect(res.headers.get('etag')).toBe(`"${sha256}"`);
    expect(Buffer.from(await res.arrayBuffer()).equals(body)).toBe(true);
  });

  it('a query string changes nothing; HEAD has the headers and no body', async () => {
    const withQuery = await fetch(at(hub, '/raft-sheet.mjs?v=1'), { headers: identity });
    expect(Buffer.from(await withQuery.arrayBuffer()).equals(body)).toBe(true);
    const head = await fetch(at(hub), { method: 'HEAD', headers: identity });
    expect(head.status).toBe(200);
    expect(head.headers.get('content-length')).toBe(String(body.length));
    expect((await head.arrayBuffer()).byteLength).toBe(0);
  });

  it('a download that already has this version gets 304; another method gets 405', async () => {
    const again = await fetch(at(hub), { headers: { ...identity, 'if-none-match': `"${sha256}"` } });
    expect(again.status).toBe(304);
    const stale = await fetch(at(hub), { headers: { ...identity, 'if-none-match': '"something-else"' } });
    expect(stale.status).toBe(200);
    await stale.arrayBuffer();
    const post = await fetch(at(hub), { method: 'POST', body: 'x' });
    expect(post.status).toBe(405);
    await post.arrayBuffer();
  });

  it("Node's fetch (the banner's command) gets it gzipped, with its own ETag, and unpacks the same bytes", async () => {
    const res = await fetch(at(hub));
    expect(res.headers.get('content-encoding')).toBe('gzip');
    expect(res.headers.get('etag')).toBe(`"${sha256}.gz"`);
    expect(res.headers.get('vary')).toBe('accept-encoding');
    expect(Buffer.from(await res.arrayBuffer()).equals(body)).toBe(true);
    const again = await fetch(at(hub), { headers: { 'if-none-match': `"${sha256}.gz"` } });
    expect(again.status).toBe(304);
  });

  it('other paths still get the plain answer, and a hub given no file does not serve one', async () => {
    const other = await fetch(at(hub, '/raft-sheet.js'));
    expect(other.status).toBe(426);
    await other.arrayBuffer();
    const none = await fetch(at(plain));
    expect(none.status).toBe(426);
    await none.arrayBuffer();
  });
});

/** One download read with node:http, as the bench's class does: the bytes, or the error. */
function download(h: Hub, headers: Record<string, string> = identity): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    http
      .get(at(h), { headers, agent: false }, (res) => {
        const parts: Buffer[] = [];
        res.on('data', (d: Buffer) => parts.push(d));
        res.on('end', () => resolve(Buffer.concat(parts)));
        res.on('error', reject);
      })
      .on('error', reject);
  });
}

describe('a class downloading at once', () => {
  it('forty downloads started together each get the whole file, and a student joins meanwhile', async () => {
    const downloads = Array.from({ length: 40 }, () => download(hub));
    const student = await join(hub, { role: 'student', name: 'Cy' });
    expect(student.welcome.seat).toBeTruthy();
    const bodies = await Promise.all(downloads);
    expect(bodies.every((b) => b.equals(body))).toBe(true);
    student.client.ws.close();
  });

  it('a download dropped half-way does not hold up the others', async () => {
    const dropped = new Promise<void>((resolve) => {
      const req = http.get(at(hub), { headers: identity, agent: false }, (res) => {
        res.once('data', () => {
          req.destroy();
          resolve();
        });
      });
      req.on('error', () => resolve());
    });
    const others = Array.from({ length: 5 }, () => download(hub));
    await dropped;
    expect((await Promise.all(others)).every((b) => b.equals(body))).toBe(true);
  });
});

/** A response that takes `room` bytes before it wants a 'drain', and records what it got. */
class FakeResponse extends EventEmitter {
  got: Buffer[] = [];
  ended = false;
  constructor(private room = Infinity) {
    super();
  }
  write(chunk: Buffer): boolean {
    this.got.push(chunk);
    this.room -= chunk.length;
    return this.room > 0;
  }
  end(chunk: Buffer): this {
    this.got.push(chunk);
    this.ended = true;
    return this;
  }
  drain(room: number): void {
    this.room = room;
    this.emit('drain');
  }
  bytes(): number {
    return this.got.reduce((n, c) => n + c.length, 0);
  }
}

describe('the download pacer', () => {
  /** A pacer whose turns run when the test says: [pacer, run the next turn → whether there was one]. */
  const manual = (turnBytes: number, chunkBytes: number) => {
    const queue: (() => void)[] = [];
    const pacer = new DownloadPacer(turnBytes, chunkBytes, (turn) => queue.push(turn));
    return { pacer, turn: () => (queue.length ? (queue.shift()!(), true) : false) };
  };
  const file = Buffer.alloc(10_000, 7);

  it('copies at most one turn’s budget per turn, a chunk per download in turn, until every file is whole', () => {
    const { pacer, turn } = manual(3_000, 1_000);
    const res = Array.from({ length: 4 }, () => new FakeResponse());
    for (const r of res) pacer.send(r, file);
    const total = () => res.reduce((n, r) => n + r.bytes(), 0);
    let turns = 0;
    let before = 0;
    while (turn()) {
      turns += 1;
      expect(total() - before).toBeLessThanOrEqual(3_000);
      before = total();
    }
    // 40 000 bytes at 3 000 a turn; each download got its chunks in turn (none ran ahead).
    expect(turns).toBe(Math.ceil(40_000 / 3_000));
    expect(res.every((r) => r.ended && Buffer.concat(r.got).equals(file))).toBe(true);
    expect(pacer.size).toBe(0);
  });

  it('a full socket waits for its drain while the others go on; a closed one is dropped', () => {
    const { pacer, turn } = manual(3_000, 1_000);
    const full = new FakeResponse(1_500);
    const closed = new FakeResponse();
    const free = new FakeResponse();
    pacer.send(full, file);
    pacer.send(closed, file);
    pacer.send(free, file);
    turn();
    closed.emit('close');
    while (turn());
    expect(free.ended && Buffer.concat(free.got).equals(file)).toBe(true);
    expect(full.bytes()).toBe(2_000);
    expect(closed.ended).toBe(false);
    expect(pacer.size).toBe(1);
    full.drain(Infinity);
    while (turn());
    expect(full.ended && Buffer.concat(full.got).equals(file)).toBe(true);
    expect(pacer.size).toBe(0);
  });
});

describe('welcome.app', () => {
  it("carries the hub's program version when it has one, and is absent otherwise", async () => {
    const a = await join(hub, { role: 'student', name: 'Ann' });
    expect(a.welcome.app).toBe('9.9.9');
    a.client.ws.close();
    const b = await join(plain, { role: 'student', name: 'Bob' });
    expect(b.welcome).not.toHaveProperty('app');
    b.client.ws.close();
  });
});
