/**
 * The hub's HTTP server: `/health`, a plain answer to anything that is not a WebSocket, and the
 * authentication at the upgrade (instructor key, or the room's join code) before `ws` sees it.
 */
import * as http from 'node:http';
import type { Duplex } from 'node:stream';
import { UPGRADE_STATUS } from '../src/protocol/codes.js';
import { PROTOCOL_VERSION } from '../src/protocol/messages.js';
import type { Logger } from './log.js';
import { normaliseCode, sameHash, sha256 } from './session.js';

export interface UpgradeDeps {
  code: string;
  keyHash: string;
  /** The `hub` command's own console key (this run only), or null. */
  consoleKeyHash: string | null;
  maxConnections: number;
  log: Logger;
  closing: () => boolean;
  connections: () => number;
  clusters: () => number;
  /** Hands an authenticated upgrade to the WebSocket server. */
  accept: (req: http.IncomingMessage, socket: Duplex, head: Buffer, privileged: boolean, remote: string) => void;
}

export function rejectUpgrade(socket: Duplex, status: number, code: string): void {
  const reason = status === 401 ? 'Unauthorized' : status === 404 ? 'Not Found' : 'Service Unavailable';
  socket.end(`HTTP/1.1 ${status} ${reason}\r\nContent-Type: text/plain\r\nX-Raft-Sheet-Error: ${code}\r\nConnection: close\r\nContent-Length: ${code.length + 1}\r\n\r\n${code}\n`);
}

export function createHubServer(deps: UpgradeDeps): http.Server {
  const server = http.createServer((req, res) => {
    if (req.url === '/health') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ protocol: PROTOCOL_VERSION, clusters: deps.clusters(), connections: deps.connections() }));
      return;
    }
    res.writeHead(426, { 'content-type': 'text/plain' });
    res.end('raft-sheet hub: connect with a WebSocket (see docs/protocol.md)\n');
  });
  server.on('upgrade', (req: http.IncomingMessage, socket: Duplex, head: Buffer) => onUpgrade(deps, req, socket, head));
  return server;
}

function onUpgrade(deps: UpgradeDeps, req: http.IncomingMessage, socket: Duplex, head: Buffer): void {
  const { log } = deps;
  socket.on('error', () => {
    /* a client vanishing mid-handshake is not our problem */
  });
  const remote = `${req.socket.remoteAddress ?? '?'}:${req.socket.remotePort ?? '?'}`;
  if (deps.closing()) return rejectUpgrade(socket, UPGRADE_STATUS.full, 'hub/shutting-down');
  let url: URL;
  try {
    url = new URL(req.url ?? '/', 'http://hub');
  } catch {
    return rejectUpgrade(socket, UPGRADE_STATUS.notFound, 'frame/invalid');
  }
  if (url.pathname !== '/') return rejectUpgrade(socket, UPGRADE_STATUS.notFound, 'frame/invalid');
  if (deps.connections() >= deps.maxConnections) {
    log('warn', `refused ${remote}: connection cap ${deps.maxConnections} reached`);
    return rejectUpgrade(socket, UPGRADE_STATUS.full, 'room/full');
  }
  const header = (name: string) => {
    const v = req.headers[name];
    return Array.isArray(v) ? v[0] : v;
  };
  const givenKey = url.searchParams.get('key') ?? header('x-raft-sheet-key');
  const givenCode = url.searchParams.get('code') ?? header('x-raft-sheet-code');
  let privileged = false;
  if (givenKey !== null && givenKey !== undefined) {
    const given = sha256(givenKey);
    if (!sameHash(given, deps.keyHash) && !(deps.consoleKeyHash !== null && sameHash(given, deps.consoleKeyHash))) {
      log('warn', `refused ${remote}: wrong instructor key`);
      return rejectUpgrade(socket, UPGRADE_STATUS.unauthorised, 'auth/bad-key');
    }
    privileged = true;
  } else if (givenCode === null || givenCode === undefined || !sameHash(sha256(normaliseCode(givenCode)), sha256(deps.code))) {
    log('warn', `refused ${remote}: wrong join code`);
    return rejectUpgrade(socket, UPGRADE_STATUS.unauthorised, 'auth/bad-code');
  }
  deps.accept(req, socket, head, privileged, remote);
}
