/**
 * Detectors: each recognises one misconception, returns its mistake and claims what it explains.
 * Here: the term — a term gone down, a stale request, a reply's term, a wrong term (R1, R4–R6, R8).
 */
import { ALL, claim, type Detector, find, isStaleReply, reportMistake, NOT_TIMER, receivedReply, receivedRequest, sender } from './context.js';
import type { Diff } from './diff.js';
import { text } from './format.js';
import type { Mistake } from './mistake.js';

/** M9: the Terms row went backwards (R1), typically by adopting a stale card's term (R5). */
export const lowerTerm: Detector = (ctx) => {
  const d = find(ctx, 'currentTerm');
  if (!d || ctx.givenTerm >= ctx.termBefore) return [];
  const req = receivedRequest(ctx);
  const stale = req !== undefined && req.term < ctx.termBefore && ctx.givenTerm === req.term;
  if (stale) claim(ctx, NOT_TIMER);
  else claim(ctx, 'currentTerm', 'votedFor', 'votes*', (x) => x.part === 'term');
  return [reportMistake(ctx, stale ? 'R5' : 'R1', 'M9', d, stale
    ? text(`You went back from term ${ctx.termBefore} to the card's term ${req.term}. A card of an older term is answered ✗ with your own term ${ctx.termBefore} and changes nothing (R5); terms never decrease.`,
      `Ты вернулся из терма ${ctx.termBefore} в терм карточки ${req.term}. На карточку старого терма отвечают ✗ со своим термом ${ctx.termBefore} и ничего не меняют (R5); термы никогда не уменьшаются.`)
    : text(`Your term went down from ${ctx.termBefore} to ${ctx.givenTerm}. currentTerm only grows (R1): it should be ${ctx.expectedTerm}.`,
      `Твой терм уменьшился с ${ctx.termBefore} до ${ctx.givenTerm}. currentTerm только растёт (R1): должно быть ${ctx.expectedTerm}.`))];
};

/** M19 (no reply), M8 (candidate yields to a deposed leader), M9 (stale request accepted). */
export const staleRequest: Detector = (ctx) => {
  const m = receivedRequest(ctx);
  if (!m || m.term >= ctx.termBefore) return [];
  const out: Mistake[] = [];
  const from = sender(ctx);
  const missing = find(ctx, (d) => d.field === `send[${from}]` && d.given === null);
  if (missing && !ctx.proposed.send.some((o) => o.to === from)) {
    claim(ctx, (d) => d === missing);
    out.push(reportMistake(ctx, 'R5', 'M19', missing, text(
      `${from}'s ${m.type} has term ${m.term}, older than your term ${ctx.termBefore}. etcd silently drops such a card, but the paper answers it: reply ✗ with your term ${ctx.termBefore}, so that ${from} learns it is out of date (R5).`,
      `${m.type} от ${from} имеет терм ${m.term}, меньше твоего терма ${ctx.termBefore}. etcd молча выбрасывает такую карточку, а по статье на неё отвечают: ✗ со своим термом ${ctx.termBefore}, чтобы ${from} узнал, что отстал (R5).`)));
  }
  if (m.type === 'AppendEntries' && ctx.before.role === 'candidate' && ctx.given.role === 'follower') {
    const d = find(ctx, 'role')!;
    claim(ctx, ALL);
    out.push(reportMistake(ctx, 'R12', 'M8', d, text(
      `This AppendEntries from ${from} has term ${m.term}, lower than your term ${ctx.termBefore}: ${from} is a deposed leader. A candidate yields only to a leader of its own term or a higher one; here you reply ✗ with term ${ctx.termBefore} and keep campaigning (R12, R5).`,
      `Этот AppendEntries от ${from} имеет терм ${m.term}, меньше твоего терма ${ctx.termBefore}: ${from} — свергнутый лидер. Кандидат уступает только лидеру своего или большего терма; здесь ответь ✗ с термом ${ctx.termBefore} и продолжай выборы (R12, R5).`)));
    return out;
  }
  const ok = find(ctx, (x) => (x.part === 'voteGranted' || x.part === 'success') && x.given === true);
  const d = ok ?? find(ctx, 'votedFor') ?? find(ctx, 'log') ?? find(ctx, 'commitIndex') ?? find(ctx, (x) => x.field === 'role' && ctx.given.role === 'follower');
  if (d) {
    const what = m.type === 'RequestVote'
      ? text(`granting ${m.candidateId} a vote`, `голос за ${m.candidateId}`)
      : d.field === 'commitIndex'
        ? text('taking its leaderCommit', 'принятый от него leaderCommit')
        : d.field === 'role'
          ? text('stepping down for it', 'уступка ему')
          : text('taking its entries', 'приём его записей');
    claim(ctx, (x) => x === d || ['votedFor', 'log', 'commitIndex', 'lastApplied', 'role', 'resetTimer', 'votesGranted'].includes(x.field) || x.field.startsWith(`send[${from}]`));
    out.push(reportMistake(ctx, 'R5', 'M9', d, text(
      `This ${m.type} has term ${m.term}, older than your term ${ctx.termBefore}. A request from an older term is rejected: reply ✗ with term ${ctx.termBefore} and change nothing (R5) — ${what.en} lets a server of a finished term act.`,
      `Этот ${m.type} имеет терм ${m.term}, меньше твоего терма ${ctx.termBefore}. Запрос из старого терма отклоняют: ответь ✗ с термом ${ctx.termBefore} и ничего не меняй (R5) — ${what.ru} позволяет действовать серверу из закончившегося терма.`)));
  }
  return out;
};

/** M6: a reply's term handled wrongly — higher term not adopted, or a stale reply acted on. */
export const replyTerms: Detector = (ctx) => {
  const r = receivedReply(ctx);
  if (!r) return [];
  const { m, request, from } = r;
  const kind = m.type === 'RequestVoteReply' ? text('vote', 'голос') : text('AppendEntries reply', 'ответ на AppendEntries');
  if (m.term > ctx.termBefore && ctx.givenTerm === ctx.termBefore) {
    const d = find(ctx, 'currentTerm')!;
    claim(ctx, NOT_TIMER);
    return [reportMistake(ctx, 'R4', 'M6', d, text(
      `The ${kind.en} from ${from} carries term ${m.term}, higher than your term ${ctx.termBefore}. R4 applies to replies too: move to term ${m.term} and become a follower; the reply itself then counts for nothing.`,
      `${kind.ru[0].toUpperCase() + kind.ru.slice(1)} от ${from} несёт терм ${m.term}, больше твоего терма ${ctx.termBefore}. R4 действует и для ответов: перейди в терм ${m.term} и стань фолловером; сам ответ после этого ничего не значит.`))];
  }
  if (m.term > ctx.termBefore) {
    // Term adopted, but the reply was still acted upon as if it were of the old term.
    const next = find(ctx, `nextIndex[${from}]`);
    if (m.type === 'AppendEntriesReply' && !m.success && next && (ctx.given.nextIndex[from] ?? 0) < (ctx.before.nextIndex[from] ?? 0)) {
      claim(ctx, 'nextIndex*', 'matchIndex*', 'role', 'votesGranted');
      return [reportMistake(ctx, 'R4', 'M6', next, text(
        `${from}'s ✗ carries term ${m.term} > ${ctx.termBefore}: it is not a log mismatch, it tells you a newer term exists. Adopt term ${m.term}, step down, and do not decrement nextIndex[${from}] (R4, R21).`,
        `✗ от ${from} несёт терм ${m.term} > ${ctx.termBefore}: это не расхождение журналов, а весть о более новом терме. Перейди в терм ${m.term}, уступи лидерство и не уменьшай nextIndex[${from}] (R4, R21).`))];
    }
    const counted = find(ctx, (d) => d.field === 'role' || d.field === 'votesGranted');
    if (m.type === 'RequestVoteReply' && counted) {
      claim(ctx, 'nextIndex*', 'matchIndex*', 'role', 'votesGranted');
      return [reportMistake(ctx, 'R4', 'M6', counted, text(
        `${from}'s reply carries term ${m.term} > ${ctx.termBefore}: your election of term ${ctx.termBefore} is over. After adopting term ${m.term} you are a follower and this vote does not count (R4).`,
        `Ответ ${from} несёт терм ${m.term} > ${ctx.termBefore}: твои выборы в терме ${ctx.termBefore} закончились. Перейдя в терм ${m.term}, ты фолловер, и этот голос не считается (R4).`))];
    }
    return [];
  }
  if (!isStaleReply(ctx, m, request)) return [];
  const b = ctx.before;
  const acted = (x: Diff): boolean =>
    (x.field === 'role' && ctx.given.role !== b.role) ||
    (x.field === 'votesGranted' && ctx.given.votesGranted.includes(from) && !b.votesGranted.includes(from)) ||
    (x.field === `nextIndex[${from}]` && ctx.given.nextIndex[from] !== b.nextIndex[from]) ||
    (x.field === `matchIndex[${from}]` && ctx.given.matchIndex[from] !== b.matchIndex[from]) ||
    (x.field === 'commitIndex' && ctx.given.commitIndex > b.commitIndex);
  const d = find(ctx, acted);
  if (!d) return [];
  claim(ctx, acted, 'lastApplied', 'nextIndex*', 'matchIndex*', 'votesGranted');
  return [reportMistake(ctx, 'R6', 'M6', d, text(
    `This reply from ${from} (term ${m.term}) answers your ${request.type} of term ${request.term}, but you are now in term ${ctx.termBefore}: it is stale. Drop it — no vote counted, nextIndex and matchIndex untouched (R6).`,
    `Этот ответ от ${from} (терм ${m.term}) — на твой ${request.type} терма ${request.term}, а ты уже в терме ${ctx.termBefore}: ответ устарел. Выброси его — голос не засчитывается, nextIndex и matchIndex не меняются (R6).`))];
};

/** R4/R8/R1: a wrong term, reported once with everything that follows from it. */
export const wrongTerm: Detector = (ctx) => {
  const d = find(ctx, 'currentTerm');
  if (!d) return [];
  const req = receivedRequest(ctx);
  const msgTerm = ctx.input.kind === 'receive' ? ctx.input.message.term : undefined;
  const b = ctx.before;
  claim(ctx, 'currentTerm', 'votedFor', 'votes*',
    (x) => x.part === 'term' && x.given === ctx.givenTerm,
    (x) => x.field === 'role' && ctx.given.role === b.role,
    (x) => x.field === 'votesGranted' && [...ctx.given.votesGranted].sort().join() === [...b.votesGranted].sort().join(),
    (x) => /^(nextIndex|matchIndex)\[/.test(x.field) && JSON.stringify(ctx.given.nextIndex) === JSON.stringify(b.nextIndex) && JSON.stringify(ctx.given.matchIndex) === JSON.stringify(b.matchIndex));
  if (ctx.input.kind === 'timeout') {
    return [reportMistake(ctx, 'R8', undefined, d, b.role === 'leader'
      ? text(`A leader never starts an election: your term stays ${ctx.termBefore} (R8).`, `Лидер выборов не начинает: твой терм остаётся ${ctx.termBefore} (R8).`)
      : text(`A timeout starts a new term: ${ctx.termBefore} + 1 = ${ctx.expectedTerm}, with your own vote (R8).`, `Таймаут начинает новый терм: ${ctx.termBefore} + 1 = ${ctx.expectedTerm}, с голосом за себя (R8).`))];
  }
  if (msgTerm !== undefined && msgTerm > ctx.termBefore) {
    return [reportMistake(ctx, 'R4', undefined, d, text(
      `The card carries term ${msgTerm}, higher than your ${ctx.termBefore}: first move to term ${msgTerm} (a dash in the vote cells of the terms you skip and of t${msgTerm}), become a follower, then handle the card${req ? ` and answer with term ${msgTerm}` : ''} (R4, R7).`,
      `На карточке терм ${msgTerm}, больше твоего ${ctx.termBefore}: сначала перейди в терм ${msgTerm} (прочерк в ячейках голоса пропущенных термов и t${msgTerm}), стань фолловером, потом обработай карточку${req ? ` и ответь с термом ${msgTerm}` : ''} (R4, R7).`))];
  }
  return [reportMistake(ctx, 'R4', undefined, d, text(
    `Nothing in this move changes your term: it stays ${ctx.expectedTerm}. A term changes only when a card shows a higher one (R4) or you start an election (R8).`,
    `В этом ходе твой терм не меняется: он остаётся ${ctx.expectedTerm}. Терм меняется, только когда на карточке терм больше (R4) или ты сам начинаешь выборы (R8).`))];
};
