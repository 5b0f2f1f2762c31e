/**
 * The soak in its CI form (bench/soak.ts, ~25 s): two clusters of network bots under random
 * instructor faults, the hub SIGKILLed and resumed three times, bot processes killed and
 * restarted twice. No accepted move lost or doubled, no safety violation, every seat back.
 */
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkSoak, soak, type SoakResult } from '../../bench/soak.js';
import { tempDir } from '../../bench/lib.js';
import { ensureBuilt } from './build.js';

describe('soak (short form)', () => {
  let result: SoakResult;
  beforeAll(async () => {
    ensureBuilt();
    result = await soak({ ms: 25_000, clusters: 2, hubKills: 3, botKills: 2, seed: 11 });
  }, 120_000);

  it('survives hub crashes and bot restarts with every accepted move in the journal exactly once', () => {
    expect(result.hubKills).toBe(3);
    expect(result.botKills).toBe(2);
    expect(result.faults).toBeGreaterThan(10);
    expect(result.accepted).toBeGreaterThan(100);
    expect(result.lost).toEqual([]);
    expect(result.doubled).toEqual([]);
  });

  it('breaks no safety property in guard mode and brings every seat back', () => {
    expect(result.violations).toEqual([]);
    expect(result.seenViolations).toBe(0);
    expect(result.reconnected).toBe(result.seats);
    expect(result.ok).toBe(true);
  });

  it('the checker notices a journal that lost a told move', async () => {
    // Copy the run, then cut the journal before the last verdict a bot was told.
    const work = tempDir('raft-soak-tamper-');
    const dir = path.join(work, 'session');
    mkdirSync(dir);
    copyFileSync(path.join(result.dir, 'session.json'), path.join(dir, 'session.json'));
    for (let i = 0; i < result.clusters; i++) copyFileSync(path.join(result.work, `accepted-${i}.jsonl`), path.join(work, `accepted-${i}.jsonl`));
    const lines = readFileSync(path.join(result.dir, 'journal.jsonl'), 'utf8').split('\n').filter(Boolean);
    writeFileSync(path.join(dir, 'journal.jsonl'), lines.slice(0, Math.floor(lines.length / 2)).join('\n') + '\n');
    const check = await checkSoak(work, dir, result.clusters);
    expect(check.lost.length).toBeGreaterThan(0);
  });
});
