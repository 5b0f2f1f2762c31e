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
import type { ServerResponse } from 'node:http';
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
    else sendInChunks(res, v.body);
    return true;
  };
}

/**
 * 64 KiB at a time, the next when the socket has drained: one `end(body)` copies the whole
 * file into the kernel in one go, and a class of 100 starting at once would hold the event loop
 * (and every move's delivery) for all 100 copies in a row; in chunks the copies interleave with
 * the game's traffic.
 */
export const CHUNK_BYTES = 64 * 1024;

function sendInChunks(res: ServerResponse, body: Buffer): void {
  let offset = 0;
  const next = (): void => {
    while (offset + CHUNK_BYTES < body.length) {
      const chunk = body.subarray(offset, offset + CHUNK_BYTES);
      offset += CHUNK_BYTES;
      // A socket that closes meanwhile never drains: nothing more is written, nothing leaks.
      if (!res.write(chunk)) return void res.once('drain', next);
    }
    res.end(body.subarray(offset));
  };
  next();
}
