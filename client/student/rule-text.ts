/** The rule card text for an id, from the core's rule catalogue. */
import type { Lang } from '../../src/i18n/text.js';
import type { RuleId } from '../../src/raft/referee.js';

export function ruleText(id: RuleId, lang: Lang): string {
  void lang;
  return id;
}
