/**
 * The two row builders of the rule catalogue, shared by rules.ts (Figure 2, games 1–4) and
 * rules-extended.ts (pre-vote, snapshots, …): a row is its id and the [title, paragraph] pair in
 * each language. Apart from both so that neither imports the other's values.
 */
import type { MistakeId, MistakeInfo, RuleId, RuleInfo } from './rules.js';

/** A rule (R…) or a safety property (P…). */
export const r = (id: RuleId, en: [string, string], ru: [string, string]): RuleInfo => ({
  id,
  kind: id.startsWith('P') ? 'property' : 'rule',
  title: { en: en[0], ru: ru[0] },
  explain: { en: en[1], ru: ru[1] },
});

/** A known mistake and the rules it breaks, most relevant first. */
export const m = (id: MistakeId, rules: RuleId[], en: [string, string], ru: [string, string]): MistakeInfo => ({
  id,
  rules,
  title: { en: en[0], ru: ru[0] },
  explain: { en: en[1], ru: ru[1] },
});
