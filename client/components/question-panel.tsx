/**
 * A question asked of the room (issue 14), as counted lines: one line = one terminal row, cut or
 * wrapped here, never by Yoga (the honest-layout rule of issue #9). The student sees the choices
 * with the keys to press and their own answer; the projector sees how many answered; after the
 * reveal both see the tally, the correct answer and the rule that decides it.
 */
import { Box, Text } from 'ink';
import { useEffect, useRef, useState } from 'react';
import type { QuestionView, SeatQuestion } from '../../src/game/types.js';
import { type WordOf, wordsOf } from '../../src/i18n/format.js';
import type { Lang } from '../../src/i18n/text.js';
import type { Theme } from '../theme.js';
import { shown, tint } from '../theme.js';
import { padTo, truncateTo, widthOf, wrapTo } from './text-width.js';

/** The panel's words (en, ru; the student is addressed with «ты»). */
export const questionSay = wordsOf({
  title: { en: '? QUESTION about {c} · {s}', ru: '? ВОПРОС о {c} · {s}' },
  left: { en: '{n} s left', ru: 'осталось {n} с' },
  timeUp: { en: 'time is up', ru: 'время вышло' },
  answered: { en: '{n} of {m} answered', ru: 'ответили {n} из {m}' },
  revealed: { en: 'the answer', ru: 'ответ' },
  keysYesNo: { en: 'Press y or n (or 1–2) to answer; you may change it until the time is up.', ru: 'Нажми y или n (или 1–2), чтобы ответить; можно передумать, пока не вышло время.' },
  keys: { en: 'Press 1–{n} to answer; you may change it until the time is up.', ru: 'Нажми 1–{n}, чтобы ответить; можно передумать, пока не вышло время.' },
  mine: { en: '◂ your answer', ru: '◂ твой ответ' },
  waiting: { en: 'Your answer is in; wait for the reveal.', ru: 'Твой ответ принят; жди, когда покажут ответ.' },
  noAnswer: { en: 'No answer from you.', ru: 'Ответа от тебя нет.' },
  watch: { en: 'Bots do not answer: watch the board.', ru: 'Боты не отвечают: смотри на доску.' },
  right: { en: '✔ Your answer was right.', ru: '✔ Твой ответ верный.' },
  wrong: { en: '✗ Not this time: the answer is {a}.', ru: '✗ На этот раз нет: ответ — {a}.' },
  correct: { en: '✔ correct', ru: '✔ верно' },
  next: { en: 'Next: the decision is played.', ru: 'Дальше: решение будет сыграно.' },
  hidden: { en: 'p: the question again', ru: 'p — снова вопрос' },
  recapPredictions: { en: 'Predictions: {right} of {asked} right', ru: 'Прогнозы: верных {right} из {asked}' },
  keysLine: { en: 'Esc: the sheet · c: the cluster · q: quit', ru: 'Esc — лист · c — кластер · q — выход' },
});

export type QuestionWord = WordOf<typeof questionSay>;
export const QUESTION_WORDS = questionSay.table;

export interface QuestionLine {
  text: string;
  color?: string;
  bold?: boolean;
  inverse?: boolean;
}

/** Whole seconds left of the countdown at room time `now` (0 when over). */
export function questionSecondsLeft(q: Pick<QuestionView, 'deadline'>, now: number): number {
  return Math.max(0, Math.ceil((q.deadline - now) / 1000));
}

/** Is it a yes/no question (keys y and n as well as 1 and 2)? */
export function isYesNo(q: Pick<QuestionView, 'choices'>): boolean {
  return q.choices.length === 2 && q.choices[0].en === 'Yes' && q.choices[1].en === 'No';
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
  const labels = q.choices.map((c, i) => `${yesNo ? (i === 0 ? 'y' : 'n') : String(i + 1)}  ${c[lang]}`);
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
