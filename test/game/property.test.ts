/**
 * Property: seeded runs of 5- and 8-server bot clusters (timers mode) under random loss, offline
 * periods, partitions, duplicates, reordering and delay never break P1–P5, and once the faults
 * stop each cluster elects a leader and replicates the message to every server within a bound.
 * The same with pre-vote on (docs/rules-extended.md R24–R27): asking first never breaks safety
 * and still elects a leader once the faults stop. And with snapshots on (R29–R32, every 2 applied
 * entries): compaction and InstallSnapshot never break P1–P5, and every server ends with the message.
 */
import { describe, expect, it } from 'vitest';
import { fullText } from '../../src/raft/snapshot.js';
import { chaosSchedule } from '../../src/game/chaos.js';
import { serverIds } from '../../src/game/room.js';
import { simulate } from '../../src/game/simulator.js';
import type { Room } from '../../src/game/types.js';

const MESSAGE = 'RAFT';
const FAULTS_END = 15_000;
/** After the faults stop: time for a few election timeouts (3–6 s) and the replication. */
const BOUND = 15_000;

function replicated(room: Room): boolean {
  const c = room.clusters.A;
  const sheets = Object.values(c.servers).map((r) => r.state);
  const top = Math.max(...sheets.map((s) => s.votes.length));
  const leader = sheets.some((s) => s.role === 'leader' && s.votes.length === top);
  return leader && sheets.every((s) => fullText(s) === MESSAGE); // R29: the box's text, then the log's
}

function run(size: number, seed: number, preVote = false, snapshotEvery = 0) {
  const servers = serverIds(size);
  const chaos = chaosSchedule({ seed, servers, faultsEndMs: FAULTS_END });
  const switches = [
    ...(preVote ? [{ at: 0, fault: { kind: 'pre-vote', on: true } as const }] : []),
    ...(snapshotEvery ? [{ at: 0, fault: { kind: 'snapshot', every: snapshotEvery } as const }] : []),
  ];
  return simulate({
    seed,
    config: { size, election: 'timers', mode: 'observe' },
    message: MESSAGE,
    faults: [...switches, ...chaos],
    untilMs: FAULTS_END + BOUND,
    stopWhen: (room) => room.now >= FAULTS_END && replicated(room),
    record: false,
  });
}

type Run = ReturnType<typeof run>;

/**
 * `count` seeded runs of a `size`-server cluster, `seedOf(k)` the k-th seed; `each` sees every
 * run. A line for each run that broke P1–P5 or had no leader and message by its end.
 */
function failedRuns(size: number, count: number, seedOf: (k: number) => number, preVote: boolean, each: (r: Run) => void): string[] {
  const failures: string[] = [];
  for (let k = 1; k <= count; k++) {
    const r = run(size, seedOf(k), preVote);
    each(r);
    const c = r.room.clusters.A;
    if (c.violations.length) failures.push(`seed ${k}: ${c.violations.map((v) => v.property).join(',')}`);
    else if (!replicated(r.room)) failures.push(`seed ${k}: no leader/message by ${r.now} ms`);
  }
  return failures;
}

describe('bot clusters under random faults', () => {
  for (const size of [5, 8]) {
    it(`${size} servers: 500 seeded runs, no violation, leader and message within ${BOUND / 1000} s after faults stop`, () => {
      let slowest = 0;
      const failures = failedRuns(size, 500, (k) => k * 7919 + size, false, (r) => {
        slowest = Math.max(slowest, r.now - FAULTS_END);
      });
      expect(failures).toEqual([]);
      expect(slowest).toBeLessThanOrEqual(BOUND);
    });
  }
});

describe('bot clusters with pre-vote on, under random faults', () => {
  for (const size of [5, 8]) {
    it(`${size} servers: 150 seeded runs, no violation, leader and message within ${BOUND / 1000} s after faults stop`, () => {
      let preVotes = 0;
      const failures = failedRuns(size, 150, (k) => k * 104729 + size, true, (r) => {
        expect(r.room.clusters.A.preVote).toBe(true);
        preVotes += Object.values(r.room.clusters.A.batches).filter((b) => b.message.type === 'PreVote').length;
      });
      expect(failures).toEqual([]);
      expect(preVotes).toBeGreaterThan(150); // the runs really asked first
    });
  }
});

describe('bot clusters with snapshots on, under random faults', () => {
  for (const size of [5, 8]) {
    it(`${size} servers: 150 seeded runs, no violation, leader and message within ${BOUND / 1000} s after faults stop`, () => {
      const failures: string[] = [];
      let installed = 0;
      let boxes = 0;
      for (let seed = 1; seed <= 150; seed++) {
        const r = run(size, seed * 15485863 + size, false, 2);
        const c = r.room.clusters.A;
        installed += Object.values(c.batches).filter((b) => b.message.type === 'InstallSnapshot').length;
        boxes += Object.values(c.servers).filter((x) => x.state.snapshot !== undefined).length;
        if (c.violations.length) failures.push(`seed ${seed}: ${c.violations.map((v) => v.property).join(',')}`);
        else if (!replicated(r.room)) failures.push(`seed ${seed}: no leader/message by ${r.now} ms`);
      }
      expect(failures).toEqual([]);
      expect(boxes).toBeGreaterThan(150); // servers really compacted
      expect(installed).toBeGreaterThan(10); // and lagging followers really got snapshots
    });
  }
});
