/**
 * Generated situations: random clusters run by step() (elections, letters, cards delivered late,
 * twice or never, restarts). Every correct move must give no mistakes; every move changed in any
 * field must give at least one, each with a known rule and an explanation in both languages.
 */
import { describe, expect, it } from 'vitest';
import { referee, type Mistake, type ProposedMove } from '../../src/raft/referee.js';
import { lookup } from '../../src/raft/rules.js';
import { newServer, restart, step } from '../../src/raft/step.js';
import type { Input, Message, Outgoing, Reply, Request, ServerId, ServerState } from '../../src/raft/types.js';
import { ids } from './referee-helpers.js';
import { mulberry32 } from '../../src/game/random.js';

/** The simulator's seeded RNG, so a failing seed can be replayed. */
const rng = mulberry32;

interface Flight { from: ServerId; to: ServerId; message: Message; request?: Request }

interface Situation { before: ServerState; input: Input }

/** Runs a random cluster and calls `visit` with every (sheet before, input) it plays. */
function runCluster(seed: number, size: number, events: number, visit: (s: Situation) => void): void {
  const rand = rng(seed);
  const pick = <T,>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)];
  const members = ids(size);
  const s: Record<ServerId, ServerState> = Object.fromEntries(members.map((id) => [id, newServer(id, members)]));
  let flight: Flight[] = [];
  const play = (id: ServerId, input: Input): void => {
    visit({ before: s[id], input });
    const r = step(s[id], input);
    s[id] = r.state;
    const req = input.kind === 'receive' && (input.message.type === 'RequestVote' || input.message.type === 'AppendEntries') ? input.message : undefined;
    for (const o of r.send) {
      const isReply = o.message.type === 'RequestVoteReply' || o.message.type === 'AppendEntriesReply';
      flight.push({ from: id, to: o.to, message: o.message, request: isReply ? req : undefined });
    }
  };
  const letters = 'HighLoad voltage';
  let written = 0;
  for (let e = 0; e < events; e++) {
    const x = rand();
    const leaders = members.filter((id) => s[id].role === 'leader');
    if (x < 0.08) play(pick(members), { kind: 'timeout' });
    else if (x < 0.2 && leaders.length > 0) play(pick(leaders), { kind: 'client', value: letters[written++ % letters.length] });
    else if (x < 0.22) play(pick(members), { kind: 'client', value: 'x' });
    else if (x < 0.35 && leaders.length > 0) {
      const l = pick(leaders);
      play(l, { kind: 'send', to: members.filter((id) => id !== l && rand() < 0.7) });
    } else if (x < 0.37) {
      const id = pick(members);
      s[id] = restart(s[id]);
    } else if (flight.length > 0) {
      const i = Math.floor(rand() * flight.length);
      const f = flight[i];
      const y = rand();
      if (y < 0.1) { flight.splice(i, 1); continue; } // lost
      if (y > 0.15) flight.splice(i, 1); // else: delivered and kept, so it arrives twice
      const input: Input = f.request
        ? { kind: 'receive', from: f.from, message: f.message as Reply, request: f.request }
        : { kind: 'receive', from: f.from, message: f.message as Request };
      play(f.to, input);
    }
    if (flight.length > 60) flight = flight.slice(-60);
  }
}

function canon(m: ProposedMove): string {
  const st = m.state;
  const sortObj = (o: Record<string, number>) => Object.fromEntries(Object.entries(o).sort(([a], [b]) => a.localeCompare(b)));
  return JSON.stringify({
    ...st,
    votesGranted: [...st.votesGranted].sort(),
    nextIndex: sortObj(st.nextIndex),
    matchIndex: sortObj(st.matchIndex),
    send: m.send.map((o) => JSON.stringify(o)).sort(),
    resetTimer: m.resetTimer,
  });
}

/** One random change of a correct move: the kinds of slips a student makes on the sheet. */
function mutate(m: ProposedMove & { resetTimer: boolean }, rand: () => number): ProposedMove {
  const w = structuredClone(m);
  const st = w.state;
  const pick = <T,>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)];
  const others = st.cluster.filter((id) => id !== st.id);
  const card = (): Outgoing | undefined => (w.send.length ? pick(w.send) : undefined);
  switch (Math.floor(rand() * 14)) {
    case 0: st.votes.push(null); break;
    case 1: st.votes.pop(); break;
    case 2: if (st.votes.length) st.votes[st.votes.length - 1] = pick([null, ...st.cluster]); break;
    case 3: st.role = pick(['follower', 'candidate', 'leader'] as const); break;
    case 4: if (rand() < 0.5) st.log.pop(); else st.log.push({ term: st.votes.length, value: 'q' }); break;
    case 5: if (st.log.length) st.log[Math.floor(rand() * st.log.length)].term += 1; break;
    case 6: st.commitIndex += rand() < 0.5 ? 1 : -1; break;
    case 7: st.lastApplied += rand() < 0.5 ? 1 : -1; break;
    case 8: st.votesGranted = rand() < 0.5 ? st.votesGranted.slice(1) : [...st.votesGranted, pick(st.cluster)]; break;
    case 9: { const j = pick(others); st.nextIndex[j] = (st.nextIndex[j] ?? 1) + (rand() < 0.5 ? 1 : -1); break; }
    case 10: { const j = pick(others); st.matchIndex[j] = (st.matchIndex[j] ?? 0) + (rand() < 0.5 ? 1 : -1); break; }
    case 11: if (w.send.length && rand() < 0.5) w.send.splice(Math.floor(rand() * w.send.length), 1); else { const c = card(); if (c) w.send.push(structuredClone(c)); } break;
    case 12: {
      const c = card();
      if (!c) break;
      const msg = c.message as unknown as Record<string, unknown>;
      const k = pick(Object.keys(msg).filter((x) => x !== 'type'));
      const v = msg[k];
      msg[k] = typeof v === 'boolean' ? !v : typeof v === 'number' ? v + 1 : Array.isArray(v) ? v.slice(1) : `${String(v)}x`;
      break;
    }
    default: w.resetTimer = !w.resetTimer;
  }
  return w;
}

function checkExplained(ms: Mistake[]): void {
  for (const m of ms) {
    expect(lookup(m.rule), `rule ${m.rule}`).toBeDefined();
    if (m.mistake) expect(lookup(m.mistake), `mistake ${m.mistake}`).toBeDefined();
    for (const t of [m.explain.en, m.explain.ru]) {
      expect(t.trim().length).toBeGreaterThan(10);
      expect(t).not.toMatch(/undefined|NaN|\[object/);
    }
    expect(m.explain.ru).toMatch(/[а-яё]/i);
    // A refusal leads with the sheet's words; an internal field name comes in parentheses at most.
    for (const t of [m.explain.en, m.explain.ru]) expect(t).not.toMatch(/^[A-Za-z][\w.[\]*]*( \([^)]*\))?: (expected|ожидалось)/);
  }
}

describe('referee over generated clusters', () => {
  it('finds no mistake in any correct move, with cards in any order', () => {
    let moves = 0;
    const kinds = new Set<string>();
    for (let seed = 1; seed <= 40; seed++) {
      runCluster(seed, seed % 2 ? 5 : 3, 250, ({ before, input }) => {
        const right = step(before, input);
        const shuffled = { ...right, send: [...right.send].reverse() };
        const ms = referee(before, input, shuffled);
        expect(ms, `seed ${seed} ${JSON.stringify({ before, input })}`).toEqual([]);
        expect(referee(before, input, { state: right.state, send: right.send })).toEqual([]);
        moves++;
        kinds.add(input.kind === 'receive' ? input.message.type : input.kind);
      });
    }
    expect(moves).toBeGreaterThan(5000);
    expect([...kinds].sort()).toEqual(['AppendEntries', 'AppendEntriesReply', 'RequestVote', 'RequestVoteReply', 'client', 'send', 'timeout']);
  });

  it('never lets a changed move through, and explains every finding in both languages', () => {
    const rand = rng(99);
    let judged = 0;
    const named = new Set<string>();
    for (let seed = 100; seed < 120; seed++) {
      runCluster(seed, seed % 2 ? 5 : 3, 200, ({ before, input }) => {
        const right = step(before, input);
        for (let k = 0; k < 3; k++) {
          const wrong = mutate(right, rand);
          if (canon(wrong) === canon(right)) continue;
          const ms = referee(before, input, wrong);
          expect(ms.length, `seed ${seed} ${JSON.stringify({ before, input, wrong })}`).toBeGreaterThan(0);
          checkExplained(ms);
          for (const m of ms) if (m.mistake) named.add(m.mistake);
          judged++;
        }
      });
    }
    expect(judged).toBeGreaterThan(5000);
    // Random slips hit many misconceptions by pattern, not only generic rule findings.
    expect(named.size).toBeGreaterThan(8);
  });

  it('survives several slips at once: never throws, never stays silent', () => {
    const rand = rng(7);
    let judged = 0;
    for (let seed = 200; seed < 210; seed++) {
      runCluster(seed, 5, 200, ({ before, input }) => {
        const right = step(before, input);
        let wrong: ProposedMove = right;
        const slips = 2 + Math.floor(rand() * 3);
        for (let k = 0; k < slips; k++) wrong = mutate({ ...wrong, resetTimer: wrong.resetTimer ?? right.resetTimer }, rand);
        if (canon(wrong) === canon(right)) return;
        const ms = referee(before, input, wrong);
        expect(ms.length).toBeGreaterThan(0);
        checkExplained(ms);
        judged++;
      });
    }
    expect(judged).toBeGreaterThan(1000);
  });
});
