/**
 * A cluster whose every sheet change goes through the monitor (P1–P5): correct moves by step(),
 * deliberately wrong ones by set(). Shared by monitor.test.ts and monitor-snapshot.test.ts (and
 * any monitor test of an extended rule set, through `options`).
 */
import { createMonitor, monitorStep, type MonitorState, type Violation } from '../../src/raft/monitor.js';
import { restart, step } from '../../src/raft/step.js';
import type { Input, Outgoing, Reply, Request, ServerId, ServerState, StepOptions } from '../../src/raft/types.js';
import { DEFAULT_STEP_OPTIONS } from '../../src/raft/types.js';
import { recv, type Sheets } from './rules-harness.js';

export class MonitoredCluster {
  s: Sheets;
  m: MonitorState = createMonitor();
  violations: Violation[] = [];

  /** `options`: the step options of every move that names none (snapshots, a card's size). */
  constructor(
    sheets: ServerState[],
    readonly options: StepOptions = DEFAULT_STEP_OPTIONS,
  ) {
    this.s = Object.fromEntries(sheets.map((x) => [x.id, x]));
  }

  /** Any change of one sheet — a correct move or a deliberately wrong one. */
  set(id: ServerId, next: ServerState): Violation[] {
    const before = this.s[id];
    this.s = { ...this.s, [id]: next };
    const r = monitorStep(this.m, before, next, this.s);
    this.m = r.monitor;
    this.violations.push(...r.violations);
    return r.violations;
  }

  step(id: ServerId, input: Input, options = this.options): Outgoing[] {
    const r = step(this.s[id], input, options);
    this.set(id, r.state);
    return r.send;
  }

  /** The receiver answers the card, the sender handles the answer. */
  roundTrip(from: ServerId, card: Outgoing, options = this.options): Reply {
    const [answer] = this.step(card.to, recv(from, card.message as Request), options);
    this.step(from, recv(card.to, answer.message as Reply, card.message as Request), options);
    return answer.message as Reply;
  }

  elect(id: ServerId, voters?: ServerId[]): void {
    for (const card of this.step(id, { kind: 'timeout' })) if (!voters || voters.includes(card.to)) this.roundTrip(id, card);
  }

  replicate(from: ServerId, to: ServerId[], options = this.options): Reply[] {
    return this.step(from, { kind: 'send', to }, options).map((card) => this.roundTrip(from, card, options));
  }

  write(id: ServerId, text: string): void {
    for (const value of text) this.step(id, { kind: 'client', value });
  }

  restart(id: ServerId): void {
    this.set(id, restart(this.s[id]));
  }
}
