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
import { nanoid } from 'nanoid';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, WebSocket, type RawData } from 'ws';
import type { Command, RewindHistory, Room, RoomConfig, Seat } from '../src/game/types.js';
import type { Lang, Text } from '../src/i18n/text.js';
import { CLOSE, errorText, type CloseCode, type ErrorCode } from '../src/protocol/codes.js';
import { PROTOCOL_VERSION, type CommandMessage, type Hello, type MomentsCommand, type MoveMessage, type Role } from '../src/protocol/messages.js';
import { parseClientFrame, peekFrame } from '../src/protocol/parse.js';
import { closeConn, refuse, send, sendError, sendVerdict, type Conn } from './conn.js';
import { HubBots } from './hub-bots.js';
import { Journal, readJournal, type JournalRecord } from './journal.js';
import { journalMoments } from '../src/report/moments.js';
import { createLogger, type Logger } from './log.js';
import { Outbox, type Corkable } from './outbox.js';
import { TokenBucket, type RateLimit } from './rate-limit.js';
import type { GameEngine } from './engine-types.js';
import { RoomClock } from './room-clock.js';
import { Batch, describe, RoomQueue } from './room-queue.js';
import { hasCluster, ownSeat, Seats, seatKey, splitKey, type SeatKey } from './seats.js';
import { sha256 } from './session.js';
import { openSessionDir, type OpenedSession } from './session-open.js';
import { commandRefusal, helloRefusal, moveRefusal } from './authorise.js';
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
export async function startHub(options: HubOptions = {}): Promise<Hub> {
  const clock = options.clock ?? Date.now;
  const heartbeatMs = options.heartbeatMs ?? DEFAULTS.heartbeatMs;
  const helloTimeoutMs = options.helloTimeoutMs ?? DEFAULTS.helloTimeoutMs;
  const rate = options.rate ?? DEFAULTS.rate;
  const maxConnections = options.maxConnections ?? DEFAULTS.maxConnections;
  const humanPace = options.humanPaceMs ?? DEFAULTS.humanPaceMs;
  // Loaded lazily so the transport can run (and be tested) with a stand-in engine.
  const engine = options.engine ?? (await import('./engine.js')).gameEngine;
  const { createRandom } = engine;

  const host = options.host ?? DEFAULTS.host;
  let closing = false;
  let started = false;
  let logRef: Logger | null = null;
  const conns = new Set<Conn>();
  // Filled in once the session is open; until then every upgrade is dropped unanswered (upgrade.ts).
  let onConnection: (ws: WebSocket, access: Access, remote: string) => void = () => undefined;
  let clusterCount = () => 0;
  const auth = {
    code: '',
    keyHash: '',
    projectorKeyHash: null as string | null,
    consoleKeyHash: options.consoleKey ? sha256(options.consoleKey) : null,
    maxConnections,
    clock,
    log: Object.assign((level: 'info' | 'warn' | 'error', message: string) => logRef?.(level, message), { close: async () => undefined }) as Logger,
    closing: () => closing,
    starting: () => !started,
    connections: () => conns.size,
    clusters: () => clusterCount(),
    accept: (req: IncomingMessage, socket: Duplex, head: Buffer, access: Access, remote: string) => wss.handleUpgrade(req, socket, head, (ws) => onConnection(ws, access, remote)),
    // Plain HTTP pages served on the hub's port (upgrade.ts `HttpRoute`): pushed here as features add them.
    routes: [] as HttpRoute[],
  };
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
  const wantPort = options.port ?? DEFAULTS.port;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(wantPort, host, () => {
      server.off('error', reject);
      resolve();
    });
  }).catch((err: unknown) => {
    throw listenError(err, host, wantPort);
  });
  server.on('error', (err) => logRef?.('error', `http server: ${err.message}`));

  // ---------------------------------------------------------------- session: new or resumed
  let opened: OpenedSession;
  try {
    opened = await openSessionDir(options, engine, clock);
  } catch (err) {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    throw err;
  }
  const { session, dir, records, torn, goodBytes, keys, room, lock: heldLock } = opened;
  const key = keys?.instructor ?? null;
  const projectorKey = keys?.projector ?? null;
  const code = session.code;
  auth.code = code;
  auth.keyHash = session.keyHash;
  auth.projectorKeyHash = projectorKey ? sha256(projectorKey) : null;
  const log = createLogger(path.join(dir, 'hub.log'), options.stdoutLog ?? false);
  logRef = log;
  if (heldLock.stale) log('warn', `recovered a stale lock: ${dir}/hub.lock was left by pid ${heldLock.stale.pid} on ${heldLock.stale.host} (since ${heldLock.stale.since}), which is no longer running`);
  if (options.resume) {
    log('info', `resumed ${dir}: replayed ${records.length} records`);
    if (torn) log('warn', `journal: the last line (line ${torn.line}, ${torn.bytes} bytes) was torn by a crash and was cut off; nobody had been told about it`);
    if (!keys) log('warn', `${dir}/keys.json is missing (a session from before keys were kept): the instructor key is the one printed at its start; there is no projector key`);
  }

  let nextConnId = 1;

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

  // The queue calls afterCommit only once a job has run, after everything below is built.
  const queue = new RoomQueue(room, last ? last.n : 0, {
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
  clusterCount = () => seats.clusterIds().length;
  seats.replay(records);
  const views = new ViewsPush({ queue, engine, seats, conns, code, held: () => bots.held, errs: () => bots.errs });
  const bots = new HubBots({ queue, engine, seats, log, humanPace, closing: () => closing });
  const roomClock = new RoomClock({ queue, clock, log, closing: () => closing });

  function afterCommit(batch: Batch): void {
    views.answer(batch);
    bots.schedule(batch);
    roomClock.schedule();
  }

  // ---------------------------------------------------------------- hello: seats bound to connections
  function bindSeat(b: Batch, c: Conn, k: SeatKey, role: Role, token: string, resumed: boolean, lottery: boolean): void {
    b.bind.push(() => {
      if (c.ws.readyState !== WebSocket.OPEN) return;
      const previous = seats.seatConn.get(k);
      if (previous && previous !== c) {
        previous.seat = null;
        sendError(previous, 'seat/taken-over', errorText('seat/taken-over'));
        closeConn(previous, CLOSE.takenOver);
      }
      c.seat = k;
      c.role = role;
      c.helloPending = false;
      seats.connected(k, c);
      const [cid, sid] = splitKey(k);
      send(c, {
        type: 'welcome',
        protocol: PROTOCOL_VERSION,
        role,
        room: { clusters: seats.clusterIds(), size: queue.room.config.size },
        seat: { cluster: cid, server: sid, token, resumed, lottery },
      });
      views.pushSeatView(c, true);
      log('info', `conn ${c.id} (${c.remote}) ${resumed ? 'resumed' : 'took'} seat ${k} as ${role}`);
    });
    b.presence = true;
  }

  function welcomeInstructor(b: Batch, c: Conn): void {
    b.bind.push(() => {
      c.role = 'instructor';
      c.helloPending = false;
      send(c, { type: 'welcome', protocol: PROTOCOL_VERSION, role: 'instructor', room: { clusters: seats.clusterIds(), size: queue.room.config.size } });
      views.instructors.add(c);
      views.roomForced.add(c);
      log('info', `conn ${c.id} (${c.remote}) is an instructor`);
    });
  }

  /**
   * Every hello is answered or closed (issue 11 #2): a job that throws still answers
   * `hub/internal` and closes, so a connection can never sit unanswered with its hello timer
   * gone. Names a client gives (cluster, server) are looked up as own properties only.
   */
  function helloJob(c: Conn, hello: Hello): (b: Batch) => void {
    return (b) => {
      if (c.ws.readyState !== WebSocket.OPEN) return;
      const fail = (code: ErrorCode, message: Text, closeCode?: CloseCode) =>
        b.bind.push(() => {
          c.helloPending = false;
          sendError(c, code, message);
          if (closeCode) closeConn(c, closeCode);
        });
      try {
        seatHello(b, c, hello, fail);
      } catch (err) {
        log('error', `conn ${c.id} (${c.remote}): hello failed: ${describe(err)}`);
        fail('hub/internal', errorText('hub/internal'), CLOSE.internal);
      }
    };
  }

  function seatHello(b: Batch, c: Conn, hello: Hello, fail: (code: ErrorCode, message: Text, closeCode?: CloseCode) => void): void {
    if (hello.role === 'instructor') return welcomeInstructor(b, c);
    if (hello.token !== undefined) {
      const k = seats.seatOfToken(sha256(hello.token));
      if (!k) return fail('auth/bad-token', errorText('auth/bad-token'));
      const [cid, sid] = splitKey(k);
      const seat = ownSeat(queue.room, cid, sid);
      const role: Role = seat?.kind === 'bot' ? 'bot' : 'student';
      return bindSeat(b, c, k, role, hello.token, true, false);
    }
    if (hello.cluster !== undefined && !hasCluster(queue.room, hello.cluster)) {
      return fail('cluster/unknown', { en: `There is no cluster ${hello.cluster}.`, ru: `Кластера ${hello.cluster} нет.` });
    }
    // The cap counts student seats given to this address; bots come with the instructor key.
    if (hello.role === 'student' && seats.heldBy(c.address) >= seats.limits.seatsPerAddress) {
      log('warn', `conn ${c.id} (${c.remote}): refused a seat: ${c.address} already holds ${seats.limits.seatsPerAddress}`);
      return fail('seat/limit', errorText('seat/limit'), CLOSE.roomFull);
    }
    let k: SeatKey | null;
    const lottery = hello.server === undefined;
    if (!lottery) {
      const cid = hello.cluster ?? seats.clusterIds()[0];
      k = seatKey(cid, hello.server!);
      if (!ownSeat(queue.room, cid, hello.server!)) return fail('server/unknown', { en: `There is no server ${hello.server} in cluster ${cid}.`, ru: `В кластере ${cid} нет сервера ${hello.server}.` });
      if (!seats.seatFree(k)) return fail('seat/taken', errorText('seat/taken'));
    } else {
      k = seats.drawSeat(hello.cluster, hello.role);
      if (!k) return fail('room/full', errorText('room/full'), CLOSE.roomFull);
    }
    const [cid, sid] = splitKey(k);
    const seat: Seat = hello.role === 'bot' ? { kind: 'bot', pace: hello.pace ?? 'fast' } : { kind: 'student', name: hello.name ?? `${cid}/${sid}` };
    const outcome = queue.reduce(b, { type: 'seat', cluster: cid, server: sid, seat }, 'hub');
    if (!outcome.ok) return fail(outcome.code, outcome.message);
    const token = nanoid();
    queue.record(b, { at: clock(), kind: 'token', cluster: cid, server: sid, hash: sha256(token) });
    seats.issueTokenHash(k, sha256(token));
    if (hello.role === 'student') seats.givenTo(k, c.address);
    bots.cancel(k);
    // The hand-over is used up; journaled so a resume does not hand the seat again (issue 12).
    if (seats.handover.delete(k)) queue.record(b, { at: clock(), kind: 'hand', cluster: cid, server: sid, on: false });
    bindSeat(b, c, k, hello.role, token, false, lottery);
  }

  // ---------------------------------------------------------------- messages
  function onMove(c: Conn, msg: MoveMessage): void {
    const refused = moveRefusal(c, msg);
    if (refused || !c.seat) return refuse(c, msg.id, refused ?? 'protocol/hello-first');
    const by = c.seat;
    const command: Command = { type: 'move', cluster: msg.cluster, server: msg.server, input: msg.input, ...(msg.proposal ? { proposal: msg.proposal } : {}) };
    queue.enqueue((b) => {
      // The seat may have been released while this waited in the queue.
      if (c.seat !== by) return void b.reply.push(() => refuse(c, msg.id, 'seat/not-yours'));
      const outcome = queue.reduce(b, command, by);
      seats.markMoved(by);
      if (outcome.ok) b.force.add(by);
      b.reply.push(() => sendVerdict(c, msg.id, outcome));
    });
  }

  function onCommand(c: Conn, msg: CommandMessage): void {
    const refused = commandRefusal(c);
    if (refused) return refuse(c, msg.id, refused);
    const command = msg.command;
    if (command.type === 'rewind') return rewindCommand(c, msg.id, command);
    if (command.type === 'moments') return momentsCommand(c, msg.id, command);
    queue.enqueue((b) => {
      const outcome = command.type === 'bots' ? bots.command(b, command) : queue.reduce(b, command, 'instructor');
      if (outcome.ok && command.type === 'seat') seats.releaseSeat(b, seatKey(command.cluster, command.server));
      if (outcome.ok && command.type === 'announce') {
        b.reply.push(() => {
          for (const other of conns) {
            const inCluster = other.seat && (command.cluster === undefined || splitKey(other.seat)[0] === command.cluster);
            if (inCluster || other.role === 'instructor') send(other, { type: 'announce', ...(command.cluster ? { cluster: command.cluster } : {}), text: command.text });
          }
        });
      }
      b.reply.push(() => sendVerdict(c, msg.id, outcome));
      log('info', `instructor: ${JSON.stringify(command).slice(0, 200)} → ${outcome.ok ? 'ok' : outcome.code}`);
    });
  }

  /**
   * Rewind (src/game/rewind.ts): the moment's snapshot is rebuilt from the journal on disk
   * (every record up to `to` is committed, since `to` is below the version anybody could have
   * seen), outside the queue so a long journal never stalls the room; the rewind itself then
   * runs in the queue like any command and is journaled as one `rewind` event.
   */
  function rewindCommand(c: Conn, id: number, command: Extract<Command, { type: 'rewind' }>): void {
    readJournal(dir).then(
      (read) => enqueueRewind(read.records),
      (err: unknown) => {
        log('error', `rewind: could not read the journal: ${describe(err)}`);
        enqueueRewind(null);
      },
    );
    function enqueueRewind(records: JournalRecord[] | null): void {
      queue.enqueue((b) => {
        const lastRead = records?.[records.length - 1]?.n ?? 0;
        const history: RewindHistory | undefined =
          records && engine.clusterAt
            ? { last: queue.lastNumbered, clusterAt: (cid, to) => (to > lastRead ? null : engine.clusterAt!(session.config, records, cid, to)) }
            : undefined;
        const outcome = queue.reduce(b, command, 'instructor', history);
        b.reply.push(() => sendVerdict(c, id, outcome));
        log('info', `instructor: ${JSON.stringify(command)} → ${outcome.ok ? 'ok' : outcome.code}`);
      });
    }
  }

  /** The rewind picker's moments, read from the journal on disk (outside the queue, like rewind). */
  function momentsCommand(c: Conn, id: number, command: MomentsCommand): void {
    if (!queue.room.clusters[command.cluster]) {
      return sendVerdict(c, id, { ok: false, code: 'cluster/unknown', message: { en: `There is no cluster ${command.cluster}.`, ru: `Кластера ${command.cluster} нет.` } });
    }
    readJournal(dir).then(
      (read) => {
        send(c, { type: 'moments', cluster: command.cluster, moments: journalMoments(session, read.records, command.cluster, 400, command.lang ?? 'en') });
        sendVerdict(c, id, { ok: true, version: queue.version, mistakes: [] });
      },
      (err: unknown) => {
        log('error', `moments: could not read the journal: ${describe(err)}`);
        refuse(c, id, 'hub/internal');
      },
    );
  }

  function onHello(c: Conn, hello: Hello): void {
    if (c.role !== null || c.helloPending) return sendError(c, 'protocol/hello-twice', errorText('protocol/hello-twice'));
    if (hello.protocol !== PROTOCOL_VERSION) {
      sendError(c, 'protocol/version', errorText('protocol/version'), { detail: `this hub speaks protocol ${PROTOCOL_VERSION}` });
      return closeConn(c, CLOSE.badVersion);
    }
    const refused = helloRefusal(c, hello);
    if (refused === 'auth/bad-key') {
      sendError(c, refused, errorText(refused));
      return closeConn(c, CLOSE.unauthorised);
    }
    if (refused) return sendError(c, refused, errorText(refused));
    if (c.helloTimer) clearTimeout(c.helloTimer);
    c.helloTimer = null;
    c.helloPending = true;
    if (!queue.enqueue(helloJob(c, hello))) c.helloPending = false;
  }

  function onFrame(c: Conn, data: RawData, isBinary: boolean): void {
    const text = isBinary ? '' : Array.isArray(data) ? Buffer.concat(data).toString('utf8') : Buffer.from(data as ArrayBuffer).toString('utf8');
    if (!c.bucket.take(clock())) {
      c.dropped += 1;
      // The dropped frame is not parsed (that is what the limit saves), but its top-level id is
      // read in one cheap pass: an error with its id ends that request for its sender, who
      // would otherwise wait for a verdict that never comes. Frames without a readable id get
      // one error per burst. At most `capacity` of them before the close below.
      const id = isBinary ? undefined : peekFrame(text).id;
      if (id !== undefined || !c.limitedNotified) {
        c.limitedNotified = true;
        sendError(c, 'rate/limited', errorText('rate/limited'), id !== undefined ? { id } : {});
      }
      if (c.dropped > rate.capacity) {
        log('warn', `conn ${c.id} (${c.remote}) flooded past the rate limit: closing`);
        closeConn(c, CLOSE.rateLimited);
      }
      return;
    }
    c.limitedNotified = false;
    c.dropped = 0;
    const parsed = parseClientFrame(text, isBinary);
    if (!parsed.ok) {
      return sendError(c, parsed.code, parsed.message, {
        ...(parsed.id !== undefined ? { id: parsed.id } : {}),
        ...(parsed.detail ? { detail: parsed.detail } : {}),
      });
    }
    const msg = parsed.message;
    if (msg.type === 'hello') return onHello(c, msg);
    if (c.role === null) return sendError(c, 'protocol/hello-first', errorText('protocol/hello-first'), { id: msg.id });
    if (msg.type === 'move') return onMove(c, msg);
    return onCommand(c, msg);
  }

  // ---------------------------------------------------------------- transport
  onConnection = (ws: WebSocket, access: Access, remote: string): void => {
    const c: Conn = {
      id: nextConnId++,
      ws,
      remote,
      privileged: access === 'instructor',
      readOnly: access === 'projector',
      address: remote.slice(0, remote.lastIndexOf(':')),
      role: null,
      helloPending: false,
      seat: null,
      outbox: new Outbox(ws, {
        highWater: DEFAULTS.highWater,
        pollMs: 50,
        maxQueued: 1000,
        // ws's own net.Socket (not public API, stable since ws 1): corked while a batch is answered.
        raw: rawSocket(ws),
        cork: views.cork,
        onOverflow: () => {
          log('warn', `conn ${c.id} (${c.remote}) stopped reading: dropped`);
          ws.terminate();
        },
      }),
      bucket: new TokenBucket(rate, clock()),
      dropped: 0,
      limitedNotified: false,
      alive: true,
      lastView: null,
      helloTimer: null,
    };
    conns.add(c);
    // Without this listener one bad frame (oversized, invalid UTF-8) would crash the process.
    ws.on('error', (err) => log('warn', `conn ${c.id} (${c.remote}): ${err.message}`));
    ws.on('pong', () => {
      c.alive = true;
    });
    ws.on('message', (data, isBinary) => {
      try {
        onFrame(c, data, isBinary);
      } catch (err) {
        log('error', `conn ${c.id}: frame handler threw: ${describe(err)}`);
        sendError(c, 'hub/internal', errorText('hub/internal'));
      }
    });
    ws.on('close', (closeCode) => {
      conns.delete(c);
      views.instructors.delete(c);
      c.outbox.close();
      if (c.helloTimer) clearTimeout(c.helloTimer);
      if (c.seat && seats.seatConn.get(c.seat) === c) seats.connected(c.seat, null);
      log('info', `conn ${c.id} (${c.remote}) closed ${closeCode}${c.seat ? ` (seat ${c.seat} kept for its token)` : ''}`);
      c.seat = null;
      queue.enqueue((b) => {
        b.presence = true;
      });
    });
    c.helloTimer = setTimeout(() => {
      if (c.role === null && !c.helloPending) {
        sendError(c, 'protocol/hello-timeout', errorText('protocol/hello-timeout'));
        closeConn(c, CLOSE.helloTimeout);
      }
    }, helloTimeoutMs);
  };

  // Heartbeat: a connection that does not answer a ping within one interval is dead (or not
  // reading at all): terminate it so its seat shows as disconnected and its buffers are freed.
  const heartbeat = setInterval(() => {
    for (const c of conns) {
      if (!c.alive) {
        log('info', `conn ${c.id} (${c.remote}) missed a heartbeat: terminated`);
        c.ws.terminate();
        continue;
      }
      c.alive = false;
      try {
        c.ws.ping();
      } catch {
        /* closing already */
      }
    }
  }, heartbeatMs);

  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : (options.port ?? DEFAULTS.port);
  started = true;
  log('info', `listening on ${host}:${port}; session ${dir}; code ${code}; ${seats.clusterIds().length} cluster(s) of ${queue.room.config.size}; at most ${seats.limits.seatsPerAddress} student seat(s) per address`);
  bots.schedule(null);
  roomClock.schedule();
  // The debrief's timeline shows where the hub stopped and came back (src/report).
  if (options.resume) queue.enqueue((b) => void queue.record(b, { at: clock(), kind: 'hub', what: 'resumed', replayed: records.length, torn: torn !== null }));

  let shutdownPromise: Promise<void> | null = null;
  function shutdown(): Promise<void> {
    shutdownPromise ??= (async () => {
      closing = true;
      clearInterval(heartbeat);
      bots.stop();
      roomClock.stop();
      // Stop accepting, let every queued command commit and be answered, then say goodbye.
      const httpClosed = new Promise<void>((resolve) => server.close(() => resolve()));
      await queue.stop();
      const gone = [...conns].map(
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
      wss.close();
      await httpClosed;
      await journal.close();
      log('info', 'hub stopped');
      await log.close();
      await heldLock.release();
    })();
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

/** ws's own net.Socket (not public API, stable since ws 1), if it is there to cork. */
function rawSocket(ws: WebSocket): Corkable | undefined {
  const socket: unknown = Reflect.get(ws, '_socket');
  return typeof socket === 'object' && socket !== null && 'cork' in socket && 'uncork' in socket ? (socket as Corkable) : undefined;
}
