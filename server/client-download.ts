/**
 * The one-file client on the hub's own port (issue 15): `GET /raft-sheet.mjs` answers the
 * bundle (scripts/build-client.mjs) so a student with nothing but Node downloads it from the
 * instructor's laptop, without internet or npm. The file is read once, when the hub starts, and
 * kept as one buffer: a class of 100 downloading at once costs the hub 100 socket writes of that
 * buffer, no disk and no hashing (bench: docs/performance.md, "one-file client").
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { HttpRoute } from './upgrade.js';

export const CLIENT_PATH = '/raft-sheet.mjs';

export interface ClientFile {
  body: Buffer;
  /** Hex SHA-256 of the body: printed in the hub's banner so a student can check the download. */
  sha256: string;
}

/** Reads the bundle; null when it is not there (a build that ran tsc only). */
export function readClientFile(file: string): ClientFile | null {
  let body: Buffer;
  try {
    body = readFileSync(file);
  } catch {
    return null;
  }
  return { body, sha256: createHash('sha256').update(body).digest('hex') };
}

/** GET and HEAD of `/raft-sheet.mjs`, with a strong ETag (its hash) so a repeated download can be a 304. */
export function clientDownloadRoute(client: ClientFile): HttpRoute {
  const etag = `"${client.sha256}"`;
  const headers = {
    // text/javascript is the registered type for JavaScript modules (RFC 9239).
    'content-type': 'text/javascript; charset=utf-8',
    'content-length': String(client.body.length),
    etag,
    'cache-control': 'no-cache',
    'content-disposition': 'attachment; filename="raft-sheet.mjs"',
  };
  return (req, res) => {
    const pathname = (req.url ?? '').split('?')[0];
    if (pathname !== CLIENT_PATH) return false;
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD', 'content-type': 'text/plain' });
      res.end('GET or HEAD only\n');
      return true;
    }
    if (req.headers['if-none-match'] === etag) {
      res.writeHead(304, { etag, 'cache-control': 'no-cache' });
      res.end();
      return true;
    }
    res.writeHead(200, headers);
    res.end(req.method === 'HEAD' ? undefined : client.body);
    return true;
  };
}
