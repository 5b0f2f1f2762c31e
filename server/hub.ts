/**
 * The hub: one room behind a `ws` server. Transport, authentication and limits live here; every
 * change to the room goes through the room's serial queue (room-queue.ts), so this file decides
 * *who* may do *what*, and the queue decides *when* it happened and makes it durable.
 *
 * Embeddable: `startHub(options)` is what the `hub` command, the tests and `solo` call.
 */
import { randomInt } from 'node:crypto';
import { promises as fsp } from 'node:fs';
import * as http from 'node:http';
import type { Duplex } from 'node:stream';
import * as path from 'node:path';
import { nanoid } from 'nanoid';
import { WebSocketServer, WebSocket, type RawData } from 'ws';
import type { ClusterId, Command, Pace, RewindHistory, Room, RoomConfig, Seat } from '../src/game/types.js';
import type { Lang, Text } from '../src/i18n/text.js';
import { CLOSE, CLOSE_REASON, errorText, UPGRADE_STATUS, type CloseCode, type ErrorCode, type ProtocolErrorCode } from '../src/protocol/codes.js';
import {
  PROTOCOL_VERSION,
  type BotsCommand,
  type CommandMessage,
  type Hello,
  type HubMessage,
  type MoveMessage,
  type Presence,
  type Role,
} from '../src/protocol/messages.js';
import { parseClientFrame, peekFrame } from '../src/protocol/parse.js';
import { Journal, readJournal, type JournalRecord } from './journal.js';
import { createLogger, type Logger } from './log.js';
import { CorkScope, Outbox, type Corkable } from './outbox.js';
import { TokenBucket, type RateLimit } from './rate-limit.js';
import type { GameEngine } from './engine-types.js';
import { Batch, describe, RoomQueue, type Outcome } from './room-queue.js';
import {
  defaultSessionDir,
  newInstructorKey,
  newJoinCode,
  newSeed,
  normaliseCode,
  readSession,
  sameHash,
  sha256,
  writeSession,
  type SessionFile,
} from './session.js';

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
  code?: string;
  key?: string;
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
  /** The instructor key; null after a resume (only its hash is stored). */
  key: string | null;
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
};

type SeatKey = string;
const seatKey = (cluster: ClusterId, server: string): SeatKey => `${cluster}/${server}`;
const splitKey = (key: SeatKey): [ClusterId, string] => {
  const i = key.indexOf('/');
  return [key.slice(0, i), key.slice(i + 1)];
};

interface Conn {
  id: number;
  ws: WebSocket;
  remote: string;
  /** Connected with the instructor key (may say hello as instructor or as a bot). */
  privileged: boolean;
  role: Role | null;
  helloPending: boolean;
  seat: SeatKey | null;
  outbox: Outbox;
  bucket: TokenBucket;
  dropped: number;
  limitedNotified: boolean;
  alive: boolean;
  lastView: string | null;
  helloTimer: NodeJS.Timeout | null;
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
  const { createRoom, applyEvents, seatView, instructorView, botMove, createRandom } = engine;

  // ---------------------------------------------------------------- session: new or resumed
  let session: SessionFile;
  let dir: string;
  let key: string | null;
  let room: Room;
  let records: JournalRecord[] = [];
  let torn: Hub['torn'] = null;
  let goodBytes: number | undefined;
  if (options.resume) {
    dir = options.resume;
    session = await readSession(dir);
    key = null;
    const read = await readJournal(dir);
    records = read.records;
    torn = read.torn;
    goodBytes = read.goodBytes;
    room = createRoom(session.config);
    for (const rec of records) if (rec.kind === 'command' || rec.kind === 'refused') room = applyEvents(room, rec.events);
  } else {
    dir = options.data ?? defaultSessionDir();
    await fsp.mkdir(dir, { recursive: true });
    const existing = await fsp.stat(path.join(dir, 'session.json')).then(() => true, () => false);
    if (existing) throw new Error(`${dir} already holds a session: use --resume ${dir}, or choose another --data directory`);
    key = options.key ?? newInstructorKey();
    session = {
      format: 1,
      protocol: PROTOCOL_VERSION,
      createdAt: new Date(clock()).toISOString(),
      config: { ...options.room, ...(options.clusters ? { clusters: options.clusters } : {}), ...(options.size ? { size: options.size } : {}) },
      code: normaliseCode(options.code ?? newJoinCode()),
      keyHash: sha256(key),
      seed: options.seed ?? newSeed(),
    };
    await writeSession(dir, session);
    room = createRoom(session.config);
  }
  const code = session.code;
  const log = createLogger(path.join(dir, 'hub.log'), options.stdoutLog ?? false);
  if (options.resume) {
    log('info', `resumed ${dir}: replayed ${records.length} records`);
    if (torn) log('warn', `journal: the last line (line ${torn.line}, ${torn.bytes} bytes) was torn by a crash and was cut off; nobody had been told about it`);
  }

  // Seat tokens (hashes only, as in the journal) and who is connected.
  const tokenSeat = new Map<string, SeatKey>();
  const seatTokenHash = new Map<SeatKey, string>();
  for (const rec of records) {
    if (rec.kind === 'token') issueTokenHash(seatKey(rec.cluster, rec.server), rec.hash);
    if (rec.kind === 'revoke') revokeSeat(seatKey(rec.cluster, rec.server));
  }
  function issueTokenHash(k: SeatKey, hash: string): void {
    revokeSeat(k);
    tokenSeat.set(hash, k);
    seatTokenHash.set(k, hash);
  }
  function revokeSeat(k: SeatKey): void {
    const old = seatTokenHash.get(k);
    if (old) tokenSeat.delete(old);
    seatTokenHash.delete(k);
  }

  const conns = new Set<Conn>();
  const seatConn = new Map<SeatKey, Conn>();
  let nextConnId = 1;
  let closing = false;

  const last = records[records.length - 1];
  const journal = await Journal.open(dir, last ? last.n + 1 : 1, goodBytes);
  // Reseed on resume so a resumed session does not replay the first run's random draws.
  const random = createRandom((session.seed + (last ? last.n : 0)) >>> 0);

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

  // ---------------------------------------------------------------- sending
  function send(c: Conn, msg: HubMessage): void {
    c.outbox.send(JSON.stringify(msg));
  }
  function sendError(c: Conn, code: ErrorCode, message: Text, extra: { id?: number; detail?: string } = {}): void {
    send(c, { type: 'error', code, message, ...extra });
  }
  function sendVerdict(c: Conn, id: number, outcome: Outcome): void {
    if (outcome.ok) send(c, { type: 'verdict', id, ok: true, version: outcome.version, mistakes: outcome.mistakes });
    else send(c, { type: 'verdict', id, ok: false, code: outcome.code, message: outcome.message, ...(outcome.mistakes ? { mistakes: outcome.mistakes } : {}) });
  }
  function refuse(c: Conn, id: number, code: ProtocolErrorCode): void {
    send(c, { type: 'verdict', id, ok: false, code, message: errorText(code) });
  }
  function closeConn(c: Conn, closeCode: CloseCode): void {
    if (c.ws.readyState === WebSocket.OPEN || c.ws.readyState === WebSocket.CONNECTING) c.ws.close(closeCode, CLOSE_REASON[closeCode]);
  }

  function presence(): Presence {
    const out: Presence = {};
    for (const [cid, cluster] of Object.entries(queue.room.clusters)) {
      out[cid] = {};
      for (const [sid, seat] of Object.entries(cluster.seats)) {
        const k = seatKey(cid, sid);
        out[cid][sid] = {
          seat: seat.kind,
          ...(seat.kind === 'student' ? { name: seat.name } : {}),
          connected: seatConn.has(k),
          ...(seat.kind === 'bot' ? { driver: seatTokenHash.has(k) ? ('remote' as const) : ('hub' as const) } : {}),
        };
      }
    }
    return out;
  }

  function pushSeatView(c: Conn, force: boolean): void {
    if (!c.seat) return;
    const [cid, sid] = splitKey(c.seat);
    const content = JSON.stringify(seatView(queue.room, cid, sid));
    if (!force && content === c.lastView) return;
    c.lastView = content;
    c.outbox.sendView(`{"type":"view","version":${queue.version},"view":${content}}`);
  }

  /** Instructor connections (console, projector): the only ones a room view is built for. */
  const instructors = new Set<Conn>();
  /** Instructors welcomed in this batch: they get the room view even if it equals their last. */
  const roomForced = new Set<Conn>();

  /**
   * The room view is built and serialised once per batch, and only when somebody watches; the
   * same string goes to every instructor whose last one differs. A slow instructor's outbox
   * keeps only the newest (sendView), like a seat's.
   */
  function pushRoomViews(): void {
    if (instructors.size === 0) return void roomForced.clear();
    const content = `"view":${JSON.stringify(instructorView(queue.room))},"presence":${JSON.stringify(presence())}`;
    const message = `{"type":"room","version":${queue.version},"code":${JSON.stringify(code)},${content}}`;
    for (const c of instructors) {
      if (!roomForced.has(c) && content === c.lastView) continue;
      c.lastView = content;
      c.outbox.sendView(message);
    }
    roomForced.clear();
  }

  /**
   * Every socket written to while a batch is answered stays corked until the end, so its view,
   * verdict and any other message leave in one write (one writev) instead of one syscall each.
   */
  const cork = new CorkScope();

  function afterCommit(batch: Batch): void {
    cork.run(() => {
      for (const f of batch.bind) f();
      for (const c of conns) {
        if (!c.seat) continue;
        const forced = batch.force.has(c.seat);
        const [cid, sid] = splitKey(c.seat);
        if (forced || batch.touchesSeat(cid, sid)) pushSeatView(c, forced);
      }
      const changed = batch.records.some((r) => r.kind === 'command' || r.kind === 'refused') || batch.presence || batch.all || batch.touched.size > 0;
      if (changed || roomForced.size > 0) pushRoomViews();
      for (const f of batch.reply) f();
    });
    scheduleBots(batch);
    scheduleTick();
  }

  // ---------------------------------------------------------------- in-process bots
  const botTimers = new Map<SeatKey, NodeJS.Timeout>();
  /** Bot seats the instructor handed to the next student (kept in memory: a resume forgets the preference, not the seat). */
  const handover = new Set<SeatKey>();
  function hubDriven(k: SeatKey, seat: Seat): seat is Extract<Seat, { kind: 'bot' }> {
    return seat.kind === 'bot' && !seatTokenHash.has(k);
  }
  function scheduleBots(batch: Batch | null): void {
    if (closing) return;
    for (const [cid, cluster] of Object.entries(queue.room.clusters)) {
      if (batch && !batch.touches(cid)) continue;
      for (const [sid, seat] of Object.entries(cluster.seats)) {
        const k = seatKey(cid, sid);
        if (!hubDriven(k, seat) || botTimers.has(k)) continue;
        if (!safeBotMove(cid, sid)) continue;
        const delay = seat.pace === 'fast' ? 0 : humanPace[0] + Math.floor(Math.random() * (humanPace[1] - humanPace[0]));
        const timer = setTimeout(() => {
          queue.enqueue((b) => {
            botTimers.delete(k);
            const now = queue.room.clusters[cid]?.seats[sid];
            if (!now || !hubDriven(k, now)) return;
            const move = safeBotMove(cid, sid);
            if (!move) return;
            const outcome = queue.reduce(b, { type: 'move', cluster: cid, server: sid, input: move.input }, `bot:${k}`);
            if (!outcome.ok) log('warn', `bot ${k} move ${JSON.stringify(move.input)} refused: ${outcome.code}`);
          });
        }, delay);
        botTimers.set(k, timer);
      }
    }
  }
  function safeBotMove(cid: ClusterId, sid: string): ReturnType<typeof botMove> {
    try {
      return botMove(seatView(queue.room, cid, sid));
    } catch (err) {
      log('error', `botMove threw for ${cid}/${sid}: ${describe(err)}`);
      return null;
    }
  }

  // ---------------------------------------------------------------- the room clock
  let tickTimer: NodeJS.Timeout | null = null;
  let tickDue = Infinity;
  /** The next moment the room has something due: a delayed card arriving, or an election timer. */
  function nextDue(r: Room): number {
    let due = Infinity;
    for (const cluster of Object.values(r.clusters)) {
      for (const card of cluster.inFlight) if (card.deliverAt > r.now) due = Math.min(due, card.deliverAt);
      if (cluster.election === 'timers') {
        for (const server of Object.values(cluster.servers)) if (server.timerDeadline !== null) due = Math.min(due, server.timerDeadline);
      }
    }
    return due;
  }
  /**
   * Timers mode also needs the clock to move when nothing is due yet: the reducer arms timers on
   * a tick, and a leader's heartbeat (a third of the shortest timeout) is judged against the room
   * clock. Half a heartbeat keeps leaders on time; 250 ms caps the journal's clock lines at 4/s.
   */
  function timersTickMs(r: Room): number | null {
    if (!Object.values(r.clusters).some((c) => c.election === 'timers')) return null;
    return Math.min(250, Math.max(20, Math.floor(r.config.electionTimeoutMs[0] / 6)));
  }
  function scheduleTick(): void {
    if (closing) return;
    const every = timersTickMs(queue.room);
    const due = Math.min(nextDue(queue.room), every === null ? Infinity : clock() + every);
    if (due === Infinity || due >= tickDue) return;
    if (tickTimer) clearTimeout(tickTimer);
    tickDue = due;
    tickTimer = setTimeout(() => {
      tickTimer = null;
      tickDue = Infinity;
      queue.enqueue((b) => {
        const outcome = queue.reduce(b, { type: 'tick', now: clock() }, 'clock');
        if (!outcome.ok) log('warn', `tick refused: ${outcome.code}`);
        // Even a tick with no events re-arms the clock for the next due moment.
        b.reply.push(scheduleTick);
      });
    }, Math.max(5, due - clock()));
  }

  // ---------------------------------------------------------------- seats
  function clusterIds(): ClusterId[] {
    return Object.keys(queue.room.clusters);
  }
  /** The lottery: a free seat (empty first, then one a hub bot keeps warm), drawn at random. */
  function drawSeat(preferred: ClusterId | undefined, role: Role): SeatKey | null {
    const order = preferred ? [preferred] : clusterIds();
    // A bot (the instructor's) may also take an orphaned bot seat: one whose `bots` process died
    // with its tokens, so a restarted `bots` command fills the same seats with the same sheets.
    // A student goes first to a seat the instructor handed over (bots hand), then as before.
    const passes = role === 'bot' ? (['empty', 'hub-bot', 'orphan-bot'] as const) : (['handed', 'empty', 'hub-bot'] as const);
    const fits = (pass: (typeof passes)[number], k: SeatKey, seat: Seat) =>
      pass === 'handed'
        ? handover.has(k) && hubDriven(k, seat)
        : pass === 'empty'
          ? seat.kind === 'empty'
          : pass === 'hub-bot'
            ? hubDriven(k, seat)
            : seat.kind === 'bot' && !seatConn.has(k);
    for (const pass of passes) {
      for (const cid of order) {
        const cluster = queue.room.clusters[cid];
        if (!cluster) continue;
        const free = Object.entries(cluster.seats)
          .filter(([sid, seat]) => fits(pass, seatKey(cid, sid), seat))
          .map(([sid]) => seatKey(cid, sid));
        if (free.length > 0) return free[randomInt(0, free.length)];
      }
    }
    return null;
  }
  function seatFree(k: SeatKey): boolean {
    const [cid, sid] = splitKey(k);
    const seat = queue.room.clusters[cid]?.seats[sid];
    return seat !== undefined && (seat.kind === 'empty' || hubDriven(k, seat));
  }

  function bindSeat(b: Batch, c: Conn, k: SeatKey, role: Role, token: string, resumed: boolean, lottery: boolean): void {
    b.bind.push(() => {
      if (c.ws.readyState !== WebSocket.OPEN) return;
      const previous = seatConn.get(k);
      if (previous && previous !== c) {
        previous.seat = null;
        sendError(previous, 'seat/taken-over', errorText('seat/taken-over'));
        closeConn(previous, CLOSE.takenOver);
      }
      c.seat = k;
      c.role = role;
      c.helloPending = false;
      seatConn.set(k, c);
      const [cid, sid] = splitKey(k);
      send(c, {
        type: 'welcome',
        protocol: PROTOCOL_VERSION,
        role,
        room: { clusters: clusterIds(), size: queue.room.config.size },
        seat: { cluster: cid, server: sid, token, resumed, lottery },
      });
      pushSeatView(c, true);
      log('info', `conn ${c.id} (${c.remote}) ${resumed ? 'resumed' : 'took'} seat ${k} as ${role}`);
    });
    b.presence = true;
  }

  function helloJob(c: Conn, hello: Hello): (b: Batch) => void {
    return (b) => {
      if (c.ws.readyState !== WebSocket.OPEN) return;
      const fail = (code: ErrorCode, message: Text, closeCode?: CloseCode) =>
        b.bind.push(() => {
          c.helloPending = false;
          sendError(c, code, message);
          if (closeCode) closeConn(c, closeCode);
        });
      if (hello.role === 'instructor') {
        b.bind.push(() => {
          c.role = 'instructor';
          c.helloPending = false;
          send(c, { type: 'welcome', protocol: PROTOCOL_VERSION, role: 'instructor', room: { clusters: clusterIds(), size: queue.room.config.size } });
          instructors.add(c);
          roomForced.add(c);
          log('info', `conn ${c.id} (${c.remote}) is an instructor`);
        });
        return;
      }
      if (hello.token !== undefined) {
        const k = tokenSeat.get(sha256(hello.token));
        if (!k) return fail('auth/bad-token', errorText('auth/bad-token'));
        const [cid, sid] = splitKey(k);
        const seat = queue.room.clusters[cid]?.seats[sid];
        const role: Role = seat?.kind === 'bot' ? 'bot' : 'student';
        return bindSeat(b, c, k, role, hello.token, true, false);
      }
      if (hello.cluster !== undefined && !queue.room.clusters[hello.cluster]) {
        return fail('cluster/unknown', { en: `There is no cluster ${hello.cluster}.`, ru: `Кластера ${hello.cluster} нет.` });
      }
      let k: SeatKey | null;
      const lottery = hello.server === undefined;
      if (!lottery) {
        const cid = hello.cluster ?? clusterIds()[0];
        k = seatKey(cid, hello.server!);
        if (!queue.room.clusters[cid]?.seats[hello.server!]) return fail('server/unknown', { en: `There is no server ${hello.server} in cluster ${cid}.`, ru: `В кластере ${cid} нет сервера ${hello.server}.` });
        if (!seatFree(k)) return fail('seat/taken', errorText('seat/taken'));
      } else {
        k = drawSeat(hello.cluster, hello.role);
        if (!k) return fail('room/full', errorText('room/full'), CLOSE.roomFull);
      }
      const [cid, sid] = splitKey(k);
      const seat: Seat = hello.role === 'bot' ? { kind: 'bot', pace: hello.pace ?? 'fast' } : { kind: 'student', name: hello.name ?? `${cid}/${sid}` };
      const outcome = queue.reduce(b, { type: 'seat', cluster: cid, server: sid, seat }, 'hub');
      if (!outcome.ok) return fail(outcome.code, outcome.message);
      const token = nanoid();
      queue.record(b, { at: clock(), kind: 'token', cluster: cid, server: sid, hash: sha256(token) });
      issueTokenHash(k, sha256(token));
      cancelBot(k);
      handover.delete(k);
      bindSeat(b, c, k, hello.role, token, false, lottery);
    };
  }

  function cancelBot(k: SeatKey): void {
    const t = botTimers.get(k);
    if (t) clearTimeout(t);
    botTimers.delete(k);
  }

  /** Voids a seat's token and drops whoever holds it (the instructor re-seated it). */
  function releaseSeat(b: Batch, k: SeatKey): void {
    if (!seatTokenHash.has(k) && !seatConn.has(k)) return;
    const [cid, sid] = splitKey(k);
    queue.record(b, { at: clock(), kind: 'revoke', cluster: cid, server: sid });
    revokeSeat(k);
    const holder = seatConn.get(k);
    b.presence = true;
    if (holder) {
      seatConn.delete(k);
      holder.seat = null;
      b.reply.push(() => {
        sendError(holder, 'seat/released', errorText('seat/released'));
        closeConn(holder, CLOSE.released);
      });
    }
  }

  // ---------------------------------------------------------------- messages
  function onMove(c: Conn, msg: MoveMessage): void {
    if (!c.seat) return refuse(c, msg.id, c.role === 'instructor' ? 'seat/none' : 'protocol/hello-first');
    if (seatKey(msg.cluster, msg.server) !== c.seat) return refuse(c, msg.id, 'seat/not-yours');
    const by = c.seat;
    const command: Command = { type: 'move', cluster: msg.cluster, server: msg.server, input: msg.input, ...(msg.proposal ? { proposal: msg.proposal } : {}) };
    queue.enqueue((b) => {
      // The seat may have been released while this waited in the queue.
      if (c.seat !== by) return void b.reply.push(() => refuse(c, msg.id, 'seat/not-yours'));
      const outcome = queue.reduce(b, command, by);
      if (outcome.ok) b.force.add(by);
      b.reply.push(() => sendVerdict(c, msg.id, outcome));
    });
  }

  function onCommand(c: Conn, msg: CommandMessage): void {
    if (c.role !== 'instructor') return refuse(c, msg.id, 'auth/not-instructor');
    const command = msg.command;
    if (command.type === 'rewind') return rewindCommand(c, msg.id, command);
    queue.enqueue((b) => {
      const outcome = command.type === 'bots' ? botsCommand(b, command) : queue.reduce(b, command, 'instructor');
      if (outcome.ok && command.type === 'seat') releaseSeat(b, seatKey(command.cluster, command.server));
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

  /**
   * Hand a bot's seat to the next student who joins: a seat a network bot holds is released
   * (its token voided, the bot told `seat/released`) and becomes a hub bot, which keeps playing
   * so the cluster never waits; the next student drawn by lottery takes exactly this seat with
   * its sheet as it stands (a student naming it with `--seat` may take it at once).
   */
  function handSeat(b: Batch, command: BotsCommand): Outcome {
    const cid = command.cluster ?? '';
    const sid = command.server ?? '';
    const seat = queue.room.clusters[cid]?.seats[sid];
    if (!seat) return { ok: false, code: 'server/unknown', message: { en: `There is no seat ${cid}/${sid}.`, ru: `Места ${cid}/${sid} нет.` } };
    if (seat.kind !== 'bot') return { ok: false, code: 'seat/invalid', message: { en: `${cid}/${sid} is not a bot seat.`, ru: `${cid}/${sid} — не место бота.` } };
    const k = seatKey(cid, sid);
    releaseSeat(b, k);
    handover.delete(k);
    handover.add(k);
    b.touch(cid);
    return { ok: true, version: queue.version, mistakes: [] };
  }

  /** Fill every empty seat with an in-process bot, or clear the hub's bots. */
  function botsCommand(b: Batch, command: BotsCommand): Outcome {
    if (command.action === 'hand') return handSeat(b, command);
    const targets = command.cluster ? [command.cluster] : clusterIds();
    if (command.cluster && !queue.room.clusters[command.cluster]) {
      return { ok: false, code: 'cluster/unknown', message: { en: `There is no cluster ${command.cluster}.`, ru: `Кластера ${command.cluster} нет.` } };
    }
    const pace: Pace = command.pace ?? 'human';
    let version = queue.version;
    for (const cid of targets) {
      for (const [sid, seat] of Object.entries(queue.room.clusters[cid].seats)) {
        const k = seatKey(cid, sid);
        const wanted: Seat | null =
          command.action === 'fill' ? (seat.kind === 'empty' ? { kind: 'bot', pace } : null) : hubDriven(k, seat) ? { kind: 'empty' } : null;
        if (!wanted) continue;
        const outcome = queue.reduce(b, { type: 'seat', cluster: cid, server: sid, seat: wanted }, 'instructor');
        if (!outcome.ok) return outcome;
        version = outcome.version;
        if (wanted.kind === 'empty') cancelBot(k);
      }
    }
    return { ok: true, version, mistakes: [] };
  }

  function onHello(c: Conn, hello: Hello): void {
    if (c.role !== null || c.helloPending) return sendError(c, 'protocol/hello-twice', errorText('protocol/hello-twice'));
    if (hello.protocol !== PROTOCOL_VERSION) {
      sendError(c, 'protocol/version', errorText('protocol/version'), { detail: `this hub speaks protocol ${PROTOCOL_VERSION}` });
      return closeConn(c, CLOSE.badVersion);
    }
    // Instructor and bot seats need the key given at the upgrade; a join code is not enough.
    if ((hello.role === 'instructor' || hello.role === 'bot') && !c.privileged) {
      sendError(c, 'auth/bad-key', errorText('auth/bad-key'));
      return closeConn(c, CLOSE.unauthorised);
    }
    if (hello.token !== undefined && !/^[A-Za-z0-9_-]{21}$/.test(hello.token)) return sendError(c, 'auth/bad-token', errorText('auth/bad-token'));
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
  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: options.maxPayload ?? DEFAULTS.maxPayload,
    perMessageDeflate: false,
    clientTracking: false,
  });

  function onConnection(ws: WebSocket, privileged: boolean, remote: string): void {
    const c: Conn = {
      id: nextConnId++,
      ws,
      remote,
      privileged,
      role: null,
      helloPending: false,
      seat: null,
      outbox: new Outbox(ws, {
        highWater: DEFAULTS.highWater,
        pollMs: 50,
        maxQueued: 1000,
        // ws's own net.Socket (not public API, stable since ws 1): corked while a batch is answered.
        raw: (ws as unknown as { _socket?: Corkable })._socket,
        cork,
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
      instructors.delete(c);
      c.outbox.close();
      if (c.helloTimer) clearTimeout(c.helloTimer);
      if (c.seat && seatConn.get(c.seat) === c) seatConn.delete(c.seat);
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
  }

  function rejectUpgrade(socket: Duplex, status: number, code: string): void {
    const reason = status === 401 ? 'Unauthorized' : status === 404 ? 'Not Found' : 'Service Unavailable';
    socket.end(`HTTP/1.1 ${status} ${reason}\r\nContent-Type: text/plain\r\nX-Raft-Sheet-Error: ${code}\r\nConnection: close\r\nContent-Length: ${code.length + 1}\r\n\r\n${code}\n`);
  }

  const keyHash = session.keyHash;
  const consoleKeyHash = options.consoleKey ? sha256(options.consoleKey) : null;
  const server = http.createServer((req, res) => {
    if (req.url === '/health') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ protocol: PROTOCOL_VERSION, clusters: clusterIds().length, connections: conns.size }));
      return;
    }
    res.writeHead(426, { 'content-type': 'text/plain' });
    res.end('raft-sheet hub: connect with a WebSocket (see docs/protocol.md)\n');
  });
  server.on('upgrade', (req: http.IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', () => {
      /* a client vanishing mid-handshake is not our problem */
    });
    const remote = `${req.socket.remoteAddress ?? '?'}:${req.socket.remotePort ?? '?'}`;
    if (closing) return rejectUpgrade(socket, UPGRADE_STATUS.full, 'hub/shutting-down');
    let url: URL;
    try {
      url = new URL(req.url ?? '/', 'http://hub');
    } catch {
      return rejectUpgrade(socket, UPGRADE_STATUS.notFound, 'frame/invalid');
    }
    if (url.pathname !== '/') return rejectUpgrade(socket, UPGRADE_STATUS.notFound, 'frame/invalid');
    if (conns.size >= maxConnections) {
      log('warn', `refused ${remote}: connection cap ${maxConnections} reached`);
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
      if (!sameHash(given, keyHash) && !(consoleKeyHash !== null && sameHash(given, consoleKeyHash))) {
        log('warn', `refused ${remote}: wrong instructor key`);
        return rejectUpgrade(socket, UPGRADE_STATUS.unauthorised, 'auth/bad-key');
      }
      privileged = true;
    } else if (givenCode === null || givenCode === undefined || !sameHash(sha256(normaliseCode(givenCode)), sha256(code))) {
      log('warn', `refused ${remote}: wrong join code`);
      return rejectUpgrade(socket, UPGRADE_STATUS.unauthorised, 'auth/bad-code');
    }
    wss.handleUpgrade(req, socket, head, (ws) => onConnection(ws, privileged, remote));
  });

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

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? DEFAULTS.port, options.host ?? DEFAULTS.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  server.on('error', (err) => log('error', `http server: ${err.message}`));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : (options.port ?? DEFAULTS.port);
  log('info', `listening on ${options.host ?? DEFAULTS.host}:${port}; session ${dir}; code ${code}; ${clusterIds().length} cluster(s) of ${queue.room.config.size}`);
  scheduleBots(null);
  scheduleTick();

  let shutdownPromise: Promise<void> | null = null;
  function shutdown(): Promise<void> {
    shutdownPromise ??= (async () => {
      closing = true;
      clearInterval(heartbeat);
      for (const t of botTimers.values()) clearTimeout(t);
      botTimers.clear();
      if (tickTimer) clearTimeout(tickTimer);
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
    })();
    return shutdownPromise;
  }

  return {
    port,
    host: options.host ?? DEFAULTS.host,
    code,
    key,
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
