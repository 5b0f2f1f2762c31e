/**
 * The monitor across snapshots (docs/rules-extended.md R29–R32): correct play with compaction and
 * InstallSnapshot breaks nothing; a snapshot whose text differs from what the cluster committed
 * and applied is state machine safety (P5) broken, and a leader that compacts a wrong text loses
 * a committed entry (P4).
 */
import { describe, expect, it } from 'vitest';
import { createMonitor, monitorStep, type MonitorState, type Violation } from '../../src/raft/monitor.js';
import { fullText } from '../../src/raft/snapshot.js';
import type { Input, Outgoing, Reply, Request, ServerId, ServerState, StepOptions } from '../../src/raft/types.js';
import { newServer, step } from '../../src/raft/step.js';
import { ids, recv, reply } from './referee-helpers.js';

const newCluster = (members: ServerId[]): Record<ServerId, ServerState> => Object.fromEntries(members.map((id) => [id, newServer(id, members)]));

const OPTS: StepOptions = { maxEntries: 4, snapshotEvery: 4 };

class World {
  m: MonitorState = createMonitor();
  violations: Violation[] = [];
  constructor(public s: Record<ServerId, ServerState>) {}
  set(id: ServerId, next: ServerState): Violation[] {
    const before = this.s[id];
    this.s = { ...this.s, [id]: next };
    const r = monitorStep(this.m, before, next, this.s);
    this.m = r.monitor;
    this.violations.push(...r.violations);
    return r.violations;
  }
  step(id: ServerId, input: Input): Outgoing[] {
    const r = step(this.s[id], input, OPTS);
    this.set(id, r.state);
    return r.send;
  }
  roundTrip(from: ServerId, card: Outgoing): void {
    const [answer] = this.step(card.to, recv(from, card.message as Request));
    this.step(from, reply(card.to, answer.message as Reply, card.message as Request));
  }
  send(from: ServerId, to: ServerId[]): void {
    for (const c of this.step(from, { kind: 'send', to })) this.roundTrip(from, c);
  }
}

/** i1 leads t1 of three; "HighLoad" committed and compacted on i1 and i2; i3 was away. */
function played(): World {
  const w = new World(newCluster(ids(3)));
  for (const c of w.step('i1', { kind: 'timeout' })) if (c.to === 'i2') w.roundTrip('i1', c);
  w.step('i1', { kind: 'client', value: 'HighLoad' });
  w.send('i1', ['i2']);
  w.send('i1', ['i2']);
  w.send('i1', ['i2']);
  return w;
}

describe('monitor with snapshots', () => {
  it('correct play: compaction on two servers, a snapshot installed on the third, no violation', () => {
    const w = played();
    expect(w.s.i1.snapshot?.lastIncludedIndex).toBe(8);
    expect(w.s.i2.snapshot?.lastIncludedIndex).toBe(8);
    w.send('i1', ['i3']); // InstallSnapshot
    w.send('i1', ['i3']);
    expect(fullText(w.s.i3)).toBe('HighLoad');
    expect(w.violations).toEqual([]);
  });

  it('P5: a follower installs a snapshot whose text differs from what others applied', () => {
    const w = played();
    const [card] = w.step('i1', { kind: 'send', to: ['i3'] });
    const forged = { ...card.message, data: 'HighLord' } as Request;
    const r = step(w.s.i3, recv('i1', forged), OPTS);
    const v = w.set('i3', r.state);
    // Its box ends with the same entry 8/t1 as i1's and i2's, yet differs at 7: Log Matching (P3) with each.
    expect(v.map((x) => x.property).sort()).toEqual(['P3', 'P3', 'P5']);
    const p5 = v.find((x) => x.property === 'P5')!;
    expect(p5).toMatchObject({ servers: ['i3', 'i1'], index: 7 });
    expect(p5.explain.en).toContain('«r»');
  });

  it('P4: a leader whose snapshot box holds another text has lost a committed entry', () => {
    const w = played();
    const l = w.s.i1;
    const v = w.set('i1', { ...l, snapshot: { ...l.snapshot!, data: 'HighLoaf' } });
    expect(v.map((x) => x.property)).toContain('P4');
  });
});
