/**
 * The fuzzer: seeded random and mutated frames against a live hub child, while a control
 * cluster (A, 8 bots in timers-mode free play) keeps playing. Frames come from fuzz
 * connections that sit in cluster B (students, so their moves are authorised) and from one
 * instructor connection whose commands stay off cluster A. Kinds: valid frames mutated field
 * by field (wrong type, out of range, missing, unknown field, huge string), random text,
 * random binary, invalid UTF-8, oversized (> 64 KiB), deeply nested JSON, truncated JSON.
 * The per-connection flood limit is lifted so every frame reaches the parser.
 *
 * Then the attacks of issue 11, each on fresh connections: hellos naming inherited
 * properties (`__proto__`, `constructor`, …) must each be answered; names, log letters, entry
 * values and announcements carrying terminal controls must be refused, and no string in the
 * journal may hold one; a student's 100 wrong moves with 12 KB proposals (mistake growth) must
 * journal a few KB each at most and leave its view small; the same student's 100 timeouts in a
 * row (RequestVote to every peer each time, a card flood) must stop at the cap of cards in
 * flight (`send/too-many-cards`).
 *
 * Checks: the hub process never dies and still answers; the control cluster's moves keep
 * getting verdicts in every second of the run; every journal record written while fuzzing is
 * explained by a frame the hub accepted (an `ok` verdict, a fresh welcome, a guard refusal it
 * answered with `move/refused`) or by the control cluster and the clock: no invalid frame
 * changed anything.
 */
import * as path from 'node:path';
import WebSocket from 'ws';
import { isDeepStrictEqual } from 'node:util';
import { type JournalRecord, readJournal } from '../server/journal.js';
import { parseClientFrame } from '../src/protocol/parse.js';
import { isSafeText } from '../src/protocol/safe-text.js';
import { statSync } from 'node:fs';
import { mulberry32 } from '../src/game/random.js';
import { forkChild, killChild, sleep, stopChild, tempDir, until } from './lib.js';
import { LoadBot, newMetrics } from './load-bot.js';

export interface FuzzOptions {
  frames: number;
  seed?: number;
  connections?: number;
  log?: (line: string) => void;
}

export interface FuzzResult {
  frames: number;
  seconds: number;
  kinds: Record<string, number>;
  answers: Record<string, number>;
  closes: Record<string, number>;
  hubAlive: boolean;
  controlMoves: number;
  controlMovesBefore: number;
  /** Seconds of the fuzz in which the control cluster got no verdict at all. */
  controlStalls: number;
  journalRecords: number;
  unexplained: string[];
  attacks: AttackResult;
  ok: boolean;
}

export interface AttackResult {
  /** Hellos naming an inherited property that got no answer within 3 s (issue 11 #2). */
  protoUnanswered: number;
  protoAnswered: number;
  /** Frames with terminal controls the hub accepted (issue 11 #3). */
  controlAccepted: number;
  controlSent: number;
  /** What was accepted, for the log. */
  acceptedWhat: string[];
  /** Strings in the journal holding a control, bidi or unassigned character. */
  unsafeInJournal: number;
  /** Mistake growth (issue 11 #1): journal bytes per refusal and the seat's largest view. */
  refusals: number;
  /** The answers the 100 wrong moves got, by code. */
  growthAnswers: Record<string, number>;
  bytesPerRefusal: number;
  maxViewBytes: number;
  /** Card flood: the answers 100 timeouts in a row got, by code, and the largest view after it. */
  floodAnswers: Record<string, number>;
  floodMaxViewBytes: number;
}

const PROTO_NAMES = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf'];
const CONTROL_TEXTS = ['\u001b]0;PWN\u0007', '\u001b[2J', 'a\u009bb', '\u009d0;x', 'Eve\u202e', '\u2066x', 'x\u0000'];

/** One fresh connection: resolves with every message until `done` says stop (or 3 s pass). */
async function exchange(url: string, cred: string, frames: unknown[], done: (m: { type: string; code?: string; id?: number }, all: unknown[]) => boolean): Promise<{ type: string; code?: string; ok?: boolean }[]> {
  const ws = new WebSocket(`${url}?${cred}`, { perMessageDeflate: false });
  const got: { type: string; code?: string; ok?: boolean }[] = [];
  return new Promise((resolve) => {
    const finish = () => {
      clearTimeout(timer);
      ws.terminate();
      resolve(got);
    };
    const timer = setTimeout(finish, 3000);
    ws.on('error', () => finish());
    ws.on('close', () => finish());
    ws.on('message', (d) => {
      const m = JSON.parse(d.toString()) as { type: string; code?: string };
      got.push(m);
      // The hello first; the rest once welcomed (before that they would be `protocol/hello-first`).
      if (m.type === 'welcome') for (const f of frames.slice(1)) ws.send(JSON.stringify(f));
      if (done(m, got)) finish();
    });
    ws.on('open', () => ws.send(JSON.stringify(frames[0])));
  });
}

function strings(v: unknown, out: string[] = []): string[] {
  if (typeof v === 'string') out.push(v);
  else if (Array.isArray(v)) for (const x of v) strings(x, out);
  else if (v && typeof v === 'object') for (const x of Object.values(v)) strings(x, out);
  return out;
}

/** The three attacks of issue 11 against a running hub (see the header). */
async function attacks(url: string, dir: string): Promise<AttackResult> {
  const res: AttackResult = { protoUnanswered: 0, protoAnswered: 0, controlAccepted: 0, controlSent: 0, acceptedWhat: [], unsafeInJournal: 0, refusals: 0, growthAnswers: {}, bytesPerRefusal: 0, maxViewBytes: 0, floodAnswers: {}, floodMaxViewBytes: 0 };
  const answered = (m: { type: string }) => m.type === 'error' || m.type === 'welcome';
  for (const name of PROTO_NAMES) {
    for (const hello of [{ cluster: name }, { cluster: 'B', server: name }]) {
      const got = await exchange(url, `code=${CODE}`, [{ type: 'hello', protocol: 1, role: 'student', name: 'proto', ...hello }], answered);
      if (got.some((m) => m.type === 'error')) res.protoAnswered += 1;
      else res.protoUnanswered += 1;
    }
  }
  for (const text of CONTROL_TEXTS) {
    res.controlSent += 1;
    const got = await exchange(url, `code=${CODE}`, [{ type: 'hello', protocol: 1, role: 'student', name: text, cluster: 'B' }], answered);
    if (got.some((m) => m.type === 'welcome')) {
      res.controlAccepted += 1;
      res.acceptedWhat.push(`name ${JSON.stringify(text)}`);
    }
    res.controlSent += 1;
    const cmd = await exchange(url, `key=${KEY}`, [{ type: 'hello', protocol: 1, role: 'instructor' }, { type: 'command', id: 1, command: { type: 'announce', cluster: 'B', text: { en: text, ru: text } } }], (m) => (m.type === 'verdict' || m.type === 'error') && m.id === 1);
    // Refused at the protocol edge: an error for the command, never a verdict.
    if (!cmd.some((m) => m.type === 'error' && m.code === 'frame/invalid') || cmd.some((m) => m.type === 'verdict' && m.ok)) {
      res.controlAccepted += 1;
      res.acceptedWhat.push(`announcement ${JSON.stringify(text)}`);
    }
  }
  // A student in B: control characters as a log letter and an entry value, then the mistake growth.
  const ws = new WebSocket(`${url}?code=${CODE}`, { perMessageDeflate: false, maxPayload: 64 * 2 ** 20 });
  let seat: { cluster: string; server: string } | null = null;
  let sheet: object | null = null;
  let flooding = false;
  const verdicts = new Map<number, { ok: boolean; code?: string }>();
  ws.on('error', () => {});
  ws.on('message', (d) => {
    const text = d.toString();
    const m = JSON.parse(text) as { type: string; id?: number; ok?: boolean; code?: string; seat?: typeof seat; view?: { sheet: object } };
    if (m.type === 'welcome' && m.seat) seat = m.seat;
    if (m.type === 'view' && m.view) {
      sheet = m.view.sheet;
      res.maxViewBytes = Math.max(res.maxViewBytes, Buffer.byteLength(text));
      if (flooding) res.floodMaxViewBytes = Math.max(res.floodMaxViewBytes, Buffer.byteLength(text));
    }
    if ((m.type === 'verdict' || m.type === 'error') && m.id !== undefined) verdicts.set(m.id, { ok: m.ok === true, code: m.code });
  });
  await new Promise<void>((r) => ws.once('open', () => r()));
  ws.send(JSON.stringify({ type: 'hello', protocol: 1, role: 'student', name: 'grower', cluster: 'B' }));
  await until(() => seat !== null && sheet !== null, 5000, 'the attacker’s seat');
  const { cluster, server } = seat!;
  let id = 1000;
  // Each text's first refused character alone, as the one letter a client move writes.
  for (const value of CONTROL_TEXTS.map((t) => [...t].find((ch) => !isSafeText(ch))!)) {
    res.controlSent += 1;
    ws.send(JSON.stringify({ type: 'move', id: ++id, cluster, server, input: { kind: 'client', value } }));
    res.controlSent += 1;
    ws.send(JSON.stringify({ type: 'move', id: ++id, cluster, server, input: { kind: 'timeout' }, proposal: { state: { ...sheet!, log: [{ term: 1, value }] }, send: [] } }));
  }
  await until(() => verdicts.has(id), 5000, 'the control-character verdicts').catch(() => {});
  for (const [n, v] of verdicts) if (v.ok) {
    res.controlAccepted += 1;
    res.acceptedWhat.push(`move ${n}`);
  }
  // Mistake growth: guard mode in B (the fuzz may have left it in observe), then 100 wrong moves.
  // A clean cluster B in guard mode with the timer on cue, where a timeout is always judged.
  await exchange(
    url,
    `key=${KEY}`,
    [
      { type: 'hello', protocol: 1, role: 'instructor' },
      { type: 'command', id: 1, command: { type: 'reset', cluster: 'B' } },
      { type: 'command', id: 2, command: { type: 'mode', cluster: 'B', mode: 'guard', election: 'cue' } },
    ],
    (m) => m.type === 'verdict' && m.id === 2,
  );
  await sleep(300);
  const journal = path.join(dir, 'journal.jsonl');
  const before = statSync(journal).size;
  const proposal = { state: { ...sheet!, log: Array.from({ length: 512 }, () => ({ term: 1, value: 'x' })) }, send: [] };
  const first = id + 1;
  for (let i = 0; i < 100; i++) ws.send(JSON.stringify({ type: 'move', id: ++id, cluster, server, input: { kind: 'timeout' }, proposal }));
  await until(() => verdicts.has(id), 20_000, 'the mistake-growth verdicts').catch(() => {});
  for (let i = first; i <= id; i++) {
    const v = verdicts.get(i);
    const k = v ? (v.ok ? 'ok' : (v.code ?? '?')) : 'none';
    res.growthAnswers[k] = (res.growthAnswers[k] ?? 0) + 1;
    if (k === 'move/refused') res.refusals += 1;
  }
  await sleep(300);
  res.bytesPerRefusal = res.refusals ? Math.round((statSync(journal).size - before) / res.refusals) : 0;
  // Card flood: 100 timeouts in a row (cue mode: each is played), 7 RequestVote cards each.
  flooding = true;
  const floodFrom = id + 1;
  for (let i = 0; i < 100; i++) ws.send(JSON.stringify({ type: 'move', id: ++id, cluster, server, input: { kind: 'timeout' } }));
  await until(() => verdicts.has(id), 20_000, 'the card-flood verdicts').catch(() => {});
  for (let i = floodFrom; i <= id; i++) {
    const v = verdicts.get(i);
    const k = v ? (v.ok ? 'ok' : (v.code ?? '?')) : 'none';
    res.floodAnswers[k] = (res.floodAnswers[k] ?? 0) + 1;
  }
  flooding = false;
  ws.terminate();
  const { records } = await readJournal(dir);
  for (const rec of records) for (const s of strings(rec)) if (!isSafeText(s)) res.unsafeInJournal += 1;
  return res;
}

const KEY = 'fuzz-instructor-key';
const CODE = 'FUZZ';

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/** Every path to a value inside a JSON value. */
function paths(v: Json, at: (string | number)[] = [], out: (string | number)[][] = []): (string | number)[][] {
  out.push(at);
  if (Array.isArray(v)) v.forEach((x, i) => paths(x, [...at, i], out));
  else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) paths(x, [...at, k], out);
  return out;
}

function weird(r: () => number): Json {
  const options: Json[] = [null, true, false, 0, -1, 1.5, 2 ** 53, -(2 ** 60), 1e308, '', 'x'.repeat(5000), '💥', '../../etc', [], {}, [1, [2, [3]]], { type: 'move' }, 'A', 'i1', 'B-1', '__proto__'];
  return options[Math.floor(r() * options.length)];
}

function mutate(r: () => number, base: Json): Json {
  const v = structuredClone(base) as Json;
  const rounds = 1 + Math.floor(r() * 3);
  let root = v;
  for (let i = 0; i < rounds; i++) {
    const all = paths(root);
    const p = all[Math.floor(r() * all.length)];
    if (p.length === 0) {
      if (r() < 0.5) root = weird(r);
      continue;
    }
    let parent = root as Record<string | number, Json>;
    for (const k of p.slice(0, -1)) parent = parent[k] as Record<string | number, Json>;
    const key = p[p.length - 1];
    const pick = r();
    if (pick < 0.5) parent[key] = weird(r);
    else if (pick < 0.65 && !Array.isArray(parent)) delete parent[key];
    else if (pick < 0.8 && !Array.isArray(parent)) parent[`x${Math.floor(r() * 100)}`] = weird(r);
    else if (typeof parent[key] === 'number') parent[key] = (parent[key] as number) + (r() < 0.5 ? 1 : -1) * Math.floor(r() * 1000);
    else parent[key] = weird(r);
  }
  return root;
}

class FuzzConn {
  ws: WebSocket | null = null;
  seat: { cluster: string; server: string; token: string } | null = null;
  view: { inbox: { id: string }[]; sheet: Json } | null = null;
  welcomed = false;
  opening = false;
  readonly okVersions = new Set<number>();
  refusedByReferee = 0;
  freshWelcomes = 0;

  constructor(
    readonly instructor: boolean,
    private readonly url: string,
    private readonly tally: { answers: Record<string, number>; closes: Record<string, number> },
  ) {}

  open(): Promise<void> {
    if (this.opening) return Promise.resolve();
    this.opening = true;
    this.welcomed = false;
    const ws = new WebSocket(`${this.url}?${this.instructor ? `key=${KEY}` : `code=${CODE}`}`, { perMessageDeflate: false, maxPayload: 16 * 2 ** 20 });
    this.ws = ws;
    ws.on('message', (d, isBinary) => {
      if (isBinary) return;
      const m = JSON.parse(d.toString()) as { type: string; code?: string; ok?: boolean; version?: number; seat?: FuzzConn['seat'] & { resumed: boolean }; view?: FuzzConn['view'] };
      const k = m.type === 'verdict' ? `verdict ${m.ok ? 'ok' : m.code}` : m.type === 'error' ? `error ${m.code}` : m.type;
      this.tally.answers[k] = (this.tally.answers[k] ?? 0) + 1;
      if (m.type === 'welcome') {
        this.welcomed = true;
        if (m.seat) {
          if (!m.seat.resumed) this.freshWelcomes += 1;
          this.seat = m.seat;
        }
      }
      if (m.type === 'view' && m.view) this.view = m.view;
      if (m.type === 'verdict' && m.ok && m.version !== undefined) this.okVersions.add(m.version);
      if (m.type === 'verdict' && !m.ok && m.code === 'move/refused') this.refusedByReferee += 1;
    });
    ws.on('error', () => {});
    ws.on('unexpected-response', () => ws.terminate());
    ws.on('close', (code) => {
      this.tally.closes[String(code)] = (this.tally.closes[String(code)] ?? 0) + 1;
      this.ws = null;
      this.opening = false;
    });
    return new Promise((resolve) => {
      ws.once('open', () => {
        this.opening = false;
        resolve();
      });
      ws.once('close', () => resolve());
    });
  }

  hello(): Json {
    return this.instructor
      ? { type: 'hello', protocol: 1, role: 'instructor' }
      : { type: 'hello', protocol: 1, role: 'student', name: 'fuzz', cluster: 'B', ...(this.seat ? { token: this.seat.token } : {}) };
  }

  /** A valid frame this connection could send now. */
  valid(r: () => number): Json {
    if (!this.welcomed) return this.hello();
    if (this.instructor) {
      const commands: Json[] = [
        { type: 'fault', cluster: 'B', fault: { kind: 'delay-all', ms: 10 } },
        { type: 'fault', cluster: 'B', fault: { kind: 'offline', server: 'i2' } },
        { type: 'fault', cluster: 'B', fault: { kind: 'online', server: 'i2' } },
        { type: 'fault', cluster: 'B', fault: { kind: 'partition', groups: [['i1', 'i2'], ['i3']] } },
        { type: 'fault', cluster: 'B', fault: { kind: 'heal' } },
        { type: 'mode', cluster: 'B', mode: 'observe' },
        { type: 'announce', cluster: 'B', text: { en: 'fuzz', ru: 'фазз' } },
        { type: 'script', cluster: 'B', action: 'start', game: 1 },
        { type: 'reset', cluster: 'B' },
      ];
      return { type: 'command', id: Math.floor(r() * 1e6), command: commands[Math.floor(r() * commands.length)] };
    }
    const s = this.seat!;
    const inputs: Json[] = [{ kind: 'timeout' }, { kind: 'client', value: 'H' }, { kind: 'send', to: ['i1', 'i2'] }];
    if (this.view?.inbox[0]) inputs.push({ kind: 'card', card: this.view.inbox[0].id });
    const input = inputs[Math.floor(r() * inputs.length)];
    const frame: Record<string, Json> = { type: 'move', id: Math.floor(r() * 1e6), cluster: s.cluster, server: s.server, input };
    if (this.view && r() < 0.5) frame.proposal = { state: this.view.sheet, send: [] };
    return frame;
  }
}

/** One fuzz frame: [kind, payload, binary?]. */
function frame(r: () => number, conn: FuzzConn): [string, string | Buffer, boolean] {
  const pick = r();
  if (pick < 0.55) {
    const m = mutate(r, conn.valid(r));
    // The instructor's commands never reach the control cluster (nor the whole room).
    if (conn.instructor && m && typeof m === 'object' && !Array.isArray(m)) {
      const c = (m as { command?: { cluster?: unknown } }).command;
      if (c && typeof c === 'object' && c.cluster !== 'B') return ['mutated-redirected', JSON.stringify(conn.valid(r)), false];
    }
    return ['mutated', JSON.stringify(m), false];
  }
  if (pick < 0.62) return ['valid', JSON.stringify(conn.valid(r)), false];
  if (pick < 0.7) {
    const text = JSON.stringify(conn.valid(r));
    return ['truncated', text.slice(0, Math.floor(r() * text.length)), false];
  }
  if (pick < 0.76) return ['random-text', Array.from({ length: Math.floor(r() * 200) }, () => String.fromCharCode(32 + Math.floor(r() * 0x2fff))).join(''), false];
  if (pick < 0.82) return ['binary', Buffer.from(Array.from({ length: Math.floor(r() * 300) }, () => Math.floor(r() * 256))), true];
  if (pick < 0.86) return ['deep', `${'['.repeat(20_000)}${']'.repeat(20_000)}`, false];
  if (pick < 0.89) {
    const depth = 2000 + Math.floor(r() * 3000);
    return ['deep-object', `{"type":"move","id":1,"cluster":"B","server":"i1","input":${'{"kind":'.repeat(depth)}1${'}'.repeat(depth)}}`, false];
  }
  if (pick < 0.92) return ['big-under-cap', JSON.stringify({ type: 'move', id: 1, cluster: 'B', server: 'i1', input: { kind: 'client', value: 'x'.repeat(60_000) } }), false];
  if (pick < 0.94) return ['huge', JSON.stringify({ type: 'hello', protocol: 1, role: 'student', name: 'x'.repeat(200_000) }), false];
  if (pick < 0.97) return ['wrong-version', JSON.stringify({ ...(conn.hello() as object), protocol: 2 }), false];
  // Invalid UTF-8 in a text frame.
  return ['bad-utf8', Buffer.from([0x7b, 0x22, 0xc3, 0x28, 0xa0, 0xa1, 0x22, 0x7d]), false];
}

/**
 * The journal records of the fuzz window that no frame the protocol accepts explains: a record by
 * the control cluster or the clock is the game's own; a seat, a move or a command in cluster B must
 * match a valid frame that was sent, and tokens may not outnumber the valid hellos.
 */
function unexplainedRecords(records: readonly JournalRecord[], sentValid: readonly { by: string; what: unknown }[], validHellos: number): string[] {
  const sentBy = (by: string, what: unknown) => sentValid.some((s) => s.by === by && isDeepStrictEqual(s.what, what));
  const unexplained: string[] = [];
  let tokens = 0;
  for (const rec of records) {
    if (rec.kind === 'token' || rec.kind === 'revoke') {
      if (rec.cluster !== 'B' || (rec.kind === 'token' && ++tokens > validHellos)) unexplained.push(`${rec.kind} for ${rec.cluster}/${rec.server} (record ${rec.n})`);
      continue;
    }
    if (rec.kind === 'hub' || rec.kind === 'hand') {
      unexplained.push(`${rec.kind} record ${rec.n}`);
      continue;
    }
    const by = rec.by;
    if (by.startsWith('A/') || by === 'clock') continue;
    // A seat taken by a hello is journaled as the hub's own `seat` command.
    if (by === 'hub' && rec.command.type === 'seat' && rec.command.cluster === 'B') continue;
    if (by.startsWith('B/') && rec.command.type === 'move' && sentBy(by, rec.command.input)) continue;
    if (by === 'instructor' && sentBy(by, rec.command)) continue;
    unexplained.push(`record ${rec.n} by ${by}: ${JSON.stringify(rec.command).slice(0, 160)}`);
  }
  return unexplained;
}

export async function fuzz(o: FuzzOptions): Promise<FuzzResult> {
  const log = o.log ?? (() => {});
  const r = mulberry32(o.seed ?? 42);
  const dir = path.join(tempDir('raft-fuzz-'), 'session');
  const hub = forkChild('hub-child', { port: 0, key: KEY, code: CODE, data: dir, clusters: 2, size: 8, room: { election: 'timers', electionTimeoutMs: [800, 1600] }, rate: { capacity: 1_000_000, perSecond: 1_000_000 }, seatsPerAddress: 1000 });
  const control = newMetrics();
  const bots: LoadBot[] = [];
  const tally = { answers: {} as Record<string, number>, closes: {} as Record<string, number> };
  const kinds: Record<string, number> = {};
  const conns: FuzzConn[] = [];
  try {
    const { port } = await hub.wait<{ port: number }>('ready');
    const url = `ws://127.0.0.1:${port}/`;
    for (let i = 0; i < 8; i++) bots.push(new LoadBot({ url, key: KEY, cluster: 'A', loop: false, metrics: () => control }).start());
    await until(() => bots.every((b) => b.connected), 10_000, 'the control cluster');
    // The control cluster plays free play; the fuzz instructor never touches it.
    const setup = new FuzzConn(true, url, tally);
    await setup.open();
    setup.ws!.send(JSON.stringify({ type: 'hello', protocol: 1, role: 'instructor' }));
    await until(() => setup.welcomed, 5000, 'the setup instructor');
    setup.ws!.send(JSON.stringify({ type: 'command', id: 1, command: { type: 'script', cluster: 'A', action: 'start', game: 0 } }));
    await until(() => bots.some((b) => b.view?.sheet.role === 'leader'), 10_000, 'a leader in the control cluster');
    setup.ws!.close();
    const c0 = control.moves;
    await sleep(2000);
    const controlMovesBefore = (control.moves - c0) / 2;
    const before = (await readJournal(dir)).records.length;

    const count = o.connections ?? 4;
    for (let i = 0; i < count; i++) conns.push(new FuzzConn(i === 0, url, tally));
    const t0 = performance.now();
    let lastSecond = t0;
    let lastMoves = control.moves;
    let stalls = 0;
    const perSecond: number[] = [];
    let validHellos = 0;
    const sentValid: { by: string; what: unknown }[] = [];
    for (let n = 0; n < o.frames; n++) {
      const conn = conns[n % conns.length];
      if (!conn.ws || conn.ws.readyState !== WebSocket.OPEN) {
        await conn.open();
        if (!conn.ws || conn.ws.readyState !== WebSocket.OPEN) continue;
        conn.ws.send(JSON.stringify(conn.hello()));
        await until(() => conn.welcomed || !conn.ws, 5000, 'a fuzz hello answered').catch(() => {});
        if (!conn.ws) continue;
      }
      const [kind, data, binary] = frame(r, conn);
      kinds[kind] = (kinds[kind] ?? 0) + 1;
      // What the protocol accepts as a valid frame: the only frames allowed to change anything.
      const parsed = parseClientFrame(Buffer.isBuffer(data) ? data.toString('utf8') : data, binary);
      if (parsed.ok) {
        const m = parsed.message;
        if (m.type === 'hello') validHellos += 1;
        else if (m.type === 'move') sentValid.push({ by: `${m.cluster}/${m.server}`, what: m.input });
        else if (m.type === 'answer') sentValid.push({ by: `${m.cluster}/${m.server}`, what: { answer: m.choice } });
        else sentValid.push({ by: 'instructor', what: m.command });
      }
      conn.ws.send(data, { binary });
      // Let the hub breathe between bursts so the run measures robustness, not a flood.
      if (n % 25 === 24) await sleep(5);
      const now = performance.now();
      if (now - lastSecond >= 1000) {
        perSecond.push(control.moves - lastMoves);
        if (control.moves === lastMoves) stalls += 1;
        lastMoves = control.moves;
        lastSecond = now;
      }
    }
    await sleep(1000);
    const seconds = (performance.now() - t0) / 1000;
    // Records from here on come from the attacks below (checked by their own measures).
    const attackFrom = (await readJournal(dir)).records.length;
    const attacked = await attacks(url, dir);
    const controlMoves = control.moves - c0;
    const stats = await hub.ask<{ version: number }>('stats', {}, 5000).catch(() => null);
    const health = await fetch(`http://127.0.0.1:${port}/health`).then((res) => res.ok, () => false);
    const hubAlive = hub.proc.exitCode === null && stats !== null && health;
    for (const c of conns) c.ws?.terminate();
    bots.forEach((b) => b.stop());
    await stopChild(hub, 10_000);

    // Every record since the fuzz began must be explained by a frame the protocol accepts
    // (the hub may have accepted it even if the connection closed before its verdict arrived).
    const { records } = await readJournal(dir);
    const unexplained = unexplainedRecords(records.slice(before, attackFrom), sentValid, validHellos);
    log(`  fuzz: ${o.frames} frames in ${seconds.toFixed(1)} s; control moves/s ${(controlMoves / seconds).toFixed(0)} (before ${controlMovesBefore.toFixed(0)}); unexplained records ${unexplained.length}`);
    const result: FuzzResult = {
      frames: o.frames,
      seconds,
      kinds,
      answers: tally.answers,
      closes: tally.closes,
      hubAlive,
      controlMoves,
      controlMovesBefore,
      controlStalls: stalls,
      journalRecords: records.length - before,
      unexplained,
      attacks: attacked,
      ok: false,
    };
    const a = attacked;
    const attacksHeld = a.protoUnanswered === 0 && a.controlAccepted === 0 && a.unsafeInJournal === 0 && a.refusals > 0 && a.bytesPerRefusal < 4000 && a.maxViewBytes < 64_000 && (a.floodAnswers['send/too-many-cards'] ?? 0) > 0;
    result.ok = hubAlive && stalls === 0 && controlMoves > 0 && unexplained.length === 0 && attacksHeld;
    return result;
  } finally {
    for (const c of conns) c.ws?.terminate();
    bots.forEach((b) => b.stop());
    await killChild(hub);
  }
}
