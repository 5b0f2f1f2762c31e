/** Formatting values the way the sheet shows them. */
import { type Text, text } from '../../i18n/text.js';
import { currentTerm } from '../log.js';
import type { Entry, Message, Move, Role, ServerId, Snapshot } from '../types.js';
import { explain } from './explanations.js';


export const letter = (v: string): string => (v === ' ' ? '␣' : v);

/** A log as runs of one term: `1–4 t1 "High", 5–8 t3 "␣vol"`; `∅` when empty. */
export function formatLog(log: readonly Entry[], firstIndex = 1): string {
  if (log.length === 0) return '∅';
  const runs: string[] = [];
  let start = 0;
  for (let i = 1; i <= log.length; i++) {
    if (i === log.length || log[i].term !== log[start].term) {
      const from = firstIndex + start;
      const to = firstIndex + i - 1;
      const range = from === to ? `${from}` : `${from}–${to}`;
      runs.push(`${range} t${log[start].term} "${log.slice(start, i).map((e) => letter(e.value)).join('')}"`);
      start = i;
    }
  }
  return runs.join(', ');
}

/** R29: the snapshot box as the sheet shows it: `12/t3 "High␣voltage"`; `∅` without one. */
export function formatSnapshot(s: Snapshot | undefined): string {
  return s ? `${s.lastIncludedIndex}/t${s.lastIncludedTerm} "${[...s.data].map(letter).join('')}"` : '∅';
}

export function formatCard(msg: Message): string {
  switch (msg.type) {
    case 'RequestVote':
      return `RequestVote(term ${msg.term}, candidate ${msg.candidateId}, last ${msg.lastLogIndex}/t${msg.lastLogTerm})`;
    case 'RequestVoteReply':
      return `RequestVoteReply(term ${msg.term}, ${msg.voteGranted ? '✔' : '✗'})`;
    case 'AppendEntries':
      return `AppendEntries(term ${msg.term}, leader ${msg.leaderId}, prev ${msg.prevLogIndex}/t${msg.prevLogTerm}, entries ${formatLog(msg.entries, msg.prevLogIndex + 1)}, leaderCommit ${msg.leaderCommit})`;
    case 'AppendEntriesReply':
      return `AppendEntriesReply(term ${msg.term}, ${msg.success ? '✔' : '✗'})`;
    case 'PreVote':
      return `PreVote(term ${msg.term}, candidate ${msg.candidateId}, last ${msg.lastLogIndex}/t${msg.lastLogTerm})`;
    case 'PreVoteReply':
      return `PreVoteReply(term ${msg.term}, ${msg.voteGranted ? '✔' : '✗'})`;
    case 'InstallSnapshot':
      return `InstallSnapshot(term ${msg.term}, leader ${msg.leaderId}, last included ${msg.lastIncludedIndex}/t${msg.lastIncludedTerm}, data "${[...msg.data].map(letter).join('')}")`;
    case 'InstallSnapshotReply':
      return `InstallSnapshotReply(term ${msg.term})`;
  }
}

export const ROLE_RU: Record<Role, string> = { leader: 'лидер', candidate: 'кандидат', follower: 'фолловер' };
export const vote = (v: ServerId | null | undefined): string => v ?? '—';
export const tick = (b: unknown): string => (b === true ? '✔' : b === false ? '✗' : '—');
export const entryAt = (log: readonly Entry[], i: number): string =>
  i >= 1 && i <= log.length ? `t${log[i - 1].term} "${letter(log[i - 1].value)}"` : '∅';

export const logPos = (index: number, term: number): string => `${index}/t${term}`;

export function formatMove(m: Move): string {
  return `${m.state.role} t${currentTerm(m.state)} log ${formatLog(m.state.log)} commit ${m.state.commitIndex}; ${m.send.map((o) => `${o.to}: ${formatCard(o.message)}`).join('; ')}`;
}

/**
 * Where a difference is on the paper: the sheet's words for a referee field, so a refusal says
 * "your vote cell for t1", not `votedFor` (the field name follows at most in parentheses).
 * `term` is the term whose vote cell `votedFor` stands for (the current term after the move);
 * `to` names the addressees of a card field, as one id or a list.
 */
export function sheetPlace(field: string, term: number, to?: string): Text {
  const card = /^send\[([^\]]*)\](?:\.(\w+))?$/.exec(field);
  const index = /^(nextIndex|matchIndex)\[([^\]]*)\]$/.exec(field) ?? /^(nextIndex|matchIndex)$/.exec(field);
  const votes = /^votes\[t(\d+)\]$/.exec(field);
  if (field === 'votedFor') return explain('sheetPlace', { term });
  if (votes) return explain('sheetPlace2', { term: votes[1] });
  if (field === 'votes') return explain('sheetPlace3');
  if (field === 'currentTerm') return explain('sheetPlace4');
  if (field === 'role') return explain('sheetPlace5');
  if (field === 'log') return explain('sheetPlace6');
  if (field === 'snapshot') return text('your snapshot box', 'твоя клетка снимка');
  if (field === 'commitIndex') return explain('sheetPlace7');
  if (field === 'lastApplied') return explain('sheetPlace8');
  if (field === 'votesGranted') return explain('sheetPlace9');
  if (field === 'resetTimer') return explain('sheetPlace10');
  if (index) {
    const who = to ?? index[2];
    const what = index[1] === 'nextIndex' ? explain('sheetPlace11') : explain('sheetPlace12');
    return who ? explain('sheetPlace13', { what, who }) : what;
  }
  if (card) {
    const who = to ?? card[1];
    const part = card[2];
    const many = who.includes(',') || who === '*';
    const cards = who === '*' ? explain('sheetPlace14') : many ? explain('sheetPlace15', { who }) : explain('sheetPlace16', { who });
    if (!part) return who === '*' || many ? explain('sheetPlace17', { who }) : explain('sheetPlace18', { who });
    if (part === 'voteGranted' || part === 'success') {
      return many ? explain('sheetPlace19', { who }) : explain('sheetPlace20', { who });
    }
    if (part === 'term') return explain('sheetPlace21', { cards });
    if (part === 'entries') return explain('sheetPlace22', { cards });
    return explain('sheetPlace23', { part, cards });
  }
  return text(field, field);
}

/** A value as the sheet writes it: terms as `t3`, ticks as ✔/✗, an empty cell as —. */
export function sheetValue(field: string, v: unknown): string {
  if (v === null || v === undefined) return '—';
  if (typeof v === 'boolean') return tick(v);
  if (Array.isArray(v)) return v.length ? v.join(', ') : '∅';
  if (typeof v === 'number' && /(^currentTerm$|\.term$|Term$)/.test(field)) return `t${v}`;
  return String(v);
}
