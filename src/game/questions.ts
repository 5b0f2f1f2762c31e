/**
 * Asking the room (issue 14): questions generated from a cluster's state about one of its next
 * decisions, answered by the students before the referee shows it (peer instruction). The
 * correct answer is what step() does (R1–R23); the wrong choices are the typical mistakes the
 * referee knows (M1, M3, M4, M5…), so a wrong prediction names a misconception. Pure.
 *
 * Kinds, each about one decision a server can play now:
 * - `vote`:   a server takes a RequestVote. Will it grant the vote? (R5, R9, R10)
 * - `log`:    a server takes an AppendEntries with entries. What is its log after? (R17, R18)
 * - `accept`: a server takes an AppendEntries without entries. Will it answer ✔? (R5, R17)
 * - `leader`: a candidate reads its votes. Who leads the term then? (R11)
 * - `commit`: a leader reads AppendEntries replies. Is its last entry committed then? (R22)
 */
import { currentTerm, lastLogIndex, lastLogTerm, majority, termAt, votedFor } from '../raft/log.js';
import type { MistakeId, RuleId } from '../raft/rules.js';
import { formatLog } from '../raft/referee/format.js';
import { step } from '../raft/step.js';
import type { AppendEntries, Entry, RequestVote, ServerId, ServerState } from '../raft/types.js';
import { votersOf } from '../raft/membership.js';
import { seatStepOptions } from './seat-options.js';
import type { Text } from '../i18n/text.js';
import { inboxOf, resolveInput, stepOptions } from './move.js';
import type { Card, ClusterId, ClusterState, MoveInput, Room } from './types.js';

export type QuestionKind = 'vote' | 'log' | 'accept' | 'leader' | 'commit';
export const QUESTION_KINDS: readonly QuestionKind[] = ['vote', 'log', 'accept', 'leader', 'commit'];

/** A question about one decision, before it is asked (no id, no time). Plain data. */
export interface Question {
  kind: QuestionKind;
  /** The server whose decision it is, and the decision as a move input. */
  server: ServerId;
  input: MoveInput;
  text: Text;
  /** 2–4 choices; `correct` is the index of the right one. */
  choices: Text[];
  correct: number;
  /** The rule that decides it, and why, with the numbers of the situation. */
  rule: RuleId;
  why: Text;
  /** Per choice: the typical mistake it stands for (null: the right one, or none known). */
  traps: (MistakeId | null)[];
}

/** Longest a countdown may run, and the default the console uses. */
export const QUESTION_MAX_SECONDS = 600;
export const QUESTION_DEFAULT_SECONDS = 30;

const t = (en: string, ru: string): Text => ({ en, ru });
const YES = t('Yes', 'Да');
const NO = t('No', 'Нет');
const pos = (log: readonly Entry[]): string => `${lastLogIndex(log)}/t${lastLogTerm(log)}`;

/** Every question the cluster's next decisions make, server by server, oldest card first. */
export function questionCandidates(room: Room, cluster: ClusterId): Question[] {
  const c = Object.hasOwn(room.clusters, cluster) ? room.clusters[cluster] : undefined;
  if (!c) return [];
  const out: Question[] = [];
  for (const [id, rec] of Object.entries(c.servers)) {
    if (!rec.online) continue;
    const inbox = inboxOf(c, id, room.now);
    const batches = new Set<string>();
    for (const card of inbox) {
      if (card.inReplyTo) {
        if (batches.has(card.inReplyTo.batch)) continue;
        batches.add(card.inReplyTo.batch);
        const q = questionFor(room, cluster, id, { kind: 'replies', batch: card.inReplyTo.batch });
        if (q) out.push(q);
      } else {
        const q = questionFor(room, cluster, id, { kind: 'card', card: card.id });
        if (q) out.push(q);
      }
    }
  }
  return out;
}

/**
 * The question about server's decision `input`, or null when the decision cannot be played now
 * or makes no question (a reply the server will ignore, a leader with nothing to commit).
 */
export function questionFor(room: Room, cluster: ClusterId, server: ServerId, input: MoveInput): Question | null {
  const c = Object.hasOwn(room.clusters, cluster) ? room.clusters[cluster] : undefined;
  if (!c || !Object.hasOwn(c.servers, server) || !c.servers[server].online) return null;
  const r = resolveInput(room, c, server, input, room.now);
  if ('ok' in r) return null;
  const before = c.servers[server].state;
  // Log-compaction games (R29–R32) ask nothing yet: these questions read the log from index 1.
  if (before.snapshot || c.snapshotEvery) return null;
  const after = step(before, r.input, stepOptions(room));
  const base = { server, input };
  if (r.card && r.input.kind === 'receive') {
    const m = r.input.message;
    if (m.type === 'RequestVote') return { ...base, ...voteQuestion(before, r.card, m, after.send) };
    if (m.type === 'AppendEntries') {
      const ok = after.send[0]?.message.type === 'AppendEntriesReply' && after.send[0].message.success;
      return { ...base, ...(m.entries.length > 0 ? logQuestion(before, r.card, m, after.state.log, ok) : acceptQuestion(before, r.card, m, ok)) };
    }
    return null;
  }
  if (r.cards && r.input.kind === 'replies') {
    const first = r.cards[0];
    if (first.message.type === 'RequestVoteReply') return leaderQuestion(c, before, after.state, r.cards, base);
    if (first.message.type === 'AppendEntriesReply') return commitQuestion(c, before, after.state, base);
  }
  return null;
}

type Body = Omit<Question, 'server' | 'input'>;

function voteQuestion(s: ServerState, card: Card, m: RequestVote, send: { message: { type: string } }[]): Body {
  const granted = (send[0]?.message as { voteGranted?: boolean } | undefined)?.voteGranted === true;
  const term = currentTerm(s);
  const me = s.id;
  const cand = m.candidateId;
  const text = t(
    `${me} takes ${card.from}'s RequestVote (term ${m.term}, last ${m.lastLogIndex}/t${m.lastLogTerm}): will it grant the vote?`,
    `${me} берёт RequestVote от ${card.from} (терм ${m.term}, последняя ${m.lastLogIndex}/t${m.lastLogTerm}): отдаст ли он голос?`,
  );
  // The same order of checks as step(): term first (R5), then the vote cell (R9), then the logs (R10).
  const voted = m.term === term ? votedFor(s) : m.term > term ? null : votedFor(s);
  const upToDate = m.lastLogTerm > lastLogTerm(s.log) || (m.lastLogTerm === lastLogTerm(s.log) && m.lastLogIndex >= lastLogIndex(s.log));
  let rule: RuleId;
  let why: Text;
  let trap: MistakeId | null;
  if (m.term < term) {
    rule = 'R5';
    why = t(`Term ${m.term} is older than ${me}'s term ${term}: the request is refused.`, `Терм ${m.term} старше, чем терм ${term} у ${me}: запрос отклоняется.`);
    trap = 'M9';
  } else if (voted !== null && voted !== cand) {
    rule = 'R9';
    why = t(`${me} already voted for ${voted} in term ${m.term}: one vote per term.`, `${me} уже голосовал за ${voted} в терме ${m.term}: один голос на терм.`);
    trap = 'M5';
  } else if (!upToDate) {
    rule = 'R10';
    why = t(
      `${me}'s last entry ${pos(s.log)} is more up-to-date than the candidate's ${m.lastLogIndex}/t${m.lastLogTerm} (last term first, then length).`,
      `Последняя запись ${me} ${pos(s.log)} актуальнее, чем у кандидата ${m.lastLogIndex}/t${m.lastLogTerm} (сначала терм последней записи, потом длина).`,
    );
    trap = 'M4';
  } else {
    rule = 'R10';
    why = t(
      `The vote of term ${m.term} is free and the candidate's log ${m.lastLogIndex}/t${m.lastLogTerm} is at least as up-to-date as ${me}'s ${pos(s.log)}.`,
      `Голос терма ${m.term} свободен, и журнал кандидата ${m.lastLogIndex}/t${m.lastLogTerm} не менее актуален, чем у ${me} ${pos(s.log)}.`,
    );
    trap = lastLogIndex(s.log) > m.lastLogIndex ? 'M4' : 'M5';
  }
  return { kind: 'vote', text, choices: [YES, NO], correct: granted ? 0 : 1, rule, why, traps: granted ? [null, trap] : [trap, null] };
}

function checkWhy(s: ServerState, m: AppendEntries, ok: boolean, merge = true): { rule: RuleId; why: Text } {
  const me = s.id;
  if (m.term < currentTerm(s)) {
    return { rule: 'R5', why: t(`Term ${m.term} is older than ${me}'s term ${currentTerm(s)}: a stale leader is refused.`, `Терм ${m.term} старше, чем терм ${currentTerm(s)} у ${me}: устаревшему лидеру отказывают.`) };
  }
  const at = termAt(s.log, m.prevLogIndex);
  if (!ok) {
    const has = at === undefined ? t('has no entry there', 'там записи нет') : t(`has t${at} there`, `там t${at}`);
    return {
      rule: 'R17',
      why: t(`The check fails: the card's prev is ${m.prevLogIndex}/t${m.prevLogTerm} and ${me} ${has.en}; nothing changes.`, `Проверка не проходит: prev на карточке ${m.prevLogIndex}/t${m.prevLogTerm}, а у ${me} ${has.ru}; ничего не меняется.`),
    };
  }
  const passes =
    m.prevLogIndex === 0
      ? t('prev 0: every log matches there', 'prev 0: там совпадает любой журнал')
      : t(`${me} has ${m.prevLogIndex}/t${m.prevLogTerm}`, `у ${me} есть ${m.prevLogIndex}/t${m.prevLogTerm}`);
  if (!merge) return { rule: 'R17', why: t(`The check passes (${passes.en}): the answer is ✔.`, `Проверка проходит (${passes.ru}): ответ ✔.`) };
  return {
    rule: 'R18',
    why: t(
      `The check passes (${passes.en}); entries already there are kept, a conflicting one is cut with everything after it, the rest appended.`,
      `Проверка проходит (${passes.ru}); записи, что уже есть, остаются, конфликтующая обрезается вместе со всем после неё, остальные дописываются.`,
    ),
  };
}

function logQuestion(s: ServerState, card: Card, m: AppendEntries, correctLog: Entry[], ok: boolean): Body {
  const me = s.id;
  const text = t(
    `${me} takes ${card.from}'s AppendEntries (prev ${m.prevLogIndex}/t${m.prevLogTerm}, entries ${formatLog(m.entries, m.prevLogIndex + 1)}): what will ${me}'s log be?`,
    `${me} берёт AppendEntries от ${card.from} (prev ${m.prevLogIndex}/t${m.prevLogTerm}, записи ${formatLog(m.entries, m.prevLogIndex + 1)}): каким станет журнал ${me}?`,
  );
  // The typical wrong logs: unchanged (a good card refused, M16), appended at the end without
  // the check (M7) or over a conflict kept (M13), cut after prevLogIndex whatever matched (M1).
  const options: { log: Entry[]; trap: MistakeId | null }[] = [
    { log: correctLog, trap: null },
    { log: s.log, trap: ok ? 'M16' : null },
    { log: [...s.log, ...m.entries], trap: ok ? 'M13' : 'M7' },
    { log: [...s.log.slice(0, m.prevLogIndex), ...m.entries], trap: 'M1' },
  ];
  const seen = new Map<string, { log: Entry[]; trap: MistakeId | null }>();
  for (const o of options) {
    const key = formatLog(o.log);
    if (!seen.has(key)) seen.set(key, o);
  }
  // A stable order that does not give the answer away: shortest log first.
  const kept = [...seen.entries()].sort((a, b) => a[1].log.length - b[1].log.length || (a[0] < b[0] ? -1 : 1));
  const correct = kept.findIndex(([, o]) => o.log === correctLog);
  const choices = kept.map(([key]) => (key === '∅' ? t('∅ (empty)', '∅ (пусто)') : t(key, key)));
  return { kind: 'log', text, choices, correct, ...checkWhy(s, m, ok), traps: kept.map(([, o]) => (o.log === correctLog ? null : o.trap)) };
}

function acceptQuestion(s: ServerState, card: Card, m: AppendEntries, ok: boolean): Body {
  const me = s.id;
  const text = t(
    `${me} takes ${card.from}'s AppendEntries (term ${m.term}, prev ${m.prevLogIndex}/t${m.prevLogTerm}, no entries): will it answer ✔?`,
    `${me} берёт AppendEntries от ${card.from} (терм ${m.term}, prev ${m.prevLogIndex}/t${m.prevLogTerm}, без записей): ответит ли он ✔?`,
  );
  const trap: MistakeId = m.term < currentTerm(s) ? 'M9' : ok ? 'M16' : 'M7';
  return { kind: 'accept', text, choices: [YES, NO], correct: ok ? 0 : 1, ...checkWhy(s, m, ok, false), traps: ok ? [null, trap] : [trap, null] };
}

/** The servers whose votes and copies count for `s` (R34; the whole sheet unless membership changes are on). */
function votersIn(c: ClusterState, s: ServerState): ServerId[] {
  return votersOf(s, seatStepOptions({ maxEntries: 0, ...(c.membership ? { membership: c.membership } : {}) }));
}

function leaderQuestion(c: ClusterState, before: ServerState, after: ServerState, cards: Card[], base: Pick<Question, 'server' | 'input'>): Question | null {
  if (before.role !== 'candidate') return null;
  const term = currentTerm(before);
  const me = before.id;
  const wins = after.role === 'leader';
  const granted = new Set(before.votesGranted);
  for (const k of cards) if (k.message.type === 'RequestVoteReply' && k.message.voteGranted && k.message.term === term && k.inReplyTo?.request.term === term) granted.add(k.from);
  const size = votersIn(c, before).length; // R34: the latest configuration in its log (all servers in games 1–5)
  const need = majority(size);
  const text = t(
    `${me} reads its Response row (${cards.length} vote replies): who leads term ${term} then?`,
    `${me} читает свою строку Response (${cards.length} ответов о голосах): кто тогда лидер терма ${term}?`,
  );
  const why = t(
    `${me} has ${granted.size} votes of term ${term}, itself included; a majority of ${size} is ${need}.`,
    `У ${me} ${granted.size} голосов терма ${term}, включая свой; большинство из ${size} — ${need}.`,
  );
  return { ...base, kind: 'leader', text, choices: [t(me, me), t('Nobody yet', 'Пока никто')], correct: wins ? 0 : 1, rule: 'R11', why, traps: wins ? [null, 'M10'] : ['M10', null] };
}

function commitQuestion(c: ClusterState, before: ServerState, after: ServerState, base: Pick<Question, 'server' | 'input'>): Question | null {
  if (before.role !== 'leader') return null;
  const n = lastLogIndex(before.log);
  if (n <= before.commitIndex) return null; // nothing left to commit: no question
  const me = before.id;
  const term = currentTerm(before);
  const entryTerm = termAt(before.log, n) ?? 0;
  const committed = after.commitIndex >= n;
  // R34: copies counted among the members of the leader's latest configuration (every server in games 1–5).
  const voters = votersIn(c, before);
  const stored = [me, ...Object.entries(after.matchIndex).filter(([id, i]) => id !== me && i >= n).map(([id]) => id)].filter((id) => voters.includes(id)).length;
  const size = voters.length;
  const text = t(`${me} reads its AppendEntries replies: is entry ${n} committed then?`, `${me} читает ответы на AppendEntries: закоммичена ли тогда запись ${n}?`);
  const why =
    entryTerm !== term
      ? t(
          `Entry ${n} is of term ${entryTerm}, not the leader's term ${term}: copies of an old-term entry are never counted.`,
          `Запись ${n} — терма ${entryTerm}, а не текущего терма лидера ${term}: копии записи прошлого терма не считают.`,
        )
      : t(
          `Entry ${n} is then on ${stored} of ${size} servers, the leader included; a majority is ${majority(size)}.`,
          `Запись ${n} тогда есть на ${stored} из ${size} серверов, включая лидера; большинство — ${majority(size)}.`,
        );
  const trap: MistakeId = entryTerm !== term ? 'M3' : 'M11';
  return { ...base, kind: 'commit', text, choices: [YES, NO], correct: committed ? 0 : 1, rule: 'R22', why, traps: committed ? [null, trap] : [trap, null] };
}
