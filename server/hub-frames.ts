/**
 * What the hub does with each frame a connection sends (split out of hub.ts): parse it, then a
 * hello binds a seat (or welcomes an instructor), a move goes through the room queue to the
 * reducer, an instructor command likewise (rewind and the moments picker read the journal on
 * disk first). Every function gets the hub's parts (HubParts) built by startHub.
 */
import { nanoid } from 'nanoid';
import { WebSocket, type RawData } from 'ws';
import type { Command, RewindHistory, Seat } from '../src/game/types.js';
import type { Text } from '../src/i18n/text.js';
import { CLOSE, errorText, type CloseCode, type ErrorCode } from '../src/protocol/codes.js';
import { PROTOCOL_VERSION, type AnswerMessage, type CommandMessage, type Hello, type MomentsCommand, type MoveMessage, type Role } from '../src/protocol/messages.js';
import { parseClientFrame, peekFrame } from '../src/protocol/parse.js';
import { journalMoments } from '../src/report/moments.js';
import { commandRefusal, helloRefusal, moveRefusal } from './authorise.js';
import { closeConn, refuse, send, sendError, sendVerdict, type Conn } from './conn.js';
import type { GameEngine } from './engine-types.js';
import type { HubBots } from './hub-bots.js';
import { readJournal, type JournalRecord } from './journal.js';
import type { Logger } from './log.js';
import type { RateLimit } from './rate-limit.js';
import { describe, type Batch, type RoomQueue } from './room-queue.js';
import { hasCluster, ownSeat, seatKey, splitKey, type SeatKey, type Seats } from './seats.js';
import { sha256, type SessionFile } from './session.js';
import type { ViewsPush } from './views-push.js';

/** The parts of a running hub a frame handler reads and drives. */
export interface HubParts {
  queue: RoomQueue;
  seats: Seats;
  views: ViewsPush;
  bots: HubBots;
  log: Logger;
  clock: () => number;
  /** Every open connection (announcements go to all of a cluster's). */
  conns: Set<Conn>;
  /** The session directory, whose journal rewind and the moments picker read. */
  dir: string;
  session: SessionFile;
  engine: GameEngine;
  rate: RateLimit;
  /** This program's version (package.json), told to clients in `welcome.app` (issue 15). */
  app?: string;
}

// ---------------------------------------------------------------- hello: seats bound to connections
function bindSeat(h: HubParts, b: Batch, c: Conn, k: SeatKey, role: Role, token: string, resumed: boolean, lottery: boolean): void {
  const { queue, seats, views, log } = h;
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
      ...(h.app ? { app: h.app } : {}),
      role,
      room: { clusters: seats.clusterIds(), size: queue.room.config.size },
      seat: { cluster: cid, server: sid, token, resumed, lottery },
    });
    views.pushSeatView(c, true);
    log('info', `conn ${c.id} (${c.remote}) ${resumed ? 'resumed' : 'took'} seat ${k} as ${role}`);
  });
  b.presence = true;
}

function welcomeInstructor(h: HubParts, b: Batch, c: Conn): void {
  const { queue, seats, views, log } = h;
  b.bind.push(() => {
    c.role = 'instructor';
    c.helloPending = false;
    send(c, { type: 'welcome', protocol: PROTOCOL_VERSION, ...(h.app ? { app: h.app } : {}), role: 'instructor', room: { clusters: seats.clusterIds(), size: queue.room.config.size } });
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
function helloJob(h: HubParts, c: Conn, hello: Hello): (b: Batch) => void {
  const { log } = h;
  return (b) => {
    if (c.ws.readyState !== WebSocket.OPEN) return;
    const fail = (code: ErrorCode, message: Text, closeCode?: CloseCode) =>
      b.bind.push(() => {
        c.helloPending = false;
        sendError(c, code, message);
        if (closeCode) closeConn(c, closeCode);
      });
    try {
      seatHello(h, b, c, hello, fail);
    } catch (err) {
      log('error', `conn ${c.id} (${c.remote}): hello failed: ${describe(err)}`);
      fail('hub/internal', errorText('hub/internal'), CLOSE.internal);
    }
  };
}

function seatHello(h: HubParts, b: Batch, c: Conn, hello: Hello, fail: (code: ErrorCode, message: Text, closeCode?: CloseCode) => void): void {
  const { queue, seats, bots, log, clock } = h;
  if (hello.role === 'instructor') return welcomeInstructor(h, b, c);
  if (hello.token !== undefined) {
    const k = seats.seatOfToken(sha256(hello.token));
    if (!k) return fail('auth/bad-token', errorText('auth/bad-token'));
    const [cid, sid] = splitKey(k);
    const seat = ownSeat(queue.room, cid, sid);
    const role: Role = seat?.kind === 'bot' ? 'bot' : 'student';
    return bindSeat(h, b, c, k, role, hello.token, true, false);
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
  bindSeat(h, b, c, k, hello.role, token, false, lottery);
}

// ---------------------------------------------------------------- messages
function onMove(h: HubParts, c: Conn, msg: MoveMessage): void {
  const { queue, seats } = h;
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

/** A student's answer (issue 14): for its own seat only, through the queue like a move. */
function onAnswer(h: HubParts, c: Conn, msg: AnswerMessage): void {
  const { queue } = h;
  const refused = moveRefusal(c, msg);
  if (refused || !c.seat) return refuse(c, msg.id, refused ?? 'protocol/hello-first');
  const by = c.seat;
  const command: Command = { type: 'answer', cluster: msg.cluster, server: msg.server, question: msg.question, choice: msg.choice };
  queue.enqueue((b) => {
    if (c.seat !== by) return void b.reply.push(() => refuse(c, msg.id, 'seat/not-yours'));
    const outcome = queue.reduce(b, command, by);
    if (outcome.ok) b.force.add(by);
    b.reply.push(() => sendVerdict(c, msg.id, outcome));
  });
}

function onCommand(h: HubParts, c: Conn, msg: CommandMessage): void {
  const { queue, seats, bots, log, conns } = h;
  const refused = commandRefusal(c);
  if (refused) return refuse(c, msg.id, refused);
  const command = msg.command;
  if (command.type === 'rewind') return rewindCommand(h, c, msg.id, command);
  if (command.type === 'moments') return momentsCommand(h, c, msg.id, command);
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
function rewindCommand(h: HubParts, c: Conn, id: number, command: Extract<Command, { type: 'rewind' }>): void {
  const { queue, log, dir, session, engine } = h;
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
function momentsCommand(h: HubParts, c: Conn, id: number, command: MomentsCommand): void {
  const { queue, log, dir, session } = h;
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

function onHello(h: HubParts, c: Conn, hello: Hello): void {
  const { queue } = h;
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
  if (!queue.enqueue(helloJob(h, c, hello))) c.helloPending = false;
}

export function onFrame(h: HubParts, c: Conn, data: RawData, isBinary: boolean): void {
  const { log, clock, rate } = h;
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
  if (msg.type === 'hello') return onHello(h, c, msg);
  if (c.role === null) return sendError(c, 'protocol/hello-first', errorText('protocol/hello-first'), { id: msg.id });
  if (msg.type === 'move') return onMove(h, c, msg);
  if (msg.type === 'answer') return onAnswer(h, c, msg);
  return onCommand(h, c, msg);
}
