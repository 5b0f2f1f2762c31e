/**
 * The cost of durability on this disk: the hub's Journal (server/journal.ts) driven by C
 * concurrent submitters, each of which waits until its record is durable before submitting
 * the next (as a bot waits for its verdict). Three policies:
 * - `per-move`: every record is its own write + fdatasync, one after another;
 * - `group`: the hub's policy: records that arrive while a commit runs share the next one;
 * - `no-sync`: the writes without fdatasync (not durable: the floor, for scale only).
 */
import { promises as fsp } from 'node:fs';
import * as path from 'node:path';
import { Journal, type JournalRecord } from '../server/journal.js';
import { stats, tempDir, type Stats } from './lib.js';

export interface JournalResult {
  policy: 'per-move' | 'group' | 'no-sync';
  submitters: number;
  recordsPerSec: number;
  syncsPerSec: number;
  latency: Stats;
  recordsPerSync: number;
}

/** A record of the size of a real `move` record (~450 bytes of JSON). */
function record(j: Journal, i: number): JournalRecord {
  return j.number({
    at: Date.now(),
    kind: 'command',
    by: `A/i${(i % 8) + 1}`,
    command: { type: 'move', cluster: 'A', server: `i${(i % 8) + 1}`, input: { kind: 'card', card: `A-${i}` } },
    events: [
      { type: 'card-taken', cluster: 'A', card: `A-${i}`, server: 'i3', pad: 'x'.repeat(260) } as never,
    ],
  } as never);
}

export async function journalBench(policy: JournalResult['policy'], submitters: number, ms: number): Promise<JournalResult> {
  const dir = tempDir('raft-bench-journal-');
  const journal = await Journal.open(dir, 1);
  // Without fdatasync: the same appends through a plain handle.
  const raw = policy === 'no-sync' ? await fsp.open(path.join(dir, 'nosync.jsonl'), 'a') : null;
  let syncs = 0;
  let pending: { rec: JournalRecord; done: () => void }[] = [];
  let running = false;
  let chain: Promise<void> = Promise.resolve();

  async function groupLoop(): Promise<void> {
    running = true;
    while (pending.length > 0) {
      const batch = pending.splice(0);
      await journal.commit(batch.map((p) => p.rec));
      syncs += 1;
      for (const p of batch) p.done();
    }
    running = false;
  }

  function submit(rec: JournalRecord): Promise<void> {
    if (policy === 'group') {
      return new Promise<void>((done) => {
        pending.push({ rec, done });
        if (!running) void groupLoop();
      });
    }
    // One commit per record, strictly one after another (a single journal file).
    chain = chain.then(async () => {
      if (raw) await raw.appendFile(JSON.stringify(rec) + '\n');
      else await journal.commit([rec]);
      syncs += 1;
    });
    return chain;
  }

  const latencies: number[] = [];
  let count = 0;
  const end = performance.now() + ms;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: submitters }, async (_, s) => {
      let i = s;
      while (performance.now() < end) {
        const t = performance.now();
        await submit(record(journal, i));
        latencies.push(performance.now() - t);
        count += 1;
        i += submitters;
      }
    }),
  );
  const seconds = (performance.now() - t0) / 1000;
  await journal.close();
  await raw?.close();
  await fsp.rm(dir, { recursive: true, force: true });
  pending = [];
  return { policy, submitters, recordsPerSec: count / seconds, syncsPerSec: syncs / seconds, latency: stats(latencies), recordsPerSync: syncs > 0 ? count / syncs : 0 };
}

export async function journalSuite(ms: number, log: (l: string) => void = () => {}): Promise<JournalResult[]> {
  const out: JournalResult[] = [];
  for (const submitters of [1, 12, 96]) {
    for (const policy of ['per-move', 'group', 'no-sync'] as const) {
      const r = await journalBench(policy, submitters, ms);
      log(`  journal ${policy} ×${submitters}: ${r.recordsPerSec.toFixed(0)} records/s, p99 ${r.latency.p99.toFixed(2)} ms`);
      out.push(r);
    }
  }
  return out;
}
