/**
 * Detectors: each recognises one misconception, returns its mistake and claims what it explains.
 * Here: the term — a term gone down, a stale request, a reply's term, a wrong term (R1, R4–R6, R8).
 */
import { ALL, claim, type Detector, find, isStaleReply, mk, NOT_TIMER, receivedReply, receivedRequest, sender } from './context.js';
import type { Diff } from './diff.js';
import { tx } from './format.js';
import type { Mistake } from './mistake.js';

/** M9: the Terms row went backwards (R1), typically by adopting a stale card's term (R5). */
export const lowerTerm: Detector = (c) => {
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
export const staleRequest: Detector = (c) => {
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
export const replyTerms: Detector = (c) => {
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

/** R4/R8/R1: a wrong term, reported once with everything that follows from it. */
export const wrongTerm: Detector = (c) => {
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
