/** Differences no detector explained: the most specific rule for this input and field. */
import { type Text, text } from '../../i18n/text.js';
import { isUpToDate, lastLogIndex, lastLogTerm, majority, termAt, votedFor } from '../log.js';
import type { MistakeId, RuleId } from '../rules.js';
import { clientLetters } from '../step.js';
import type { AppendEntries, RequestVote, Role, ServerState } from '../types.js';
import { claim, correctReplyOk, type Ctx, find, reportMistake, receivedAE, receivedReply, receivedRV } from './context.js';
import { storedOn } from './detectors-leader.js';
import { checkWords } from './detectors-log.js';
import { type Diff, firstDifference } from './diff.js';
import { entryAt, formatLog, letter, logPos, ROLE_RU, sheetPlace, sheetValue } from './format.js';
import type { Mistake } from './mistake.js';
import { explain, NO_CLAUSE } from './explanations.js';

/** Why the correct vote decision is what it is (R5, R9, R10). */
function voteWords(ctx: Ctx, m: RequestVote): { rule: RuleId; text: Text } {
  const term = Math.max(ctx.termBefore, m.term);
  const prior = m.term > ctx.termBefore ? null : votedFor(ctx.before);
  const vI = lastLogIndex(ctx.before.log);
  const vT = lastLogTerm(ctx.before.log);
  const logs = `${m.candidateId} ${logPos(m.lastLogIndex, m.lastLogTerm)}, ${ctx.before.id} ${logPos(vI, vT)}`;
  if (m.term < ctx.termBefore) return { rule: 'R5', text: explain('voteWords', { term: m.term, termBefore: ctx.termBefore }) };
  if (prior !== null && prior !== m.candidateId) {
    return { rule: 'R9', text: explain('voteWords2', { prior, term }) };
  }
  if (!isUpToDate(m.lastLogTerm, m.lastLogIndex, ctx.before.log)) {
    return { rule: 'R10', text: explain('voteWords3', { logs }) };
  }
  return { rule: 'R9', text: explain('voteWords4', { term, priorNote: prior ? explain('voteWordsPrior', { prior }) : NO_CLAUSE, logs, candidateId: m.candidateId }) };
}

function aeWords(ctx: Ctx, m: AppendEntries): { rule: RuleId; text: Text } {
  if (m.term < ctx.termBefore) return { rule: 'R5', text: explain('aeWords', { term: m.term, termBefore: ctx.termBefore }) };
  if (ctx.before.role === 'leader' && m.term === ctx.termBefore) {
    return { rule: 'P1', text: explain('aeWords2', { termBefore: ctx.termBefore }) };
  }
  const w = checkWords(ctx, m);
  return correctReplyOk(ctx)
    ? { rule: 'R17', text: explain('aeWords3', { w }) }
    : { rule: 'R17', text: explain('aeWords4', { w }) };
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
  const also = others ? explain('headOf', { others }) : explain('headOf2');
  return explain('headOf3', { capital: capital(place.en), bare, e, g, also, capital2: capital(place.ru) });
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
      return say('R1', explain('generic'));
    case d.field === 'votedFor': {
      if (rv) return say(voteWords(ctx, rv).rule, voteWords(ctx, rv).text);
      if (ctx.input.kind === 'timeout') return say('R8', explain('generic2'));
      return say('R1', explain('generic3', { e }));
    }
    case d.field === 'role': {
      if (ctx.input.kind === 'timeout') return say('R8', isLeaderNow ? explain('generic4') : explain('generic5'));
      if (ae && ctx.before.role === 'candidate') return say('R12', explain('generic6'));
      if (reply?.m.type === 'RequestVoteReply') return say('R11', explain('generic7', { majority: majority(ctx.before.cluster.length) }));
      return say('R4', explain('generic8', { e, expectedRu: ROLE_RU[d.expected as Role] ?? e }));
    }
    case d.field === 'log': {
      const k = firstDifference(ctx.expected.log, ctx.given.log);
      const at = explain('generic9', { k, entryAt: entryAt(ctx.expected.log, k), entryAt2: entryAt(ctx.given.log, k) });
      if (ae) return say('R18', explain('generic10', { at, text: aeWords(ctx, ae).text, firstIndex: ae.prevLogIndex + 1 }));
      if (ctx.input.kind === 'client') {
        return say('R15', isLeaderNow
          ? explain('generic11', { at, written: written(ctx.before, ctx.input.value, ctx.termBefore) })
          : explain('generic12', { at, role: ctx.before.role, roleRu: ROLE_RU[ctx.before.role] }));
      }
      return say('R15', explain('generic13', { at }));
    }
    case d.field === 'commitIndex': {
      if (ae) {
        const covered = ae.prevLogIndex + ae.entries.length;
        if (ae.leaderCommit <= ctx.before.commitIndex) {
          return say('R19', explain('generic14', { leaderCommit: ae.leaderCommit, commitIndex: ctx.before.commitIndex }));
        }
        return say('R19', explain('generic15', { leaderCommit: ae.leaderCommit, commitIndex: ctx.before.commitIndex, prevLogIndex: ae.prevLogIndex, entriesCount: ae.entries.length, covered }));
      }
      if (isLeaderNow && ctx.expected.role === 'leader') {
        // Describe the entry that decides: the one wrongly committed, or the one that should be.
        const n = Number(d.given) > Number(d.expected) ? Number(d.given) : Number(d.expected);
        const entryTerm = termAt(ctx.expected.log, n);
        const copies = n > 0 ? storedOn(ctx.expected, n) : 0;
        return say('R22', explain('generic16', { n, termNote: entryTerm ? ` (t${entryTerm})` : '', copies, clusterCount: ctx.expected.cluster.length, majority: majority(ctx.expected.cluster.length), expectedTerm: ctx.expectedTerm }));
      }
      return say('R2', explain('generic17'));
    }
    case d.field === 'lastApplied':
      return say('R23', explain('generic18', { commitIndex: ctx.expected.commitIndex }));
    case d.field === 'votesGranted':
      return say(ctx.input.kind === 'timeout' ? 'R8' : 'R11', explain('generic19', { expectedTerm: ctx.expectedTerm }));
    case d.field.startsWith('nextIndex') || d.field.startsWith('matchIndex'): {
      if (reply?.m.type === 'RequestVoteReply' && ctx.expected.role === 'leader') {
        return say('R13', explain('generic20', { next: lastLogIndex(ctx.expected.log) + 1 }));
      }
      if (reply?.m.type === 'AppendEntriesReply' && ctx.expected.role === 'leader') {
        return say(d.field.startsWith('match') ? 'R20' : 'R21', explain('generic21'));
      }
      return say('R2', explain('generic22'));
    }
    case d.field === 'resetTimer':
      return say('R14', explain('generic23'));
    case d.part !== undefined:
      return genericCard(ctx, d, say);
    default:
      return say('R1', explain('generic24'));
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
      return say(w?.rule ?? 'R7', explain('genericCard', { words: w?.text ?? NO_CLAUSE }));
    }
    if (missing && d.cardType === 'RequestVote') return say('R8', explain('genericCard2', { who }));
    if (missing) return say('R16', explain('genericCard3', { who }));
    if (ctx.proposed.send.filter((o) => o.to === who && o.message.type === d.cardType).length > 1) {
      return say(d.cardType === 'AppendEntries' ? 'R16' : d.cardType === 'RequestVote' ? 'R8' : 'R7', explain('genericCard4', { cardType: d.cardType, who }));
    }
    if (d.cardType === 'AppendEntries') return say(ctx.before.role === 'leader' ? 'R16' : 'R15', explain('genericCard5', { who }));
    if (d.cardType === 'RequestVote') return say('R8', explain('genericCard6'));
    return say('R7', explain('genericCard7', { who }));
  }
  switch (d.part) {
    case 'term':
      if (d.cardType === 'RequestVoteReply' || d.cardType === 'AppendEntriesReply') {
        return say('R7', explain('genericCard8', { expectedTerm: ctx.expectedTerm }));
      }
      return say(d.cardType === 'RequestVote' ? 'R8' : 'R16', explain('genericCard9', { expectedTerm: ctx.expectedTerm }));
    case 'voteGranted': {
      if (!rv) return say('R9', explain('genericCard10'));
      const w = voteWords(ctx, rv);
      return say(w.rule, w.text);
    }
    case 'success': {
      if (!ae) return say('R17', explain('genericCard11'));
      const w = aeWords(ctx, ae);
      return say(w.rule, w.text);
    }
    case 'candidateId':
    case 'lastLogIndex':
    case 'lastLogTerm':
      return say('R8', explain('genericCard12', { lastLogIndex: lastLogIndex(ctx.expected.log), lastLogTerm: lastLogTerm(ctx.expected.log) }));
    default: {
      const next = ctx.before.nextIndex[who] ?? lastLogIndex(ctx.before.log) + 1;
      return say('R16', explain('genericCard13', { who, next, prev: next - 1, commitIndex: ctx.before.commitIndex }));
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
    twin.head = explain('sameDecision', { replace: twin.head.en.replace(/\.$/, ''), lower: lower(f.head.en), replace2: twin.head.ru.replace(/\.$/, ''), lower2: lower(f.head.ru) });
    twin.m = { ...twin.m, field: `${twin.m.field} + ${f.m.field}`, explain: explain('sameDecision2', { head: twin.head, why: twin.why }) };
  }
  return merged.map((f) => f.m);
}
