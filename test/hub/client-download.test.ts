/**
 * The one-file client on the hub's port (issue 15, server/client-download.ts): what a student's
 * `fetch`, `curl` or PowerShell download gets, and the hub's version in `welcome.app`.
 */
import { createHash, randomBytes } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
