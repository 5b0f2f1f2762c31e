/**
 * `?` on the sheet: the rule that governs the cell under the cursor, and (while writing a
 * move) the value the correct move has there — the hint that is one key away.
 */
import type { Lang } from '../../src/i18n/text.js';
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
      return ru ? 'ваш commitIndex' : 'your commitIndex';
    case 'role':
      return ru ? 'ваша роль' : 'your role';
    case 'ok':
      return ru ? `галка ответа для ${cell.to}` : `the tick of your answer to ${cell.to}`;
    case 'card-field':
      return cell.to === '*'
        ? ru ? `${cell.field} на вашей карточке` : `${cell.field} on your card`
        : ru ? `${cell.field} на вашей карточке для ${cell.to}` : `${cell.field} on your card to ${cell.to}`;
  }
}

/**
 * `?`: the rule for the cell under the cursor, split for the help overlay: a title line, the
 * cell it is about and the hint (both only while writing a move; the cell is the one the cursor
 * is on, which the card panel keeps in sight), then the rule's explanation.
 */
export function ruleHelp(screen: ScreenState, lang: Lang): { title: string; cell?: string; hint?: string; body: string } {
  const cell = currentCell(screen);
  const draft = screen.draft;
  const id = ruleForCell(cell, draft?.input.kind);
  const [title, ...body] = ruleText(id, lang).split('\n');
  if (!draft || !cell) return { title, body: body.join('\n') };
  const hinted = cellText({ ...draft, move: draft.correct }, cell);
  return { title, cell: cellWords(cell, lang), hint: `${t(lang, 'hint')} ${hinted === '' ? '(empty)' : hinted}`, body: body.join('\n') };
}

export function rulePanel(screen: ScreenState, lang: Lang): string {
  const h = ruleHelp(screen, lang);
  return [h.title, h.body, ...(h.hint ? [h.hint] : [])].join('\n');
}
