/**
 * Detectors: each recognises one misconception, returns its mistake and claims what it explains.
 * Here: a server handling an AppendEntries — the consistency check, merging entries, its
 * commitIndex — and applying committed entries (R17–R19, R23).
 */
import type { Text } from '../../i18n/text.js';
import { lastLogIndex, sameEntry, sameLog, termAt, votedFor } from '../log.js';
import type { AppendEntries } from '../types.js';
import { claim, correctReplyOk, type Ctx, type Detector, find, reportMistake, receivedAE, sender } from './context.js';
import { isPrefix } from './diff.js';
import { entryAt, text } from './format.js';

const range = (from: number, to: number): string => (from === to ? `${from}` : `${from}–${to}`);
const stay = (from: number, to: number): Text => from === to
  ? text(`entry ${from} stays`, `запись ${from} остаётся`)
  : text(`entries ${range(from, to)} stay`, `записи ${range(from, to)} остаются`);

/** Why the consistency check passes or fails for this card (R17), in words. */
export function checkWords(ctx: Ctx, m: AppendEntries): Text {
  const have = termAt(ctx.before.log, m.prevLogIndex);
  const at = `prevLogIndex ${m.prevLogIndex}, prevLogTerm t${m.prevLogTerm}`;
  if (have === undefined) {
    return text(`The card says ${at}, but your log ends at index ${lastLogIndex(ctx.before.log)}: there is no entry ${m.prevLogIndex}, so the check fails`,
      `На карточке ${at}, а твой журнал кончается на индексе ${lastLogIndex(ctx.before.log)}: записи ${m.prevLogIndex} нет, проверка не пройдена`);
  }
  if (have !== m.prevLogTerm) {
    return text(`The card says ${at}, but your entry ${m.prevLogIndex} is of term t${have}: the check fails`,
      `На карточке ${at}, а твоя запись ${m.prevLogIndex} — терма t${have}: проверка не пройдена`);
  }
  return m.prevLogIndex === 0
    ? text(`The card says prevLogIndex 0: the check always passes (R3)`, `На карточке prevLogIndex 0: проверка проходит всегда (R3)`)
    : text(`The card says ${at} and your entry ${m.prevLogIndex} is of term t${have}: the check passes`,
      `На карточке ${at}, и твоя запись ${m.prevLogIndex} — терма t${have}: проверка пройдена`);
}

/** M7 (heartbeat) / R17: a card accepted although the consistency check fails. */
export const checkSkipped: Detector = (ctx) => {
  const m = receivedAE(ctx);
  if (!m || m.term < ctx.termBefore || ctx.before.role === 'leader' || correctReplyOk(ctx) !== false) return [];
  const from = sender(ctx);
  const d = find(ctx, (x) => x.field === `send[${from}].success` && x.given === true) ?? find(ctx, 'log');
  if (!d) return [];
  claim(ctx, `send[${from}].success`, 'log', 'commitIndex', 'lastApplied');
  const heartbeat = m.entries.length === 0;
  const w = checkWords(ctx, m);
  return [reportMistake(ctx, 'R17', heartbeat ? 'M7' : undefined, d, text(
    `${w.en}. Answer ✗ and leave your log and commitIndex as they are (R17)${heartbeat ? '. A heartbeat is an AppendEntries like any other: its prevLogIndex/prevLogTerm are checked too' : ''}.`,
    `${w.ru}. Ответь ✗ и оставь журнал и commitIndex как есть (R17)${heartbeat ? '. Heartbeat — такой же AppendEntries, его prevLogIndex/prevLogTerm тоже проверяются' : ''}.`))];
}

/** M16: an AppendEntries of the current term refused because the vote went to someone else. */
export const rejectForVote: Detector = (ctx) => {
  const m = receivedAE(ctx);
  const from = sender(ctx);
  const d = find(ctx, (x) => x.field === `send[${from}].success` && x.given === false);
  const old = votedFor(ctx.before);
  if (!m || !d || m.term !== ctx.termBefore || ctx.before.role !== 'follower' || old === null || old === m.leaderId) return [];
  claim(ctx, `send[${from}].success`, 'log', 'commitIndex', 'lastApplied', 'resetTimer');
  return [reportMistake(ctx, 'R17', 'M16', d, text(
    `You voted for ${old} in term ${ctx.termBefore}, but ${m.leaderId} won term ${ctx.termBefore}, and votedFor plays no part in AppendEntries. ${checkWords(ctx, m).en}: answer ✔ and take the entries (R17, R18).`,
    `В терме ${ctx.termBefore} ты голосовал за ${old}, но терм ${ctx.termBefore} выиграл ${m.leaderId}, а votedFor в AppendEntries роли не играет. ${checkWords(ctx, m).ru}: ответь ✔ и прими записи (R17, R18).`))];
};

/** R17: a passing card refused (no known misconception named; M16 is checked first). */
export const goodCardRefused: Detector = (ctx) => {
  const m = receivedAE(ctx);
  const from = sender(ctx);
  const d = find(ctx, (x) => x.field === `send[${from}].success` && x.given === false);
  if (!m || !d) return [];
  claim(ctx, `send[${from}].success`, (x) => ['log', 'commitIndex', 'lastApplied'].includes(x.field) && sameLog(ctx.given.log, ctx.before.log));
  return [reportMistake(ctx, 'R17', undefined, d, text(
    `${checkWords(ctx, m).en}: answer ✔ (R17).`,
    `${checkWords(ctx, m).ru}: ответь ✔ (R17).`))];
};

/** M1, M14, M13: the card's entries merged wrongly into a log that passed the check (R18). */
export const logMerge: Detector = (ctx) => {
  const m = receivedAE(ctx);
  const d = find(ctx, 'log');
  if (!m || !d || correctReplyOk(ctx) !== true) return [];
  const from = sender(ctx);
  const prev = m.prevLogIndex;
  const n = m.entries.length;
  const last = lastLogIndex(ctx.before.log);
  const cut = [...ctx.before.log.slice(0, prev), ...m.entries];
  const claimAll = (): void => claim(ctx, 'log', `send[${from}].success`, 'commitIndex', 'lastApplied');
  const removedTail = sameLog(ctx.expected.log, ctx.before.log) || isPrefix(ctx.before.log, ctx.expected.log);
  if (n === 0 && removedTail && isPrefix(ctx.given.log, ctx.before.log) && ctx.given.log.length < ctx.before.log.length) {
    claimAll();
    return [reportMistake(ctx, 'R18', 'M14', d, text(
      `This heartbeat (prevLogIndex ${prev}) carries no entries, so nothing on it conflicts with yours: ${stay(ctx.given.log.length + 1, last).en} (R18). Extra entries go only when a card brings a different entry for the same index.`,
      `В этом heartbeat (prevLogIndex ${prev}) нет записей, значит, ничто в нём не конфликтует с твоими: ${stay(ctx.given.log.length + 1, last).ru} (R18). Лишние записи уходят, только когда карточка приносит другую запись для того же индекса.`))];
  }
  if (n > 0 && sameLog(ctx.given.log, cut) && !sameLog(ctx.expected.log, cut)) {
    claimAll();
    return [reportMistake(ctx, 'R18', 'M1', d, text(
      `Entries ${range(prev + 1, prev + n)} of this card are already in your log with the same terms, so nothing conflicts and nothing is deleted: your ${stay(prev + n + 1, last).en} (R18). Cutting after prevLogIndex on every card lets a late or repeated card erase entries you have already acknowledged.`,
      `Записи ${range(prev + 1, prev + n)} этой карточки уже есть в твоём журнале с теми же термами, значит, конфликта нет и ничего не удаляется: ${stay(prev + n + 1, last).ru} (R18). Если резать после prevLogIndex на каждой карточке, запоздавшая или повторная карточка сотрёт уже подтверждённые записи.`))];
  }
  // The first conflict: an index where the log holds a different term than the card.
  for (let k = 0; k < n; k++) {
    const i = prev + k + 1;
    const mine = termAt(ctx.before.log, i);
    if (mine === undefined) break;
    if (mine === m.entries[k].term) continue;
    if (!sameEntry(ctx.given.log[i - 1], ctx.before.log[i - 1])) break;
    claimAll();
    const higher = mine > m.entries[k].term;
    return [reportMistake(ctx, 'R18', higher ? 'M13' : undefined, d, text(
      `At index ${i} you hold ${entryAt(ctx.before.log, i)} but the card brings ${entryAt(m.entries, k + 1)}: a conflict. Delete your entry ${i} and everything after it, then append the rest of the card (R18)${higher ? `. A higher term (t${mine}) does not protect an entry: it is not committed, and the leader's log wins` : ''}.`,
      `По индексу ${i} у тебя ${entryAt(ctx.before.log, i)}, а карточка приносит ${entryAt(m.entries, k + 1)}: конфликт. Удали свою запись ${i} и всё после неё, затем допиши остаток карточки (R18)${higher ? `. Больший терм (t${mine}) запись не защищает: она не закоммичена, и побеждает журнал лидера` : ''}.`))];
  }
  return [];
};

/** M2 (own last index), M7 (heartbeat's leaderCommit ignored): the follower's commitIndex (R19). */
export const followerCommit: Detector = (ctx) => {
  const m = receivedAE(ctx);
  const d = find(ctx, 'commitIndex');
  if (!m || !d || correctReplyOk(ctx) !== true || ctx.before.role === 'leader') return [];
  const given = ctx.given.commitIndex;
  const covered = m.prevLogIndex + m.entries.length;
  const was = ctx.before.commitIndex;
  const claimCommit = (): void => claim(ctx, 'commitIndex', (x) => x.field === 'lastApplied' && ctx.given.lastApplied <= given);
  const formula = `min(leaderCommit ${m.leaderCommit}, prevLogIndex ${m.prevLogIndex} + ${m.entries.length}) = ${Math.min(m.leaderCommit, covered)}`;
  const owns = [ctx.given.log, ctx.expected.log, ctx.before.log].map((l) => Math.max(was, Math.min(m.leaderCommit, lastLogIndex(l))));
  if (given > ctx.expected.commitIndex && owns.includes(given)) {
    claimCommit();
    return [reportMistake(ctx, 'R19', 'M2', d, text(
      `You committed up to ${given} (your own last index), but this card covers only up to ${covered}: commitIndex = ${formula}${ctx.expected.commitIndex > Math.min(m.leaderCommit, covered) ? `, and it never goes below your ${was}` : ''} (R19). Entries past ${covered} have not been checked against the leader's log.`,
      `Ты закоммитил до ${given} (свой последний индекс), а эта карточка покрывает только до ${covered}: commitIndex = ${formula}${ctx.expected.commitIndex > Math.min(m.leaderCommit, covered) ? `, и он не опускается ниже твоего ${was}` : ''} (R19). Записи после ${covered} ещё не сверены с журналом лидера.`))];
  }
  if (m.entries.length === 0 && given === was && ctx.expected.commitIndex > was) {
    claimCommit();
    return [reportMistake(ctx, 'R19', 'M7', d, text(
      `A heartbeat carries leaderCommit too: ${m.leaderCommit} > your commitIndex ${was}, so commitIndex = ${formula} (R19). Ignoring leaderCommit on heartbeats means you never learn what is committed.`,
      `Heartbeat тоже несёт leaderCommit: ${m.leaderCommit} > твоего commitIndex ${was}, значит, commitIndex = ${formula} (R19). Если не читать leaderCommit в heartbeat, ты так и не узнаешь, что закоммичено.`))];
  }
  return [];
};

/** M15: applied past commitIndex (R23). */
export const appliedTooFar: Detector = (ctx) => {
  const d = find(ctx, 'lastApplied');
  if (!d || (ctx.given.lastApplied <= ctx.given.commitIndex && ctx.given.lastApplied <= ctx.expected.commitIndex)) return [];
  claim(ctx, 'lastApplied');
  const commit = Math.min(ctx.given.commitIndex, ctx.expected.commitIndex);
  return [reportMistake(ctx, 'R23', 'M15', d, text(
    `You applied up to ${ctx.given.lastApplied}, but only entries up to ${commit} are committed. Apply lastApplied+1 … commitIndex in order and no further (R23): an uncommitted entry may still be replaced.`,
    `Ты применил до ${ctx.given.lastApplied}, а закоммичены только записи до ${commit}. Применяй lastApplied+1 … commitIndex по порядку и не дальше (R23): незакоммиченную запись ещё могут заменить.`))];
};
