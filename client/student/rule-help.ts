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
    case 'snapshot':
      return 'R30';
    case 'role':
      return 'R11';
    case 'ok':
      return 'R9';
    case 'card-field':
      // R32: the snapshot box's index and term on an InstallSnapshot card.
      if (cell.field === 'lastIncludedIndex' || cell.field === 'lastIncludedTerm') return 'R32';
      return input === 'timeout' ? 'R8' : 'R16';
  }
}

/** The cell under the cursor in the sheet's words ("your vote cell for t2", "leaderCommit on your card to i3"). */
export function cellWords(cell: CellId, lang: Lang): string {
  const ru = lang === 'ru';
  switch (cell.area) {
    case 'vote':
      return ru ? `ячейка голоса в терме t${cell.term}` : `your vote cell for t${cell.term}`;
    case 'log-term':
      return ru ? `терм записи ${cell.index} журнала` : `the term of log entry ${cell.index}`;
    case 'log-value':
      return ru ? `значение записи ${cell.index} журнала` : `the value of log entry ${cell.index}`;
    case 'applied':
      return ru ? `отметка «применено» записи ${cell.index}` : `the applied mark of log entry ${cell.index}`;
    case 'commit':
      return ru ? 'твой commitIndex' : 'your commitIndex';
    case 'role':
      return ru ? 'твоя роль' : 'your role';
    case 'snapshot':
      return ru ? 'твоя клетка снимка (последний включённый индекс)' : 'your snapshot box (its last included index)';
    case 'ok':
      return ru ? `галка ответа для ${cell.to}` : `the tick of your answer to ${cell.to}`;
    case 'card-field':
      return cell.to === '*'
        ? ru ? `${cell.field} на твоей карточке` : `${cell.field} on your card`
        : ru ? `${cell.field} на твоей карточке для ${cell.to}` : `${cell.field} on your card to ${cell.to}`;
  }
}

/**
 * `?`: the rule for the cell under the cursor, split for the help overlay: a title line, the
 * cell it is about and the hint (both only while writing a move; the cell is the one the cursor
 * is on, which the card panel keeps in sight), then the rule's explanation. The hint level (a
 * room mode) decides how much: 'rule' the rule only; 'answer' also the correct value at the
 * cursor, or with no draft open the step's recipe (by hand, the prompt states only the goal).
 * 'none' opens no overlay at all (screen-state.ts).
 */
export function ruleHelp(
  screen: ScreenState,
  lang: Lang,
  hints: HintLevel = 'answer',
  recipe?: Text,
): { title: string; cell?: string; hint?: string; recipe?: string; body: string } {
  const cell = currentCell(screen);
  const draft = screen.draft;
  const id = ruleForCell(cell, draft?.input.kind);
  const [title, ...rest] = ruleText(id, lang).split('\n');
  const body = rest.join('\n');
  const where = draft && cell ? { cell: cellWords(cell, lang) } : {};
  if (hints !== 'answer') return { title, body, ...where };
  if (!draft || !cell) return { title, body, ...(recipe ? { recipe: `${t(lang, 'recipe')} ${recipe[lang]}` } : {}) };
  const hinted = cellText({ ...draft, move: draft.correct }, cell);
  return { title, body, ...where, hint: `${t(lang, 'hint')} ${hinted === '' ? '(empty)' : hinted}` };
}

/** The same help as one text (tests, and anywhere without the overlay). */
export function rulePanel(screen: ScreenState, lang: Lang, hints: HintLevel = 'answer', recipe?: Text): string {
  const h = ruleHelp(screen, lang, hints, recipe);
  return [h.title, h.body, ...(h.recipe ? [h.recipe] : []), ...(h.hint ? [h.hint] : [])].join('\n');
}
