/** What the referee reports (a Mistake) and what it judges (a ProposedMove). */
import type { Text } from '../../i18n/text.js';
import type { MistakeId, RuleId } from '../rules.js';
import type { Move, ServerId } from '../types.js';

export interface Mistake {
  rule: RuleId;
  mistake?: MistakeId;
  /** Which part of the move: 'currentTerm', 'votedFor', 'role', 'log', 'log[5]', 'commitIndex', 'send', 'send[i3].success' … */
  field: string;
  expected: unknown;
  given: unknown;
  explain: Text;
  server?: ServerId;
}

/**
 * What a player proposes: the sheet after the move and the cards, plus optionally whether they
 * restarted their election timer (R14, M18). The timer is not on the sheet; a client that asks
 * the player about it passes `resetTimer`, otherwise the timer is not judged.
 */
export type ProposedMove = Move & { resetTimer?: boolean };
