/**
 * Detectors: each recognises one misconception, returns its mistake and claims what it explains.
 * Here: elections — the vote decision and cell, counting votes, a candidate meeting a leader,
 * the election timer (R4, R8–R12, R14).
 */
import type { Text } from '../../i18n/text.js';
import { isUpToDate, lastLogIndex, lastLogTerm, majority, votedFor } from '../log.js';
import type { RequestVote } from '../types.js';
import { ALL, claim, correctReplyOk, type Ctx, type Detector, find, granted, isStaleReply, mk, proposedReply, receivedAE, receivedReply, receivedRequest, receivedRV, sender } from './context.js';
import type { Diff } from './diff.js';
import { logPos, ROLE_RU, tick, tx, vote } from './format.js';
import type { Mistake } from './mistake.js';

/** M8: a candidate ignores the AppendEntries of its own term (R12). */
export const candidateIgnoresLeader: Detector = (c) => {
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


/** M4: the vote was decided by log length, or by index before term (R10). */
export const voteByLength: Detector = (c) => {
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
export const voteCell: Detector = (c) => {
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
export const leaderStickiness: Detector = (c) => {
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
export const voteCount: Detector = (c) => {
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

/** M18: the election timer restarted by a card that must not restart it (R14). */
export const timerReset: Detector = (c) => {
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
