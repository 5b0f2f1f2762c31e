/**
 * Builders for referee tests: sheets written the way the workshop draws them, and a tiny
 * cluster runner that only ever uses step() (so every state is one Raft can really reach).
 */
import { newServer, step } from '../../src/raft/step.js';
import type { Entry, Input, Message, Move, Outgoing, Reply, Request, ServerId, ServerState, StepOptions } from '../../src/raft/types.js';

export const ids = (n: number): ServerId[] => Array.from({ length: n }, (_, i) => `i${i + 1}`);

/** `log('t1:High t3:␣vol')` → entries 1–4 of term 1 then 5–8 of term 3 (␣ is a space). */
export function log(spec: string): Entry[] {
  if (spec.trim() === '') return [];
  return spec.trim().split(/\s+/).flatMap((run) => {
    const [t, letters] = run.split(':');
    return [...letters].map((v) => ({ term: Number(t.slice(1)), value: v === '␣' ? ' ' : v }));
  });
}

/** A sheet: defaults are a fresh follower; `votes` as written on the Terms row ('-' = —). */
export function sheet(id: ServerId, cluster: ServerId[], s: Partial<Omit<ServerState, 'votes' | 'log'>> & { votes?: string; log?: string } = {}): ServerState {
  const { votes, log: l, ...rest } = s;
  return {
    ...newServer(id, cluster),
    ...rest,
    votes: (votes ?? '').split(/\s+/).filter(Boolean).map((v) => (v === '-' ? null : v)),
    log: log(l ?? ''),
  };
}

/** The correct move, as a referee input (the timer flag stripped unless asked). */
export function correct(before: ServerState, input: Input, options?: StepOptions): Move & { resetTimer: boolean } {
  return step(before, input, options);
}

/** A copy of the correct move with its sheet edited: the typical wrong move of a student. */
export function edit(before: ServerState, input: Input, change: (m: Move & { resetTimer: boolean }) => void, options?: StepOptions) {
  const m = structuredClone(step(before, input, options));
  change(m);
  return m;
}

export const recv = (from: ServerId, message: Request): Input => ({ kind: 'receive', from, message });
export const reply = (from: ServerId, message: Reply, request: Request): Input => ({ kind: 'receive', from, message, request });

/** A cluster driven only by step(): cards in flight are delivered, dropped or repeated on cue. */
export class Cluster {
  s: Record<ServerId, ServerState>;
  constructor(readonly members: ServerId[], readonly options?: StepOptions) {
    this.s = Object.fromEntries(members.map((id) => [id, newServer(id, members)]));
  }
  /** Apply the correct move; returns the cards sent. */
  move(id: ServerId, input: Input): Outgoing[] {
    const r = step(this.s[id], input, this.options);
    this.s[id] = r.state;
    return r.send;
  }
  /** Deliver a request to its addressee and the reply back to `from`. */
  roundTrip(from: ServerId, card: Outgoing): Reply {
    const out = this.move(card.to, recv(from, card.message as Request));
    const rep = out[0].message as Reply;
    this.move(from, reply(card.to, rep, card.message as Request));
    return rep;
  }
  elect(id: ServerId, voters: ServerId[]): void {
    const cards = this.move(id, { kind: 'timeout' });
    for (const c of cards) if (voters.includes(c.to)) this.roundTrip(id, c);
  }
  write(leader: ServerId, letters: string): void {
    for (const v of letters) this.move(leader, { kind: 'client', value: v });
  }
  /** The leader sends AppendEntries to `to`, all delivered and answered. */
  replicate(leader: ServerId, to: ServerId[]): Outgoing[] {
    const cards = this.move(leader, { kind: 'send', to });
    for (const c of cards) this.roundTrip(leader, c);
    return cards;
  }
}

export function message<T extends Message['type']>(cards: Outgoing[], to: ServerId, type: T): Extract<Message, { type: T }> {
  const c = cards.find((o) => o.to === to && o.message.type === type);
  if (!c) throw new Error(`no ${type} to ${to}`);
  return c.message as Extract<Message, { type: T }>;
}
