/**
 * Completion conditions of script steps, as data, and the small interpreter that evaluates them
 * on a cluster. Data so that new games can be written without touching the engine.
 */
import { currentTerm, logText } from '../raft/log.js';
import type { Role, ServerId } from '../raft/types.js';
import type { ClusterState } from './types.js';

export type Condition =
  | { kind: 'all'; of: Condition[] }
  | { kind: 'never' }
  | { kind: 'role'; servers: ServerId[]; role: Role }
  | { kind: 'term'; servers: ServerId[]; atLeast: number }
  /** The vote cell of `term` holds `for` (null = `—`). */
  | { kind: 'vote'; servers: ServerId[]; term: number; for: ServerId | null }
  /** The log's letters equal `text` (or start with it, with `prefix`). */
  | { kind: 'log'; servers: ServerId[]; text: string; prefix?: boolean }
  | { kind: 'commit'; servers: ServerId[]; atLeast: number }
  /** No card in flight to these servers, arrived or not. */
  | { kind: 'inbox-empty'; servers: ServerId[] }
  /** Each of these servers has a card from `from` in flight. */
  | { kind: 'cards-to'; servers: ServerId[]; from: ServerId }
  | { kind: 'online'; servers: ServerId[]; online: boolean };

export function holds(cond: Condition, c: ClusterState): boolean {
  const every = (servers: ServerId[], f: (id: ServerId) => boolean): boolean =>
    servers.every((id) => c.servers[id] !== undefined && f(id));
  const sheet = (id: ServerId) => c.servers[id].state;
  switch (cond.kind) {
    case 'all':
      return cond.of.every((x) => holds(x, c));
    case 'never':
      return false;
    case 'role':
      return every(cond.servers, (id) => sheet(id).role === cond.role);
    case 'term':
      return every(cond.servers, (id) => currentTerm(sheet(id)) >= cond.atLeast);
    case 'vote':
      return every(cond.servers, (id) => sheet(id).votes.length >= cond.term && sheet(id).votes[cond.term - 1] === cond.for);
    case 'log':
      return every(cond.servers, (id) => {
        const t = logText(sheet(id).log);
        return cond.prefix ? t.startsWith(cond.text) : t === cond.text;
      });
    case 'commit':
      return every(cond.servers, (id) => sheet(id).commitIndex >= cond.atLeast);
    case 'inbox-empty':
      return every(cond.servers, (id) => !c.inFlight.some((k) => k.to === id));
    case 'cards-to':
      return every(cond.servers, (id) => c.inFlight.some((k) => k.to === id && k.from === cond.from));
    case 'online':
      return every(cond.servers, (id) => c.servers[id].online === cond.online);
  }
}
