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
import { explain } from './explanations.js';
import { logPos } from './format.js';
import type { Mistake } from './mistake.js';

const firstOpen = (ctx: Ctx): Diff => ctx.open[0];
const term = (s: ServerState): number => currentTerm(s);
const termMoved = (ctx: Ctx): boolean =>
  term(ctx.proposed.state) !== term(ctx.correct.state) || JSON.stringify(ctx.proposed.state.votes) !== JSON.stringify(ctx.correct.state.votes);

/** M20 / R24: the timer fired with pre-vote on (the correct move sends PreVote cards). */
export const preVoteTimeout: Detector = (ctx) => {
  if (ctx.input.kind !== 'timeout' || ctx.open.length === 0) return [];
  const pv = ctx.correct.send.find((o) => o.message.type === 'PreVote')?.message as PreVote | undefined;
  if (!pv) return [];
  const T = term(ctx.before);
  const vars = { term: T, next: T + 1, id: ctx.before.id, last: logPos(pv.lastLogIndex, pv.lastLogTerm) };
  const askedRV = ctx.proposed.send.some((o) => o.message.type === 'RequestVote');
  const d = find(ctx, 'currentTerm') ?? find(ctx, 'votedFor') ?? find(ctx, 'role') ?? firstOpen(ctx);
  const startedTerm = termMoved(ctx) || askedRV || ctx.proposed.state.role === 'candidate';
  const out: Mistake[] = [startedTerm
    ? reportMistake(ctx, 'R24', 'M20', d, explain('preVoteTimeout', vars))
    : reportMistake(ctx, 'R24', undefined, d, explain('preVoteTimeout2', vars))];
  claim(ctx, ALL);
  return out;
};

/** M21, M22 / R25: answering a PreVote. */
export const preVoteAnswer: Detector = (ctx) => {
  const i = ctx.input;
  if (i.kind !== 'receive' || i.message.type !== 'PreVote' || ctx.open.length === 0) return [];
  const m = i.message;
  const T = term(ctx.before);
  const out: Mistake[] = [];
  if (termMoved(ctx) || ctx.proposed.state.role !== ctx.correct.state.role) {
    const d = find(ctx, 'currentTerm') ?? find(ctx, 'votedFor') ?? find(ctx, 'role') ?? firstOpen(ctx);
    out.push(reportMistake(ctx, 'R25', 'M21', d, explain('preVoteAnswer', { from: i.from, asked: m.term, term: T })));
  }
  const given = ctx.proposed.send.find((o) => o.to === i.from && o.message.type === 'PreVoteReply')?.message as PreVoteReply | undefined;
  const right = ctx.correct.send.find((o) => o.to === i.from)?.message as PreVoteReply;
  const hearsLeader = ctx.before.role === 'leader' || ctx.before.leader !== undefined;
  const upToDate = isUpToDate(m.lastLogTerm, m.lastLogIndex, ctx.before.log);
  const otherwise = m.term > T && upToDate;
  if (given && given.voteGranted && !right.voteGranted && hearsLeader && otherwise) {
    const who = ctx.before.role === 'leader' ? explain('preVoteAnswer2') : explain('preVoteAnswer3', { leader: ctx.before.leader });
    out.push(reportMistake(ctx, 'R25', 'M22', { field: `send[${i.from}].voteGranted`, expected: false, given: true }, explain('preVoteAnswer4', { from: i.from, who })));
  } else if (out.length === 0 || (given && given.voteGranted !== right.voteGranted)) {
    const why = !(m.term > T)
      ? explain('preVoteAnswer5', { asked: m.term, term: T })
      : !upToDate
        ? explain('preVoteAnswer6', { theirs: logPos(m.lastLogIndex, m.lastLogTerm), mine: logPos(lastLogIndex(ctx.before.log), lastLogTerm(ctx.before.log)) })
        : hearsLeader
          ? explain('preVoteAnswer7')
          : explain('preVoteAnswer8');
    const d = find(ctx, (x) => x.to === i.from) ?? firstOpen(ctx);
    out.push(reportMistake(ctx, 'R25', undefined, d, explain('preVoteAnswer9', { from: i.from, term: T, tick: right.voteGranted ? '✔' : '✗', why })));
  }
  claim(ctx, ALL);
  return out;
};

/** M23 / R26: counting pre-votes (one reply; a Response row is judged reply by reply). */
export const preVoteCount: Detector = (ctx) => {
  const i = ctx.input;
  if (i.kind !== 'receive' || i.message.type !== 'PreVoteReply' || ctx.open.length === 0) return [];
  const size = ctx.before.cluster.length;
  const need = majority(size);
  const n = ctx.correct.state.preVotes?.length ?? 0;
  const started = ctx.correct.state.role === 'candidate' && ctx.before.role !== 'candidate';
  const d = find(ctx, 'role') ?? find(ctx, 'currentTerm') ?? find(ctx, 'preVotes') ?? firstOpen(ctx);
  const wrongStart = (ctx.proposed.state.role === 'candidate') !== (ctx.correct.state.role === 'candidate') || termMoved(ctx);
  const out = [reportMistake(ctx, 'R26', wrongStart ? 'M23' : undefined, d, started
    ? explain('preVoteCount', { from: i.from, need, size, next: term(ctx.correct.state) })
    : explain('preVoteCount2', { n, size, need }))];
  claim(ctx, ALL);
  return out;
};

/** R28: a leader's timer fires with pre-vote on: the quorum check (CheckQuorum). */
export const quorumCheck: Detector = (ctx) => {
  if (ctx.input.kind !== 'timeout' || ctx.before.role !== 'leader' || ctx.open.length === 0) return [];
  if (ctx.correct.state.heard === undefined && ctx.correct.state.role === 'leader') return []; // pre-vote off: R8
  const vars = { n: 1 + (ctx.before.heard?.length ?? 0), size: ctx.before.cluster.length, need: majority(ctx.before.cluster.length), term: term(ctx.before) };
  const stays = ctx.correct.state.role === 'leader';
  const d = find(ctx, 'role') ?? find(ctx, 'currentTerm') ?? firstOpen(ctx);
  claim(ctx, ALL);
  return [reportMistake(ctx, 'R28', undefined, d, explain(stays ? 'quorumCheck' : 'quorumCheck2', vars))];
};

/** R27: the leader cell (and a pre-vote ended by hearing a leader) on any other input. */
export const leaderCell: Detector = (ctx) => {
  const heard = find(ctx, 'heard');
  if (heard) {
    claim(ctx, 'heard');
    return [reportMistake(ctx, 'R28', undefined, heard, explain('leaderCell'))];
  }
  const d = find(ctx, 'leader') ?? find(ctx, 'preVotes');
  if (!d) return [];
  const leader = ctx.correct.state.leader;
  claim(ctx, 'leader', 'preVotes');
  return [reportMistake(ctx, 'R27', undefined, d, leader
    ? explain('leaderCell2', { term: term(ctx.correct.state), leader })
    : explain('leaderCell3'))];
};
