/** Formatting values the way the sheet shows them. */
import type { Text } from '../../i18n/text.js';
import { currentTerm } from '../log.js';
import type { Entry, Message, Move, Role, ServerId } from '../types.js';

export const tx = (en: string, ru: string): Text => ({ en, ru });

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
