/**
 * Mistakes the instructor can make a bot commit (observe mode), so a scenario does not depend on
 * where the students happen to sit: each turns the correct move for a card into a wrong one the
 * referee will name. A mistake applies only to a card it fits (a vote to a RequestVote, an
 * acknowledgement to an AppendEntries); on any other move the bot plays correctly and keeps the
 * mistake for later. Pure: the correct move comes from `prefill`.
 */
import type { Move, ServerState } from '../raft/types.js';
import type { Card } from './types.js';

export const BOT_MISTAKES = ['grant-any-vote', 'ack-without-append', 'stay-in-old-term'] as const;
export type BotMistake = (typeof BOT_MISTAKES)[number];

/** The wrong move for this card, or null when the mistake does not fit it (or changes nothing). */
export function spoil(mistake: BotMistake, before: ServerState, card: Card, correct: Move): Move | null {
  const m = card.message;
  switch (mistake) {
    // Vote for whoever asks, whatever the Terms row says (a second vote in a term, R9).
    case 'grant-any-vote': {
      if (m.type !== 'RequestVote') return null;
      const votes = [...correct.state.votes];
      while (votes.length < m.term) votes.push(null);
      votes[m.term - 1] = m.candidateId;
      return changed(correct, { state: { ...correct.state, votes }, send: correct.send.map((o) => (o.message.type === 'RequestVoteReply' ? { ...o, message: { ...o.message, voteGranted: true } } : o)) });
    }
    // Say "success" to an AppendEntries without writing its entries into the log (R17/R18).
    case 'ack-without-append': {
      if (m.type !== 'AppendEntries' || m.entries.length === 0) return null;
      return changed(correct, { state: { ...correct.state, log: before.log, commitIndex: before.commitIndex, lastApplied: before.lastApplied }, send: correct.send.map((o) => (o.message.type === 'AppendEntriesReply' ? { ...o, message: { ...o.message, success: true } } : o)) });
    }
    // Ignore a newer term on a card: keep the old Terms row and role (R4).
    case 'stay-in-old-term': {
      if (m.term <= before.votes.length) return null;
      return changed(correct, { state: { ...correct.state, votes: before.votes, role: before.role } });
    }
  }
}

function changed(correct: Move, wrong: Partial<Move>): Move | null {
  const move = { ...correct, ...wrong };
  return JSON.stringify(move) === JSON.stringify(correct) ? null : move;
}
