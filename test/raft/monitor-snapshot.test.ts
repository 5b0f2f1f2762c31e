/**
 * The monitor across snapshots (docs/rules-extended.md R29–R32): correct play with compaction and
 * InstallSnapshot breaks nothing; a snapshot whose text differs from what the cluster committed
 * and applied is state machine safety (P5) broken, and a leader that compacts a wrong text loses
 * a committed entry (P4).
 */
import { describe, expect, it } from 'vitest';
import { fullText } from '../../src/raft/snapshot.js';
import type { Request, StepOptions } from '../../src/raft/types.js';
import { newServer, step } from '../../src/raft/step.js';
import { ids, recv } from './referee-helpers.js';
import { MonitoredCluster } from './monitored-cluster.js';

const OPTS: StepOptions = { maxEntries: 4, snapshotEvery: 4 };

/** i1 leads t1 of three; "HighLoad" committed and compacted on i1 and i2; i3 was away. */
function played(): MonitoredCluster {
  const w = new MonitoredCluster(ids(3).map((id) => newServer(id, ids(3))), OPTS);
  w.elect('i1', ['i2']);
  w.step('i1', { kind: 'client', value: 'HighLoad' });
  w.replicate('i1', ['i2']);
  w.replicate('i1', ['i2']);
  w.replicate('i1', ['i2']);
  return w;
}

describe('monitor with snapshots', () => {
  it('correct play: compaction on two servers, a snapshot installed on the third, no violation', () => {
    const w = played();
    expect(w.s.i1.snapshot?.lastIncludedIndex).toBe(8);
    expect(w.s.i2.snapshot?.lastIncludedIndex).toBe(8);
    w.replicate('i1', ['i3']); // InstallSnapshot
    w.replicate('i1', ['i3']);
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
