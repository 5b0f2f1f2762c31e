/** The context every detector reads, and the claim book that stops double reporting. */
import type { Text } from '../../i18n/text.js';
import type { MistakeId, RuleId } from '../rules.js';
import type { StepResult } from '../step.js';
import type { AppendEntries, Input, Reply, Request, RequestVote, ServerId, ServerState, StepOptions } from '../types.js';
import type { Diff } from './diff.js';
import { replyOk } from '../replies.js';
import type { Mistake, ProposedMove } from './mistake.js';

export interface Ctx {
  before: ServerState;
  input: Input;
  correct: StepResult;
  proposed: ProposedMove;
  /** Correct and proposed sheets after the move. */
  expected: ServerState;
  given: ServerState;
  termBefore: number;
  expectedTerm: number;
  givenTerm: number;
  open: Diff[];
  /** The game's switches (pre-vote, membership changes: docs/rules-extended.md); absent = Figure 2. */
  options?: StepOptions;
}

type Matcher = string | ((d: Diff) => boolean);

function matches(d: Diff, m: Matcher): boolean {
  if (typeof m !== 'string') return m(d);
  return m.endsWith('*') ? d.field.startsWith(m.slice(0, -1)) : d.field === m;
}

export function find(ctx: Ctx, m: Matcher): Diff | undefined {
  return ctx.open.find((d) => matches(d, m));
}

/** Mark the differences a mistake explains as reported. */
export function claim(ctx: Ctx, ...ms: Matcher[]): void {
  ctx.open = ctx.open.filter((d) => !ms.some((m) => matches(d, m)));
}

export const ALL: Matcher = () => true;
export const NOT_TIMER: Matcher = (d) => d.field !== 'resetTimer';

export function reportMistake(ctx: Ctx, rule: RuleId, mistake: MistakeId | undefined, d: Pick<Diff, 'field' | 'expected' | 'given'>, explain: Text): Mistake {
  const out: Mistake = { rule, field: d.field, expected: d.expected, given: d.given, explain, server: ctx.before.id };
  if (mistake) out.mistake = mistake;
  return out;
}

// ---- reading the input ----

export const receivedRequest = (ctx: Ctx): Request | undefined =>
  ctx.input.kind === 'receive' && (ctx.input.message.type === 'RequestVote' || ctx.input.message.type === 'AppendEntries')
    ? ctx.input.message
    : undefined;
export const receivedRV = (ctx: Ctx): RequestVote | undefined => {
  const m = receivedRequest(ctx);
  return m?.type === 'RequestVote' ? m : undefined;
};
export const receivedAE = (ctx: Ctx): AppendEntries | undefined => {
  const m = receivedRequest(ctx);
  return m?.type === 'AppendEntries' ? m : undefined;
};
export function receivedReply(ctx: Ctx): { m: Reply; request: Request; from: ServerId } | undefined {
  const i = ctx.input;
  if (i.kind !== 'receive' || (i.message.type !== 'RequestVoteReply' && i.message.type !== 'AppendEntriesReply')) return undefined;
  return { m: i.message, request: (i as { request: Request }).request, from: i.from };
}
export const sender = (ctx: Ctx): ServerId => (ctx.input.kind === 'receive' ? ctx.input.from : '');

/** The proposed reply card to the sender of a request, if any. */
export function proposedReply(ctx: Ctx): Reply | undefined {
  const req = receivedRequest(ctx);
  if (!req) return undefined;
  const type = req.type === 'RequestVote' ? 'RequestVoteReply' : 'AppendEntriesReply';
  return ctx.proposed.send.find((o) => o.to === sender(ctx) && o.message.type === type)?.message as Reply | undefined;
}
export const granted = (r: Reply | undefined): boolean | undefined =>
  r === undefined ? undefined : replyOk(r);
export const correctReplyOk = (ctx: Ctx): boolean | undefined => {
  const req = receivedRequest(ctx);
  const r = ctx.correct.send.find((o) => o.to === sender(ctx) && o.message.type !== req?.type)?.message as Reply | undefined;
  return granted(r);
};
export const isStaleReply = (ctx: Ctx, m: Reply, request: Request): boolean => m.term <= ctx.termBefore && (m.term < ctx.termBefore || request.term !== ctx.termBefore);

/** Each detector recognises one misconception, returns its mistake and claims what it explains. */
export type Detector = (ctx: Ctx) => Mistake[];
