/**
 * A question asked of the room (issue 14) as every screen shows it: the student's panel, the
 * console, the terminal projector and the web projector share its words, its answer keys and
 * its countdown, so a student and the wall read the same thing.
 */
import type { QuestionView } from '../src/game/types.js';
import { wordsOf } from '../src/i18n/format.js';

/** The question's words (en, ru; the student is addressed with «ты»). */
export const questionSay = wordsOf({
  title: { en: '? QUESTION about {c} · {s}', ru: '? ВОПРОС о {c} · {s}' },
  /** The web page draws its own `?` mark before the heading. */
  heading: { en: 'Question about {c} · {s}', ru: 'Вопрос о {c} · {s}' },
  left: { en: '{n} s left', ru: 'осталось {n} с' },
  timeUp: { en: 'time is up', ru: 'время вышло' },
  answered: { en: '{n} of {m} answered', ru: 'ответили {n} из {m}' },
  /** The web page before the reveal: the room never sees who answered what. */
  private: { en: 'Answers stay hidden until the reveal.', ru: 'Ответы скрыты, пока не показан ответ.' },
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

/** Whole seconds left of the countdown at room time `now` (0 when over). */
export function questionSecondsLeft(q: Pick<QuestionView, 'deadline'>, now: number): number {
  return Math.max(0, Math.ceil((q.deadline - now) / 1000));
}

/** Is it a yes/no question (keys y and n as well as 1 and 2)? */
export function isYesNo(q: Pick<QuestionView, 'choices'>): boolean {
  return q.choices.length === 2 && q.choices[0]!.en === 'Yes' && q.choices[1]!.en === 'No';
}

/** The key that answers choice `i`: y and n for a yes/no question, else its number from 1. */
export function answerKey(q: Pick<QuestionView, 'choices'>, i: number): string {
  return isYesNo(q) ? (i === 0 ? 'y' : 'n') : String(i + 1);
}
