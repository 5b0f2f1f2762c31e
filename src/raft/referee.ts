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

import type { Input, Move, ServerState, StepOptions } from './types.js';
import { step } from './step.js';

/**
 * PLACEHOLDER until the referee is built: reports one generic mistake when the proposed move
 * differs from the correct one. The real referee keeps this signature.
 */
export function referee(before: ServerState, input: Input, proposed: Move, options?: StepOptions): Mistake[] {
  const correct = step(before, input, options);
  const same = JSON.stringify(correct.state) === JSON.stringify(proposed.state) && JSON.stringify(correct.send) === JSON.stringify(proposed.send);
  return same ? [] : [{ rule: 'R1', field: 'move', expected: correct, given: proposed, explain: { en: 'The move differs from the correct one.', ru: 'Ход отличается от правильного.' } }];
}
