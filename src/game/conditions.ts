/**
 * Completion conditions of script steps, as data, and the small interpreter that evaluates them
 * on a cluster. Data so that new games can be written without touching the engine.
 */
import { currentTerm } from '../raft/log.js';
import { fullText, snapshotIndex } from '../raft/snapshot.js';
import { sayBoth } from '../i18n/format.js';
import type { Text } from '../i18n/text.js';
import type { Role, ServerId, ServerState } from '../raft/types.js';

/**
 * What a condition reads of a cluster: the sheets, who is online, the cards in flight. A
 * ClusterState is one; so is what an instructor's view shows (solo's guide explains a stalled
 * step from it).
 */
export interface ClusterFacts {
  servers: Record<ServerId, { state: ServerState; online: boolean }>;
  inFlight: readonly { from: ServerId; to: ServerId }[];
}

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
  | { kind: 'online'; servers: ServerId[]; online: boolean }
  /** In a pre-vote: the server's timer fired with pre-vote on and no term was started yet (R24). */
  | { kind: 'pre-vote'; servers: ServerId[] }
  /** The snapshot box holds at least entries 1…atLeast (R29–R31). */
  | { kind: 'snapshot'; servers: ServerId[]; atLeast: number };

export function holds(cond: Condition, c: ClusterFacts): boolean {
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
        const t = fullText(sheet(id)); // R29: the snapshot's text, then the log's letters
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
    case 'pre-vote':
      return every(cond.servers, (id) => (sheet(id).preVotes?.length ?? 0) > 0);
    case 'snapshot':
      return every(cond.servers, (id) => snapshotIndex(sheet(id)) >= cond.atLeast);
  }
}

const ROLE_RU: Record<Role, string> = { leader: 'лидер', candidate: 'кандидат', follower: 'фолловер' };
const vote = (v: ServerId | null | undefined): string => v ?? '—';

/**
 * Why a condition does not hold, one sentence per server that misses it (en/ru): what the sheet
 * shows against what the step expects. Solo's guide says it when a legal move off the script
 * leaves a step that cannot finish as written.
 */
export function unmet(cond: Condition, c: ClusterFacts): Text[] {
  const out: Text[] = [];
  const each = (servers: ServerId[], miss: (id: ServerId, s: ServerState) => Text | null): void => {
    for (const id of servers) {
      const r = c.servers[id];
      if (!r) continue;
      const t = miss(id, r.state);
      if (t) out.push(t);
    }
  };
  switch (cond.kind) {
    case 'all':
      for (const x of cond.of) out.push(...unmet(x, c));
      break;
    case 'never':
      break;
    case 'role':
      each(cond.servers, (id, s) => (s.role === cond.role ? null : {
        en: `${id} is ${s.role}, the step expects ${cond.role}`,
        ru: `${id} — ${ROLE_RU[s.role]}, а шаг ждёт: ${ROLE_RU[cond.role]}`,
      }));
      break;
    case 'term':
      each(cond.servers, (id, s) => (currentTerm(s) >= cond.atLeast ? null : {
        en: `${id} is in t${currentTerm(s)}, the step expects t${cond.atLeast}`,
        ru: `${id} в терме t${currentTerm(s)}, а шаг ждёт t${cond.atLeast}`,
      }));
      break;
    case 'vote':
      each(cond.servers, (id, s) => {
        const v = s.votes.length >= cond.term ? s.votes[cond.term - 1] : undefined;
        if (v === cond.for && s.votes.length >= cond.term) return null;
        return v === undefined
          ? { en: `${id} has not reached t${cond.term} yet`, ru: `${id} ещё не дошёл до терма t${cond.term}` }
          : { en: `${id}'s vote in t${cond.term} is ${vote(v)}, the step expects ${vote(cond.for)}`, ru: `голос ${id} в t${cond.term} — ${vote(v)}, а шаг ждёт ${vote(cond.for)}` };
      });
      break;
    case 'log':
      each(cond.servers, (id, s) => {
        const t = fullText(s);
        if (cond.prefix ? t.startsWith(cond.text) : t === cond.text) return null;
        return { en: `${id}'s log reads "${t}", the step expects "${cond.text}"`, ru: `в журнале ${id} «${t}», а шаг ждёт «${cond.text}»` };
      });
      break;
    case 'commit':
      each(cond.servers, (id, s) => (s.commitIndex >= cond.atLeast ? null : {
        en: `${id}'s commitIndex is ${s.commitIndex}, the step expects ${cond.atLeast}`,
        ru: `commitIndex у ${id} — ${s.commitIndex}, а шаг ждёт ${cond.atLeast}`,
      }));
      break;
    case 'inbox-empty':
      each(cond.servers, (id) => {
        const n = c.inFlight.filter((k) => k.to === id).length;
        return n === 0 ? null : sayBoth({ en: '{id} still has {n} {n:card|cards} to take', ru: 'у {id} ещё {n} {n:карточка|карточки|карточек} во входящих' }, { id, n });
      });
      break;
    case 'cards-to':
      each(cond.servers, (id) => (c.inFlight.some((k) => k.to === id && k.from === cond.from) ? null : {
        en: `no card from ${cond.from} is on its way to ${id}`,
        ru: `к ${id} не идёт карточка от ${cond.from}`,
      }));
      break;
    case 'online':
      each(cond.servers, (id) => (c.servers[id].online === cond.online ? null : {
        en: `${id} is ${c.servers[id].online ? 'online' : 'offline'}`,
        ru: `${id} ${c.servers[id].online ? 'в сети' : 'не в сети'}`,
      }));
      break;
    case 'pre-vote':
      each(cond.servers, (id, s) => ((s.preVotes?.length ?? 0) > 0 ? null : {
        en: `${id} has sent no PreVote yet (R24)`,
        ru: `${id} ещё не отправил PreVote (R24)`,
      }));
      break;
    case 'snapshot':
      each(cond.servers, (id, s) => (snapshotIndex(s) >= cond.atLeast ? null : {
        en: `${id}'s snapshot box ends at ${snapshotIndex(s)}, the step expects ${cond.atLeast} (R30, R31)`,
        ru: `клетка снимка ${id} заканчивается на ${snapshotIndex(s)}, а шаг ждёт ${cond.atLeast} (R30, R31)`,
      }));
      break;
  }
  return out;
}
