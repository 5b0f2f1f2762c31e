/**
 * The hub: one room behind a `ws` server. Transport, authentication and limits live here; every
 * change to the room goes through the room's serial queue (room-queue.ts), so this file decides
 * *who* may do *what*, and the queue decides *when* it happened and makes it durable.
 *
 * Embeddable: `startHub(options)` is what the `hub` command, the tests and `solo` call. Its
 * lifecycle: bind the port (nothing else exists before it is ours), open the session directory
 * (session-open.ts: lock, session, keys, journal), build the queue and the parts, go live; stop in
 * the reverse order and release the lock. It wires the parts: seats.ts (tokens, lottery, seat
 * limits, release), views-push.ts (views, presence, corking), hub-bots.ts (in-process bots),
 * room-clock.ts (ticks), upgrade.ts (HTTP, auth, throttling), conn.ts.
 */
import * as path from 'node:path';
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, WebSocket } from 'ws';
import type { Room, RoomConfig } from '../src/game/types.js';
import type { Lang } from '../src/i18n/text.js';
import { CLOSE } from '../src/protocol/codes.js';
import { closeConn, type Conn } from './conn.js';
import { HubBots } from './hub-bots.js';
import type { HubParts } from './hub-frames.js';
import { format } from '../src/i18n/format.js';
import { webProjectorRoute } from './web-projector.js';
import { clientDownloadRoute, type ClientFile } from './client-download.js';
import { openConnection, startHeartbeat } from './hub-conns.js';
import { Journal } from './journal.js';
import { createLogger, type Logger } from './log.js';
import type { RateLimit } from './rate-limit.js';
import type { GameEngine } from './engine-types.js';
import { RoomClock } from './room-clock.js';
import { Batch, describe, RoomQueue } from './room-queue.js';
import { Seats } from './seats.js';
import { sha256 } from './session.js';
import { openSessionDir, type OpenedSession } from './session-open.js';
import { createHubServer, type Access, type HttpRoute } from './upgrade.js';
import { ViewsPush } from './views-push.js';

export interface HubOptions {
  port?: number;
  host?: string;
  clusters?: number;
  size?: number;
  /** Any other room settings (mode, assist, election…). */
  room?: Partial<RoomConfig>;
  /** Where to create the session directory (default ./sessions/<timestamp>). */
  data?: string;
  /** Resume the session recorded in this directory. */
  resume?: string;
  lang?: Lang;
  /** Fixed credentials (tests, solo); otherwise drawn at random. */
  code?: string | undefined;
  key?: string;
  /** The read-only projector key (`watch`); drawn at random when not given. */
  projectorKey?: string;
  /**
   * A second instructor key valid for this run only and never stored: the `hub` command's own
   * console connects with it, so the console works after `--resume` too (only the first key's
   * hash is kept on disk).
   */
  consoleKey?: string;
  seed?: number;
  /** Also log to stdout (`hub --plain`; never under the console). */
  stdoutLog?: boolean;
  heartbeatMs?: number;
  helloTimeoutMs?: number;
  rate?: RateLimit;
  maxConnections?: number;
  maxPayload?: number;
  /** Student seats one address may hold (issue 11 #7); `hub --seats-per-address`. */
  seatsPerAddress?: number;
  /** A student seat never moved and gone this long returns to the lottery. */
  abandonedAfterMs?: number;
  /** In-process bots at human pace wait between these many ms before a move. */
  humanPaceMs?: [number, number];
  /** Called when the hub stops on its own (journal failure). */
  onFatal?: (err: unknown) => void;
  clock?: () => number;
  /** The game layer; default: src/game. Tests of the transport alone may pass a stand-in. */
  engine?: GameEngine;
  /** The one-file client to serve at /raft-sheet.mjs (server/client-download.ts). */
  client?: ClientFile;
  /** This program's version (package.json), told to clients in `welcome.app`. */
  app?: string;
}

export interface Hub {
  port: number;
  host: string;
  code: string;
  /** The instructor key; null only when resuming a session recorded before keys.json was kept. */
  key: string | null;
  /** The read-only projector key for `watch`; null as for `key`. */
  projectorKey: string | null;
  dir: string;
  /** Set when resuming found a torn last line. */
  torn: { line: number; bytes: number } | null;
  /** Records replayed on resume. */
  replayed: number;
  room(): Room;
  version(): number;
  connections(): number;
  log: Logger;
  close(): Promise<void>;
}

export const DEFAULTS = {
  port: 7070,
  host: '0.0.0.0',
  heartbeatMs: 15_000,
  helloTimeoutMs: 10_000,
  rate: { capacity: 60, perSecond: 30 } satisfies RateLimit,
  maxConnections: 2000,
  maxPayload: 64 * 1024,
  humanPaceMs: [1000, 2000] as [number, number],
  highWater: 512 * 1024,
  seatsPerAddress: 4,
  abandonedAfterMs: 120_000,
};

/** The port in a sentence an instructor can act on (issue 11 #6). */
function listenError(err: unknown, host: string, port: number): Error {
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'EADDRINUSE') return new Error(`port ${port} on ${host} is in use by another program (another hub?): stop it, or choose another port with --port`);
  if (code === 'EACCES') return new Error(`port ${port} on ${host} needs privileges this user lacks: choose a port above 1023 with --port`);
  if (code === 'EADDRNOTAVAIL') return new Error(`${host} is not an address of this machine: check --host`);
  return new Error(`cannot listen on ${host}:${port}: ${(err as Error).message}`);
}
/** Takes the port, then the session (new or resumed) and its journal; then runs the hub (runHub). */
export async function startHub(options: HubOptions = {}): Promise<Hub> {
  const clock = options.clock ?? Date.now;
  const maxConnections = options.maxConnections ?? DEFAULTS.maxConnections;
  // Loaded lazily so the transport can run (and be tested) with a stand-in engine.
  const engine = options.engine ?? (await import('./engine.js')).gameEngine;
  const { createRandom } = engine;

  const host = options.host ?? DEFAULTS.host;
  let logRef: Logger | null = null;
  const conns = new Set<Conn>();
  const state: HubState = {
    closing: false,
    started: false,
    // Filled in once the session is open; until then every upgrade is dropped unanswered (upgrade.ts).
    onConnection: () => undefined,
    clusterCount: () => 0,
  };
  const auth = {
    code: '',
    keyHash: '',
    projectorKeyHash: null as string | null,
    consoleKeyHash: options.consoleKey ? sha256(options.consoleKey) : null,
    maxConnections,
    clock,
    log: Object.assign((level: 'info' | 'warn' | 'error', message: string) => logRef?.(level, message), { close: async () => undefined }) as Logger,
    closing: () => state.closing,
    starting: () => !state.started,
    connections: () => conns.size,
    clusters: () => state.clusterCount(),
    accept: (req: IncomingMessage, socket: Duplex, head: Buffer, access: Access, remote: string) => wss.handleUpgrade(req, socket, head, (ws) => state.onConnection(ws, access, remote)),
    // Plain HTTP pages served on the hub's port (upgrade.ts `HttpRoute`): pushed here as features add them.
    routes: [] as HttpRoute[],
  };
  if (options.client) auth.routes.push(clientDownloadRoute(options.client));
  // The web projector's page and files (web-projector.ts), from the package's dist/web.
  auth.routes.push(webProjectorRoute());
  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: options.maxPayload ?? DEFAULTS.maxPayload,
    perMessageDeflate: false,
    clientTracking: false,
  });

  // ---------------------------------------------------------------- the port, before anything else
  // Nothing is created, locked, logged or timed before the port is ours (issue 11 #6: a hub on a
  // taken port hung with its heartbeat running and left a session directory behind).
  const server = createHubServer(auth);
  await listen(server, host, options.port ?? DEFAULTS.port);
  server.on('error', (err) => logRef?.('error', `http server: ${err.message}`));

  // ---------------------------------------------------------------- session: new or resumed
  let opened: OpenedSession;
  try {
    opened = await openSessionDir(options, engine, clock);
  } catch (err) {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    throw err;
  }
  const { session, dir, records, goodBytes, keys, lock: heldLock } = opened;
  auth.code = session.code;
  auth.keyHash = session.keyHash;
  auth.projectorKeyHash = keys?.projector ? sha256(keys.projector) : null;
  const log = createLogger(path.join(dir, 'hub.log'), options.stdoutLog ?? false);
  logRef = log;
  logOpened(log, opened, options.resume !== undefined);

  const last = records[records.length - 1];
  const journal = await Journal.open(dir, last ? last.n + 1 : 1, goodBytes).catch(async (err: unknown) => {
    // Nothing has started yet: give the port and the directory back before failing.
    log('error', `cannot open ${dir}/journal.jsonl: ${describe(err)}`);
    await log.close();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await heldLock.release();
    throw err;
  });
  // Reseed on resume so a resumed session does not replay the first run's random draws.
  const random = createRandom((session.seed + (last ? last.n : 0)) >>> 0);

  return runHub({ options, engine, clock, server, wss, conns, state, opened, log, journal, random, lastNumber: last ? last.n : 0 });
}

/** What the upgrade path and the running hub share: set as the hub starts and stops. */
interface HubState {
  closing: boolean;
  started: boolean;
  onConnection: (ws: WebSocket, access: Access, remote: string) => void;
  clusterCount: () => number;
}

/** Everything a hub needs to run once its port is listening and its session and journal are open. */
interface OpenHub {
  options: HubOptions;
  engine: GameEngine;
  clock: () => number;
  server: Server;
  wss: WebSocketServer;
  conns: Set<Conn>;
  state: HubState;
  opened: OpenedSession;
  log: Logger;
  journal: Journal;
  random: () => number;
  lastNumber: number;
}

/** The room queue and its seats, views, bots and clock; connections let in; the Hub handed back. */
function runHub(o: OpenHub): Hub {
  const { options, engine, clock, server, wss, conns, state, log, journal, random } = o;
  const { session, dir, records, torn, keys, room, lock: heldLock } = o.opened;
  const key = keys?.instructor ?? null;
  const projectorKey = keys?.projector ?? null;
  const code = session.code;
  const host = options.host ?? DEFAULTS.host;
  const rate = options.rate ?? DEFAULTS.rate;
  // The queue calls afterCommit only once a job has run, after everything below is built.
  const queue = new RoomQueue(room, o.lastNumber, {
    engine,
    journal,
    clock,
    random,
    log,
    afterCommit,
    onFatal: (err) => {
      log('error', `journal write failed, stopping: ${describe(err)}`);
      for (const c of conns) closeConn(c, CLOSE.internal);
      void shutdown().finally(() => options.onFatal?.(err));
    },
  });

  // Seat tokens (hashes only, as in the journal) and who is connected.
  const seats = new Seats(queue, clock, {
    seatsPerAddress: options.seatsPerAddress ?? DEFAULTS.seatsPerAddress,
    abandonedAfterMs: options.abandonedAfterMs ?? DEFAULTS.abandonedAfterMs,
  });
  state.clusterCount = () => seats.clusterIds().length;
  seats.replay(records);
  const views = new ViewsPush({ queue, engine, seats, conns, code, held: () => bots.held, errs: () => bots.errs });
  const bots = new HubBots({ queue, engine, seats, log, humanPace: options.humanPaceMs ?? DEFAULTS.humanPaceMs, closing: () => state.closing });
  const roomClock = new RoomClock({ queue, clock, log, closing: () => state.closing });

  function afterCommit(batch: Batch): void {
    views.answer(batch);
    bots.schedule(batch);
    roomClock.schedule();
  }

  const parts: HubParts = { queue, seats, views, bots, log, clock, conns, dir, session, engine, rate, ...(options.app ? { app: options.app } : {}) };

  // ---------------------------------------------------------------- transport
  let nextConnId = 1;
  const helloTimeoutMs = options.helloTimeoutMs ?? DEFAULTS.helloTimeoutMs;
  state.onConnection = (ws, access, remote) => openConnection({ parts, nextId: () => nextConnId++, helloTimeoutMs, highWater: DEFAULTS.highWater }, ws, access, remote);
  const heartbeat = startHeartbeat(conns, log, options.heartbeatMs ?? DEFAULTS.heartbeatMs);

  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : (options.port ?? DEFAULTS.port);
  state.started = true;
  log('info', format('en', 'listening on {host}:{port}; session {dir}; code {code}; {clusters} {clusters:cluster|clusters} of {size}; at most {seats} student {seats:seat|seats} per address', {
    host, port, dir, code, clusters: seats.clusterIds().length, size: queue.room.config.size, seats: seats.limits.seatsPerAddress,
  }));
  bots.schedule(null);
  roomClock.schedule();
  // The debrief's timeline shows where the hub stopped and came back (src/report).
  if (options.resume) queue.enqueue((b) => void queue.record(b, { at: clock(), kind: 'hub', what: 'resumed', replayed: records.length, torn: torn !== null }));

  let shutdownPromise: Promise<void> | null = null;
  function shutdown(): Promise<void> {
    state.closing = true;
    clearInterval(heartbeat);
    views.stop();
    shutdownPromise ??= stopHub({ bots, roomClock, server, queue, conns, wss, journal, log, lock: heldLock });
    return shutdownPromise;
  }

  return {
    port,
    host: options.host ?? DEFAULTS.host,
    code,
    key,
    projectorKey,
    dir,
    torn,
    replayed: records.length,
    room: () => queue.room,
    version: () => queue.version,
    connections: () => conns.size,
    log,
    close: shutdown,
  };
}

/** Listens, or fails with a sentence an instructor can act on (listenError). */
async function listen(server: Server, host: string, port: number): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  }).catch((err: unknown) => {
    throw listenError(err, host, port);
  });
}

/** What the log says about a session as it opens: a stale lock recovered, a resume and its damage. */
function logOpened(log: Logger, opened: OpenedSession, resumed: boolean): void {
  const { dir, records, torn, keys, lock } = opened;
  if (lock.stale) log('warn', `recovered a stale lock: ${dir}/hub.lock was left by pid ${lock.stale.pid} on ${lock.stale.host} (since ${lock.stale.since}), which is no longer running`);
  if (!resumed) return;
  log('info', `resumed ${dir}: replayed ${records.length} records`);
  if (torn) log('warn', `journal: the last line (line ${torn.line}, ${torn.bytes} bytes) was torn by a crash and was cut off; nobody had been told about it`);
  if (!keys) log('warn', `${dir}/keys.json is missing (a session from before keys were kept): the instructor key is the one printed at its start; there is no projector key`);
}

/** Stops a running hub in order: timers, the port, the queue (every command answered), the connections, the files. */
async function stopHub(h: {
  bots: HubBots;
  roomClock: RoomClock;
  server: Server;
  queue: RoomQueue;
  conns: Set<Conn>;
  wss: WebSocketServer;
  journal: Journal;
  log: Logger;
  lock: OpenedSession['lock'];
}): Promise<void> {
  h.bots.stop();
  h.roomClock.stop();
  // Stop accepting, let every queued command commit and be answered, then say goodbye.
  const httpClosed = new Promise<void>((resolve) => h.server.close(() => resolve()));
  await h.queue.stop();
  const gone = [...h.conns].map(
    (c) =>
      new Promise<void>((resolve) => {
        if (c.ws.readyState === WebSocket.CLOSED) return resolve();
        c.ws.once('close', () => resolve());
        closeConn(c, CLOSE.goingAway);
        setTimeout(() => {
          c.ws.terminate();
          resolve();
        }, 1000).unref();
      }),
  );
  await Promise.all(gone);
  h.wss.close();
  await httpClosed;
  await h.journal.close();
  h.log('info', 'hub stopped');
  await h.log.close();
  await h.lock.release();
}
