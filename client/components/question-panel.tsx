/**
 * A question asked of the room (issue 14), as counted lines: one line = one terminal row, cut or
 * wrapped here, never by Yoga (the honest-layout rule of issue #9). The student sees the choices
 * with the keys to press and their own answer; the projector sees how many answered; after the
 * reveal both see the tally, the correct answer and the rule that decides it.
 */
import { Box, Text } from 'ink';
import { useEffect, useRef, useState } from 'react';
import type { QuestionView, SeatQuestion } from '../../src/game/types.js';
import type { Lang } from '../../src/i18n/text.js';
import { answerKey, isYesNo, questionSay } from '../asked-question.js';
import type { Theme } from '../theme.js';
import { shown, tint } from '../theme.js';
import { padTo, truncateTo, widthOf, wrapTo } from './text-width.js';

export interface QuestionLine {
  text: string;
  color?: string;
  bold?: boolean;
  inverse?: boolean;
}

const BAR = 12;

/**
 * The lines of the panel at `width` columns; `seat` for a student (keys, own answer), else the
 * projector's (counts). `left`: seconds of the countdown left.
 */
export function questionLines(q: QuestionView | SeatQuestion, lang: Lang, theme: Theme, width: number, left: number): QuestionLine[] {
  const seat = 'mine' in q ? q : null;
  const out: QuestionLine[] = [];
  const push = (text: string, style: Omit<QuestionLine, 'text'> = {}) => out.push({ text: truncateTo(shown(theme, text), width), ...style });
  const wrap = (text: string, style: Omit<QuestionLine, 'text'> = {}) => {
    for (const line of wrapTo(shown(theme, text), width)) out.push({ text: line, ...style });
  };
  const status = q.reveal ? questionSay(lang, 'revealed') : left > 0 ? questionSay(lang, 'left', { n: left }) : questionSay(lang, 'timeUp');
  push(`${questionSay(lang, 'title', { c: q.cluster, s: q.server })} · ${status} · ${questionSay(lang, 'answered', { n: q.answered, m: q.expected })}`, {
    bold: true,
    inverse: true,
    color: theme.colour.accent,
  });
  wrap(q.text[lang], { bold: true });
  const yesNo = isYesNo(q);
  const labels = q.choices.map((c, i) => `${answerKey(q, i)}  ${c[lang]}`);
  const labelWidth = Math.min(Math.max(...labels.map(widthOf)), Math.max(8, width - BAR - 18));
  const most = Math.max(1, ...(q.reveal?.tally ?? [0]));
  q.choices.forEach((_, i) => {
    let line = `  ${padTo(labels[i], labelWidth)}`;
    if (q.reveal) {
      const n = q.reveal.tally[i] ?? 0;
      const cells = Math.round((n / most) * BAR);
      const bar = (theme.ascii ? '#' : '█').repeat(cells) + ' '.repeat(BAR - cells);
      line += ` ${bar} ${String(n).padStart(2)}`;
      if (i === q.reveal.correct) line += `  ${questionSay(lang, 'correct')}`;
    }
    if (seat && seat.mine === i) line += `  ${questionSay(lang, 'mine')}`;
    const correct = q.reveal?.correct === i;
    push(line, correct ? { color: theme.colour.ok, bold: true } : seat?.mine === i ? { color: 'yellow' } : {});
  });
  if (q.reveal) {
    wrap(`${q.reveal.rule} · ${q.reveal.ruleTitle[lang]}: ${q.reveal.why[lang]}`, { color: theme.colour.accent });
    if (seat?.canAnswer) {
      const answer = q.choices[q.reveal.correct][lang];
      if (seat.mine === null) push(questionSay(lang, 'noAnswer'), { color: theme.colour.dim });
      else if (seat.mine === q.reveal.correct) push(questionSay(lang, 'right'), { color: theme.colour.ok, bold: true });
      else push(questionSay(lang, 'wrong', { a: answer }), { color: theme.colour.error, bold: true });
    } else {
      push(questionSay(lang, 'next'), { color: theme.colour.dim });
    }
  } else if (seat) {
    if (!seat.canAnswer) push(questionSay(lang, 'watch'), { color: theme.colour.dim });
    else if (left === 0) push(seat.mine === null ? questionSay(lang, 'noAnswer') : questionSay(lang, 'waiting'), { color: theme.colour.dim });
    else if (seat.mine !== null) wrap(questionSay(lang, 'waiting'), { color: theme.colour.ok });
    else wrap(yesNo ? questionSay(lang, 'keysYesNo') : questionSay(lang, 'keys', { n: q.choices.length }), { color: 'green', bold: true });
  }
  return out;
}

/**
 * The room's clock as this terminal estimates it: the view's `now` plus the time since the view
 * arrived (a paused cluster gets no ticks, so views do not move the clock while the room thinks).
 * Redraws once a second while `running`.
 */
export function useRoomNow(viewNow: number, running: boolean): number {
  const base = useRef({ viewNow, at: Date.now() });
  if (base.current.viewNow !== viewNow) base.current = { viewNow, at: Date.now() };
  const [, setBeat] = useState(0);
  useEffect(() => {
    if (!running) return;
    const timer = setInterval(() => setBeat((n) => n + 1), 1000);
    return () => clearInterval(timer);
  }, [running]);
  return base.current.viewNow + (Date.now() - base.current.at);
}

export function QuestionPanel({ lines, rows, width, theme }: { lines: QuestionLine[]; rows: number; width: number; theme: Theme }) {
  // Rows are counted: the first rows (title, question, choices) stay, the tail is cut.
  const kept = lines.slice(0, Math.max(0, rows));
  return (
    <Box flexDirection="column" width={width} height={kept.length} flexShrink={0}>
      {kept.map((l, i) => (
        <Text key={i} wrap="truncate-end" color={l.color ? tint(theme, l.color) : undefined} bold={l.bold} inverse={l.inverse}>
          {l.text}
        </Text>
      ))}
    </Box>
  );
}
