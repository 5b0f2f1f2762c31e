/**
 * The recap screen after a game (recap.ts says when): the game's title and lesson, what happened
 * in this cluster, the rules the game played with their titles, and the player's own mistakes,
 * each with its rule. Enter or Esc goes back to the sheet (the app handles the key).
 */
import { Box, Text } from 'ink';
import type { Lang } from '../../src/i18n/text.js';
import { ruleTitle } from '../../src/raft/rules.js';
import { rowsOf } from '../components/text-width.js';
import { t } from '../i18n.js';
import type { Theme } from '../theme.js';
import { shown, tint } from '../theme.js';
import type { RecapData } from './recap.js';
import { questionSay } from '../asked-question.js';

export interface RecapScreenProps {
  recap: RecapData;
  lang: Lang;
  theme: Theme;
  width: number;
  height: number;
}

/** The recap as lines of text with a style, fitted to the rows (mistakes are cut first). */
export function recapLines(r: RecapData, lang: Lang, theme: Theme, width: number, height: number): { text: string; style?: 'title' | 'head' | 'error' | 'dim' | 'ok' }[] {
  const out: { text: string; style?: 'title' | 'head' | 'error' | 'dim' | 'ok' }[] = [];
  out.push({ text: t(lang, 'recapTitle', { game: r.title[lang] }), style: 'title' });
  out.push({ text: r.lesson[lang] });
  out.push({ text: '' });
  out.push({ text: t(lang, 'recapHappened'), style: 'head' });
  const who = r.leader ? t(lang, 'recapLeader', { s: r.leader.id, t: r.leader.term }) : t(lang, 'recapNoLeader', { t: r.term });
  const log = r.log === '' ? theme.sym.none : r.log.replace(/ /g, theme.sym.space);
  out.push({ text: `  ${who} · ${t(lang, 'recapLog', { log, c: r.commitIndex })}` });
  // Asking the room (issue 14): how many predictions were right in this game.
  if (r.predictions) out.push({ text: `  ${questionSay(lang, 'recapPredictions', { right: r.predictions.right, asked: r.predictions.asked })}`, style: r.predictions.right === r.predictions.asked ? 'ok' : undefined });
  out.push({ text: '' });
  out.push({ text: t(lang, 'recapRules'), style: 'head' });
  // One rule a row when the rows allow it (the rest of the recap needs about 12 at 80×24); else
  // the rule ids on one wrapped line, so the frame stays at most height − 1 tall.
  const rows = (ls: { text: string }[]) => ls.reduce((n, l) => n + Math.max(1, rowsOf(l.text, width)), 0);
  const oneEach = r.rules.map((id) => ({ text: `  ${id} ${ruleTitle(id)[lang]}` }));
  if (rows(out) + rows(oneEach) + 6 <= height - 1) out.push(...oneEach);
  else out.push({ text: `  ${r.rules.join(' · ')}` });
  out.push({ text: '' });
  out.push({ text: `${t(lang, 'recapMistakes')} (${r.mistakes.length})`, style: 'head' });
  // Rows left for mistakes: the frame stays at most height − 1 tall (DESIGN.md pitfalls).
  const used = out.reduce((n, l) => n + Math.max(1, rowsOf(l.text, width)), 0);
  const room = Math.max(1, height - 1 - used - 2);
  if (r.mistakes.length === 0) out.push({ text: `  ${t(lang, 'recapClean')}`, style: 'ok' });
  const listed = r.mistakes.length > room ? r.mistakes.slice(-(room - 1)) : r.mistakes;
  if (listed.length < r.mistakes.length) out.push({ text: `  … +${r.mistakes.length - listed.length}`, style: 'dim' });
  // One row per mistake: the rule id and the start of its explanation.
  for (const m of listed) out.push({ text: `  ${theme.sym.no} ${m.rule}${m.mistake ? `/${m.mistake}` : ''} · ${m.explain[lang]}`, style: 'error' });
  out.push({ text: '' });
  out.push({ text: t(lang, 'recapDismiss'), style: 'dim' });
  return out.map((l) => ({ ...l, text: shown(theme, l.text) }));
}

export function RecapScreen({ recap, lang, theme, width, height }: RecapScreenProps) {
  const colour = { title: theme.colour.accent, head: undefined, error: theme.colour.error, dim: theme.colour.dim, ok: theme.colour.ok };
  return (
    <Box flexDirection="column" width={width}>
      {recapLines(recap, lang, theme, width, height).map((l, i) => (
        <Text key={i} wrap={l.style === 'error' ? 'truncate-end' : 'wrap'} bold={l.style === 'title' || l.style === 'head'} color={l.style && colour[l.style] ? tint(theme, colour[l.style] as string) : undefined}>
          {l.text === '' ? ' ' : l.text}
        </Text>
      ))}
    </Box>
  );
}
