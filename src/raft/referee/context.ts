/** The context every detector reads, and the claim book that stops double reporting. */
import type { Text } from '../../i18n/text.js';
import type { MistakeId, RuleId } from '../rules.js';
import type { StepResult } from '../step.js';
import type { AppendEntries, Input, Reply, Request, RequestVote, ServerId, ServerState } from '../types.js';
import type { Diff } from './diff.js';
import type { Mistake, ProposedMove } from './mistake.js';

export interface Ctx {
  before: ServerState;
  input: Input;
  correct: StepResult;
  proposed: ProposedMove;
  /** Correct and proposed sheets after the move. */
  c: ServerState;
  p: ServerState;
  bT: number;
  cT: number;
  pT: number;
  open: Diff[];
}

type Matcher = string | ((d: Diff) => boolean);

function matches(d: Diff, m: Matcher): boolean {
  if (typeof m !== 'string') return m(d);
  return m.endsWith('*') ? d.field.startsWith(m.slice(0, -1)) : d.field === m;
}

export function find(c: Ctx, m: Matcher): Diff | undefined {
  return c.open.find((d) => matches(d, m));
}

/** Mark the differences a mistake explains as reported. */
export function claim(c: Ctx, ...ms: Matcher[]): void {
  c.open = c.open.filter((d) => !ms.some((m) => matches(d, m)));
}

export const ALL: Matcher = () => true;
export const NOT_TIMER: Matcher = (d) => d.field !== 'resetTimer';

export function mk(c: Ctx, rule: RuleId, mistake: MistakeId | undefined, d: Pick<Diff, 'field' | 'expected' | 'given'>, explain: Text): Mistake {
  const out: Mistake = { rule, field: d.field, expected: d.expected, given: d.given, explain, server: c.before.id };
  if (mistake) out.mistake = mistake;
  return out;
}

// ---- reading the input ----

export const receivedRequest = (c: Ctx): Request | undefined =>
  c.input.kind === 'receive' && (c.input.message.type === 'RequestVote' || c.input.message.type === 'AppendEntries')
    ? c.input.message
    : undefined;
export const receivedRV = (c: Ctx): RequestVote | undefined => {
  const m = receivedRequest(c);
  return m?.type === 'RequestVote' ? m : undefined;
};
export const receivedAE = (c: Ctx): AppendEntries | undefined => {
  const m = receivedRequest(c);
  return m?.type === 'AppendEntries' ? m : undefined;
};
export function receivedReply(c: Ctx): { m: Reply; request: Request; from: ServerId } | undefined {
  const i = c.input;
  if (i.kind !== 'receive' || (i.message.type !== 'RequestVoteReply' && i.message.type !== 'AppendEntriesReply')) return undefined;
  return { m: i.message, request: (i as { request: Request }).request, from: i.from };
}
export const sender = (c: Ctx): ServerId => (c.input.kind === 'receive' ? c.input.from : '');

/** The proposed reply card to the sender of a request, if any. */
export function proposedReply(c: Ctx): Reply | undefined {
  const req = receivedRequest(c);
  if (!req) return undefined;
  const type = req.type === 'RequestVote' ? 'RequestVoteReply' : 'AppendEntriesReply';
  return c.proposed.send.find((o) => o.to === sender(c) && o.message.type === type)?.message as Reply | undefined;
}
export const granted = (r: Reply | undefined): boolean | undefined =>
  r === undefined ? undefined : r.type === 'AppendEntriesReply' ? r.success : r.voteGranted;
export const correctReplyOk = (c: Ctx): boolean | undefined => {
  const req = receivedRequest(c);
  const r = c.correct.send.find((o) => o.to === sender(c) && o.message.type !== req?.type)?.message as Reply | undefined;
  return granted(r);
};
export const isStaleReply = (c: Ctx, m: Reply, request: Request): boolean => m.term <= c.bT && (m.term < c.bT || request.term !== c.bT);

/** Each detector recognises one misconception, returns its mistake and claims what it explains. */
export type Detector = (c: Ctx) => Mistake[];
