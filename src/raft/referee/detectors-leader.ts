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

/** M3: a leader committed an earlier-term entry by counting copies (R22, Figure 8). */
export const oldTermCommit: Detector = (c) => {
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
