/**
 * The referee: compare the move a player proposes with the correct one (step.ts) and name every
 * mistake by rule (R1–R23, P2) and, where it matches a known misconception, by mistake (M1–M19).
 *
 * How it works:
 * 1. `step()` gives the correct move; `diffMoves` lists every field where the proposal differs
 *    (term, vote cells, role, log, commit, apply, candidate and leader bookkeeping, cards, timer).
 * 2. Detectors, most specific first, recognise the pattern of a known misconception (M1–M19) and
 *    *claim* the differences it explains, so one root cause is reported once (a term not adopted
 *    is one mistake, not one per reply field).
 * 3. Differences no detector claimed are reported with the most specific rule for the input and
 *    field. A correct move gives []; a wrong move never gives [].
 */
import type { Text } from '../i18n/text.js';
import { currentTerm, isUpToDate, lastLogIndex, lastLogTerm, majority, sameEntry, sameLog, termAt, votedFor } from './log.js';
import type { MistakeId, RuleId } from './rules.js';
import { ruleTitle } from './rules.js';
import { advanceLeaderCommit, step, type StepResult } from './step.js';
import type {
  AppendEntries,
  Entry,
  Input,
  Message,
  Move,
  Outgoing,
  Reply,
  Request,
  RequestVote,
  Role,
  ServerId,
  ServerState,
  StepOptions,
} from './types.js';

export type { MistakeId, RuleId } from './rules.js';

export interface Mistake {
  rule: RuleId;
  mistake?: MistakeId;
  /** Which part of the move: 'currentTerm', 'votedFor', 'role', 'log', 'log[5]', 'commitIndex', 'send', 'send[i3].success' … */
  field: string;
  expected: unknown;
  given: unknown;
  explain: Text;
  server?: ServerId;
}

/**
 * What a player proposes: the sheet after the move and the cards, plus optionally whether they
 * restarted their election timer (R14, M18). The timer is not on the sheet; a client that asks
 * the player about it passes `resetTimer`, otherwise the timer is not judged.
 */
export type ProposedMove = Move & { resetTimer?: boolean };

// ---------------------------------------------------------------------------------------------
// Formatting values the way the sheet shows them
// ---------------------------------------------------------------------------------------------

const tx = (en: string, ru: string): Text => ({ en, ru });

const letter = (v: string): string => (v === ' ' ? '␣' : v);

/** A log as runs of one term: `1–4 t1 "High", 5–8 t3 "␣vol"`; `∅` when empty. */
export function formatLog(log: readonly Entry[], firstIndex = 1): string {
  if (log.length === 0) return '∅';
  const runs: string[] = [];
  let start = 0;
  for (let i = 1; i <= log.length; i++) {
    if (i === log.length || log[i].term !== log[start].term) {
      const from = firstIndex + start;
      const to = firstIndex + i - 1;
      const range = from === to ? `${from}` : `${from}–${to}`;
      runs.push(`${range} t${log[start].term} "${log.slice(start, i).map((e) => letter(e.value)).join('')}"`);
      start = i;
    }
  }
  return runs.join(', ');
}

export function formatCard(msg: Message): string {
  switch (msg.type) {
    case 'RequestVote':
      return `RequestVote(term ${msg.term}, candidate ${msg.candidateId}, last ${msg.lastLogIndex}/t${msg.lastLogTerm})`;
    case 'RequestVoteReply':
      return `RequestVoteReply(term ${msg.term}, ${msg.voteGranted ? '✔' : '✗'})`;
    case 'AppendEntries':
      return `AppendEntries(term ${msg.term}, leader ${msg.leaderId}, prev ${msg.prevLogIndex}/t${msg.prevLogTerm}, entries ${formatLog(msg.entries, msg.prevLogIndex + 1)}, leaderCommit ${msg.leaderCommit})`;
    case 'AppendEntriesReply':
      return `AppendEntriesReply(term ${msg.term}, ${msg.success ? '✔' : '✗'})`;
  }
}

const ROLE_RU: Record<Role, string> = { leader: 'лидер', candidate: 'кандидат', follower: 'фолловер' };
const vote = (v: ServerId | null | undefined): string => v ?? '—';
const tick = (b: unknown): string => (b === true ? '✔' : b === false ? '✗' : '—');
const entryAt = (log: readonly Entry[], i: number): string =>
  i >= 1 && i <= log.length ? `t${log[i - 1].term} "${letter(log[i - 1].value)}"` : '∅';

// ---------------------------------------------------------------------------------------------
// Differences between the correct and the proposed move
// ---------------------------------------------------------------------------------------------

interface Diff {
  field: string;
  expected: unknown;
  given: unknown;
  /** Card differences: the addressee and the card field ('' for a missing or extra card). */
  to?: ServerId;
  part?: string;
  cardType?: Message['type'];
}

function diffMoves(correct: StepResult, proposed: ProposedMove): Diff[] {
  const c = correct.state;
  const p = proposed.state;
  const out: Diff[] = [];
  const add = (field: string, expected: unknown, given: unknown): void => {
    out.push({ field, expected, given });
  };
  if (p.id !== c.id) add('id', c.id, p.id);
  if (p.cluster.join(',') !== c.cluster.join(',')) add('cluster', c.cluster, p.cluster);
  const cT = currentTerm(c);
  const pT = currentTerm(p);
  if (pT !== cT) add('currentTerm', cT, pT);
  // The Terms row: the current term's cell is votedFor (R1); earlier cells are history.
  for (let t = 1; t <= Math.min(cT, pT); t++) {
    const e = c.votes[t - 1] ?? null;
    const g = p.votes[t - 1] ?? null;
    if (e !== g) add(t === cT && pT === cT ? 'votedFor' : `votes[t${t}]`, e, g);
  }
  if (p.role !== c.role) add('role', c.role, p.role);
  if (!sameLog(p.log, c.log)) add('log', formatLog(c.log), formatLog(p.log));
  if (p.commitIndex !== c.commitIndex) add('commitIndex', c.commitIndex, p.commitIndex);
  if (p.lastApplied !== c.lastApplied) add('lastApplied', c.lastApplied, p.lastApplied);
  const eVotes = [...c.votesGranted].sort();
  const gVotes = [...p.votesGranted].sort();
  if (eVotes.join(',') !== gVotes.join(',')) add('votesGranted', eVotes, gVotes);
  for (const name of ['nextIndex', 'matchIndex'] as const) {
    const keys = [...new Set([...Object.keys(c[name]), ...Object.keys(p[name])])].sort();
    for (const k of keys) {
      const e = c[name][k] ?? null;
      const g = p[name][k] ?? null;
      if (e !== g) add(`${name}[${k}]`, e, g);
    }
  }
  out.push(...diffCards(correct.send, proposed.send));
  if (proposed.resetTimer !== undefined && proposed.resetTimer !== correct.resetTimer) {
    add('resetTimer', correct.resetTimer, proposed.resetTimer);
  }
  return out;
}

/** Cards are a set: pair them by addressee and card type, then compare field by field. */
function diffCards(expected: readonly Outgoing[], given: readonly Outgoing[]): Diff[] {
  const out: Diff[] = [];
  const left = [...given];
  const unmatched: Outgoing[] = [];
  for (const e of expected) {
    // Prefer an identical card, so duplicates pair up with their twins.
    let i = left.findIndex((g) => g.to === e.to && JSON.stringify(normal(g.message)) === JSON.stringify(normal(e.message)));
    if (i < 0) i = left.findIndex((g) => g.to === e.to && g.message.type === e.message.type);
    if (i < 0) {
      unmatched.push(e);
      continue;
    }
    const g = left.splice(i, 1)[0];
    out.push(...diffCard(e, g));
  }
  for (const e of unmatched) {
    out.push({ field: `send[${e.to}]`, expected: formatCard(e.message), given: null, to: e.to, part: '', cardType: e.message.type });
  }
  for (const g of left) {
    out.push({ field: `send[${g.to}]`, expected: null, given: formatCard(g.message), to: g.to, part: '', cardType: g.message.type });
  }
  return out;
}

function normal(m: Message): Record<string, unknown> {
  const o: Record<string, unknown> = { ...m };
  if (m.type === 'AppendEntries') o.entries = m.entries.map((e) => ({ term: e.term, value: e.value }));
  return Object.fromEntries(Object.entries(o).sort(([a], [b]) => a.localeCompare(b)));
}

function diffCard(e: Outgoing, g: Outgoing): Diff[] {
  const out: Diff[] = [];
  const em = e.message as unknown as Record<string, unknown>;
  const gm = g.message as unknown as Record<string, unknown>;
  const keys = [...new Set([...Object.keys(em), ...Object.keys(gm)])].filter((k) => k !== 'type');
  for (const k of keys) {
    let ev = em[k];
    let gv = gm[k];
    if (k === 'entries') {
      const ee = (ev ?? []) as Entry[];
      const ge = (gv ?? []) as Entry[];
      if (sameLog(ee, ge)) continue;
      const first = (e.message as AppendEntries).prevLogIndex + 1;
      ev = formatLog(ee, first);
      gv = formatLog(ge, ((g.message as AppendEntries).prevLogIndex ?? 0) + 1);
    } else if (ev === gv) continue;
    out.push({ field: `send[${e.to}].${k}`, expected: ev ?? null, given: gv ?? null, to: e.to, part: k, cardType: e.message.type });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// The context every detector reads, and the claim book that stops double reporting
// ---------------------------------------------------------------------------------------------

interface Ctx {
  before: ServerState;
  input: Input;
  correct: StepResult;
  proposed: ProposedMove;
  /** Correct and proposed sheets after the move. */
  c: ServerState;
  p: ServerState;
  bT: number;
  cT: number;
  pT: number;
  open: Diff[];
}

type Matcher = string | ((d: Diff) => boolean);

function matches(d: Diff, m: Matcher): boolean {
  if (typeof m !== 'string') return m(d);
  return m.endsWith('*') ? d.field.startsWith(m.slice(0, -1)) : d.field === m;
}

function find(c: Ctx, m: Matcher): Diff | undefined {
  return c.open.find((d) => matches(d, m));
}

/** Mark the differences a mistake explains as reported. */
function claim(c: Ctx, ...ms: Matcher[]): void {
  c.open = c.open.filter((d) => !ms.some((m) => matches(d, m)));
}

const ALL: Matcher = () => true;
const NOT_TIMER: Matcher = (d) => d.field !== 'resetTimer';

function mk(c: Ctx, rule: RuleId, mistake: MistakeId | undefined, d: Pick<Diff, 'field' | 'expected' | 'given'>, explain: Text): Mistake {
  const out: Mistake = { rule, field: d.field, expected: d.expected, given: d.given, explain, server: c.before.id };
  if (mistake) out.mistake = mistake;
  return out;
}

// ---- reading the input ----

const receivedRequest = (c: Ctx): Request | undefined =>
  c.input.kind === 'receive' && (c.input.message.type === 'RequestVote' || c.input.message.type === 'AppendEntries')
    ? c.input.message
    : undefined;
const receivedRV = (c: Ctx): RequestVote | undefined => {
  const m = receivedRequest(c);
  return m?.type === 'RequestVote' ? m : undefined;
};
const receivedAE = (c: Ctx): AppendEntries | undefined => {
  const m = receivedRequest(c);
  return m?.type === 'AppendEntries' ? m : undefined;
};
function receivedReply(c: Ctx): { m: Reply; request: Request; from: ServerId } | undefined {
  const i = c.input;
  if (i.kind !== 'receive' || (i.message.type !== 'RequestVoteReply' && i.message.type !== 'AppendEntriesReply')) return undefined;
  return { m: i.message, request: (i as { request: Request }).request, from: i.from };
}
const sender = (c: Ctx): ServerId => (c.input.kind === 'receive' ? c.input.from : '');

/** The proposed reply card to the sender of a request, if any. */
function proposedReply(c: Ctx): Reply | undefined {
  const req = receivedRequest(c);
  if (!req) return undefined;
  const type = req.type === 'RequestVote' ? 'RequestVoteReply' : 'AppendEntriesReply';
  return c.proposed.send.find((o) => o.to === sender(c) && o.message.type === type)?.message as Reply | undefined;
}
const granted = (r: Reply | undefined): boolean | undefined =>
  r === undefined ? undefined : r.type === 'RequestVoteReply' ? r.voteGranted : r.success;
const correctReplyOk = (c: Ctx): boolean | undefined => {
  const req = receivedRequest(c);
  const r = c.correct.send.find((o) => o.to === sender(c) && o.message.type !== req?.type)?.message as Reply | undefined;
  return granted(r);
};

const isPrefix = (a: readonly Entry[], b: readonly Entry[]): boolean => a.length <= b.length && a.every((e, i) => sameEntry(e, b[i]));
const firstDifference = (a: readonly Entry[], b: readonly Entry[]): number => {
  for (let i = 1; i <= Math.max(a.length, b.length); i++) if (!sameEntry(a[i - 1], b[i - 1])) return i;
  return 0;
};
const isStaleReply = (c: Ctx, m: Reply, request: Request): boolean => m.term <= c.bT && (m.term < c.bT || request.term !== c.bT);

// ---------------------------------------------------------------------------------------------
// Detectors: each recognises one misconception, returns its mistake and claims what it explains
// ---------------------------------------------------------------------------------------------

type Detector = (c: Ctx) => Mistake[];

/** M9: the Terms row went backwards (R1), typically by adopting a stale card's term (R5). */
const lowerTerm: Detector = (c) => {
  const d = find(c, 'currentTerm');
  if (!d || c.pT >= c.bT) return [];
  const req = receivedRequest(c);
  const stale = req !== undefined && req.term < c.bT && c.pT === req.term;
  if (stale) claim(c, NOT_TIMER);
  else claim(c, 'currentTerm', 'votedFor', 'votes*', (x) => x.part === 'term');
  return [mk(c, stale ? 'R5' : 'R1', 'M9', d, stale
    ? tx(`You went back from term ${c.bT} to the card's term ${req.term}. A card of an older term is answered ✗ with your own term ${c.bT} and changes nothing (R5); terms never decrease.`,
      `Ты вернулся из терма ${c.bT} в терм карточки ${req.term}. На карточку старого терма отвечают ✗ со своим термом ${c.bT} и ничего не меняют (R5); термы никогда не уменьшаются.`)
    : tx(`Your term went down from ${c.bT} to ${c.pT}. currentTerm only grows (R1): it should be ${c.cT}.`,
      `Твой терм уменьшился с ${c.bT} до ${c.pT}. currentTerm только растёт (R1): должно быть ${c.cT}.`))];
};

/** M19 (no reply), M8 (candidate yields to a deposed leader), M9 (stale request accepted). */
const staleRequest: Detector = (c) => {
  const m = receivedRequest(c);
  if (!m || m.term >= c.bT) return [];
  const out: Mistake[] = [];
  const from = sender(c);
  const missing = find(c, (d) => d.field === `send[${from}]` && d.given === null);
  if (missing && !c.proposed.send.some((o) => o.to === from)) {
    claim(c, (d) => d === missing);
    out.push(mk(c, 'R5', 'M19', missing, tx(
      `${from}'s ${m.type} has term ${m.term}, older than your term ${c.bT}. etcd silently drops such a card, but the paper answers it: reply ✗ with your term ${c.bT}, so that ${from} learns it is out of date (R5).`,
      `${m.type} от ${from} имеет терм ${m.term}, меньше твоего терма ${c.bT}. etcd молча выбрасывает такую карточку, а по статье на неё отвечают: ✗ со своим термом ${c.bT}, чтобы ${from} узнал, что отстал (R5).`)));
  }
  if (m.type === 'AppendEntries' && c.before.role === 'candidate' && c.p.role === 'follower') {
    const d = find(c, 'role')!;
    claim(c, ALL);
    out.push(mk(c, 'R12', 'M8', d, tx(
      `This AppendEntries from ${from} has term ${m.term}, lower than your term ${c.bT}: ${from} is a deposed leader. A candidate yields only to a leader of its own term or a higher one; here you reply ✗ with term ${c.bT} and keep campaigning (R12, R5).`,
      `Этот AppendEntries от ${from} имеет терм ${m.term}, меньше твоего терма ${c.bT}: ${from} — свергнутый лидер. Кандидат уступает только лидеру своего или большего терма; здесь ответь ✗ с термом ${c.bT} и продолжай выборы (R12, R5).`)));
    return out;
  }
  const ok = find(c, (x) => (x.part === 'voteGranted' || x.part === 'success') && x.given === true);
  const d = ok ?? find(c, 'votedFor') ?? find(c, 'log') ?? find(c, 'commitIndex') ?? find(c, (x) => x.field === 'role' && c.p.role === 'follower');
  if (d) {
    const what = m.type === 'RequestVote'
      ? tx(`granting ${m.candidateId} a vote`, `голос за ${m.candidateId}`)
      : d.field === 'commitIndex'
        ? tx('taking its leaderCommit', 'принятый от него leaderCommit')
        : d.field === 'role'
          ? tx('stepping down for it', 'уступка ему')
          : tx('taking its entries', 'приём его записей');
    claim(c, (x) => x === d || ['votedFor', 'log', 'commitIndex', 'lastApplied', 'role', 'resetTimer', 'votesGranted'].includes(x.field) || x.field.startsWith(`send[${from}]`));
    out.push(mk(c, 'R5', 'M9', d, tx(
      `This ${m.type} has term ${m.term}, older than your term ${c.bT}. A request from an older term is rejected: reply ✗ with term ${c.bT} and change nothing (R5) — ${what.en} lets a server of a finished term act.`,
      `Этот ${m.type} имеет терм ${m.term}, меньше твоего терма ${c.bT}. Запрос из старого терма отклоняют: ответь ✗ с термом ${c.bT} и ничего не меняй (R5) — ${what.ru} позволяет действовать серверу из закончившегося терма.`)));
  }
  return out;
};

/** M6: a reply's term handled wrongly — higher term not adopted, or a stale reply acted on. */
const replyTerms: Detector = (c) => {
  const r = receivedReply(c);
  if (!r) return [];
  const { m, request, from } = r;
  const kind = m.type === 'RequestVoteReply' ? tx('vote', 'голос') : tx('AppendEntries reply', 'ответ на AppendEntries');
  if (m.term > c.bT && c.pT === c.bT) {
    const d = find(c, 'currentTerm')!;
    claim(c, NOT_TIMER);
    return [mk(c, 'R4', 'M6', d, tx(
      `The ${kind.en} from ${from} carries term ${m.term}, higher than your term ${c.bT}. R4 applies to replies too: move to term ${m.term} and become a follower; the reply itself then counts for nothing.`,
      `${kind.ru[0].toUpperCase() + kind.ru.slice(1)} от ${from} несёт терм ${m.term}, больше твоего терма ${c.bT}. R4 действует и для ответов: перейди в терм ${m.term} и стань фолловером; сам ответ после этого ничего не значит.`))];
  }
  if (m.term > c.bT) {
    // Term adopted, but the reply was still acted upon as if it were of the old term.
    const next = find(c, `nextIndex[${from}]`);
    if (m.type === 'AppendEntriesReply' && !m.success && next && (c.p.nextIndex[from] ?? 0) < (c.before.nextIndex[from] ?? 0)) {
      claim(c, 'nextIndex*', 'matchIndex*', 'role', 'votesGranted');
      return [mk(c, 'R4', 'M6', next, tx(
        `${from}'s ✗ carries term ${m.term} > ${c.bT}: it is not a log mismatch, it tells you a newer term exists. Adopt term ${m.term}, step down, and do not decrement nextIndex[${from}] (R4, R21).`,
        `✗ от ${from} несёт терм ${m.term} > ${c.bT}: это не расхождение журналов, а весть о более новом терме. Перейди в терм ${m.term}, уступи лидерство и не уменьшай nextIndex[${from}] (R4, R21).`))];
    }
    const counted = find(c, (d) => d.field === 'role' || d.field === 'votesGranted');
    if (m.type === 'RequestVoteReply' && counted) {
      claim(c, 'nextIndex*', 'matchIndex*', 'role', 'votesGranted');
      return [mk(c, 'R4', 'M6', counted, tx(
        `${from}'s reply carries term ${m.term} > ${c.bT}: your election of term ${c.bT} is over. After adopting term ${m.term} you are a follower and this vote does not count (R4).`,
        `Ответ ${from} несёт терм ${m.term} > ${c.bT}: твои выборы в терме ${c.bT} закончились. Перейдя в терм ${m.term}, ты фолловер, и этот голос не считается (R4).`))];
    }
    return [];
  }
  if (!isStaleReply(c, m, request)) return [];
  const b = c.before;
  const acted = (x: Diff): boolean =>
    (x.field === 'role' && c.p.role !== b.role) ||
    (x.field === 'votesGranted' && c.p.votesGranted.includes(from) && !b.votesGranted.includes(from)) ||
    (x.field === `nextIndex[${from}]` && c.p.nextIndex[from] !== b.nextIndex[from]) ||
    (x.field === `matchIndex[${from}]` && c.p.matchIndex[from] !== b.matchIndex[from]) ||
    (x.field === 'commitIndex' && c.p.commitIndex > b.commitIndex);
  const d = find(c, acted);
  if (!d) return [];
  claim(c, acted, 'lastApplied', 'nextIndex*', 'matchIndex*', 'votesGranted');
  return [mk(c, 'R6', 'M6', d, tx(
    `This reply from ${from} (term ${m.term}) answers your ${request.type} of term ${request.term}, but you are now in term ${c.bT}: it is stale. Drop it — no vote counted, nextIndex and matchIndex untouched (R6).`,
    `Этот ответ от ${from} (терм ${m.term}) — на твой ${request.type} терма ${request.term}, а ты уже в терме ${c.bT}: ответ устарел. Выброси его — голос не засчитывается, nextIndex и matchIndex не меняются (R6).`))];
};

/** M17: a leader rewrote or shortened its own log (Leader Append-Only, P2). */
const leaderRewritesLog: Detector = (c) => {
  const d = find(c, 'log');
  if (!d || c.before.role !== 'leader' || !isPrefix(c.before.log, c.c.log) || isPrefix(c.before.log, c.p.log)) return [];
  const k = firstDifference(c.before.log, c.p.log);
  const now = k > c.p.log.length ? tx('you removed it', 'ты её удалил') : tx(`you made it ${entryAt(c.p.log, k)}`, `ты сделал её ${entryAt(c.p.log, k)}`);
  claim(c, 'log');
  return [mk(c, 'P2', 'M17', d, tx(
    `You are the leader of term ${c.bT}: you never delete or change your own entries (P2). Entry ${k} was ${entryAt(c.before.log, k)} and ${now.en}. When a follower disagrees, step its nextIndex back (R21) — its log is the one that gets overwritten.`,
    `Ты лидер терма ${c.bT}: свои записи ты никогда не удаляешь и не меняешь (P2). Запись ${k} была ${entryAt(c.before.log, k)}, а ${now.ru}. Если фолловер не согласен, сдвинь его nextIndex назад (R21) — перезаписывается его журнал, а не твой.`))];
};

/** M19: a no-op entry appended on winning, as etcd/hashicorp do (R13, RAFT-RULES F). */
const noopOnElection: Detector = (c) => {
  const d = find(c, 'log');
  if (!d || c.before.role === 'leader' || c.c.role !== 'leader' || c.p.role !== 'leader') return [];
  if (c.p.log.length !== c.c.log.length + 1 || !isPrefix(c.c.log, c.p.log) || c.p.log[c.p.log.length - 1].term !== c.cT) return [];
  const extra = lastLogIndex(c.p.log);
  claim(c, 'log', (x) => x.field.startsWith('nextIndex[') && x.given === extra + 1);
  return [mk(c, 'R13', 'M19', d, tx(
    `You won term ${c.cT} and appended entry ${extra} (${entryAt(c.p.log, extra)}) at once. etcd and hashicorp add such a no-op entry, but the paper's basic algorithm does not: a new leader sets nextIndex = ${lastLogIndex(c.c.log) + 1} and matchIndex = 0 and writes nothing until a client letter comes (R13).`,
    `Ты выиграл терм ${c.cT} и сразу дописал запись ${extra} (${entryAt(c.p.log, extra)}). etcd и hashicorp добавляют такую пустую запись, но в базовом алгоритме статьи её нет: новый лидер ставит nextIndex = ${lastLogIndex(c.c.log) + 1}, matchIndex = 0 и ничего не пишет, пока не придёт буква от клиента (R13).`))];
};

/** M8: a candidate ignores the AppendEntries of its own term (R12). */
const candidateIgnoresLeader: Detector = (c) => {
  const m = receivedAE(c);
  const d = find(c, 'role');
  if (!m || !d || m.term !== c.bT || c.before.role !== 'candidate' || c.c.role !== 'follower' || c.p.role !== 'candidate') return [];
  claim(c, (x) => !['currentTerm', 'votedFor'].includes(x.field) && !x.field.startsWith('votes['));
  return [mk(c, 'R12', 'M8', d, tx(
    `An AppendEntries of your own term ${c.bT} from ${m.leaderId} means ${m.leaderId} has won term ${c.bT}. As a candidate you become a follower (same term, same vote) and handle the card as a follower (R12).`,
    `AppendEntries твоего терма ${c.bT} от ${m.leaderId} означает, что ${m.leaderId} выиграл терм ${c.bT}. Кандидат становится фолловером (терм и голос прежние) и обрабатывает карточку как фолловер (R12).`))];
};

/** The vote decision the proposal shows: the reply's tick, else the vote cell. */
function proposedVote(c: Ctx, m: RequestVote): boolean {
  const r = proposedReply(c);
  if (r) return granted(r) === true;
  return c.p.votes[m.term - 1] === m.candidateId;
}

function voteField(c: Ctx): Diff | undefined {
  return find(c, `send[${sender(c)}].voteGranted`) ?? find(c, 'votedFor');
}

const logPos = (index: number, term: number): string => `${index}/t${term}`;
const range = (from: number, to: number): string => (from === to ? `${from}` : `${from}–${to}`);
const stay = (from: number, to: number): Text => from === to
  ? tx(`entry ${from} stays`, `запись ${from} остаётся`)
  : tx(`entries ${range(from, to)} stay`, `записи ${range(from, to)} остаются`);

/** M4: the vote was decided by log length, or by index before term (R10). */
const voteByLength: Detector = (c) => {
  const m = receivedRV(c);
  if (!m || m.term < c.bT) return [];
  const prior = m.term > c.bT ? null : votedFor(c.before);
  if (prior !== null && prior !== m.candidateId) return [];
  const log = c.before.log;
  const correct = isUpToDate(m.lastLogTerm, m.lastLogIndex, log);
  const given = proposedVote(c, m);
  const d = voteField(c);
  if (!d || given === correct) return [];
  const vI = lastLogIndex(log);
  const vT = lastLogTerm(log);
  const lengthOnly = m.lastLogIndex >= vI;
  const indexFirst = m.lastLogIndex > vI || (m.lastLogIndex === vI && m.lastLogTerm >= vT);
  if (given !== lengthOnly && given !== indexFirst) return [];
  claim(c, `send[${sender(c)}].voteGranted`, 'votedFor', 'resetTimer');
  const cand = logPos(m.lastLogIndex, m.lastLogTerm);
  const mine = logPos(vI, vT);
  const why = m.lastLogTerm > vT
    ? tx(`its last term t${m.lastLogTerm} is newer than your t${vT}, so its log is more up-to-date even though it is not longer`,
      `его последний терм t${m.lastLogTerm} новее твоего t${vT}, значит, его журнал актуальнее, хоть и не длиннее`)
    : tx(`its last term t${m.lastLogTerm} is older than your t${vT}, so its log is less up-to-date even though it is at least as long`,
      `его последний терм t${m.lastLogTerm} старше твоего t${vT}, значит, его журнал менее актуален, хоть и не короче`);
  return [mk(c, 'R10', 'M4', d, tx(
    `${m.candidateId}'s last entry is ${cand}, yours is ${mine}. Compare the last terms first: ${why.en}. So the vote is ${tick(correct)} (R10); length only breaks a tie between equal last terms.`,
    `Последняя запись ${m.candidateId} — ${cand}, твоя — ${mine}. Сначала сравнивают последние термы: ${why.ru}. Поэтому голос — ${tick(correct)} (R10); длина решает только при равных последних термах.`))];
};

/** M5: the vote cell is not tied to its term — kept across a term change, or changed within one. */
const voteCell: Detector = (c) => {
  if (c.pT !== c.cT) return [];
  const out: Mistake[] = [];
  const m = receivedRV(c);
  const old = votedFor(c.before);
  const vf = find(c, 'votedFor');
  const claimVote = (): void => claim(c, 'votedFor', `send[${sender(c)}].voteGranted`, 'resetTimer');
  if (vf && c.cT > c.bT && old !== null && vf.given === old) {
    claimVote();
    out.push(mk(c, 'R4', 'M5', vf, tx(
      `You moved from term ${c.bT} to term ${c.cT}. Your vote for ${old} belonged to term ${c.bT} only; the vote cell of t${c.cT} starts empty (—)${m ? ` and is free for ${m.candidateId}` : ''} (R4).`,
      `Ты перешёл из терма ${c.bT} в терм ${c.cT}. Голос за ${old} относился только к терму ${c.bT}; ячейка голоса t${c.cT} начинается пустой (—)${m ? ` и свободна для ${m.candidateId}` : ''} (R4).`)));
  } else if (vf && c.pT === c.bT && old !== null && vf.expected === old) {
    claimVote();
    const how = vf.given === null
      ? tx(`clearing it lets you vote a second time in term ${c.bT}`, `если её стереть, ты сможешь проголосовать в терме ${c.bT} второй раз`)
      : tx(`writing ${vf.given} over it is a second vote in term ${c.bT}`, `вписать поверх неё ${vf.given} — значит проголосовать в терме ${c.bT} второй раз`);
    out.push(mk(c, m ? 'R9' : 'R1', 'M5', vf, tx(
      `You already voted for ${old} in term ${c.bT}. A vote cell never changes within its term — ${how.en}, and two candidates could both win (R1, R9).`,
      `В терме ${c.bT} ты уже проголосовал за ${old}. Ячейка голоса внутри своего терма не меняется — ${how.ru}, и выиграть могут два кандидата (R1, R9).`)));
  } else if (m && m.term > c.bT && old !== null && old !== m.candidateId) {
    // The cell was reset correctly, but the old vote still decided the answer.
    const d = find(c, `send[${sender(c)}].voteGranted`);
    if (d && d.expected === true && d.given === false) {
      claimVote();
      out.push(mk(c, 'R4', 'M5', d, tx(
        `Your vote for ${old} was in term ${c.bT}; ${m.candidateId} asks in term ${m.term}, where you have not voted yet. After adopting term ${m.term} the vote is free, and ${m.candidateId}'s log is up-to-date enough: vote ✔ (R4, R9).`,
        `Твой голос за ${old} был в терме ${c.bT}; ${m.candidateId} просит в терме ${m.term}, где ты ещё не голосовал. Перейдя в терм ${m.term}, ты свободен, и журнал ${m.candidateId} достаточно актуален: голосуй ✔ (R4, R9).`)));
    }
  }
  const history = c.open.filter((d) => d.field.startsWith('votes['));
  if (history.length > 0) {
    claim(c, 'votes*');
    const cells = history.map((d) => d.field.slice(6, -1)).join(', ');
    out.push(mk(c, 'R1', 'M5', { field: 'votes', expected: c.c.votes.map(vote), given: c.p.votes.map(vote) }, tx(
      `You changed the vote cell of a past term (${cells}). Vote cells are persistent history (R1): once a term is over, its cell never changes.`,
      `Ты изменил ячейку голоса прошедшего терма (${cells}). Ячейки голосов — сохраняемая история (R1): когда терм прошёл, его ячейка больше не меняется.`)));
  }
  return out;
};

/** M19: a vote refused because a leader is known (etcd/hashicorp leader stickiness). */
const leaderStickiness: Detector = (c) => {
  const m = receivedRV(c);
  if (!m || m.term <= c.bT || c.pT !== c.bT || c.before.role === 'candidate') return [];
  if (correctReplyOk(c) !== true || proposedVote(c, m)) return [];
  const d = find(c, `send[${sender(c)}]*`) ?? find(c, 'currentTerm');
  if (!d) return [];
  claim(c, ALL);
  const vI = lastLogIndex(c.before.log);
  const vT = lastLogTerm(c.before.log);
  return [mk(c, 'R9', 'M19', d, tx(
    `${m.candidateId} asks for a vote in term ${m.term}, higher than your term ${c.bT}. Even if you still hear from a leader, Figure 2 has no "leader stickiness" (that is etcd/hashicorp's CheckQuorum and PreVote): adopt term ${m.term} (R4), and since you have not voted in it and ${m.candidateId}'s log ${logPos(m.lastLogIndex, m.lastLogTerm)} is at least as up-to-date as yours ${logPos(vI, vT)}, vote ✔ (R9).`,
    `${m.candidateId} просит голос в терме ${m.term}, больше твоего терма ${c.bT}. Даже если ты ещё слышишь лидера, в Figure 2 нет «липкости лидера» (это CheckQuorum и PreVote из etcd/hashicorp): перейди в терм ${m.term} (R4), и раз ты в нём не голосовал, а журнал ${m.candidateId} ${logPos(m.lastLogIndex, m.lastLogTerm)} не менее актуален, чем твой ${logPos(vI, vT)}, голосуй ✔ (R9).`))];
};

/** M10: votes counted wrong — self-vote forgotten, duplicates, refusals, responders only (R8, R11). */
const voteCount: Detector = (c) => {
  const self = c.before.id;
  const n = c.before.cluster.length;
  const need = majority(n);
  if (c.input.kind === 'timeout' && c.before.role !== 'leader') {
    const d = find(c, (x) => (x.field === 'votedFor' && x.given !== self) || (x.field === 'votesGranted' && !c.p.votesGranted.includes(self)));
    if (!d) return [];
    claim(c, 'votedFor', 'votesGranted');
    return [mk(c, 'R8', 'M10', d, tx(
      `Starting an election you vote for yourself: write ${self} in the vote cell of t${c.cT} and count yourself as the first of the ${need} votes you need out of ${n} (R8, R11).`,
      `Начиная выборы, ты голосуешь за себя: впиши ${self} в ячейку голоса t${c.cT} и посчитай себя первым из ${need} нужных голосов из ${n} (R8, R11).`))];
  }
  const r = receivedReply(c);
  if (!r || r.m.type !== 'RequestVoteReply' || c.before.role !== 'candidate' || r.m.term > c.bT || isStaleReply(c, r.m, r.request)) return [];
  const d = find(c, 'role') ?? find(c, 'votesGranted');
  if (!d) return [];
  claim(c, 'role', 'votesGranted', 'nextIndex*', 'matchIndex*');
  const from = r.from;
  const distinct = [...new Set(c.p.votesGranted)].sort();
  const right = [...c.c.role === 'leader' ? c.before.votesGranted.concat(from) : c.c.votesGranted].filter((v, i, a) => a.indexOf(v) === i).sort();
  const have = tx(`${right.length} of ${n} (${right.join(', ')})`, `${right.length} из ${n} (${right.join(', ')})`);
  const again = r.m.voteGranted && c.before.votesGranted.includes(from);
  let why: Text;
  if (c.p.votesGranted.length !== distinct.length || (again && (c.p.role === 'leader' || c.p.votesGranted.length > c.before.votesGranted.length))) {
    why = tx(`${from} had already voted for you: a repeated ✔ counts once.`, `${from} уже голосовал за тебя: повторный ✔ считается один раз.`);
  } else if (!r.m.voteGranted && c.p.votesGranted.includes(from) && !c.before.votesGranted.includes(from)) {
    why = tx(`${from} answered ✗: a refusal is not a vote.`, `${from} ответил ✗: отказ — это не голос.`);
  } else if (!c.p.votesGranted.includes(self) && c.p.role !== 'leader') {
    why = tx(`You left out your own vote.`, `Ты не посчитал свой собственный голос.`);
  } else if (c.p.role === 'leader') {
    why = tx(`A majority is counted over the whole cluster of ${n}, not over those who answered.`, `Большинство считается от всего кластера из ${n}, а не от ответивших.`);
  } else {
    why = tx(`That is a majority: you become leader.`, `Это большинство: ты становишься лидером.`);
  }
  return [mk(c, 'R11', 'M10', d, tx(
    `${why.en} Distinct ✔ in term ${c.bT}, yourself included: ${have.en}; you need floor(${n}/2)+1 = ${need} (R11). Your role after this reply: ${c.c.role}.`,
    `${why.ru} Разных ✔ в терме ${c.bT}, считая себя: ${have.ru}; нужно floor(${n}/2)+1 = ${need} (R11). Твоя роль после этого ответа: ${ROLE_RU[c.c.role]}.`))];
};

/** Why the consistency check passes or fails for this card (R17), in words. */
function checkWords(c: Ctx, m: AppendEntries): Text {
  const have = termAt(c.before.log, m.prevLogIndex);
  const at = `prevLogIndex ${m.prevLogIndex}, prevLogTerm t${m.prevLogTerm}`;
  if (have === undefined) {
    return tx(`The card says ${at}, but your log ends at index ${lastLogIndex(c.before.log)}: there is no entry ${m.prevLogIndex}, so the check fails`,
      `На карточке ${at}, а твой журнал кончается на индексе ${lastLogIndex(c.before.log)}: записи ${m.prevLogIndex} нет, проверка не пройдена`);
  }
  if (have !== m.prevLogTerm) {
    return tx(`The card says ${at}, but your entry ${m.prevLogIndex} is of term t${have}: the check fails`,
      `На карточке ${at}, а твоя запись ${m.prevLogIndex} — терма t${have}: проверка не пройдена`);
  }
  return m.prevLogIndex === 0
    ? tx(`The card says prevLogIndex 0: the check always passes (R3)`, `На карточке prevLogIndex 0: проверка проходит всегда (R3)`)
    : tx(`The card says ${at} and your entry ${m.prevLogIndex} is of term t${have}: the check passes`,
      `На карточке ${at}, и твоя запись ${m.prevLogIndex} — терма t${have}: проверка пройдена`);
}

/** M7 (heartbeat) / R17: a card accepted although the consistency check fails. */
const checkSkipped: Detector = (c) => {
  const m = receivedAE(c);
  if (!m || m.term < c.bT || c.before.role === 'leader' || correctReplyOk(c) !== false) return [];
  const from = sender(c);
  const d = find(c, (x) => x.field === `send[${from}].success` && x.given === true) ?? find(c, 'log');
  if (!d) return [];
  claim(c, `send[${from}].success`, 'log', 'commitIndex', 'lastApplied');
  const heartbeat = m.entries.length === 0;
  const w = checkWords(c, m);
  return [mk(c, 'R17', heartbeat ? 'M7' : undefined, d, tx(
    `${w.en}. Answer ✗ and leave your log and commitIndex as they are (R17)${heartbeat ? '. A heartbeat is an AppendEntries like any other: its prevLogIndex/prevLogTerm are checked too' : ''}.`,
    `${w.ru}. Ответь ✗ и оставь журнал и commitIndex как есть (R17)${heartbeat ? '. Heartbeat — такой же AppendEntries, его prevLogIndex/prevLogTerm тоже проверяются' : ''}.`))];
}

/** M16: an AppendEntries of the current term refused because the vote went to someone else. */
const rejectForVote: Detector = (c) => {
  const m = receivedAE(c);
  const from = sender(c);
  const d = find(c, (x) => x.field === `send[${from}].success` && x.given === false);
  const old = votedFor(c.before);
  if (!m || !d || m.term !== c.bT || c.before.role !== 'follower' || old === null || old === m.leaderId) return [];
  claim(c, `send[${from}].success`, 'log', 'commitIndex', 'lastApplied', 'resetTimer');
  return [mk(c, 'R17', 'M16', d, tx(
    `You voted for ${old} in term ${c.bT}, but ${m.leaderId} won term ${c.bT}, and votedFor plays no part in AppendEntries. ${checkWords(c, m).en}: answer ✔ and take the entries (R17, R18).`,
    `В терме ${c.bT} ты голосовал за ${old}, но терм ${c.bT} выиграл ${m.leaderId}, а votedFor в AppendEntries роли не играет. ${checkWords(c, m).ru}: ответь ✔ и прими записи (R17, R18).`))];
};

/** R17: a passing card refused (no known misconception named; M16 is checked first). */
const goodCardRefused: Detector = (c) => {
  const m = receivedAE(c);
  const from = sender(c);
  const d = find(c, (x) => x.field === `send[${from}].success` && x.given === false);
  if (!m || !d) return [];
  claim(c, `send[${from}].success`, (x) => ['log', 'commitIndex', 'lastApplied'].includes(x.field) && sameLog(c.p.log, c.before.log));
  return [mk(c, 'R17', undefined, d, tx(
    `${checkWords(c, m).en}: answer ✔ (R17).`,
    `${checkWords(c, m).ru}: ответь ✔ (R17).`))];
};

/** M1, M14, M13: the card's entries merged wrongly into a log that passed the check (R18). */
const logMerge: Detector = (c) => {
  const m = receivedAE(c);
  const d = find(c, 'log');
  if (!m || !d || correctReplyOk(c) !== true) return [];
  const from = sender(c);
  const prev = m.prevLogIndex;
  const n = m.entries.length;
  const last = lastLogIndex(c.before.log);
  const cut = [...c.before.log.slice(0, prev), ...m.entries];
  const claimAll = (): void => claim(c, 'log', `send[${from}].success`, 'commitIndex', 'lastApplied');
  const removedTail = sameLog(c.c.log, c.before.log) || isPrefix(c.before.log, c.c.log);
  if (n === 0 && removedTail && isPrefix(c.p.log, c.before.log) && c.p.log.length < c.before.log.length) {
    claimAll();
    return [mk(c, 'R18', 'M14', d, tx(
      `This heartbeat (prevLogIndex ${prev}) carries no entries, so nothing on it conflicts with yours: ${stay(c.p.log.length + 1, last).en} (R18). Extra entries go only when a card brings a different entry for the same index.`,
      `В этом heartbeat (prevLogIndex ${prev}) нет записей, значит, ничто в нём не конфликтует с твоими: ${stay(c.p.log.length + 1, last).ru} (R18). Лишние записи уходят, только когда карточка приносит другую запись для того же индекса.`))];
  }
  if (n > 0 && sameLog(c.p.log, cut) && !sameLog(c.c.log, cut)) {
    claimAll();
    return [mk(c, 'R18', 'M1', d, tx(
      `Entries ${range(prev + 1, prev + n)} of this card are already in your log with the same terms, so nothing conflicts and nothing is deleted: your ${stay(prev + n + 1, last).en} (R18). Cutting after prevLogIndex on every card lets a late or repeated card erase entries you have already acknowledged.`,
      `Записи ${range(prev + 1, prev + n)} этой карточки уже есть в твоём журнале с теми же термами, значит, конфликта нет и ничего не удаляется: ${stay(prev + n + 1, last).ru} (R18). Если резать после prevLogIndex на каждой карточке, запоздавшая или повторная карточка сотрёт уже подтверждённые записи.`))];
  }
  // The first conflict: an index where the log holds a different term than the card.
  for (let k = 0; k < n; k++) {
    const i = prev + k + 1;
    const mine = termAt(c.before.log, i);
    if (mine === undefined) break;
    if (mine === m.entries[k].term) continue;
    if (!sameEntry(c.p.log[i - 1], c.before.log[i - 1])) break;
    claimAll();
    const higher = mine > m.entries[k].term;
    return [mk(c, 'R18', higher ? 'M13' : undefined, d, tx(
      `At index ${i} you hold ${entryAt(c.before.log, i)} but the card brings ${entryAt(m.entries, k + 1)}: a conflict. Delete your entry ${i} and everything after it, then append the rest of the card (R18)${higher ? `. A higher term (t${mine}) does not protect an entry: it is not committed, and the leader's log wins` : ''}.`,
      `По индексу ${i} у тебя ${entryAt(c.before.log, i)}, а карточка приносит ${entryAt(m.entries, k + 1)}: конфликт. Удали свою запись ${i} и всё после неё, затем допиши остаток карточки (R18)${higher ? `. Больший терм (t${mine}) запись не защищает: она не закоммичена, и побеждает журнал лидера` : ''}.`))];
  }
  return [];
};

/** M2 (own last index), M7 (heartbeat's leaderCommit ignored): the follower's commitIndex (R19). */
const followerCommit: Detector = (c) => {
  const m = receivedAE(c);
  const d = find(c, 'commitIndex');
  if (!m || !d || correctReplyOk(c) !== true || c.before.role === 'leader') return [];
  const given = c.p.commitIndex;
  const covered = m.prevLogIndex + m.entries.length;
  const was = c.before.commitIndex;
  const claimCommit = (): void => claim(c, 'commitIndex', (x) => x.field === 'lastApplied' && c.p.lastApplied <= given);
  const formula = `min(leaderCommit ${m.leaderCommit}, prevLogIndex ${m.prevLogIndex} + ${m.entries.length}) = ${Math.min(m.leaderCommit, covered)}`;
  const owns = [c.p.log, c.c.log, c.before.log].map((l) => Math.max(was, Math.min(m.leaderCommit, lastLogIndex(l))));
  if (given > c.c.commitIndex && owns.includes(given)) {
    claimCommit();
    return [mk(c, 'R19', 'M2', d, tx(
      `You committed up to ${given} (your own last index), but this card covers only up to ${covered}: commitIndex = ${formula}${c.c.commitIndex > Math.min(m.leaderCommit, covered) ? `, and it never goes below your ${was}` : ''} (R19). Entries past ${covered} have not been checked against the leader's log.`,
      `Ты закоммитил до ${given} (свой последний индекс), а эта карточка покрывает только до ${covered}: commitIndex = ${formula}${c.c.commitIndex > Math.min(m.leaderCommit, covered) ? `, и он не опускается ниже твоего ${was}` : ''} (R19). Записи после ${covered} ещё не сверены с журналом лидера.`))];
  }
  if (m.entries.length === 0 && given === was && c.c.commitIndex > was) {
    claimCommit();
    return [mk(c, 'R19', 'M7', d, tx(
      `A heartbeat carries leaderCommit too: ${m.leaderCommit} > your commitIndex ${was}, so commitIndex = ${formula} (R19). Ignoring leaderCommit on heartbeats means you never learn what is committed.`,
      `Heartbeat тоже несёт leaderCommit: ${m.leaderCommit} > твоего commitIndex ${was}, значит, commitIndex = ${formula} (R19). Если не читать leaderCommit в heartbeat, ты так и не узнаешь, что закоммичено.`))];
  }
  return [];
};

/** M11: matchIndex from the leader's log length, or lowered by a late reply (R20, R21). */
const matchIndexWrong: Detector = (c) => {
  const r = receivedReply(c);
  if (!r || r.m.type !== 'AppendEntriesReply' || !r.m.success || c.before.role !== 'leader' || r.m.term !== c.bT || isStaleReply(c, r.m, r.request)) return [];
  const from = r.from;
  const d = find(c, `matchIndex[${from}]`);
  if (!d || r.request.type !== 'AppendEntries') return [];
  const given = c.p.matchIndex[from];
  const old = c.before.matchIndex[from] ?? 0;
  const acked = r.request.prevLogIndex + r.request.entries.length;
  const mine = lastLogIndex(c.before.log);
  const fromLength = given === mine && mine !== acked;
  const lowered = given !== undefined && given < old;
  if (!fromLength && !lowered) return [];
  const ifCommit = advanceLeaderCommit({ ...c.before, matchIndex: { ...c.before.matchIndex, ...c.p.matchIndex } });
  claim(c, `matchIndex[${from}]`, (x) => x.field === `nextIndex[${from}]` && x.given === (given ?? 0) + 1,
    (x) => (x.field === 'commitIndex' || x.field === 'lastApplied') && c.p.commitIndex === ifCommit.commitIndex);
  const card = `prevLogIndex ${r.request.prevLogIndex} + ${r.request.entries.length}`;
  return [mk(c, fromLength ? 'R20' : 'R21', 'M11', d, fromLength
    ? tx(`${from}'s ✔ answers the card with ${card}, so it acknowledges up to ${acked}, not your current last index ${mine} (R20): matchIndex[${from}] = max(${old}, ${acked}) = ${d.expected}.`,
      `✔ от ${from} — ответ на карточку с ${card}, он подтверждает до ${acked}, а не до твоего текущего последнего индекса ${mine} (R20): matchIndex[${from}] = max(${old}, ${acked}) = ${d.expected}.`)
    : tx(`matchIndex never goes down: this late ✔ acknowledges only ${acked} (${card}), but you already knew ${from} stores ${old} (R21): keep ${d.expected}.`,
      `matchIndex никогда не уменьшается: этот запоздавший ✔ подтверждает только ${acked} (${card}), а ты уже знаешь, что у ${from} есть ${old} (R21): оставь ${d.expected}.`))];
};

/** M12: after a same-term ✗, nextIndex not stepped back, or pushed below 1 (R21). */
const nextIndexWrong: Detector = (c) => {
  const r = receivedReply(c);
  if (!r || r.m.type !== 'AppendEntriesReply' || r.m.success || c.before.role !== 'leader' || r.m.term !== c.bT || isStaleReply(c, r.m, r.request)) return [];
  const from = r.from;
  const d = find(c, `nextIndex[${from}]`);
  if (!d) return [];
  const given = c.p.nextIndex[from];
  const was = c.before.nextIndex[from];
  if (!(given !== undefined && given < 1) && given !== was) return [];
  claim(c, `nextIndex[${from}]`);
  return [mk(c, 'R21', 'M12', d, given !== undefined && given < 1
    ? tx(`nextIndex can never be below 1: index 1 with prevLogIndex 0 always passes the check (R3, R21). nextIndex[${from}] = ${d.expected}.`,
      `nextIndex не бывает меньше 1: индекс 1 с prevLogIndex 0 всегда проходит проверку (R3, R21). nextIndex[${from}] = ${d.expected}.`)
    : tx(`${from} answered ✗ of your term: its log does not match yours at index ${r.request.type === 'AppendEntries' ? r.request.prevLogIndex : was - 1}. Step nextIndex[${from}] back from ${was} to ${d.expected} and the next card retries from there (R21); leaving it repeats the same failing card forever.`,
      `${from} ответил ✗ в твоём терме: его журнал не совпадает с твоим по индексу ${r.request.type === 'AppendEntries' ? r.request.prevLogIndex : was - 1}. Сдвинь nextIndex[${from}] с ${was} на ${d.expected}, и следующая карточка попробует оттуда (R21); если не сдвигать, одна и та же неудачная карточка будет повторяться вечно.`))];
};

/** How many servers store index n, the leader included (R22). */
function storedOn(s: ServerState, n: number): number {
  return 1 + s.cluster.filter((id) => id !== s.id && (s.matchIndex[id] ?? 0) >= n).length;
}

/** M3: a leader committed an earlier-term entry by counting copies (R22, Figure 8). */
const oldTermCommit: Detector = (c) => {
  const d = find(c, 'commitIndex');
  if (!d || c.before.role !== 'leader' || c.c.role !== 'leader') return [];
  const given = c.p.commitIndex;
  if (given <= c.c.commitIndex) return [];
  const t = termAt(c.c.log, given);
  const copies = storedOn(c.c, given);
  const n = c.c.cluster.length;
  if (t === undefined || t === c.cT || copies < majority(n)) return [];
  claim(c, 'commitIndex', (x) => x.field === 'lastApplied' && c.p.lastApplied <= given);
  return [mk(c, 'R22', 'M3', d, tx(
    `Entry ${given} is of term t${t}, not your current term t${c.cT}. It is stored on ${copies} of ${n} servers, a majority, but a leader never commits an earlier term's entry by counting copies (R22, Figure 8): it becomes committed only when an entry of t${c.cT} after it is. commitIndex stays ${c.c.commitIndex}.`,
    `Запись ${given} — терма t${t}, а не твоего текущего терма t${c.cT}. Она есть на ${copies} из ${n} серверов, у большинства, но запись прошлого терма лидер никогда не коммитит подсчётом копий (R22, рисунок 8): она станет закоммиченной, только когда закоммитится запись терма t${c.cT} после неё. commitIndex остаётся ${c.c.commitIndex}.`))];
};

/** M15: applied past commitIndex (R23). */
const appliedTooFar: Detector = (c) => {
  const d = find(c, 'lastApplied');
  if (!d || (c.p.lastApplied <= c.p.commitIndex && c.p.lastApplied <= c.c.commitIndex)) return [];
  claim(c, 'lastApplied');
  const commit = Math.min(c.p.commitIndex, c.c.commitIndex);
  return [mk(c, 'R23', 'M15', d, tx(
    `You applied up to ${c.p.lastApplied}, but only entries up to ${commit} are committed. Apply lastApplied+1 … commitIndex in order and no further (R23): an uncommitted entry may still be replaced.`,
    `Ты применил до ${c.p.lastApplied}, а закоммичены только записи до ${commit}. Применяй lastApplied+1 … commitIndex по порядку и не дальше (R23): незакоммиченную запись ещё могут заменить.`))];
};

/** M18: the election timer restarted by a card that must not restart it (R14). */
const timerReset: Detector = (c) => {
  const d = find(c, 'resetTimer');
  if (!d || d.given !== true) return [];
  claim(c, 'resetTimer');
  const req = receivedRequest(c);
  let what: Text;
  if (req && req.term < c.bT) what = tx(`a card of an older term (${req.term} < ${c.bT})`, `карточка старого терма (${req.term} < ${c.bT})`);
  else if (req?.type === 'RequestVote') what = tx('a vote request you refused', 'запрос голоса, в котором ты отказал');
  else if (req?.type === 'AppendEntries') what = tx('this card, which is not from the current leader of your term', 'эта карточка — не от текущего лидера твоего терма');
  else if (c.input.kind === 'receive') what = tx('a reply', 'ответ');
  else what = tx('this move', 'этот ход');
  return [mk(c, 'R14', 'M18', d, tx(
    `The election timer restarts only on an AppendEntries from the current leader, when you start an election, or when you grant a vote (R14) — not on ${what.en}. Restarting it too often lets an old leader keep the cluster from electing a new one.`,
    `Таймер выборов сбрасывается только от AppendEntries текущего лидера, при начале выборов или когда ты отдаёшь голос (R14), а ${what.ru} — не повод. Если сбрасывать его слишком часто, старый лидер мешает кластеру выбрать нового.`))];
};

/** R4/R8/R1: a wrong term, reported once with everything that follows from it. */
const wrongTerm: Detector = (c) => {
  const d = find(c, 'currentTerm');
  if (!d) return [];
  const req = receivedRequest(c);
  const msgTerm = c.input.kind === 'receive' ? c.input.message.term : undefined;
  const b = c.before;
  claim(c, 'currentTerm', 'votedFor', 'votes*',
    (x) => x.part === 'term' && x.given === c.pT,
    (x) => x.field === 'role' && c.p.role === b.role,
    (x) => x.field === 'votesGranted' && [...c.p.votesGranted].sort().join() === [...b.votesGranted].sort().join(),
    (x) => /^(nextIndex|matchIndex)\[/.test(x.field) && JSON.stringify(c.p.nextIndex) === JSON.stringify(b.nextIndex) && JSON.stringify(c.p.matchIndex) === JSON.stringify(b.matchIndex));
  if (c.input.kind === 'timeout') {
    return [mk(c, 'R8', undefined, d, b.role === 'leader'
      ? tx(`A leader never starts an election: your term stays ${c.bT} (R8).`, `Лидер выборов не начинает: твой терм остаётся ${c.bT} (R8).`)
      : tx(`A timeout starts a new term: ${c.bT} + 1 = ${c.cT}, with your own vote (R8).`, `Таймаут начинает новый терм: ${c.bT} + 1 = ${c.cT}, с голосом за себя (R8).`))];
  }
  if (msgTerm !== undefined && msgTerm > c.bT) {
    return [mk(c, 'R4', undefined, d, tx(
      `The card carries term ${msgTerm}, higher than your ${c.bT}: first move to term ${msgTerm} (a dash in the vote cells of the terms you skip and of t${msgTerm}), become a follower, then handle the card${req ? ` and answer with term ${msgTerm}` : ''} (R4, R7).`,
      `На карточке терм ${msgTerm}, больше твоего ${c.bT}: сначала перейди в терм ${msgTerm} (прочерк в ячейках голоса пропущенных термов и t${msgTerm}), стань фолловером, потом обработай карточку${req ? ` и ответь с термом ${msgTerm}` : ''} (R4, R7).`))];
  }
  return [mk(c, 'R4', undefined, d, tx(
    `Nothing in this move changes your term: it stays ${c.cT}. A term changes only when a card shows a higher one (R4) or you start an election (R8).`,
    `В этом ходе твой терм не меняется: он остаётся ${c.cT}. Терм меняется, только когда на карточке терм больше (R4) или ты сам начинаешь выборы (R8).`))];
};

const DETECTORS: readonly Detector[] = [
  lowerTerm,
  staleRequest,
  replyTerms,
  leaderRewritesLog,
  noopOnElection,
  candidateIgnoresLeader,
  voteByLength,
  leaderStickiness,
  voteCell,
  voteCount,
  checkSkipped,
  rejectForVote,
  logMerge,
  goodCardRefused,
  followerCommit,
  matchIndexWrong,
  nextIndexWrong,
  oldTermCommit,
  appliedTooFar,
  timerReset,
  wrongTerm,
];

// ---------------------------------------------------------------------------------------------
// Differences no detector explained: the most specific rule for this input and field
// ---------------------------------------------------------------------------------------------

/** Why the correct vote decision is what it is (R5, R9, R10). */
function voteWords(c: Ctx, m: RequestVote): { rule: RuleId; text: Text } {
  const term = Math.max(c.bT, m.term);
  const prior = m.term > c.bT ? null : votedFor(c.before);
  const vI = lastLogIndex(c.before.log);
  const vT = lastLogTerm(c.before.log);
  const logs = `${m.candidateId} ${logPos(m.lastLogIndex, m.lastLogTerm)}, ${c.before.id} ${logPos(vI, vT)}`;
  if (m.term < c.bT) return { rule: 'R5', text: tx(`The request's term ${m.term} is older than your ${c.bT}: vote ✗ (R5).`, `Терм запроса ${m.term} меньше твоего ${c.bT}: голос ✗ (R5).`) };
  if (prior !== null && prior !== m.candidateId) {
    return { rule: 'R9', text: tx(`You already voted for ${prior} in term ${term}: one vote per term, vote ✗ (R9).`, `В терме ${term} ты уже проголосовал за ${prior}: один голос на терм, голос ✗ (R9).`) };
  }
  if (!isUpToDate(m.lastLogTerm, m.lastLogIndex, c.before.log)) {
    return { rule: 'R10', text: tx(`The candidate's log is less up-to-date than yours (last entries: ${logs}): vote ✗ (R10).`, `Журнал кандидата менее актуален, чем твой (последние записи: ${logs}): голос ✗ (R10).`) };
  }
  return { rule: 'R9', text: tx(
    `Term ${term}: your vote is free${prior ? ` (already ${prior})` : ''} and the candidate's log is at least as up-to-date as yours (last entries: ${logs}): vote ✔, write ${m.candidateId} in the vote cell of t${term} and restart your timer (R9, R10).`,
    `Терм ${term}: твой голос свободен${prior ? ` (уже за ${prior})` : ''}, а журнал кандидата не менее актуален, чем твой (последние записи: ${logs}): голос ✔, впиши ${m.candidateId} в ячейку голоса t${term} и сбрось таймер (R9, R10).`) };
}

function aeWords(c: Ctx, m: AppendEntries): { rule: RuleId; text: Text } {
  if (m.term < c.bT) return { rule: 'R5', text: tx(`The card's term ${m.term} is older than your ${c.bT}: answer ✗ and change nothing (R5).`, `Терм карточки ${m.term} меньше твоего ${c.bT}: ответь ✗ и ничего не меняй (R5).`) };
  if (c.before.role === 'leader' && m.term === c.bT) {
    return { rule: 'P1', text: tx(`You are the leader of term ${c.bT}; there cannot be another one (P1): refuse the card and keep your log (P2).`, `Ты лидер терма ${c.bT}; другого быть не может (P1): откажи и сохрани свой журнал (P2).`) };
  }
  const w = checkWords(c, m);
  return correctReplyOk(c)
    ? { rule: 'R17', text: tx(`${w.en}: answer ✔ (R17).`, `${w.ru}: ответь ✔ (R17).`) }
    : { rule: 'R17', text: tx(`${w.en}: answer ✗ and leave the log as it is (R17).`, `${w.ru}: ответь ✗ и оставь журнал как есть (R17).`) };
}

const show = (v: unknown): string => (v === null || v === undefined ? '—' : Array.isArray(v) ? (v.length ? v.join(', ') : '∅') : String(v));

function generic(c: Ctx, d: Diff, label = d.field): Mistake {
  const e = show(d.expected);
  const g = show(d.given);
  const head = tx(`${label}: expected ${e}, you have ${g}.`, `${label}: ожидалось ${e}, у тебя ${g}.`);
  const say = (rule: RuleId, why: Text, mistake?: MistakeId): Mistake => mk(c, rule, mistake, d, tx(`${head.en} ${why.en}`, `${head.ru} ${why.ru}`));
  const rv = receivedRV(c);
  const ae = receivedAE(c);
  const reply = receivedReply(c);
  const isLeaderNow = c.before.role === 'leader';
  switch (true) {
    case d.field === 'id' || d.field === 'cluster':
      return say('R1', tx('The server id and the cluster are fixed; a move never changes them.', 'Id сервера и состав кластера фиксированы; ход их не меняет.'));
    case d.field === 'votedFor': {
      if (rv) return say(voteWords(c, rv).rule, voteWords(c, rv).text);
      if (c.input.kind === 'timeout') return say('R8', tx(`Starting an election you vote for yourself (R8).`, `Начиная выборы, ты голосуешь за себя (R8).`));
      return say('R1', tx(`Only a RequestVote you grant (R9) or your own election (R8) writes a vote cell; this move leaves it ${e}.`, `Ячейку голоса заполняет только отданный голос (R9) или собственные выборы (R8); в этом ходе она остаётся ${e}.`));
    }
    case d.field === 'role': {
      if (c.input.kind === 'timeout') return say('R8', isLeaderNow ? tx('A leader never starts an election (R8).', 'Лидер выборов не начинает (R8).') : tx('A timeout makes you a candidate (R8).', 'По таймауту ты становишься кандидатом (R8).'));
      if (ae && c.before.role === 'candidate') return say('R12', tx(`A candidate that receives an AppendEntries of its term or a higher one becomes a follower (R12).`, `Кандидат, получивший AppendEntries своего или большего терма, становится фолловером (R12).`));
      if (reply?.m.type === 'RequestVoteReply') return say('R11', tx(`A candidate becomes leader exactly when distinct ✔ of its term, itself included, reach floor(N/2)+1 = ${majority(c.before.cluster.length)} (R11).`, `Кандидат становится лидером ровно тогда, когда разных ✔ его терма, считая себя, набирается floor(N/2)+1 = ${majority(c.before.cluster.length)} (R11).`));
      return say('R4', tx(`Your role changes only on a timeout (R8), a won election (R11), a leader of your term (R12) or a higher term (R4); here it is ${e}.`, `Роль меняется только по таймауту (R8), после победы (R11), при встрече с лидером своего терма (R12) или при большем терме (R4); здесь она — ${ROLE_RU[d.expected as Role] ?? e}.`));
    }
    case d.field === 'log': {
      const k = firstDifference(c.c.log, c.p.log);
      const at = tx(`At index ${k} the log should hold ${entryAt(c.c.log, k)}, you have ${entryAt(c.p.log, k)}.`, `По индексу ${k} в журнале должно быть ${entryAt(c.c.log, k)}, у тебя ${entryAt(c.p.log, k)}.`);
      if (ae) return say('R18', tx(`${at.en} ${aeWords(c, ae).text.en} Then copy the card's entries from index ${ae.prevLogIndex + 1}, skipping those you already hold and cutting only at a conflict (R18).`, `${at.ru} ${aeWords(c, ae).text.ru} Затем перепиши записи карточки начиная с индекса ${ae.prevLogIndex + 1}, пропуская уже имеющиеся и обрезая только при конфликте (R18).`));
      if (c.input.kind === 'client') {
        return say('R15', isLeaderNow
          ? tx(`${at.en} As leader you append (${lastLogIndex(c.before.log) + 1}, t${c.bT}, "${letter(c.input.value)}") to your log (R15).`, `${at.ru} Как лидер ты дописываешь в журнал (${lastLogIndex(c.before.log) + 1}, t${c.bT}, «${letter(c.input.value)}») (R15).`)
          : tx(`${at.en} Only the leader writes client letters; as ${c.before.role} you leave your log as it is (R15).`, `${at.ru} Буквы клиента пишет только лидер; ты ${ROLE_RU[c.before.role]} и журнал не трогаешь (R15).`));
      }
      return say('R15', tx(`${at.en} Logs change only through a client letter at the leader (R15) or an AppendEntries (R18); this move leaves yours as it was.`, `${at.ru} Журнал меняется только от буквы клиента у лидера (R15) или от AppendEntries (R18); этот ход его не меняет.`));
    }
    case d.field === 'commitIndex': {
      if (ae) {
        const covered = ae.prevLogIndex + ae.entries.length;
        if (ae.leaderCommit <= c.before.commitIndex) {
          return say('R19', tx(`leaderCommit ${ae.leaderCommit} is not above your commitIndex ${c.before.commitIndex}, so commitIndex stays ${c.before.commitIndex}; it never goes down (R19).`, `leaderCommit ${ae.leaderCommit} не больше твоего commitIndex ${c.before.commitIndex}, поэтому commitIndex остаётся ${c.before.commitIndex}; он никогда не уменьшается (R19).`));
        }
        return say('R19', tx(`If leaderCommit ${ae.leaderCommit} > your commitIndex ${c.before.commitIndex}, commitIndex = min(leaderCommit ${ae.leaderCommit}, prevLogIndex ${ae.prevLogIndex} + ${ae.entries.length} = ${covered}); it never goes down (R19).`, `Если leaderCommit ${ae.leaderCommit} > твоего commitIndex ${c.before.commitIndex}, commitIndex = min(leaderCommit ${ae.leaderCommit}, prevLogIndex ${ae.prevLogIndex} + ${ae.entries.length} = ${covered}); он никогда не уменьшается (R19).`));
      }
      if (isLeaderNow && c.c.role === 'leader') {
        // Describe the entry that decides: the one wrongly committed, or the one that should be.
        const n = Number(d.given) > Number(d.expected) ? Number(d.given) : Number(d.expected);
        const t = termAt(c.c.log, n);
        const copies = n > 0 ? storedOn(c.c, n) : 0;
        return say('R22', tx(`Entry ${n}${t ? ` (t${t})` : ''} is stored on ${copies} of ${c.c.cluster.length} servers (you and those with matchIndex ≥ ${n}). The leader commits the largest N stored on a majority (${majority(c.c.cluster.length)}) whose entry is of its current term t${c.cT} (R22).`, `Запись ${n}${t ? ` (t${t})` : ''} есть на ${copies} из ${c.c.cluster.length} серверов (ты и те, у кого matchIndex ≥ ${n}). Лидер коммитит наибольший N, который есть у большинства (${majority(c.c.cluster.length)}) и чья запись — его текущего терма t${c.cT} (R22).`));
      }
      return say('R2', tx(`commitIndex changes only on an AppendEntries (R19) or at the leader by counting (R22); it never goes down.`, `commitIndex меняется только от AppendEntries (R19) или у лидера при подсчёте (R22); он никогда не уменьшается.`));
    }
    case d.field === 'lastApplied':
      return say('R23', tx(`Apply every committed entry in order: lastApplied follows commitIndex ${c.c.commitIndex} (R23).`, `Применяй каждую закоммиченную запись по порядку: lastApplied догоняет commitIndex ${c.c.commitIndex} (R23).`));
    case d.field === 'votesGranted':
      return say(c.input.kind === 'timeout' ? 'R8' : 'R11', tx(`Count the distinct servers that voted ✔ for you in term ${c.cT}, yourself included; a leader or follower counts none (R11).`, `Считай разные серверы, проголосовавшие за тебя ✔ в терме ${c.cT}, включая себя; лидер и фолловер голоса не считают (R11).`));
    case d.field.startsWith('nextIndex') || d.field.startsWith('matchIndex'): {
      if (reply?.m.type === 'RequestVoteReply' && c.c.role === 'leader') {
        return say('R13', tx(`A new leader sets nextIndex = its lastLogIndex + 1 = ${lastLogIndex(c.c.log) + 1} and matchIndex = 0 for every other server (R13).`, `Новый лидер ставит каждому другому серверу nextIndex = свой lastLogIndex + 1 = ${lastLogIndex(c.c.log) + 1} и matchIndex = 0 (R13).`));
      }
      if (reply?.m.type === 'AppendEntriesReply' && c.c.role === 'leader') {
        return say(d.field.startsWith('match') ? 'R20' : 'R21', tx(`On ✔: matchIndex = max(matchIndex, prevLogIndex + entries of the answered card), nextIndex = matchIndex + 1; on ✗ of your term: nextIndex one step back, not below matchIndex + 1 (R20, R21).`, `На ✔: matchIndex = max(matchIndex, prevLogIndex + число записей той карточки), nextIndex = matchIndex + 1; на ✗ твоего терма: nextIndex на один назад, но не ниже matchIndex + 1 (R20, R21).`));
      }
      return say('R2', tx(`nextIndex and matchIndex are the leader's bookkeeping: set on election (R13), changed only by AppendEntries replies (R21), dropped when you are not leader.`, `nextIndex и matchIndex — учёт лидера: задаются при избрании (R13), меняются только от ответов на AppendEntries (R21) и исчезают, когда ты не лидер.`));
    }
    case d.field === 'resetTimer':
      return say('R14', tx(`This move restarts the election timer: an AppendEntries from the current leader, starting an election and granting a vote all do (R14).`, `Этот ход сбрасывает таймер выборов: это делают AppendEntries текущего лидера, начало выборов и отданный голос (R14).`));
    case d.part !== undefined:
      return genericCard(c, d, say);
    default:
      return say('R1', tx('This part of the sheet does not change in this move.', 'Эта часть листа в этом ходе не меняется.'));
  }
}

function genericCard(c: Ctx, d: Diff, say: (rule: RuleId, why: Text, mistake?: MistakeId) => Mistake): Mistake {
  const rv = receivedRV(c);
  const ae = receivedAE(c);
  const who = d.to ?? '';
  if (d.part === '') {
    const missing = d.given === null;
    if (missing && (d.cardType === 'RequestVoteReply' || d.cardType === 'AppendEntriesReply')) {
      const w = rv ? voteWords(c, rv) : ae ? aeWords(c, ae) : undefined;
      return say(w?.rule ?? 'R7', tx(`Every request gets an answer with your term. ${w?.text.en ?? ''}`, `На каждый запрос отвечают, указав свой терм. ${w?.text.ru ?? ''}`));
    }
    if (missing && d.cardType === 'RequestVote') return say('R8', tx(`Starting an election you send RequestVote to every other server, ${who} included (R8).`, `Начиная выборы, ты рассылаешь RequestVote всем остальным серверам, в том числе ${who} (R8).`));
    if (missing) return say('R16', tx(`The leader sends ${who} an AppendEntries filled from nextIndex[${who}] (R16).`, `Лидер отправляет ${who} AppendEntries, заполненный от nextIndex[${who}] (R16).`));
    if (c.proposed.send.filter((o) => o.to === who && o.message.type === d.cardType).length > 1) {
      return say(d.cardType === 'AppendEntries' ? 'R16' : d.cardType === 'RequestVote' ? 'R8' : 'R7', tx(`One ${d.cardType} to ${who} in this move, not two.`, `В этом ходе ${who} получает один ${d.cardType}, а не два.`));
    }
    if (d.cardType === 'AppendEntries') return say(c.before.role === 'leader' ? 'R16' : 'R15', tx(`No AppendEntries to ${who} in this move: only a leader sends them, and only to the servers it is asked to (R15, R16).`, `В этом ходе AppendEntries для ${who} нет: их отправляет только лидер и только тем, кому просили (R15, R16).`));
    if (d.cardType === 'RequestVote') return say('R8', tx(`RequestVote cards are sent only when you start an election (R8).`, `RequestVote рассылаются только при начале выборов (R8).`));
    return say('R7', tx(`This move sends no such card to ${who}: a reply answers exactly one request.`, `В этом ходе такой карточки для ${who} нет: ответ отвечает ровно на один запрос.`));
  }
  switch (d.part) {
    case 'term':
      if (d.cardType === 'RequestVoteReply' || d.cardType === 'AppendEntriesReply') {
        return say('R7', tx(`A reply carries your current term ${c.cT}, after any update by R4 (R7).`, `Ответ несёт твой текущий терм ${c.cT} — уже после перехода по R4 (R7).`));
      }
      return say(d.cardType === 'RequestVote' ? 'R8' : 'R16', tx(`A request carries your current term ${c.cT}.`, `Запрос несёт твой текущий терм ${c.cT}.`));
    case 'voteGranted': {
      if (!rv) return say('R9', tx('', ''));
      const w = voteWords(c, rv);
      return say(w.rule, w.text);
    }
    case 'success': {
      if (!ae) return say('R17', tx('', ''));
      const w = aeWords(c, ae);
      return say(w.rule, w.text);
    }
    case 'candidateId':
    case 'lastLogIndex':
    case 'lastLogTerm':
      return say('R8', tx(`A RequestVote carries your id and your last entry: lastLogIndex ${lastLogIndex(c.c.log)}, lastLogTerm ${lastLogTerm(c.c.log)} (R8).`, `RequestVote несёт твой id и твою последнюю запись: lastLogIndex ${lastLogIndex(c.c.log)}, lastLogTerm ${lastLogTerm(c.c.log)} (R8).`));
    default: {
      const next = c.before.nextIndex[who] ?? lastLogIndex(c.before.log) + 1;
      return say('R16', tx(
        `For ${who}: nextIndex ${next}, so prevLogIndex = ${next - 1}, prevLogTerm = the term of your entry ${next - 1}, entries from index ${next} (at most the card's cells), leaderCommit = your commitIndex ${c.before.commitIndex} (R16).`,
        `Для ${who}: nextIndex ${next}, значит, prevLogIndex = ${next - 1}, prevLogTerm = терм твоей записи ${next - 1}, записи начиная с индекса ${next} (не больше клеток карточки), leaderCommit = твой commitIndex ${c.before.commitIndex} (R16).`));
    }
  }
}

/**
 * Several servers' bookkeeping or several cards wrong in the same way are one mistake:
 * `nextIndex` for all of nextIndex[i2..i8], `send[*].lastLogTerm` for one field on many cards.
 */
function groupGeneric(c: Ctx): Mistake[] {
  const out: Mistake[] = [];
  // R23 applied faithfully from a wrong commitIndex is part of the commit mistake, not a second one.
  if (find(c, 'commitIndex') && c.p.lastApplied === Math.max(c.before.lastApplied, c.p.commitIndex)) claim(c, 'lastApplied');
  const groups = new Map<string, Diff[]>();
  for (const d of c.open) {
    const key = /^(nextIndex|matchIndex)\[/.test(d.field)
      ? d.field.slice(0, d.field.indexOf('['))
      : d.part !== undefined
        ? `send.${d.part}|${d.part === '' ? (d.given === null ? 'missing' : 'extra') : ''}|${d.cardType}`
        : d.field;
    groups.set(key, [...(groups.get(key) ?? []), d]);
  }
  for (const [key, ds] of groups) {
    if (ds.length === 1) {
      out.push(generic(c, ds[0]));
      continue;
    }
    const name = key.startsWith('send') ? `send[*]${ds[0].part ? `.${ds[0].part}` : ''}` : key;
    const to = (d: Diff): string => (d.to ?? d.field.slice(d.field.indexOf('[') + 1, d.field.indexOf(']')));
    const pick = (which: 'expected' | 'given'): Record<string, unknown> => Object.fromEntries(ds.map((d) => [to(d), d[which]]));
    const same = ds.every((d) => d.expected === ds[0].expected && d.given === ds[0].given);
    const list = ds.map(to).join(', ');
    const label = same ? `${name.replace('[*]', '')} (${list})` : `${ds[0].field} (+ ${ds.slice(1).map(to).join(', ')})`;
    const one = generic(c, ds[0], label);
    out.push({ ...one, field: name, expected: pick('expected'), given: pick('given') });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------

/**
 * Judge one move: [] when `proposed` is the correct move (cards in any order), otherwise every
 * mistake, each named by rule and, when the pattern is a known misconception, by M-id.
 */
export function referee(before: ServerState, input: Input, proposed: ProposedMove, options?: StepOptions): Mistake[] {
  const correct = step(before, input, options);
  const diffs = diffMoves(correct, proposed);
  if (diffs.length === 0) return [];
  const c: Ctx = {
    before,
    input,
    correct,
    proposed,
    c: correct.state,
    p: proposed.state,
    bT: currentTerm(before),
    cT: currentTerm(correct.state),
    pT: currentTerm(proposed.state),
    open: diffs,
  };
  const out: Mistake[] = [];
  for (const detect of DETECTORS) out.push(...detect(c));
  out.push(...groupGeneric(c));
  if (out.length === 0) {
    // Cannot happen while every difference is either claimed by a mistake or reported above;
    // kept so that a wrong move is never waved through.
    out.push(mk(c, 'R1', undefined, { field: 'move', expected: formatMove(correct), given: formatMove(proposed) },
      tx('The move differs from the correct one.', 'Ход отличается от правильного.')));
  }
  return out;
}

function formatMove(m: Move): string {
  return `${m.state.role} t${currentTerm(m.state)} log ${formatLog(m.state.log)} commit ${m.state.commitIndex}; ${m.send.map((o) => `${o.to}: ${formatCard(o.message)}`).join('; ')}`;
}

/** The rule's title, for a one-line summary of a mistake (`R19 — A follower's commitIndex`). */
export function mistakeHeadline(m: Mistake): Text {
  const t = ruleTitle(m.rule);
  return { en: `${m.rule}${m.mistake ? ` (${m.mistake})` : ''} — ${t.en}`, ru: `${m.rule}${m.mistake ? ` (${m.mistake})` : ''} — ${t.ru}` };
}
