/** `?` on an InstallSnapshot card's box fields cites R32 (docs/rules-extended.md); other card fields keep their rules. */
import { describe, expect, it } from 'vitest';
import { ruleForCell } from '../../client/student/rule-help.js';

describe('the rule for a card field', () => {
  it('the snapshot box on an InstallSnapshot card is R32; prevLogIndex stays R16, a RequestVote field on a timeout R8', () => {
    expect(ruleForCell({ area: 'card-field', to: 'i8', field: 'lastIncludedIndex' }, 'send')).toBe('R32');
    expect(ruleForCell({ area: 'card-field', to: 'i8', field: 'lastIncludedTerm' }, 'send')).toBe('R32');
    expect(ruleForCell({ area: 'card-field', to: 'i8', field: 'prevLogIndex' }, 'send')).toBe('R16');
    expect(ruleForCell({ area: 'card-field', to: '*', field: 'term' }, 'timeout')).toBe('R8');
  });
});
