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
  /** sha256 of the read-only projector key (watch), or null. */
  projectorKeyHash: string | null;
  /** The `hub` command's own console key (this run only), or null. */
  consoleKeyHash: string | null;
  maxConnections: number;
  log: Logger;
  closing: () => boolean;
  /** True while the hub has its port but not yet its session (resume replaying the journal). */
  starting?: () => boolean;
  connections: () => number;
  clusters: () => number;
  /** Hands an authenticated upgrade to the WebSocket server. */
  accept: (req: http.IncomingMessage, socket: Duplex, head: Buffer, access: Access, remote: string) => void;
  clock?: () => number;
  /**
   * Plain HTTP pages the hub serves besides `/health` (the web projector, the one-file client):
   * each route answers the requests it claims and returns true; the first that claims one wins.
   */
  routes?: HttpRoute[];
}

/** One plain-HTTP route: returns true when it answered the request. */
export type HttpRoute = (req: http.IncomingMessage, res: http.ServerResponse) => boolean;

/** What the credentials given at the upgrade open: the instructor's key, the projector's, or the join code. */
export type Access = 'instructor' | 'projector' | 'code';

export function rejectUpgrade(socket: Duplex, status: number, code: string, retryAfterS?: number): void {
  const reason = status === 401 ? 'Unauthorized' : status === 404 ? 'Not Found' : status === 429 ? 'Too Many Requests' : 'Service Unavailable';
  const retry = retryAfterS !== undefined ? `Retry-After: ${retryAfterS}\r\n` : '';
  socket.end(`HTTP/1.1 ${status} ${reason}\r\nContent-Type: text/plain\r\nX-Raft-Sheet-Error: ${code}\r\n${retry}Connection: close\r\nContent-Length: ${code.length + 1}\r\n\r\n${code}\n`);
}

/**
 * Failed upgrades per address (issue 11 #5): a bucket of FAIL_BURST failures refilled at
 * FAIL_PER_SECOND. An address whose bucket is empty gets 429 `auth/throttled` for every upgrade,
 * right credentials or not (checking them would let guessing go on at full speed), until the
 * bucket refills. hub.log gets the first failure of a burst and one line when throttling starts;
 * the count of the failures in between is in the line that ends the burst. Addresses idle for
 * ten minutes are forgotten; at most MAX_ADDRESSES are remembered (the oldest go first).
 *
 * A class behind one NAT address shares the bucket: ten typos in a row from the whole class
 * slow everybody down for a few seconds, never longer.
 */
export const FAIL_BURST = 10;
export const FAIL_PER_SECOND = 2;
const FORGET_MS = 10 * 60_000;
const MAX_ADDRESSES = 10_000;

interface Failures {
  tokens: number;
  at: number;
  /** Failures not logged since the first of this burst. */
  quiet: number;
  throttled: boolean;
}

export class FailedUpgrades {
  private readonly byAddress = new Map<string, Failures>();
  constructor(
    private readonly log: Logger,
    private readonly clock: () => number,
  ) {}

  private state(address: string): Failures {
    const now = this.clock();
    let f = this.byAddress.get(address);
    if (f && now - f.at > FORGET_MS) {
      this.byAddress.delete(address);
      f = undefined;
    }
    if (!f) {
      if (this.byAddress.size >= MAX_ADDRESSES) this.byAddress.delete(this.byAddress.keys().next().value!);
      f = { tokens: FAIL_BURST, at: now, quiet: 0, throttled: false };
      this.byAddress.set(address, f);
    }
    f.tokens = Math.min(FAIL_BURST, f.tokens + ((now - f.at) / 1000) * FAIL_PER_SECOND);
    f.at = now;
    return f;
  }

  /** Seconds to wait when this address is throttled now, else null. */
  throttled(address: string): number | null {
    if (!this.byAddress.has(address)) return null;
    const f = this.state(address);
    if (f.tokens >= 1) {
      if (f.throttled) {
        this.log('warn', `${address}: throttling ended (${f.quiet} failed or throttled upgrades since the burst began)`);
        f.throttled = false;
        f.quiet = 0;
      }
      return null;
    }
    f.quiet += 1;
    return Math.ceil((1 - f.tokens) / FAIL_PER_SECOND);
  }

  /** One failed upgrade; `what` is logged for the first of a burst only. */
  failed(address: string, what: string): void {
    const f = this.state(address);
    // A full bucket: the last burst is over; a new one begins with this failure.
    if (f.tokens >= FAIL_BURST && !f.throttled) {
      if (f.quiet > 0) this.log('warn', `${address}: ${f.quiet} more failed upgrade(s) in the last burst`);
      f.quiet = 0;
      this.log('warn', `refused ${address}: ${what}`);
    } else f.quiet += 1;
    f.tokens = Math.max(0, f.tokens - 1);
    if (f.tokens < 1 && !f.throttled) {
      f.throttled = true;
      this.log('warn', `${address}: ${FAIL_BURST} failed upgrades in a burst: throttled (429) to ${FAIL_PER_SECOND} a second; further failures are counted, not logged`);
    }
  }
}

export function createHubServer(deps: UpgradeDeps): http.Server {
  const failures = new FailedUpgrades(deps.log, deps.clock ?? Date.now);
  const server = http.createServer((req, res) => {
    if (req.url === '/health') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ protocol: PROTOCOL_VERSION, clusters: deps.clusters(), connections: deps.connections() }));
      return;
    }
    for (const route of deps.routes ?? []) if (route(req, res)) return;
    res.writeHead(426, { 'content-type': 'text/plain' });
    res.end('raft-sheet hub: connect with a WebSocket (see docs/protocol.md)\n');
  });
  server.on('upgrade', (req: http.IncomingMessage, socket: Duplex, head: Buffer) => onUpgrade(deps, failures, req, socket, head));
  return server;
}

function onUpgrade(deps: UpgradeDeps, failures: FailedUpgrades, req: http.IncomingMessage, socket: Duplex, head: Buffer): void {
  const { log } = deps;
  socket.on('error', () => {
    /* a client vanishing mid-handshake is not our problem */
  });
  const address = req.socket.remoteAddress ?? '?';
  const remote = `${address}:${req.socket.remotePort ?? '?'}`;
  // Not ready yet: drop the connection as if nobody listened, so clients retry with their usual
  // backoff (a 503 would read as `room/full`, which ends a student's client).
  if (deps.starting?.()) return void socket.destroy();
  if (deps.closing()) return rejectUpgrade(socket, UPGRADE_STATUS.full, 'hub/shutting-down');
  const wait = failures.throttled(address);
  if (wait !== null) return rejectUpgrade(socket, UPGRADE_STATUS.throttled, 'auth/throttled', wait);
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
  let access: Access = 'code';
  if (givenKey !== null && givenKey !== undefined) {
    const given = sha256(givenKey);
    if (sameHash(given, deps.keyHash) || (deps.consoleKeyHash !== null && sameHash(given, deps.consoleKeyHash))) access = 'instructor';
    else if (deps.projectorKeyHash !== null && sameHash(given, deps.projectorKeyHash)) access = 'projector';
    else {
      failures.failed(address, `wrong instructor key (${remote})`);
      return rejectUpgrade(socket, UPGRADE_STATUS.unauthorised, 'auth/bad-key');
    }
  } else if (givenCode === null || givenCode === undefined || !sameHash(sha256(normaliseCode(givenCode)), sha256(deps.code))) {
    failures.failed(address, `wrong join code (${remote})`);
    return rejectUpgrade(socket, UPGRADE_STATUS.unauthorised, 'auth/bad-code');
  }
  deps.accept(req, socket, head, access, remote);
}
