/**
 * Detectors: each recognises one misconception, returns its mistake and claims what it explains.
 * Here: the leader's own bookkeeping — its log, nextIndex, matchIndex and commitIndex (R13, R20–R22, P2).
 */
import { lastLogIndex, majority, termAt } from '../log.js';
import { advanceLeaderCommit } from '../step.js';
import type { ServerState } from '../types.js';
import { claim, type Detector, find, isStaleReply, mk, receivedReply } from './context.js';
import { firstDifference, isPrefix } from './diff.js';
import { entryAt, tx } from './format.js';

/** M17: a leader rewrote or shortened its own log (Leader Append-Only, P2). */
export const leaderRewritesLog: Detector = (c) => {
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
export const noopOnElection: Detector = (c) => {
  const d = find(c, 'log');
  if (!d || c.before.role === 'leader' || c.c.role !== 'leader' || c.p.role !== 'leader') return [];
  if (c.p.log.length !== c.c.log.length + 1 || !isPrefix(c.c.log, c.p.log) || c.p.log[c.p.log.length - 1].term !== c.cT) return [];
  const extra = lastLogIndex(c.p.log);
  claim(c, 'log', (x) => x.field.startsWith('nextIndex[') && x.given === extra + 1);
  return [mk(c, 'R13', 'M19', d, tx(
    `You won term ${c.cT} and appended entry ${extra} (${entryAt(c.p.log, extra)}) at once. etcd and hashicorp add such a no-op entry, but the paper's basic algorithm does not: a new leader sets nextIndex = ${lastLogIndex(c.c.log) + 1} and matchIndex = 0 and writes nothing until a client letter comes (R13).`,
    `Ты выиграл терм ${c.cT} и сразу дописал запись ${extra} (${entryAt(c.p.log, extra)}). etcd и hashicorp добавляют такую пустую запись, но в базовом алгоритме статьи её нет: новый лидер ставит nextIndex = ${lastLogIndex(c.c.log) + 1}, matchIndex = 0 и ничего не пишет, пока не придёт буква от клиента (R13).`))];
};

/** M11: matchIndex from the leader's log length, or lowered by a late reply (R20, R21). */
export const matchIndexWrong: Detector = (c) => {
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
export const nextIndexWrong: Detector = (c) => {
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
export function storedOn(s: ServerState, n: number): number {
  return 1 + s.cluster.filter((id) => id !== s.id && (s.matchIndex[id] ?? 0) >= n).length;
}

/**
 * M3: a leader committed an earlier-term entry because it sits on many servers (R22, Figure 8).
 * Named whatever the leader's matchIndex says: in game 4 every server visibly holds "High" (t1)
 * while i4's matchIndex, fresh from R13, knows of none, so "stored on 1 of 8" would contradict
 * the table and hide the real point, which is the term of the entry, not the count.
 */
export const oldTermCommit: Detector = (c) => {
  const d = find(c, 'commitIndex');
  if (!d || c.before.role !== 'leader' || c.c.role !== 'leader') return [];
  const given = c.p.commitIndex;
  if (given <= c.c.commitIndex) return [];
  const t = termAt(c.c.log, given);
  if (t === undefined || t === c.cT) return [];
  claim(c, 'commitIndex', (x) => x.field === 'lastApplied' && c.p.lastApplied <= given);
  const n = c.c.cluster.length;
  const known = storedOn(c.c, given);
  const first = c.c.log.findIndex((e) => e.term === c.cT) + 1; // the first entry of this term, 0 if none yet
  const through = first > 0
    ? tx(`once entry ${first} (t${c.cT}) is stored on a majority (${majority(n)}) and you commit it, every entry before it is committed with it`,
      `как только запись ${first} (t${c.cT}) окажется у большинства (${majority(n)}) и ты её закоммитишь, вместе с ней закоммитятся все записи до неё`)
    : tx(`write an entry of t${c.cT}; once it is stored on a majority (${majority(n)}) and committed, every entry before it is committed with it`,
      `запиши запись терма t${c.cT}; когда она окажется у большинства (${majority(n)}) и закоммитится, вместе с ней закоммитятся все записи до неё`);
  return [mk(c, 'R22', 'M3', d, tx(
    `Entry ${given} is of term t${t}, not your current term t${c.cT}. However many servers hold it (your matchIndex confirms ${known} of ${n}), a leader never commits an earlier term's entry by counting copies: a future leader could still overwrite it (Figure 8). Entries of older terms are committed only through an entry of your own term: ${through.en} (R22). commitIndex stays ${c.c.commitIndex}.`,
    `Запись ${given} — терма t${t}, а не твоего текущего терма t${c.cT}. Сколько бы серверов её ни хранили (твой matchIndex подтверждает ${known} из ${n}), запись прошлого терма лидер никогда не коммитит подсчётом копий: будущий лидер ещё может её перезаписать (рисунок 8). Записи прошлых термов коммитятся только через запись твоего терма: ${through.ru} (R22). commitIndex остаётся ${c.c.commitIndex}.`))];
};
