/**
 * Detectors: each recognises one misconception, returns its mistake and claims what it explains.
 * Here: a server handling an AppendEntries — the consistency check, merging entries, its
 * commitIndex — and applying committed entries (R17–R19, R23).
 */
import type { Text } from '../../i18n/text.js';
import { lastLogIndex, sameEntry, sameLog, termAt, votedFor } from '../log.js';
import type { AppendEntries } from '../types.js';
import { claim, correctReplyOk, type Ctx, type Detector, find, mk, receivedAE, sender } from './context.js';
import { isPrefix } from './diff.js';
import { entryAt, tx } from './format.js';

const range = (from: number, to: number): string => (from === to ? `${from}` : `${from}–${to}`);
const stay = (from: number, to: number): Text => from === to
  ? tx(`entry ${from} stays`, `запись ${from} остаётся`)
  : tx(`entries ${range(from, to)} stay`, `записи ${range(from, to)} остаются`);

/** Why the consistency check passes or fails for this card (R17), in words. */
export function checkWords(c: Ctx, m: AppendEntries): Text {
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
export const checkSkipped: Detector = (c) => {
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
export const rejectForVote: Detector = (c) => {
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
export const goodCardRefused: Detector = (c) => {
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
export const logMerge: Detector = (c) => {
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
export const followerCommit: Detector = (c) => {
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

/** M15: applied past commitIndex (R23). */
export const appliedTooFar: Detector = (c) => {
  const d = find(c, 'lastApplied');
  if (!d || (c.p.lastApplied <= c.p.commitIndex && c.p.lastApplied <= c.c.commitIndex)) return [];
  claim(c, 'lastApplied');
  const commit = Math.min(c.p.commitIndex, c.c.commitIndex);
  return [mk(c, 'R23', 'M15', d, tx(
    `You applied up to ${c.p.lastApplied}, but only entries up to ${commit} are committed. Apply lastApplied+1 … commitIndex in order and no further (R23): an uncommitted entry may still be replaced.`,
    `Ты применил до ${c.p.lastApplied}, а закоммичены только записи до ${commit}. Применяй lastApplied+1 … commitIndex по порядку и не дальше (R23): незакоммиченную запись ещё могут заменить.`))];
};
