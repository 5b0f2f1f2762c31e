/**
 * The referee: compare the move a player proposes with the correct one (step.ts) and name every
 * mistake by rule (R1–R23) and, where it matches a known misconception, by mistake (M1–M19).
 * TO BE BUILT (contract only).
 */
import type { Text } from '../i18n/text.js';
import type { ServerId } from './types.js';

export type RuleId = `R${number}` | `P${number}`;
export type MistakeId = `M${number}`;

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
