/** Differences no detector explained: the most specific rule for this input and field. */
import type { Text } from '../../i18n/text.js';
import { isUpToDate, lastLogIndex, lastLogTerm, majority, termAt, votedFor } from '../log.js';
import type { MistakeId, RuleId } from '../rules.js';
import { clientLetters } from '../step.js';
import type { AppendEntries, RequestVote, Role, ServerState } from '../types.js';
import { claim, correctReplyOk, type Ctx, find, reportMistake, receivedAE, receivedReply, receivedRV } from './context.js';
import { storedOn } from './detectors-leader.js';
import { checkWords } from './detectors-log.js';
import { type Diff, firstDifference } from './diff.js';
import { entryAt, formatLog, letter, logPos, ROLE_RU, sheetPlace, sheetValue, text } from './format.js';
import type { Mistake } from './mistake.js';

/** Why the correct vote decision is what it is (R5, R9, R10). */
function voteWords(ctx: Ctx, m: RequestVote): { rule: RuleId; text: Text } {
  const term = Math.max(ctx.termBefore, m.term);
  const prior = m.term > ctx.termBefore ? null : votedFor(ctx.before);
  const vI = lastLogIndex(ctx.before.log);
  const vT = lastLogTerm(ctx.before.log);
  const logs = `${m.candidateId} ${logPos(m.lastLogIndex, m.lastLogTerm)}, ${ctx.before.id} ${logPos(vI, vT)}`;
  if (m.term < ctx.termBefore) return { rule: 'R5', text: text(`The request's term ${m.term} is older than your ${ctx.termBefore}: vote ✗ (R5).`, `Терм запроса ${m.term} меньше твоего ${ctx.termBefore}: голос ✗ (R5).`) };
  if (prior !== null && prior !== m.candidateId) {
    return { rule: 'R9', text: text(`You already voted for ${prior} in term ${term}: one vote per term, vote ✗ (R9).`, `В терме ${term} ты уже проголосовал за ${prior}: один голос на терм, голос ✗ (R9).`) };
  }
  if (!isUpToDate(m.lastLogTerm, m.lastLogIndex, ctx.before.log)) {
    return { rule: 'R10', text: text(`The candidate's log is less up-to-date than yours (last entries: ${logs}): vote ✗ (R10).`, `Журнал кандидата менее актуален, чем твой (последние записи: ${logs}): голос ✗ (R10).`) };
  }
  return { rule: 'R9', text: text(
    `Term ${term}: your vote is free${prior ? ` (already ${prior})` : ''} and the candidate's log is at least as up-to-date as yours (last entries: ${logs}): vote ✔, write ${m.candidateId} in the vote cell of t${term} and restart your timer (R9, R10).`,
    `Терм ${term}: твой голос свободен${prior ? ` (уже за ${prior})` : ''}, а журнал кандидата не менее актуален, чем твой (последние записи: ${logs}): голос ✔, впиши ${m.candidateId} в ячейку голоса t${term} и сбрось таймер (R9, R10).`) };
}

function aeWords(ctx: Ctx, m: AppendEntries): { rule: RuleId; text: Text } {
  if (m.term < ctx.termBefore) return { rule: 'R5', text: text(`The card's term ${m.term} is older than your ${ctx.termBefore}: answer ✗ and change nothing (R5).`, `Терм карточки ${m.term} меньше твоего ${ctx.termBefore}: ответь ✗ и ничего не меняй (R5).`) };
  if (ctx.before.role === 'leader' && m.term === ctx.termBefore) {
    return { rule: 'P1', text: text(`You are the leader of term ${ctx.termBefore}; there cannot be another one (P1): refuse the card and keep your log (P2).`, `Ты лидер терма ${ctx.termBefore}; другого быть не может (P1): откажи и сохрани свой журнал (P2).`) };
  }
  const w = checkWords(ctx, m);
  return correctReplyOk(ctx)
    ? { rule: 'R17', text: text(`${w.en}: answer ✔ (R17).`, `${w.ru}: ответь ✔ (R17).`) }
    : { rule: 'R17', text: text(`${w.en}: answer ✗ and leave the log as it is (R17).`, `${w.ru}: ответь ✗ и оставь журнал как есть (R17).`) };
}

/** What a client's message makes of the log: `(5, t1, "L")` or `5–8 t1 "Load"` (R15). */
function written(before: ServerState, value: string, term: number): string {
  const letters = clientLetters(value);
  const from = lastLogIndex(before.log) + 1;
  return letters.length === 1
    ? `(${from}, t${term}, "${letter(letters[0])}")`
    : formatLog(letters.map((v) => ({ term, value: v })), from);
}

const show = (v: unknown): string => (v === null || v === undefined ? '—' : Array.isArray(v) ? (v.length ? v.join(', ') : '∅') : String(v));

/** A generic finding: the mistake, and its two halves (where and what, then why), for merging. */
interface Finding {
  m: Mistake;
  head: Text;
  why: Text;
}

/** Several addressees with the same difference: their ids, and whether all are alike. */
interface Group {
  to: string;
  alike: boolean;
}

const capital = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

/**
 * Where and what, in the sheet's words first: "Your vote cell for t1 (votedFor): expected i1,
 * you have —." The internal field name only follows in parentheses, and only when the sheet's
 * words do not already say it (`prevLogIndex on your card to i2`).
 */
function headOf(ctx: Ctx, d: Diff, group?: Group): Text {
  const first = d.to ?? /\[([^\]]*)\]/.exec(d.field)?.[1];
  const to = group?.alike ? group.to : first;
  const place = sheetPlace(d.field, ctx.expectedTerm, to);
  // A whole card missing or extra has no field name worth adding.
  const name = d.part === '' ? '' : (d.part ?? d.field.replace(/\[[^\]]*\]/g, ''));
  const bare = name && !place.en.includes(name) ? ` (${name})` : '';
  const e = sheetValue(d.field, d.expected);
  const g = sheetValue(d.field, d.given);
  const others = group && !group.alike ? group.to.split(', ').filter((x) => x !== first).join(', ') : '';
  const also = others ? text(` (${others} likewise)`, ` (у ${others} так же)`) : text('', '');
  return text(`${capital(place.en)}${bare}: expected ${e}, you have ${g}${also.en}.`, `${capital(place.ru)}${bare}: ожидалось ${e}, у тебя ${g}${also.ru}.`);
}

function generic(ctx: Ctx, d: Diff, group?: Group): Finding {
  const e = show(d.expected);
  const head = headOf(ctx, d, group);
  const say = (rule: RuleId, why: Text, mistake?: MistakeId): Finding => ({ m: reportMistake(ctx, rule, mistake, d, text(`${head.en} ${why.en}`.trim(), `${head.ru} ${why.ru}`.trim())), head, why });
  const rv = receivedRV(ctx);
  const ae = receivedAE(ctx);
  const reply = receivedReply(ctx);
  const isLeaderNow = ctx.before.role === 'leader';
  switch (true) {
    case d.field === 'id' || d.field === 'cluster':
      return say('R1', text('The server id and the cluster are fixed; a move never changes them.', 'Id сервера и состав кластера фиксированы; ход их не меняет.'));
    case d.field === 'votedFor': {
      if (rv) return say(voteWords(ctx, rv).rule, voteWords(ctx, rv).text);
      if (ctx.input.kind === 'timeout') return say('R8', text(`Starting an election you vote for yourself (R8).`, `Начиная выборы, ты голосуешь за себя (R8).`));
      return say('R1', text(`Only a RequestVote you grant (R9) or your own election (R8) writes a vote cell; this move leaves it ${e}.`, `Ячейку голоса заполняет только отданный голос (R9) или собственные выборы (R8); в этом ходе она остаётся ${e}.`));
    }
    case d.field === 'role': {
      if (ctx.input.kind === 'timeout') return say('R8', isLeaderNow ? text('A leader never starts an election (R8).', 'Лидер выборов не начинает (R8).') : text('A timeout makes you a candidate (R8).', 'По таймауту ты становишься кандидатом (R8).'));
      if (ae && ctx.before.role === 'candidate') return say('R12', text(`A candidate that receives an AppendEntries of its term or a higher one becomes a follower (R12).`, `Кандидат, получивший AppendEntries своего или большего терма, становится фолловером (R12).`));
      if (reply?.m.type === 'RequestVoteReply') return say('R11', text(`A candidate becomes leader exactly when distinct ✔ of its term, itself included, reach floor(N/2)+1 = ${majority(ctx.before.cluster.length)} (R11).`, `Кандидат становится лидером ровно тогда, когда разных ✔ его терма, считая себя, набирается floor(N/2)+1 = ${majority(ctx.before.cluster.length)} (R11).`));
      return say('R4', text(`Your role changes only on a timeout (R8), a won election (R11), a leader of your term (R12) or a higher term (R4); here it is ${e}.`, `Роль меняется только по таймауту (R8), после победы (R11), при встрече с лидером своего терма (R12) или при большем терме (R4); здесь она — ${ROLE_RU[d.expected as Role] ?? e}.`));
    }
    case d.field === 'log': {
      const k = firstDifference(ctx.expected.log, ctx.given.log);
      const at = text(`At index ${k} the log should hold ${entryAt(ctx.expected.log, k)}, you have ${entryAt(ctx.given.log, k)}.`, `По индексу ${k} в журнале должно быть ${entryAt(ctx.expected.log, k)}, у тебя ${entryAt(ctx.given.log, k)}.`);
      if (ae) return say('R18', text(`${at.en} ${aeWords(ctx, ae).text.en} Then copy the card's entries from index ${ae.prevLogIndex + 1}, skipping those you already hold and cutting only at a conflict (R18).`, `${at.ru} ${aeWords(ctx, ae).text.ru} Затем перепиши записи карточки начиная с индекса ${ae.prevLogIndex + 1}, пропуская уже имеющиеся и обрезая только при конфликте (R18).`));
      if (ctx.input.kind === 'client') {
        return say('R15', isLeaderNow
          ? text(`${at.en} As leader you append ${written(ctx.before, ctx.input.value, ctx.termBefore)} to your log, one letter per cell (R15).`, `${at.ru} Как лидер ты дописываешь в журнал ${written(ctx.before, ctx.input.value, ctx.termBefore)}, по букве в клетку (R15).`)
          : text(`${at.en} Only the leader writes client letters; as ${ctx.before.role} you leave your log as it is (R15).`, `${at.ru} Буквы клиента пишет только лидер; ты ${ROLE_RU[ctx.before.role]} и журнал не трогаешь (R15).`));
      }
      return say('R15', text(`${at.en} Logs change only through a client letter at the leader (R15) or an AppendEntries (R18); this move leaves yours as it was.`, `${at.ru} Журнал меняется только от буквы клиента у лидера (R15) или от AppendEntries (R18); этот ход его не меняет.`));
    }
    case d.field === 'commitIndex': {
      if (ae) {
        const covered = ae.prevLogIndex + ae.entries.length;
        if (ae.leaderCommit <= ctx.before.commitIndex) {
          return say('R19', text(`leaderCommit ${ae.leaderCommit} is not above your commitIndex ${ctx.before.commitIndex}, so commitIndex stays ${ctx.before.commitIndex}; it never goes down (R19).`, `leaderCommit ${ae.leaderCommit} не больше твоего commitIndex ${ctx.before.commitIndex}, поэтому commitIndex остаётся ${ctx.before.commitIndex}; он никогда не уменьшается (R19).`));
        }
        return say('R19', text(`If leaderCommit ${ae.leaderCommit} > your commitIndex ${ctx.before.commitIndex}, commitIndex = min(leaderCommit ${ae.leaderCommit}, prevLogIndex ${ae.prevLogIndex} + ${ae.entries.length} = ${covered}); it never goes down (R19).`, `Если leaderCommit ${ae.leaderCommit} > твоего commitIndex ${ctx.before.commitIndex}, commitIndex = min(leaderCommit ${ae.leaderCommit}, prevLogIndex ${ae.prevLogIndex} + ${ae.entries.length} = ${covered}); он никогда не уменьшается (R19).`));
      }
      if (isLeaderNow && ctx.expected.role === 'leader') {
        // Describe the entry that decides: the one wrongly committed, or the one that should be.
        const n = Number(d.given) > Number(d.expected) ? Number(d.given) : Number(d.expected);
        const entryTerm = termAt(ctx.expected.log, n);
        const copies = n > 0 ? storedOn(ctx.expected, n) : 0;
        return say('R22', text(`Entry ${n}${entryTerm ? ` (t${entryTerm})` : ''} is stored on ${copies} of ${ctx.expected.cluster.length} servers (you and those with matchIndex ≥ ${n}). The leader commits the largest N stored on a majority (${majority(ctx.expected.cluster.length)}) whose entry is of its current term t${ctx.expectedTerm} (R22).`, `Запись ${n}${entryTerm ? ` (t${entryTerm})` : ''} есть на ${copies} из ${ctx.expected.cluster.length} серверов (ты и те, у кого matchIndex ≥ ${n}). Лидер коммитит наибольший N, который есть у большинства (${majority(ctx.expected.cluster.length)}) и чья запись — его текущего терма t${ctx.expectedTerm} (R22).`));
      }
      return say('R2', text(`commitIndex changes only on an AppendEntries (R19) or at the leader by counting (R22); it never goes down.`, `commitIndex меняется только от AppendEntries (R19) или у лидера при подсчёте (R22); он никогда не уменьшается.`));
    }
    case d.field === 'lastApplied':
      return say('R23', text(`Apply every committed entry in order: lastApplied follows commitIndex ${ctx.expected.commitIndex} (R23).`, `Применяй каждую закоммиченную запись по порядку: lastApplied догоняет commitIndex ${ctx.expected.commitIndex} (R23).`));
    case d.field === 'votesGranted':
      return say(ctx.input.kind === 'timeout' ? 'R8' : 'R11', text(`Count the distinct servers that voted ✔ for you in term ${ctx.expectedTerm}, yourself included; a leader or follower counts none (R11).`, `Считай разные серверы, проголосовавшие за тебя ✔ в терме ${ctx.expectedTerm}, включая себя; лидер и фолловер голоса не считают (R11).`));
    case d.field.startsWith('nextIndex') || d.field.startsWith('matchIndex'): {
      if (reply?.m.type === 'RequestVoteReply' && ctx.expected.role === 'leader') {
        return say('R13', text(`A new leader sets nextIndex = its lastLogIndex + 1 = ${lastLogIndex(ctx.expected.log) + 1} and matchIndex = 0 for every other server (R13).`, `Новый лидер ставит каждому другому серверу nextIndex = свой lastLogIndex + 1 = ${lastLogIndex(ctx.expected.log) + 1} и matchIndex = 0 (R13).`));
      }
      if (reply?.m.type === 'AppendEntriesReply' && ctx.expected.role === 'leader') {
        return say(d.field.startsWith('match') ? 'R20' : 'R21', text(`On ✔: matchIndex = max(matchIndex, prevLogIndex + entries of the answered card), nextIndex = matchIndex + 1; on ✗ of your term: nextIndex one step back, not below matchIndex + 1 (R20, R21).`, `На ✔: matchIndex = max(matchIndex, prevLogIndex + число записей той карточки), nextIndex = matchIndex + 1; на ✗ твоего терма: nextIndex на один назад, но не ниже matchIndex + 1 (R20, R21).`));
      }
      return say('R2', text(`nextIndex and matchIndex are the leader's bookkeeping: set on election (R13), changed only by AppendEntries replies (R21), dropped when you are not leader.`, `nextIndex и matchIndex — учёт лидера: задаются при избрании (R13), меняются только от ответов на AppendEntries (R21) и исчезают, когда ты не лидер.`));
    }
    case d.field === 'resetTimer':
      return say('R14', text(`This move restarts the election timer: an AppendEntries from the current leader, starting an election and granting a vote all do (R14).`, `Этот ход сбрасывает таймер выборов: это делают AppendEntries текущего лидера, начало выборов и отданный голос (R14).`));
    case d.part !== undefined:
      return genericCard(ctx, d, say);
    default:
      return say('R1', text('This part of the sheet does not change in this move.', 'Эта часть листа в этом ходе не меняется.'));
  }
}

function genericCard(ctx: Ctx, d: Diff, say: (rule: RuleId, why: Text, mistake?: MistakeId) => Finding): Finding {
  const rv = receivedRV(ctx);
  const ae = receivedAE(ctx);
  const who = d.to ?? '';
  if (d.part === '') {
    const missing = d.given === null;
    if (missing && (d.cardType === 'RequestVoteReply' || d.cardType === 'AppendEntriesReply')) {
      const w = rv ? voteWords(ctx, rv) : ae ? aeWords(ctx, ae) : undefined;
      return say(w?.rule ?? 'R7', text(`Every request gets an answer with your term. ${w?.text.en ?? ''}`, `На каждый запрос отвечают, указав свой терм. ${w?.text.ru ?? ''}`));
    }
    if (missing && d.cardType === 'RequestVote') return say('R8', text(`Starting an election you send RequestVote to every other server, ${who} included (R8).`, `Начиная выборы, ты рассылаешь RequestVote всем остальным серверам, в том числе ${who} (R8).`));
    if (missing) return say('R16', text(`The leader sends ${who} an AppendEntries filled from nextIndex[${who}] (R16).`, `Лидер отправляет ${who} AppendEntries, заполненный от nextIndex[${who}] (R16).`));
    if (ctx.proposed.send.filter((o) => o.to === who && o.message.type === d.cardType).length > 1) {
      return say(d.cardType === 'AppendEntries' ? 'R16' : d.cardType === 'RequestVote' ? 'R8' : 'R7', text(`One ${d.cardType} to ${who} in this move, not two.`, `В этом ходе ${who} получает один ${d.cardType}, а не два.`));
    }
    if (d.cardType === 'AppendEntries') return say(ctx.before.role === 'leader' ? 'R16' : 'R15', text(`No AppendEntries to ${who} in this move: only a leader sends them, and only to the servers it is asked to (R15, R16).`, `В этом ходе AppendEntries для ${who} нет: их отправляет только лидер и только тем, кому просили (R15, R16).`));
    if (d.cardType === 'RequestVote') return say('R8', text(`RequestVote cards are sent only when you start an election (R8).`, `RequestVote рассылаются только при начале выборов (R8).`));
    return say('R7', text(`This move sends no such card to ${who}: a reply answers exactly one request.`, `В этом ходе такой карточки для ${who} нет: ответ отвечает ровно на один запрос.`));
  }
  switch (d.part) {
    case 'term':
      if (d.cardType === 'RequestVoteReply' || d.cardType === 'AppendEntriesReply') {
        return say('R7', text(`A reply carries your current term ${ctx.expectedTerm}, after any update by R4 (R7).`, `Ответ несёт твой текущий терм ${ctx.expectedTerm} — уже после перехода по R4 (R7).`));
      }
      return say(d.cardType === 'RequestVote' ? 'R8' : 'R16', text(`A request carries your current term ${ctx.expectedTerm}.`, `Запрос несёт твой текущий терм ${ctx.expectedTerm}.`));
    case 'voteGranted': {
      if (!rv) return say('R9', text('', ''));
      const w = voteWords(ctx, rv);
      return say(w.rule, w.text);
    }
    case 'success': {
      if (!ae) return say('R17', text('', ''));
      const w = aeWords(ctx, ae);
      return say(w.rule, w.text);
    }
    case 'candidateId':
    case 'lastLogIndex':
    case 'lastLogTerm':
      return say('R8', text(`A RequestVote carries your id and your last entry: lastLogIndex ${lastLogIndex(ctx.expected.log)}, lastLogTerm ${lastLogTerm(ctx.expected.log)} (R8).`, `RequestVote несёт твой id и твою последнюю запись: lastLogIndex ${lastLogIndex(ctx.expected.log)}, lastLogTerm ${lastLogTerm(ctx.expected.log)} (R8).`));
    default: {
      const next = ctx.before.nextIndex[who] ?? lastLogIndex(ctx.before.log) + 1;
      return say('R16', text(
        `For ${who}: nextIndex ${next}, so prevLogIndex = ${next - 1}, prevLogTerm = the term of your entry ${next - 1}, entries from index ${next} (at most the card's cells), leaderCommit = your commitIndex ${ctx.before.commitIndex} (R16).`,
        `Для ${who}: nextIndex ${next}, значит, prevLogIndex = ${next - 1}, prevLogTerm = терм твоей записи ${next - 1}, записи начиная с индекса ${next} (не больше клеток карточки), leaderCommit = твой commitIndex ${ctx.before.commitIndex} (R16).`));
    }
  }
}

/**
 * Several servers' bookkeeping or several cards wrong in the same way are one mistake:
 * `nextIndex` for all of nextIndex[i2..i8], `send[*].lastLogTerm` for one field on many cards.
 */
export function groupGeneric(ctx: Ctx): Mistake[] {
  const out: Mistake[] = [];
  // R23 applied faithfully from a wrong commitIndex is part of the commit mistake, not a second one.
  if (find(ctx, 'commitIndex') && ctx.given.lastApplied === Math.max(ctx.before.lastApplied, ctx.given.commitIndex)) claim(ctx, 'lastApplied');
  const groups = new Map<string, Diff[]>();
  for (const d of ctx.open) {
    const key = /^(nextIndex|matchIndex)\[/.test(d.field)
      ? d.field.slice(0, d.field.indexOf('['))
      : d.part !== undefined
        ? `send.${d.part}|${d.part === '' ? (d.given === null ? 'missing' : 'extra') : ''}|${d.cardType}`
        : d.field;
    groups.set(key, [...(groups.get(key) ?? []), d]);
  }
  const found: Finding[] = [];
  for (const [key, ds] of groups) {
    if (ds.length === 1) {
      found.push(generic(ctx, ds[0]));
      continue;
    }
    const name = key.startsWith('send') ? `send[*]${ds[0].part ? `.${ds[0].part}` : ''}` : key;
    const to = (d: Diff): string => (d.to ?? d.field.slice(d.field.indexOf('[') + 1, d.field.indexOf(']')));
    const pick = (which: 'expected' | 'given'): Record<string, unknown> => Object.fromEntries(ds.map((d) => [to(d), d[which]]));
    const alike = ds.every((d) => d.expected === ds[0].expected && d.given === ds[0].given);
    const one = generic(ctx, ds[0], { to: ds.map(to).join(', '), alike });
    found.push({ ...one, m: { ...one.m, field: name, expected: pick('expected'), given: pick('given') } });
  }
  return [...out, ...sameDecision(found)];
}

/**
 * One mistake, one line: differences explained by the same rule and the same decision (an R10
 * vote wrongly granted shows in the vote cell AND in the tick) are one mistake, whose sentence
 * names every place on the sheet and gives the reason once.
 */
function sameDecision(found: Finding[]): Mistake[] {
  const merged: Finding[] = [];
  for (const f of found) {
    const twin = f.why.en !== '' ? merged.find((x) => x.m.rule === f.m.rule && x.m.mistake === f.m.mistake && x.why.en === f.why.en) : undefined;
    if (!twin) {
      merged.push(f);
      continue;
    }
    const lower = (sentence: string): string => sentence.charAt(0).toLowerCase() + sentence.slice(1);
    twin.head = text(`${twin.head.en.replace(/\.$/, '')}; ${lower(f.head.en)}`, `${twin.head.ru.replace(/\.$/, '')}; ${lower(f.head.ru)}`);
    twin.m = { ...twin.m, field: `${twin.m.field} + ${f.m.field}`, explain: text(`${twin.head.en} ${twin.why.en}`, `${twin.head.ru} ${twin.why.ru}`) };
  }
  return merged.map((f) => f.m);
}
