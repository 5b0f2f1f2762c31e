import { describe, expect, it } from 'vitest';
import { newServer, step } from '../../src/raft/step.js';
import type { ServerState } from '../../src/raft/types.js';

const ids = ['i1', 'i2', 'i3'];
describe('smoke', () => {
  it('elects i1 and replicates one letter', () => {
    const s: Record<string, ServerState> = Object.fromEntries(ids.map((id) => [id, newServer(id, ids)]));
    const t = step(s.i1, { kind: 'timeout' });
    s.i1 = t.state;
    for (const o of t.send) {
      const r = step(s[o.to], { kind: 'receive', from: 'i1', message: o.message as any });
      s[o.to] = r.state;
      s.i1 = step(s.i1, { kind: 'receive', from: o.to, message: r.send[0].message as any, request: o.message as any }).state;
    }
    expect(s.i1.role).toBe('leader');
    s.i1 = step(s.i1, { kind: 'client', value: 'H' }).state;
    const ae = step(s.i1, { kind: 'send', to: ['i2', 'i3'] });
    for (const o of ae.send) {
      const r = step(s[o.to], { kind: 'receive', from: 'i1', message: o.message as any });
      s[o.to] = r.state;
      s.i1 = step(s.i1, { kind: 'receive', from: o.to, message: r.send[0].message as any, request: o.message as any }).state;
    }
    expect(s.i1.commitIndex).toBe(1);
    expect(s.i2.log).toEqual([{ term: 1, value: 'H' }]);
  });
});
