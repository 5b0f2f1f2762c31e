/**
 * Detectors: each recognises one misconception, returns its mistake and claims what it explains.
 * Here: the leader's own bookkeeping — its log, nextIndex, matchIndex and commitIndex (R13, R20–R22, P2).
 */
import { lastLogIndex, majority, termAt } from '../log.js';
import { advanceLeaderCommit } from '../step.js';
import type { ServerState } from '../types.js';
import { claim, type Detector, find, isStaleReply, reportMistake, receivedReply } from './context.js';
import { firstDifference, isPrefix } from './diff.js';
import { entryAt, text } from './format.js';

/** M17: a leader rewrote or shortened its own log (Leader Append-Only, P2). */
export const leaderRewritesLog: Detector = (ctx) => {
  const d = find(ctx, 'log');
  if (!d || ctx.before.role !== 'leader' || !isPrefix(ctx.before.log, ctx.expected.log) || isPrefix(ctx.before.log, ctx.given.log)) return [];
  const k = firstDifference(ctx.before.log, ctx.given.log);
  const now = k > ctx.given.log.length ? text('you removed it', 'ты её удалил') : text(`you made it ${entryAt(ctx.given.log, k)}`, `ты сделал её ${entryAt(ctx.given.log, k)}`);
  claim(ctx, 'log');
  return [reportMistake(ctx, 'P2', 'M17', d, text(
    `You are the leader of term ${ctx.termBefore}: you never delete or change your own entries (P2). Entry ${k} was ${entryAt(ctx.before.log, k)} and ${now.en}. When a follower disagrees, step its nextIndex back (R21) — its log is the one that gets overwritten.`,
    `Ты лидер терма ${ctx.termBefore}: свои записи ты никогда не удаляешь и не меняешь (P2). Запись ${k} была ${entryAt(ctx.before.log, k)}, а ${now.ru}. Если фолловер не согласен, сдвинь его nextIndex назад (R21) — перезаписывается его журнал, а не твой.`))];
};

/** M19: a no-op entry appended on winning, as etcd/hashicorp do (R13, RAFT-RULES F). */
export const noopOnElection: Detector = (ctx) => {
  const d = find(ctx, 'log');
  if (!d || ctx.before.role === 'leader' || ctx.expected.role !== 'leader' || ctx.given.role !== 'leader') return [];
  if (ctx.given.log.length !== ctx.expected.log.length + 1 || !isPrefix(ctx.expected.log, ctx.given.log) || ctx.given.log[ctx.given.log.length - 1].term !== ctx.expectedTerm) return [];
  const extra = lastLogIndex(ctx.given.log);
  claim(ctx, 'log', (x) => x.field.startsWith('nextIndex[') && x.given === extra + 1);
  return [reportMistake(ctx, 'R13', 'M19', d, text(
    `You won term ${ctx.expectedTerm} and appended entry ${extra} (${entryAt(ctx.given.log, extra)}) at once. etcd and hashicorp add such a no-op entry, but the paper's basic algorithm does not: a new leader sets nextIndex = ${lastLogIndex(ctx.expected.log) + 1} and matchIndex = 0 and writes nothing until a client letter comes (R13).`,
    `Ты выиграл терм ${ctx.expectedTerm} и сразу дописал запись ${extra} (${entryAt(ctx.given.log, extra)}). etcd и hashicorp добавляют такую пустую запись, но в базовом алгоритме статьи её нет: новый лидер ставит nextIndex = ${lastLogIndex(ctx.expected.log) + 1}, matchIndex = 0 и ничего не пишет, пока не придёт буква от клиента (R13).`))];
};

/** M11: matchIndex from the leader's log length, or lowered by a late reply (R20, R21). */
export const matchIndexWrong: Detector = (ctx) => {
  const r = receivedReply(ctx);
  if (!r || r.m.type !== 'AppendEntriesReply' || !r.m.success || ctx.before.role !== 'leader' || r.m.term !== ctx.termBefore || isStaleReply(ctx, r.m, r.request)) return [];
  const from = r.from;
  const d = find(ctx, `matchIndex[${from}]`);
  if (!d || r.request.type !== 'AppendEntries') return [];
  const given = ctx.given.matchIndex[from];
  const old = ctx.before.matchIndex[from] ?? 0;
  const acked = r.request.prevLogIndex + r.request.entries.length;
  const mine = lastLogIndex(ctx.before.log);
  const fromLength = given === mine && mine !== acked;
  const lowered = given !== undefined && given < old;
  if (!fromLength && !lowered) return [];
  const ifCommit = advanceLeaderCommit({ ...ctx.before, matchIndex: { ...ctx.before.matchIndex, ...ctx.given.matchIndex } });
  claim(ctx, `matchIndex[${from}]`, (x) => x.field === `nextIndex[${from}]` && x.given === (given ?? 0) + 1,
    (x) => (x.field === 'commitIndex' || x.field === 'lastApplied') && ctx.given.commitIndex === ifCommit.commitIndex);
  const card = `prevLogIndex ${r.request.prevLogIndex} + ${r.request.entries.length}`;
  return [reportMistake(ctx, fromLength ? 'R20' : 'R21', 'M11', d, fromLength
    ? text(`${from}'s ✔ answers the card with ${card}, so it acknowledges up to ${acked}, not your current last index ${mine} (R20): matchIndex[${from}] = max(${old}, ${acked}) = ${d.expected}.`,
      `✔ от ${from} — ответ на карточку с ${card}, он подтверждает до ${acked}, а не до твоего текущего последнего индекса ${mine} (R20): matchIndex[${from}] = max(${old}, ${acked}) = ${d.expected}.`)
    : text(`matchIndex never goes down: this late ✔ acknowledges only ${acked} (${card}), but you already knew ${from} stores ${old} (R21): keep ${d.expected}.`,
      `matchIndex никогда не уменьшается: этот запоздавший ✔ подтверждает только ${acked} (${card}), а ты уже знаешь, что у ${from} есть ${old} (R21): оставь ${d.expected}.`))];
};

/** M12: after a same-term ✗, nextIndex not stepped back, or pushed below 1 (R21). */
export const nextIndexWrong: Detector = (ctx) => {
  const r = receivedReply(ctx);
  if (!r || r.m.type !== 'AppendEntriesReply' || r.m.success || ctx.before.role !== 'leader' || r.m.term !== ctx.termBefore || isStaleReply(ctx, r.m, r.request)) return [];
  const from = r.from;
  const d = find(ctx, `nextIndex[${from}]`);
  if (!d) return [];
  const given = ctx.given.nextIndex[from];
  const was = ctx.before.nextIndex[from];
  if (!(given !== undefined && given < 1) && given !== was) return [];
  claim(ctx, `nextIndex[${from}]`);
  return [reportMistake(ctx, 'R21', 'M12', d, given !== undefined && given < 1
    ? text(`nextIndex can never be below 1: index 1 with prevLogIndex 0 always passes the check (R3, R21). nextIndex[${from}] = ${d.expected}.`,
      `nextIndex не бывает меньше 1: индекс 1 с prevLogIndex 0 всегда проходит проверку (R3, R21). nextIndex[${from}] = ${d.expected}.`)
    : text(`${from} answered ✗ of your term: its log does not match yours at index ${r.request.type === 'AppendEntries' ? r.request.prevLogIndex : was - 1}. Step nextIndex[${from}] back from ${was} to ${d.expected} and the next card retries from there (R21); leaving it repeats the same failing card forever.`,
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
export const oldTermCommit: Detector = (ctx) => {
  const d = find(ctx, 'commitIndex');
  if (!d || ctx.before.role !== 'leader' || ctx.expected.role !== 'leader') return [];
  const given = ctx.given.commitIndex;
  if (given <= ctx.expected.commitIndex) return [];
  const entryTerm = termAt(ctx.expected.log, given);
  if (entryTerm === undefined || entryTerm === ctx.expectedTerm) return [];
  claim(ctx, 'commitIndex', (x) => x.field === 'lastApplied' && ctx.given.lastApplied <= given);
  const n = ctx.expected.cluster.length;
  const known = storedOn(ctx.expected, given);
  const first = ctx.expected.log.findIndex((e) => e.term === ctx.expectedTerm) + 1; // the first entry of this term, 0 if none yet
  const through = first > 0
    ? text(`once entry ${first} (t${ctx.expectedTerm}) is stored on a majority (${majority(n)}) and you commit it, every entry before it is committed with it`,
      `как только запись ${first} (t${ctx.expectedTerm}) окажется у большинства (${majority(n)}) и ты её закоммитишь, вместе с ней закоммитятся все записи до неё`)
    : text(`write an entry of t${ctx.expectedTerm}; once it is stored on a majority (${majority(n)}) and committed, every entry before it is committed with it`,
      `запиши запись терма t${ctx.expectedTerm}; когда она окажется у большинства (${majority(n)}) и закоммитится, вместе с ней закоммитятся все записи до неё`);
  return [reportMistake(ctx, 'R22', 'M3', d, text(
    `Entry ${given} is of term t${entryTerm}, not your current term t${ctx.expectedTerm}. However many servers hold it (your matchIndex confirms ${known} of ${n}), a leader never commits an earlier term's entry by counting copies: a future leader could still overwrite it (Figure 8). Entries of older terms are committed only through an entry of your own term: ${through.en} (R22). commitIndex stays ${ctx.expected.commitIndex}.`,
    `Запись ${given} — терма t${entryTerm}, а не твоего текущего терма t${ctx.expectedTerm}. Сколько бы серверов её ни хранили (твой matchIndex подтверждает ${known} из ${n}), запись прошлого терма лидер никогда не коммитит подсчётом копий: будущий лидер ещё может её перезаписать (рисунок 8). Записи прошлых термов коммитятся только через запись твоего терма: ${through.ru} (R22). commitIndex остаётся ${ctx.expected.commitIndex}.`))];
};
