/** The rule card text for an id, from the core's rule catalogue (src/raft/rules.ts). */
import type { Lang } from '../../src/i18n/text.js';
import { lookup } from '../../src/raft/rules.js';

export function ruleText(id: string, lang: Lang): string {
  const info = lookup(id);
  return info ? `${id} · ${info.title[lang]}\n${info.explain[lang]}` : id;
}
