/**
 * Property (docs/rules-extended.md R33–R38): seeded random clusters of nine sheets, initial
 * configuration i1…i7 (i8, i9 learners), run by step() under faults — cards lost, duplicated,
 * delivered in any order, servers restarted — while leaders add and remove servers at random.
 * Following the rules, the monitor finds no violation of P1–P5, and configurations really change.
 * (What R37 prevents is shown step by step by game 7: test/game/game7.test.ts.)
 */
import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../src/game/random.js';
import { configAt, isConfigEntry, votersOf } from '../../src/raft/membership.js';
import { createMonitor, monitorStep, type Violation } from '../../src/raft/monitor.js';
import { newServer, restart, step } from '../../src/raft/step.js';
import type { Input, Message, Request, ServerId, ServerState, StepOptions } from '../../src/raft/types.js';
import { ids } from './referee-helpers.js';

interface Flight { from: ServerId; to: ServerId; message: Message; request?: Request }

const NINE = ids(9);

/** One run: returns the violations and how many configuration entries were committed by a leader. */
function run(seed: number, events: number, options: StepOptions): { violations: Violation[]; changes: number } {
  const rand = mulberry32(seed);
  const pick = <T,>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)];
  const s: Record<ServerId, ServerState> = Object.fromEntries(NINE.map((id) => [id, newServer(id, NINE)]));
  let monitor = createMonitor();
  const violations: Violation[] = [];
  let flight: Flight[] = [];
  let changes = 0;
  const play = (id: ServerId, input: Input): void => {
    const before = s[id];
    const r = step(before, input, options);
    s[id] = r.state;
    const m = monitorStep(monitor, before, r.state, s);
    monitor = m.monitor;
    violations.push(...m.violations);
    if (r.state.role === 'leader' && r.state.commitIndex > before.commitIndex) {
      changes += r.state.log.slice(before.commitIndex, r.state.commitIndex).filter(isConfigEntry).length;
    }
    const req = input.kind === 'receive' && (input.message.type === 'RequestVote' || input.message.type === 'AppendEntries') ? input.message : undefined;
    for (const o of r.send) {
      const isReply = o.message.type === 'RequestVoteReply' || o.message.type === 'AppendEntriesReply';
      flight.push({ from: id, to: o.to, message: o.message, request: isReply ? req : undefined });
    }
  };
  for (let e = 0; e < events; e++) {
    const x = rand();
    const leaders = NINE.filter((id) => s[id].role === 'leader');
    if (x < 0.55 && flight.length > 0) {
      const k = Math.floor(rand() * flight.length); // any order
      const f = flight[k];
      if (rand() < 0.85) flight = flight.filter((_, i) => i !== k); // else duplicated: delivered again later
      if (rand() < 0.1) continue; // lost
      play(f.to, f.request ? { kind: 'receive', from: f.from, message: f.message as never, request: f.request } : { kind: 'receive', from: f.from, message: f.message as Request });
    } else if (x < 0.6) {
      // A timer fires where no leader of the server's term or later is alive, and now and then anyway.
      const id = pick(NINE);
      const heard = NINE.some((l) => s[l].role === 'leader' && s[l].votes.length >= s[id].votes.length);
      if (!heard || rand() < 0.05) play(id, { kind: 'timeout' });
    } else if (x < 0.75 && leaders.length > 0) {
      const l = pick(leaders);
      play(l, { kind: 'send', to: NINE.filter((id) => id !== l) });
    } else if (x < 0.82 && leaders.length > 0) {
      play(pick(leaders), { kind: 'client', value: pick(['a', 'b', 'c']) });
    } else if (x < 0.9 && leaders.length > 0) {
      // An administrator's request: add a non-member or remove a member (the leader itself too).
      const l = pick(leaders);
      const config = votersOf(s[l], options);
      const target = pick(NINE);
      if (config.length <= 3 && config.includes(target)) continue; // keep a cluster that can elect
      play(l, { kind: 'client', value: `${config.includes(target) ? '-' : '+'}${target}` });
    } else if (x < 0.92) {
      const id = pick(NINE);
      s[id] = restart(s[id]); // R1: a crash and a restart
      flight = flight.filter((f) => f.to !== id);
    }
  }
  return { violations, changes };
}

describe('membership changes under faults (R33–R38)', () => {
  const options: StepOptions = { maxEntries: 4, initialConfig: ids(7) };

  it('150 seeded runs of 9 sheets: no violation of P1–P5, and configurations change', () => {
    const failures: string[] = [];
    let changes = 0;
    for (let seed = 1; seed <= 150; seed++) {
      const r = run(seed * 7919, 1500, options);
      changes += r.changes;
      if (r.violations.length) failures.push(`seed ${seed * 7919}: ${r.violations.map((v) => `${v.property} ${v.explain.en}`).join(' | ')}`);
    }
    expect(failures).toEqual([]);
    expect(changes).toBeGreaterThan(50); // the runs really committed configuration changes
  });

  it('the configurations are the ones the logs spell out', () => {
    const log = [{ term: 1, value: '+i8' }, { term: 1, value: 'x' }, { term: 2, value: '-i1' }];
    expect(configAt(log, 3, ids(7))).toEqual(['i2', 'i3', 'i4', 'i5', 'i6', 'i7', 'i8']);
  });
});
