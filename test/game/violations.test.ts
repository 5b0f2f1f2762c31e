/**
 * Wrong moves, scripted: in observe mode they are played and the monitor names the safety
 * property that breaks (P1–P5); in guard mode the same move is refused with the rule it breaks.
 */
import { describe, expect, it } from 'vitest';
import type { Move, ServerState } from '../../src/raft/types.js';
import type { RefereeMode } from '../../src/game/types.js';
import { Table } from './helpers.js';

interface Scenario {
  property: 'P1' | 'P2' | 'P3' | 'P4' | 'P5';
  rules: string[];
  /** Plays up to the wrong move; returns the move's server, input and the wrong proposal. */
  setup: (t: Table) => { server: string; input: Parameters<Table['move']>[1]; wrong: Move };
  /** Correct moves after the wrong one that let the damage show. */
  after?: (t: Table) => void;
  config?: { size?: number; maxEntries?: number };
}

const reply = (to: string, term: number, granted: boolean, type: 'RequestVoteReply' | 'AppendEntriesReply') =>
  type === 'RequestVoteReply'
    ? { to, message: { type, term, voteGranted: granted } as const }
    : { to, message: { type, term, success: granted } as const };

const lastCard = (t: Table, to: string) => t.inbox(to)[t.inbox(to).length - 1];

const scenarios: Scenario[] = [
  {
    property: 'P1',
    rules: ['R9'],
    setup: (t) => {
      t.timeout('i1');
      t.timeout('i2');
      t.ok({ type: 'move', cluster: 'A', server: 'i3', input: { kind: 'card', card: t.inbox('i3')[0].id } }); // votes i1
      const card = t.inbox('i3')[0]; // i2's RequestVote, same term
      const before = t.sheet('i3');
      // Second vote in t1: the vote cell rewritten to i2 and a ✔ for i2.
      return { server: 'i3', input: { kind: 'card', card: card.id }, wrong: { state: { ...before, votes: ['i2'] }, send: [reply('i2', 1, true, 'RequestVoteReply')] } };
    },
    after: (t) => t.work('i1', 'i2'),
  },
  {
    property: 'P2',
    rules: ['P2'], // the referee names the property for M17 (a leader modifying its own log)
    setup: (t) => {
      t.elect('i1', 'i2', 'i3');
      t.write('i1', 'ab');
      const before = t.sheet('i1');
      // The leader overwrites its entry 2 instead of appending at 3.
      return { server: 'i1', input: { kind: 'client', value: 'c' }, wrong: { state: { ...before, log: [before.log[0], { term: 1, value: 'c' }] }, send: [] } };
    },
  },
  {
    property: 'P3',
    rules: ['R17'],
    setup: (t) => {
      t.elect('i1', 'i2', 'i3');
      t.write('i1', 'a');
      t.send('i1', 'i2', 'i3');
      t.work('i2', 'i3', 'i1');
      t.write('i1', 'be'); // never sent: i1 goes offline with them
      t.fault({ kind: 'offline', server: 'i1' });
      t.elect('i2', 'i3');
      t.write('i2', 'cd');
      t.send('i2', 'i3');
      t.work('i3', 'i2');
      t.fault({ kind: 'offline', server: 'i2' });
      t.fault({ kind: 'online', server: 'i1' });
      t.elect('i3', 'i1'); // i1 votes: i3's last term t2 beats its t1
      t.write('i3', 'f');
      t.send('i3', 'i1'); // prevLogIndex 3, prevLogTerm 2: i1 has t1 there
      const card = lastCard(t, 'i1');
      const before = t.sheet('i1');
      const state: ServerState = { ...before, votes: [...before.votes, null, null].slice(0, 3), log: [...before.log, { term: 3, value: 'f' }] };
      // Appending without the prevLogTerm check.
      return { server: 'i1', input: { kind: 'card', card: card.id }, wrong: { state, send: [reply('i3', 3, true, 'AppendEntriesReply')] } };
    },
  },
  {
    property: 'P4',
    rules: ['R10'],
    setup: (t) => {
      t.elect('i1', 'i2', 'i3');
      t.write('i1', 'a');
      t.send('i1', 'i2');
      t.work('i2', 'i1'); // committed on i1 and i2
      t.fault({ kind: 'offline', server: 'i1' });
      t.timeout('i3'); // empty log, term 2
      const card = t.inbox('i2')[0];
      const before = t.sheet('i2');
      // Voting for a candidate whose log lacks the committed entry.
      return { server: 'i2', input: { kind: 'card', card: card.id }, wrong: { state: { ...before, votes: ['i1', 'i3'] }, send: [reply('i3', 2, true, 'RequestVoteReply')] } };
    },
    after: (t) => t.work('i3'),
  },
  {
    property: 'P5',
    rules: ['R19'],
    config: { maxEntries: 1 },
    setup: (t) => {
      t.elect('i1', 'i2', 'i3');
      t.write('i1', 'a');
      t.send('i1', 'i2', 'i3');
      t.work('i2', 'i3', 'i1');
      t.write('i1', 'be');
      t.fault({ kind: 'offline', server: 'i1' });
      t.elect('i2', 'i3');
      t.write('i2', 'cd');
      for (let k = 0; k < 2; k++) {
        t.send('i2', 'i3');
        t.work('i3', 'i2');
      }
      t.fault({ kind: 'offline', server: 'i2' });
      t.fault({ kind: 'online', server: 'i1' });
      t.elect('i3', 'i1');
      t.write('i3', 'f');
      t.fault({ kind: 'online', server: 'i2' });
      t.send('i3', 'i2');
      t.work('i2', 'i3'); // f committed with i2: i3 applies a c d f
      t.send('i3', 'i1'); // prevLogIndex 3 (t2): i1 has t1 there and will refuse
      const failing = lastCard(t, 'i1');
      t.fault({ kind: 'duplicate', card: failing.id });
      t.fault({ kind: 'duplicate', card: failing.id });
      t.work('i1', 'i3'); // three refusals: nextIndex 4 → 1 (a duplicate is harmless under R19)
      t.send('i3', 'i1'); // prevLogIndex 0, entry [a], leaderCommit 4
      const card = lastCard(t, 'i1');
      const before = t.sheet('i1');
      // Committing by its own last index (3) instead of prevLogIndex + entries (1), then applying b e.
      return { server: 'i1', input: { kind: 'card', card: card.id }, wrong: { state: { ...before, commitIndex: 3, lastApplied: 3 }, send: [reply('i3', 3, true, 'AppendEntriesReply')] } };
    },
  },
  {
    // A late duplicate cut into committed entries (M1): no restart, no leader involved; the
    // monitor names it at once (a follower never deletes at or below its commitIndex).
    property: 'P5',
    rules: ['R18'],
    setup: (t) => {
      const take = (server: string, card: string) => t.ok({ type: 'move', cluster: 'A', server, input: { kind: 'card', card } });
      t.elect('i1', 'i2', 'i3');
      t.write('i1', 'a');
      t.send('i1', 'i2');
      const first = lastCard(t, 'i2');
      t.fault({ kind: 'duplicate', card: first.id });
      take('i2', first.id);
      t.work('i1');
      t.write('i1', 'b');
      t.send('i1', 'i2');
      take('i2', lastCard(t, 'i2').id);
      t.work('i1');
      t.send('i1', 'i2'); // heartbeat, leaderCommit 2
      take('i2', lastCard(t, 'i2').id);
      const before = t.sheet('i2');
      expect(before.commitIndex).toBe(2);
      const late = t.inbox('i2')[0]; // the duplicate of prevLogIndex 0, [a]
      return { server: 'i2', input: { kind: 'card', card: late.id }, wrong: { state: { ...before, log: before.log.slice(0, 1) }, send: [reply('i1', 1, true, 'AppendEntriesReply')] } };
    },
  },
];

function play(s: Scenario, mode: RefereeMode) {
  const t = new Table({ size: s.config?.size ?? 3, maxEntries: s.config?.maxEntries ?? 4, mode });
  const { server, input, wrong } = s.setup(t);
  expect(t.violations()).toEqual([]);
  const result = t.move(server, input, wrong);
  return { t, result };
}

describe('scripted wrong moves', () => {
  for (const [n, s] of scenarios.entries()) {
    it(`observe mode (${n + 1}): the monitor reports ${s.property}`, () => {
      const { t, result } = play(s, 'observe');
      expect(result.ok).toBe(true);
      s.after?.(t);
      const props = t.violations().map((v) => v.property);
      expect(props).toContain(s.property);
      // The mistake is recorded on the seat for the debrief.
      const server = Object.entries(t.room.clusters.A.mistakes).find(([, m]) => m.length > 0)?.[0];
      expect(server).toBeDefined();
    });

    it(`guard mode (${n + 1}): the ${s.property} move is refused with ${s.rules.join('/')}`, () => {
      const { t, result } = play(s, 'guard');
      expect(result.ok).toBe(false);
      if (result.ok) return;
      expect(result.code).toBe('move/refused');
      expect(result.mistakes?.map((m) => m.rule)).toEqual(expect.arrayContaining(s.rules));
      expect(t.violations()).toEqual([]);
    });
  }
});

