/**
 * Detectors: each recognises one misconception, returns its mistake and claims what it explains.
 * Here: elections — the vote decision and cell, counting votes, a candidate meeting a leader,
 * the election timer (R4, R8–R12, R14).
 */
import type { Text } from '../../i18n/text.js';
import { isUpToDate, lastLogIndex, lastLogTerm, majority, votedFor } from '../log.js';
import type { RequestVote } from '../types.js';
import { ALL, claim, correctReplyOk, type Ctx, type Detector, find, granted, isStaleReply, reportMistake, proposedReply, receivedAE, receivedReply, receivedRequest, receivedRV, sender } from './context.js';
import type { Diff } from './diff.js';
import { logPos, ROLE_RU, tick, text, vote } from './format.js';
import type { Mistake } from './mistake.js';

/** M8: a candidate ignores the AppendEntries of its own term (R12). */
export const candidateIgnoresLeader: Detector = (ctx) => {
  const m = receivedAE(ctx);
  const d = find(ctx, 'role');
  if (!m || !d || m.term !== ctx.termBefore || ctx.before.role !== 'candidate' || ctx.expected.role !== 'follower' || ctx.given.role !== 'candidate') return [];
  claim(ctx, (x) => !['currentTerm', 'votedFor'].includes(x.field) && !x.field.startsWith('votes['));
  return [reportMistake(ctx, 'R12', 'M8', d, text(
    `An AppendEntries of your own term ${ctx.termBefore} from ${m.leaderId} means ${m.leaderId} has won term ${ctx.termBefore}. As a candidate you become a follower (same term, same vote) and handle the card as a follower (R12).`,
    `AppendEntries твоего терма ${ctx.termBefore} от ${m.leaderId} означает, что ${m.leaderId} выиграл терм ${ctx.termBefore}. Кандидат становится фолловером (терм и голос прежние) и обрабатывает карточку как фолловер (R12).`))];
};

/** The vote decision the proposal shows: the reply's tick, else the vote cell. */
function proposedVote(ctx: Ctx, m: RequestVote): boolean {
  const r = proposedReply(ctx);
  if (r) return granted(r) === true;
  return ctx.given.votes[m.term - 1] === m.candidateId;
}

function voteField(ctx: Ctx): Diff | undefined {
  return find(ctx, `send[${sender(ctx)}].voteGranted`) ?? find(ctx, 'votedFor');
}


/** M4: the vote was decided by log length, or by index before term (R10). */
export const voteByLength: Detector = (ctx) => {
  const m = receivedRV(ctx);
  if (!m || m.term < ctx.termBefore) return [];
  const prior = m.term > ctx.termBefore ? null : votedFor(ctx.before);
  if (prior !== null && prior !== m.candidateId) return [];
  const log = ctx.before.log;
  const correct = isUpToDate(m.lastLogTerm, m.lastLogIndex, log);
  const given = proposedVote(ctx, m);
  const d = voteField(ctx);
  if (!d || given === correct) return [];
  const vI = lastLogIndex(log);
  const vT = lastLogTerm(log);
  const lengthOnly = m.lastLogIndex >= vI;
  const indexFirst = m.lastLogIndex > vI || (m.lastLogIndex === vI && m.lastLogTerm >= vT);
  if (given !== lengthOnly && given !== indexFirst) return [];
  claim(ctx, `send[${sender(ctx)}].voteGranted`, 'votedFor', 'resetTimer');
  const cand = logPos(m.lastLogIndex, m.lastLogTerm);
  const mine = logPos(vI, vT);
  const why = m.lastLogTerm > vT
    ? text(`its last term t${m.lastLogTerm} is newer than your t${vT}, so its log is more up-to-date even though it is not longer`,
      `его последний терм t${m.lastLogTerm} новее твоего t${vT}, значит, его журнал актуальнее, хоть и не длиннее`)
    : text(`its last term t${m.lastLogTerm} is older than your t${vT}, so its log is less up-to-date even though it is at least as long`,
      `его последний терм t${m.lastLogTerm} старше твоего t${vT}, значит, его журнал менее актуален, хоть и не короче`);
  return [reportMistake(ctx, 'R10', 'M4', d, text(
    `${m.candidateId}'s last entry is ${cand}, yours is ${mine}. Compare the last terms first: ${why.en}. So the vote is ${tick(correct)} (R10); length only breaks a tie between equal last terms.`,
    `Последняя запись ${m.candidateId} — ${cand}, твоя — ${mine}. Сначала сравнивают последние термы: ${why.ru}. Поэтому голос — ${tick(correct)} (R10); длина решает только при равных последних термах.`))];
};

/** M5: the vote cell is not tied to its term — kept across a term change, or changed within one. */
export const voteCell: Detector = (ctx) => {
  if (ctx.givenTerm !== ctx.expectedTerm) return [];
  const out: Mistake[] = [];
  const m = receivedRV(ctx);
  const old = votedFor(ctx.before);
  const vf = find(ctx, 'votedFor');
  const claimVote = (): void => claim(ctx, 'votedFor', `send[${sender(ctx)}].voteGranted`, 'resetTimer');
  if (vf && ctx.expectedTerm > ctx.termBefore && old !== null && vf.given === old) {
    claimVote();
    out.push(reportMistake(ctx, 'R4', 'M5', vf, text(
      `You moved from term ${ctx.termBefore} to term ${ctx.expectedTerm}. Your vote for ${old} belonged to term ${ctx.termBefore} only; the vote cell of t${ctx.expectedTerm} starts empty (—)${m ? ` and is free for ${m.candidateId}` : ''} (R4).`,
      `Ты перешёл из терма ${ctx.termBefore} в терм ${ctx.expectedTerm}. Голос за ${old} относился только к терму ${ctx.termBefore}; ячейка голоса t${ctx.expectedTerm} начинается пустой (—)${m ? ` и свободна для ${m.candidateId}` : ''} (R4).`)));
  } else if (vf && ctx.givenTerm === ctx.termBefore && old !== null && vf.expected === old) {
    claimVote();
    const how = vf.given === null
      ? text(`clearing it lets you vote a second time in term ${ctx.termBefore}`, `если её стереть, ты сможешь проголосовать в терме ${ctx.termBefore} второй раз`)
      : text(`writing ${vf.given} over it is a second vote in term ${ctx.termBefore}`, `вписать поверх неё ${vf.given} — значит проголосовать в терме ${ctx.termBefore} второй раз`);
    out.push(reportMistake(ctx, m ? 'R9' : 'R1', 'M5', vf, text(
      `You already voted for ${old} in term ${ctx.termBefore}. A vote cell never changes within its term — ${how.en}, and two candidates could both win (R1, R9).`,
      `В терме ${ctx.termBefore} ты уже проголосовал за ${old}. Ячейка голоса внутри своего терма не меняется — ${how.ru}, и выиграть могут два кандидата (R1, R9).`)));
  } else if (m && m.term > ctx.termBefore && old !== null && old !== m.candidateId) {
    // The cell was reset correctly, but the old vote still decided the answer.
    const d = find(ctx, `send[${sender(ctx)}].voteGranted`);
    if (d && d.expected === true && d.given === false) {
      claimVote();
      out.push(reportMistake(ctx, 'R4', 'M5', d, text(
        `Your vote for ${old} was in term ${ctx.termBefore}; ${m.candidateId} asks in term ${m.term}, where you have not voted yet. After adopting term ${m.term} the vote is free, and ${m.candidateId}'s log is up-to-date enough: vote ✔ (R4, R9).`,
        `Твой голос за ${old} был в терме ${ctx.termBefore}; ${m.candidateId} просит в терме ${m.term}, где ты ещё не голосовал. Перейдя в терм ${m.term}, ты свободен, и журнал ${m.candidateId} достаточно актуален: голосуй ✔ (R4, R9).`)));
    }
  }
  const history = ctx.open.filter((d) => d.field.startsWith('votes['));
  if (history.length > 0) {
    claim(ctx, 'votes*');
    const cells = history.map((d) => d.field.slice(6, -1)).join(', ');
    out.push(reportMistake(ctx, 'R1', 'M5', { field: 'votes', expected: ctx.expected.votes.map(vote), given: ctx.given.votes.map(vote) }, text(
      `You changed the vote cell of a past term (${cells}). Vote cells are persistent history (R1): once a term is over, its cell never changes.`,
      `Ты изменил ячейку голоса прошедшего терма (${cells}). Ячейки голосов — сохраняемая история (R1): когда терм прошёл, его ячейка больше не меняется.`)));
  }
  return out;
};

/** M19: a vote refused because a leader is known (etcd/hashicorp leader stickiness). */
export const leaderStickiness: Detector = (ctx) => {
  const m = receivedRV(ctx);
  if (!m || m.term <= ctx.termBefore || ctx.givenTerm !== ctx.termBefore || ctx.before.role === 'candidate') return [];
  if (correctReplyOk(ctx) !== true || proposedVote(ctx, m)) return [];
  const d = find(ctx, `send[${sender(ctx)}]*`) ?? find(ctx, 'currentTerm');
  if (!d) return [];
  claim(ctx, ALL);
  const vI = lastLogIndex(ctx.before.log);
  const vT = lastLogTerm(ctx.before.log);
  return [reportMistake(ctx, 'R9', 'M19', d, text(
    `${m.candidateId} asks for a vote in term ${m.term}, higher than your term ${ctx.termBefore}. Even if you still hear from a leader, Figure 2 has no "leader stickiness" (that is etcd/hashicorp's CheckQuorum and PreVote): adopt term ${m.term} (R4), and since you have not voted in it and ${m.candidateId}'s log ${logPos(m.lastLogIndex, m.lastLogTerm)} is at least as up-to-date as yours ${logPos(vI, vT)}, vote ✔ (R9).`,
    `${m.candidateId} просит голос в терме ${m.term}, больше твоего терма ${ctx.termBefore}. Даже если ты ещё слышишь лидера, в Figure 2 нет «липкости лидера» (это CheckQuorum и PreVote из etcd/hashicorp): перейди в терм ${m.term} (R4), и раз ты в нём не голосовал, а журнал ${m.candidateId} ${logPos(m.lastLogIndex, m.lastLogTerm)} не менее актуален, чем твой ${logPos(vI, vT)}, голосуй ✔ (R9).`))];
};

/** M10: votes counted wrong — self-vote forgotten, duplicates, refusals, responders only (R8, R11). */
export const voteCount: Detector = (ctx) => {
  const self = ctx.before.id;
  const n = ctx.before.cluster.length;
  const need = majority(n);
  if (ctx.input.kind === 'timeout' && ctx.before.role !== 'leader') {
    const d = find(ctx, (x) => (x.field === 'votedFor' && x.given !== self) || (x.field === 'votesGranted' && !ctx.given.votesGranted.includes(self)));
    if (!d) return [];
    claim(ctx, 'votedFor', 'votesGranted');
    return [reportMistake(ctx, 'R8', 'M10', d, text(
      `Starting an election you vote for yourself: write ${self} in the vote cell of t${ctx.expectedTerm} and count yourself as the first of the ${need} votes you need out of ${n} (R8, R11).`,
      `Начиная выборы, ты голосуешь за себя: впиши ${self} в ячейку голоса t${ctx.expectedTerm} и посчитай себя первым из ${need} нужных голосов из ${n} (R8, R11).`))];
  }
  const r = receivedReply(ctx);
  if (!r || r.m.type !== 'RequestVoteReply' || ctx.before.role !== 'candidate' || r.m.term > ctx.termBefore || isStaleReply(ctx, r.m, r.request)) return [];
  const d = find(ctx, 'role') ?? find(ctx, 'votesGranted');
  if (!d) return [];
  claim(ctx, 'role', 'votesGranted', 'nextIndex*', 'matchIndex*');
  const from = r.from;
  const distinct = [...new Set(ctx.given.votesGranted)].sort();
  const right = [...ctx.expected.role === 'leader' ? ctx.before.votesGranted.concat(from) : ctx.expected.votesGranted].filter((v, i, a) => a.indexOf(v) === i).sort();
  const have = text(`${right.length} of ${n} (${right.join(', ')})`, `${right.length} из ${n} (${right.join(', ')})`);
  const again = r.m.voteGranted && ctx.before.votesGranted.includes(from);
  let why: Text;
  if (ctx.given.votesGranted.length !== distinct.length || (again && (ctx.given.role === 'leader' || ctx.given.votesGranted.length > ctx.before.votesGranted.length))) {
    why = text(`${from} had already voted for you: a repeated ✔ counts once.`, `${from} уже голосовал за тебя: повторный ✔ считается один раз.`);
  } else if (!r.m.voteGranted && ctx.given.votesGranted.includes(from) && !ctx.before.votesGranted.includes(from)) {
    why = text(`${from} answered ✗: a refusal is not a vote.`, `${from} ответил ✗: отказ — это не голос.`);
  } else if (!ctx.given.votesGranted.includes(self) && ctx.given.role !== 'leader') {
    why = text(`You left out your own vote.`, `Ты не посчитал свой собственный голос.`);
  } else if (ctx.given.role === 'leader') {
    why = text(`A majority is counted over the whole cluster of ${n}, not over those who answered.`, `Большинство считается от всего кластера из ${n}, а не от ответивших.`);
  } else {
    why = text(`That is a majority: you become leader.`, `Это большинство: ты становишься лидером.`);
  }
  return [reportMistake(ctx, 'R11', 'M10', d, text(
    `${why.en} Distinct ✔ in term ${ctx.termBefore}, yourself included: ${have.en}; you need floor(${n}/2)+1 = ${need} (R11). Your role after this reply: ${ctx.expected.role}.`,
    `${why.ru} Разных ✔ в терме ${ctx.termBefore}, считая себя: ${have.ru}; нужно floor(${n}/2)+1 = ${need} (R11). Твоя роль после этого ответа: ${ROLE_RU[ctx.expected.role]}.`))];
};

/** M18: the election timer restarted by a card that must not restart it (R14). */
export const timerReset: Detector = (ctx) => {
  const d = find(ctx, 'resetTimer');
  if (!d || d.given !== true) return [];
  claim(ctx, 'resetTimer');
  const req = receivedRequest(ctx);
  let what: Text;
  if (req && req.term < ctx.termBefore) what = text(`a card of an older term (${req.term} < ${ctx.termBefore})`, `карточка старого терма (${req.term} < ${ctx.termBefore})`);
  else if (req?.type === 'RequestVote') what = text('a vote request you refused', 'запрос голоса, в котором ты отказал');
  else if (req?.type === 'AppendEntries') what = text('this card, which is not from the current leader of your term', 'эта карточка — не от текущего лидера твоего терма');
  else if (ctx.input.kind === 'receive') what = text('a reply', 'ответ');
  else what = text('this move', 'этот ход');
  return [reportMistake(ctx, 'R14', 'M18', d, text(
    `The election timer restarts only on an AppendEntries from the current leader, when you start an election, or when you grant a vote (R14) — not on ${what.en}. Restarting it too often lets an old leader keep the cluster from electing a new one.`,
    `Таймер выборов сбрасывается только от AppendEntries текущего лидера, при начале выборов или когда ты отдаёшь голос (R14), а ${what.ru} — не повод. Если сбрасывать его слишком часто, старый лидер мешает кластеру выбрать нового.`))];
};
