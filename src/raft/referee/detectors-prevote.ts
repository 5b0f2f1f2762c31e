/**
 * Detectors for pre-vote games (docs/rules-extended.md R24–R27, dissertation §9.6, §4.2.3):
 * a fired timer that starts a term instead of asking (M20), a PreVote that moves the receiver's
 * term (M21), a pre-vote granted while a leader is heard (M22), pre-votes miscounted (M23), and
 * the leader cell (R27). Each claims every difference of its input, so one root cause is told
 * once and the Figure 2 detectors never judge a pre-vote move by RequestVote's rules.
 * Reads only `before`, `input`, `correct`, `proposed` and `open` of the context.
 */
import { currentTerm, isUpToDate, lastLogIndex, lastLogTerm, majority } from '../log.js';
import type { PreVote, PreVoteReply, ServerState } from '../types.js';
import { ALL, claim, type Ctx, type Detector, find, reportMistake } from './context.js';
import type { Diff } from './diff.js';
import { logPos } from './format.js';
import type { Text } from '../../i18n/text.js';

/** A sentence in both languages. */
const tx = (en: string, ru: string): Text => ({ en, ru });
import type { Mistake } from './mistake.js';

const first = (c: Ctx): Diff => c.open[0];
const term = (s: ServerState): number => currentTerm(s);
const termMoved = (c: Ctx): boolean =>
  term(c.proposed.state) !== term(c.correct.state) || JSON.stringify(c.proposed.state.votes) !== JSON.stringify(c.correct.state.votes);

/** M20 / R24: the timer fired with pre-vote on (the correct move sends PreVote cards). */
export const preVoteTimeout: Detector = (c) => {
  if (c.input.kind !== 'timeout' || c.open.length === 0) return [];
  const pv = c.correct.send.find((o) => o.message.type === 'PreVote')?.message as PreVote | undefined;
  if (!pv) return [];
  const T = term(c.before);
  const askedRV = c.proposed.send.some((o) => o.message.type === 'RequestVote');
  const d = find(c, 'currentTerm') ?? find(c, 'votedFor') ?? find(c, 'role') ?? first(c);
  const out: Mistake[] = [];
  if (termMoved(c) || askedRV || c.proposed.state.role === 'candidate') {
    out.push(reportMistake(c, 'R24', 'M20', d, tx(
      `Pre-vote is on: when your timer fires you do not start term ${T + 1} yet. Stay a follower in term ${T} with no new vote, count your own pre-vote and send PreVote (term t${T + 1}, candidateId ${c.before.id}, last ${logPos(pv.lastLogIndex, pv.lastLogTerm)}) to everyone; the term grows only once a majority said ✔ (R24, R26).`,
      `Предголосование включено: когда срабатывает таймер, ты ещё не начинаешь терм ${T + 1}. Останься фолловером в терме ${T} без нового голоса, засчитай свой предголос и отправь всем PreVote (term t${T + 1}, candidateId ${c.before.id}, last ${logPos(pv.lastLogIndex, pv.lastLogTerm)}); терм растёт, только когда большинство ответило ✔ (R24, R26).`)));
  } else {
    out.push(reportMistake(c, 'R24', undefined, d, tx(
      `Timer fired with pre-vote on: the sheet stays in term ${T} as a follower, your pre-votes are just ${c.before.id}, any leader you wrote is forgotten, and a PreVote card (term t${T + 1}, candidateId ${c.before.id}, last ${logPos(pv.lastLogIndex, pv.lastLogTerm)}) goes to every other server (R24, R27).`,
      `Таймер сработал при включённом предголосовании: лист остаётся в терме ${T}, ты фолловер, предголоса — только ${c.before.id}, записанный лидер забыт, а карточка PreVote (term t${T + 1}, candidateId ${c.before.id}, last ${logPos(pv.lastLogIndex, pv.lastLogTerm)}) уходит всем остальным (R24, R27).`)));
  }
  claim(c, ALL);
  return out;
};

/** M21, M22 / R25: answering a PreVote. */
export const preVoteAnswer: Detector = (c) => {
  const i = c.input;
  if (i.kind !== 'receive' || i.message.type !== 'PreVote' || c.open.length === 0) return [];
  const m = i.message;
  const T = term(c.before);
  const out: Mistake[] = [];
  if (termMoved(c) || c.proposed.state.role !== c.correct.state.role) {
    const d = find(c, 'currentTerm') ?? find(c, 'votedFor') ?? find(c, 'role') ?? first(c);
    out.push(reportMistake(c, 'R25', 'M21', d, tx(
      `${i.from}'s PreVote asks about term ${m.term}, a term nobody is in yet. Keep your term ${T}, your vote cell and your role; only answer, with your own term ${T} (R25). Adopting it is how a returning server deposes a healthy leader.`,
      `PreVote от ${i.from} спрашивает про терм ${m.term}, в котором ещё никто не находится. Сохрани свой терм ${T}, ячейку голоса и роль; только ответь, со своим термом ${T} (R25). Принять его — как раз то, чем вернувшийся сервер свергает здорового лидера.`)));
  }
  const given = c.proposed.send.find((o) => o.to === i.from && o.message.type === 'PreVoteReply')?.message as PreVoteReply | undefined;
  const right = c.correct.send.find((o) => o.to === i.from)?.message as PreVoteReply;
  const hearsLeader = c.before.role === 'leader' || c.before.leader !== undefined;
  const otherwise = m.term > T && isUpToDate(m.lastLogTerm, m.lastLogIndex, c.before.log);
  if (given && given.voteGranted && !right.voteGranted && hearsLeader && otherwise) {
    const who = c.before.role === 'leader' ? tx('you are the leader', 'ты сам лидер') : tx(`you hear from leader ${c.before.leader}`, `ты слышишь лидера ${c.before.leader}`);
    out.push(reportMistake(c, 'R25', 'M22', { field: `send[${i.from}].voteGranted`, expected: false, given: true }, tx(
      `${i.from}'s log is up-to-date, but ${who.en}: the cluster has a working leader, so the answer is ✗ (R25, R27; leader stickiness, dissertation §4.2.3).`,
      `Журнал ${i.from} актуален, но ${who.ru}: у кластера есть работающий лидер, поэтому ответ ✗ (R25, R27; «липкость лидера», диссертация §4.2.3).`)));
  } else if (out.length === 0 || (given && given.voteGranted !== right.voteGranted)) {
    const why = !(m.term > T)
      ? tx(`the term asked for (${m.term}) is not above yours (${T})`, `запрошенный терм (${m.term}) не больше твоего (${T})`)
      : !isUpToDate(m.lastLogTerm, m.lastLogIndex, c.before.log)
        ? tx(`its log (${logPos(m.lastLogIndex, m.lastLogTerm)}) is less up-to-date than yours (${logPos(lastLogIndex(c.before.log), lastLogTerm(c.before.log))}, R10)`, `его журнал (${logPos(m.lastLogIndex, m.lastLogTerm)}) менее актуален, чем твой (${logPos(lastLogIndex(c.before.log), lastLogTerm(c.before.log))}, R10)`)
        : hearsLeader
          ? tx('you hear from a leader (R27)', 'ты слышишь лидера (R27)')
          : tx('its term is higher, its log is up-to-date and you hear no leader', 'его терм больше, журнал актуален, а лидера ты не слышишь');
    const d = find(c, (x) => x.to === i.from) ?? first(c);
    out.push(reportMistake(c, 'R25', undefined, d, tx(
      `Answer ${i.from}'s PreVote with PreVoteReply (term ${T}, ${right.voteGranted ? '✔' : '✗'}) and change nothing on your sheet: ${why.en} (R25).`,
      `Ответь на PreVote от ${i.from} карточкой PreVoteReply (term ${T}, ${right.voteGranted ? '✔' : '✗'}) и ничего не меняй на листе: ${why.ru} (R25).`)));
  }
  claim(c, ALL);
  return out;
};

/** M23 / R26: counting pre-votes (one reply; a Response row is judged reply by reply). */
export const preVoteCount: Detector = (c) => {
  const i = c.input;
  if (i.kind !== 'receive' || i.message.type !== 'PreVoteReply' || c.open.length === 0) return [];
  const need = majority(c.before.cluster.length);
  const n = c.correct.state.preVotes?.length ?? 0;
  const started = c.correct.state.role === 'candidate' && c.before.role !== 'candidate';
  const d = find(c, 'role') ?? find(c, 'currentTerm') ?? find(c, 'preVotes') ?? first(c);
  const wrongStart = (c.proposed.state.role === 'candidate') !== (c.correct.state.role === 'candidate') || termMoved(c);
  const out = [reportMistake(c, 'R26', wrongStart ? 'M23' : undefined, d, started
    ? tx(`That ✔ from ${i.from} makes ${need} of ${c.before.cluster.length} pre-votes (yours included): start the real election now — term ${term(c.correct.state)}, candidate, vote for yourself, RequestVote to everyone (R26, R8).`,
      `Этот ✔ от ${i.from} даёт ${need} из ${c.before.cluster.length} предголосов (считая свой): начни настоящие выборы сейчас — терм ${term(c.correct.state)}, кандидат, голос за себя, RequestVote всем (R26, R8).`)
    : tx(`Pre-votes: ${n} of ${c.before.cluster.length}, ${need} needed (distinct ✔ of this round, yours included). Below a majority nothing else changes: no new term, no candidacy (R26).`,
      `Предголоса: ${n} из ${c.before.cluster.length}, нужно ${need} (различные ✔ этого раунда, считая свой). Без большинства больше ничего не меняется: ни нового терма, ни кандидатуры (R26).`))];
  claim(c, ALL);
  return out;
};

/** R28: a leader's timer fires with pre-vote on: the quorum check (CheckQuorum). */
export const quorumCheck: Detector = (c) => {
  if (c.input.kind !== 'timeout' || c.before.role !== 'leader' || c.open.length === 0) return [];
  if (c.correct.state.heard === undefined && c.correct.state.role === 'leader') return []; // pre-vote off: R8
  const n = 1 + (c.before.heard?.length ?? 0);
  const need = majority(c.before.cluster.length);
  const stays = c.correct.state.role === 'leader';
  const d = find(c, 'role') ?? find(c, 'currentTerm') ?? first(c);
  claim(c, ALL);
  return [reportMistake(c, 'R28', undefined, d, stays
    ? tx(`Your check timer fired: you heard from ${n} of ${c.before.cluster.length} (yourself included, ${need} needed) since the last check, so you stay leader in term ${term(c.before)} and start counting again from nobody (R28).`,
      `Сработал таймер проверки: с прошлой проверки ты слышал ${n} из ${c.before.cluster.length} (считая себя, нужно ${need}), поэтому остаёшься лидером в терме ${term(c.before)} и начинаешь счёт заново (R28).`)
    : tx(`Your check timer fired: you heard from only ${n} of ${c.before.cluster.length} (yourself included, ${need} needed) since the last check. Step down to follower in the same term ${term(c.before)}, vote cell unchanged: a leader cut off from a majority must not go on as one (R28).`,
      `Сработал таймер проверки: с прошлой проверки ты слышал лишь ${n} из ${c.before.cluster.length} (считая себя, нужно ${need}). Стань фолловером в том же терме ${term(c.before)}, ячейку голоса не трогай: лидер, отрезанный от большинства, не должен продолжать быть лидером (R28).`))];
};

/** R27: the leader cell (and a pre-vote ended by hearing a leader) on any other input. */
export const leaderCell: Detector = (c) => {
  const heard = find(c, 'heard');
  if (heard) {
    claim(c, 'heard');
    return [reportMistake(c, 'R28', undefined, heard, tx(
      'With pre-vote on, a leader notes every follower whose AppendEntries reply of its term it reads, ✔ or ✗: that is what its quorum check counts (R28).',
      'При включённом предголосовании лидер отмечает каждого фолловера, чей ответ на AppendEntries своего терма он прочитал, ✔ или ✗: именно их считает его проверка кворума (R28).'))];
  }
  const d = find(c, 'leader') ?? find(c, 'preVotes');
  if (!d) return [];
  const leader = c.correct.state.leader;
  claim(c, 'leader', 'preVotes');
  return [reportMistake(c, 'R27', undefined, d, leader
    ? tx(`You accepted an AppendEntries of term ${term(c.correct.state)} from ${leader}: write ${leader} in your leader cell — you hear from a leader — and any pre-vote of yours is over (R27).`,
      `Ты принял AppendEntries терма ${term(c.correct.state)} от ${leader}: впиши ${leader} в ячейку лидера — ты слышишь лидера, — а твоё предголосование, если было, закончено (R27).`)
    : tx('The leader cell holds the leader of your current term you hear from; it is cleared when your term changes or your timer fires, and a new term also ends a pre-vote (R27, R26).',
      'В ячейке лидера — лидер твоего текущего терма, которого ты слышишь; она очищается, когда меняется терм или срабатывает твой таймер, а новый терм ещё и заканчивает предголосование (R27, R26).'))];
};
