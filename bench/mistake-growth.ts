/**
 * The mistake-growth attack of issue 11 #1, measured: in guard mode one student (A/i1) sends a
 * wrong move ~29 times a second, inside the rate limit, each with a 12 KB proposal (a sheet
 * claiming a 512-entry log), while a student in another cluster (B/i1) times out every 100 ms
 * and an instructor watches. Figures: bytes journaled per refusal, the largest seat view and
 * room message, what the instructor received, and B's verdict latency.
 *
 * `node dist/bench/mistake-growth.js [seconds]` prints them as JSON; bench/fuzz.ts runs a short
 * form as one of its attacks, and docs/performance.md has the before/after.
 */
import { statSync } from 'node:fs';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import WebSocket from 'ws';
import { forkChild, stats, stopChild, tempDir, until, type Stats } from './lib.js';

const KEY = 'growth-instructor-key';
const CODE = 'GROW42';

export interface GrowthResult {
  seconds: number;
  refusals: number;
  journalBytes: number;
  bytesPerRefusal: number;
  maxViewBytes: number;
  maxRoomBytes: number;
  instructorBytes: number;
  viewMistakes: number;
  otherCluster: Stats;
}

interface Peer {
  ws: WebSocket;
  got: (m: Record<string, unknown>, bytes: number) => void;
}

function connect(url: string, cred: string, hello: Record<string, unknown>, got: Peer['got']): Promise<Peer> {
  const ws = new WebSocket(`${url}?${cred}`, { perMessageDeflate: false, maxPayload: 64 * 2 ** 20 });
  const peer = { ws, got };
  ws.on('message', (d) => {
    const text = d.toString();
    peer.got(JSON.parse(text) as Record<string, unknown>, Buffer.byteLength(text));
  });
  ws.on('error', () => {});
  return new Promise((resolve, reject) => {
    ws.once('open', () => {
      ws.send(JSON.stringify({ type: 'hello', protocol: 1, ...hello }));
      resolve(peer);
    });
    ws.once('error', reject);
  });
}

export async function mistakeGrowth(seconds = 10): Promise<GrowthResult> {
  const data = path.join(tempDir('raft-growth-'), 'session');
  const hub = forkChild('hub-child', { port: 0, key: KEY, code: CODE, clusters: 2, size: 3, data, room: { mode: 'guard' } });
  const ready = await hub.wait<{ port: number; dir: string }>('ready', 20_000);
  const url = `ws://127.0.0.1:${ready.port}/`;
  const journal = path.join(ready.dir, 'journal.jsonl');
  let maxViewBytes = 0;
  let maxRoomBytes = 0;
  let instructorBytes = 0;
  let refusals = 0;
  let viewMistakes = 0;
  let sheet: Record<string, unknown> | null = null;
  const attacker = await connect(url, `code=${CODE}`, { role: 'student', name: 'Mallory', cluster: 'A', server: 'i1' }, (m, bytes) => {
    if (m.type === 'view') {
      maxViewBytes = Math.max(maxViewBytes, bytes);
      const view = m.view as { sheet: Record<string, unknown>; mistakes: unknown[] };
      sheet = view.sheet;
      viewMistakes = view.mistakes.length;
    }
    if (m.type === 'verdict' && m.ok === false && m.code === 'move/refused') refusals += 1;
  });
  const sent = new Map<number, number>();
  const latencies: number[] = [];
  let victimId = 0;
  const victim = await connect(url, `code=${CODE}`, { role: 'student', name: 'Victor', cluster: 'B', server: 'i1' }, (m) => {
    if (m.type === 'verdict' && typeof m.id === 'number' && sent.has(m.id)) {
      latencies.push(performance.now() - sent.get(m.id)!);
      sent.delete(m.id);
    }
  });
  const teacher = await connect(url, `key=${KEY}`, { role: 'instructor' }, (m, bytes) => {
    instructorBytes += bytes;
    if (m.type === 'room') maxRoomBytes = Math.max(maxRoomBytes, bytes);
  });
  await until(() => sheet !== null, 10_000, 'the attacker’s first view');
  const before = statSync(journal).size;
  const proposal = { state: { ...sheet!, log: Array.from({ length: 512 }, () => ({ term: 1, value: 'x' })) }, send: [] };
  const frame = (id: number) => JSON.stringify({ type: 'move', id, cluster: 'A', server: 'i1', input: { kind: 'timeout' }, proposal });
  let id = 0;
  const attack = setInterval(() => attacker.ws.send(frame(++id)), 1000 / 29);
  const probe = setInterval(() => {
    victimId += 1;
    sent.set(victimId, performance.now());
    victim.ws.send(JSON.stringify({ type: 'move', id: victimId, cluster: 'B', server: 'i1', input: { kind: 'timeout' } }));
  }, 100);
  await new Promise((r) => setTimeout(r, seconds * 1000));
  clearInterval(attack);
  clearInterval(probe);
  await until(() => sent.size === 0, 60_000, 'the last verdicts');
  const journalBytes = statSync(journal).size - before;
  for (const p of [attacker, victim, teacher]) p.ws.close();
  await stopChild(hub);
  return {
    seconds,
    refusals,
    journalBytes,
    bytesPerRefusal: refusals ? Math.round(journalBytes / refusals) : 0,
    maxViewBytes,
    maxRoomBytes,
    instructorBytes,
    viewMistakes,
    otherCluster: stats(latencies),
  };
}

if (process.argv[1] && path.basename(process.argv[1]) === 'mistake-growth.js') {
  mistakeGrowth(Number(process.argv[2] ?? 10)).then(
    (r) => process.stdout.write(JSON.stringify(r, null, 2) + '\n'),
    (err: unknown) => {
      process.stderr.write(`mistake-growth: ${String(err)}\n`);
      process.exit(1);
    },
  );
}
