/**
 * The web projector's files on the hub's own port (issue 13): `/projector` is the page, and
 * `/projector/<name>` its bundled script and style, read from the package's `dist/web/` (built by
 * scripts/build-web.mjs; nothing is fetched from the internet). The key is never in these
 * requests: it rides in the address's fragment (`/projector#key=…`), which a browser never sends,
 * and the page hands it to the WebSocket upgrade (upgrade.ts), so no HTTP log line can hold it.
 *
 * Only GET and HEAD; only names listed in the folder and made of [a-z0-9.-] (no `/`, no `..`:
 * no way out of the folder); anything else under `/projector` is 404.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { fileURLToPath } from 'node:url';
import * as path from 'node:path';
import type { HttpRoute } from './upgrade.js';

export const PROJECTOR_PATH = '/projector';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
};

/**
 * dist/web beside the compiled server (dist/server/web-projector.js → dist/web); in the one-file
 * bundle (dist/raft-sheet.mjs, also the packed package's program) the dist/web next to it; when
 * run from the sources (vitest), the built copy in dist/web.
 */
export function webRoot(): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  for (const candidate of [path.resolve(here, '..', 'web'), path.resolve(here, 'web')]) {
    if (existsSync(path.join(candidate, 'index.html'))) return candidate;
  }
  return path.resolve(here, '..', 'dist', 'web');
}

/** The page's address for a hub reachable at `host:port`, the key in the fragment. */
export function projectorAddress(host: string, port: number, key: string | null): string {
  const h = host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
  return `http://${h}:${port}${PROJECTOR_PATH}${key ? `#key=${encodeURIComponent(key)}` : ''}`;
}

const SAFE_NAME = /^[a-z0-9][a-z0-9.-]*$/;

export function webProjectorRoute(root: string = webRoot()): HttpRoute {
  // Read once: the files are the package's own, and a page is asked for by a handful of browsers.
  const files = new Map<string, { body: Buffer; type: string }>();
  const load = () => {
    if (files.size > 0 || !existsSync(root)) return;
    for (const name of readdirSync(root)) {
      const type = TYPES[path.extname(name)];
      if (!type || !SAFE_NAME.test(name)) continue;
      files.set(name, { body: readFileSync(path.join(root, name)), type });
    }
  };
  return (req: IncomingMessage, res: ServerResponse): boolean => {
    let pathname: string;
    try {
      pathname = new URL(req.url ?? '/', 'http://hub').pathname;
    } catch {
      return false;
    }
    if (pathname !== PROJECTOR_PATH && !pathname.startsWith(`${PROJECTOR_PATH}/`)) return false;
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD', 'content-type': 'text/plain' });
      res.end('method not allowed\n');
      return true;
    }
    const rest = pathname.slice(PROJECTOR_PATH.length + 1);
    const name = rest === '' ? 'index.html' : rest;
    load();
    const file = SAFE_NAME.test(name) ? files.get(name) : undefined;
    if (!file) {
      const missing = files.size === 0;
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end(missing ? 'the web projector is not built: run npm run build\n' : 'not found\n');
      return true;
    }
    res.writeHead(200, {
      'content-type': file.type,
      'content-length': file.body.length,
      'cache-control': 'no-cache',
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      // The page talks to its own hub only: no script, style or connection anywhere else.
      'content-security-policy': "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self' ws: wss:; base-uri 'none'; frame-ancestors 'none'",
    });
    res.end(req.method === 'HEAD' ? undefined : file.body);
    return true;
  };
}
