/**
 * `?` on the sheet: the rule that governs the cell under the cursor, and (while writing a
 * move) the value the correct move has there — the hint that is one key away.
 */
import type { Lang, Text } from '../../src/i18n/text.js';
import type { HintLevel } from '../../src/game/types.js';
import type { RuleId } from '../../src/raft/referee.js';
import { ruleText } from './rule-text.js';
import { type CellId, cellText } from './draft.js';
import { currentCell, type ScreenState } from './screen-state.js';
import { t } from '../i18n.js';

/** Which rule a cell is about, as the referee would cite it. */
export function ruleForCell(cell: CellId | null, input?: string): RuleId {
  if (!cell) return 'R9';
  switch (cell.area) {
    case 'vote':
      return input === 'timeout' ? 'R8' : 'R9';
    case 'log-term':
    case 'log-value':
      return input === 'client' ? 'R15' : 'R18';
    case 'applied':
      return 'R23';
    case 'commit':
      return input === 'card' ? 'R19' : 'R22';
    case 'role':
      return 'R11';
    case 'ok':
      return 'R9';
    case 'card-field':
      return input === 'timeout' ? 'R8' : 'R16';
  }
}

/**
 * What `?` shows at each hint level (the room's mode): 'rule' the rule at the cursor; 'answer'
 * also the correct value there, or with no draft open the step's recipe (by hand, the prompt
 * states only the goal). 'none' opens no panel (screen-state.ts).
 */
export function rulePanel(screen: ScreenState, lang: Lang, hints: HintLevel = 'answer', recipe?: Text): string {
  const cell = currentCell(screen);
  const draft = screen.draft;
  const id = ruleForCell(cell, draft?.input.kind);
  const lines = [ruleText(id, lang)];
  if (hints !== 'answer') return lines.join('\n');
  if (!draft && recipe) lines.push(`${t(lang, 'recipe')} ${recipe[lang]}`);
  if (draft && cell) {
    const hinted = cellText({ ...draft, move: draft.correct }, cell);
    lines.push(`${t(lang, 'hint')} ${hinted === '' ? '(empty)' : hinted}`);
  }
  return lines.join('\n');
}
