/**
 * Asking the room on the web projector (issue 14): the question panel beside the cluster it is
 * about, as HTML markup without the DOM (so vitest can check it). Before the reveal the room sees
 * the question, the choices and how many answered, never who answered what (answers are private
 * until the reveal, src/game/question-view.ts); after it, a bar per choice with its count, the
 * correct one marked ✔ in bluish green (the symbol says it too: colour-blind safe, as the rest of
 * the page), the rule that decides it with its title, and why.
 *
 * HTML rather than SVG: the question and the why are sentences, and the browser wraps them.
 */
import type { ClusterOverview, QuestionView } from '../../src/game/types.js';
import type { Lang, Text } from '../../src/i18n/text.js';
import { esc } from './draw.js';

const WORDS = {
  head: { en: 'Question about {c} · {s}', ru: 'Вопрос о {c} · {s}' },
  left: { en: '{n} s left', ru: 'осталось {n} с' },
  timeUp: { en: 'time is up', ru: 'время вышло' },
  answered: { en: '{n} of {m} answered', ru: 'ответили {n} из {m}' },
  private: { en: 'Answers stay hidden until the reveal.', ru: 'Ответы скрыты, пока не показан ответ.' },
  answer: { en: 'the answer', ru: 'ответ' },
  correct: { en: 'correct', ru: 'верно' },
  next: { en: 'Next: the decision is played.', ru: 'Дальше: решение будет сыграно.' },
} satisfies Record<string, Text>;

export function qw(lang: Lang, k: keyof typeof WORDS, vars: Record<string, string | number> = {}): string {
  return WORDS[k][lang].replace(/\{(\w+)\}/g, (_, v: string) => String(vars[v] ?? ''));
}

/** The cluster whose question the page shows: the one in focus if it has one, else the first asked. */
export function askedCluster(clusters: ClusterOverview[], focus: string | null): ClusterOverview | undefined {
  if (focus) {
    const one = clusters.find((c) => c.id === focus);
    if (one) return one.question ? one : undefined;
  }
  return clusters.find((c) => c.question);
}

/** Whole seconds left of the countdown at hub time `now` (0 when over). */
export function secondsLeft(q: Pick<QuestionView, 'deadline'>, now: number): number {
  return Math.max(0, Math.ceil((q.deadline - now) / 1000));
}

/** Yes/no questions are answered with y and n (as on the student's terminal), others with 1–4. */
function keyOf(q: QuestionView, i: number): string {
  const yesNo = q.choices.length === 2 && q.choices[0]!.en === 'Yes' && q.choices[1]!.en === 'No';
  return yesNo ? (i === 0 ? 'y' : 'n') : String(i + 1);
}

/** Each choice's bar as a share of the most-chosen one (0–100), so the winner spans the row. */
export function barWidths(tally: number[]): number[] {
  const most = Math.max(1, ...tally);
  return tally.map((n) => Math.round((n / most) * 100));
}

/**
 * A bar `percent` full, as SVG: the page's Content-Security-Policy (server/web-projector.ts)
 * allows no inline style, and an SVG rect's width is an attribute.
 */
function bar(cls: string, fill: string, percent: number): string {
  return `<svg class="${cls}" viewBox="0 0 100 10" preserveAspectRatio="none" aria-hidden="true"><rect class="${cls}-back" width="100" height="10" rx="1"/><rect class="${fill}" width="${percent}" height="10" rx="1"/></svg>`;
}

/** The panel's markup for question `q`, `left` seconds of its countdown left. */
export function questionPanel(q: QuestionView, lang: Lang, left: number): string {
  const r = q.reveal;
  const state = r ? qw(lang, 'answer') : left > 0 ? qw(lang, 'left', { n: left }) : qw(lang, 'timeUp');
  const answered = qw(lang, 'answered', { n: q.answered, m: q.expected });
  const widths = r ? barWidths(q.choices.map((_, i) => r.tally[i] ?? 0)) : [];
  const choices = q.choices.map((c, i) => {
    const label = `<span class="q-key">${esc(keyOf(q, i))}</span><span class="q-label">${esc(c[lang])}</span>`;
    if (!r) return `<li class="q-choice" data-choice="${i}">${label}</li>`;
    const count = r.tally[i] ?? 0;
    const right = i === r.correct;
    return (
      `<li class="q-choice${right ? ' q-correct' : ''}" data-choice="${i}" data-count="${count}" data-correct="${right}">` +
      label +
      bar('q-bar', 'q-fill', widths[i]!) +
      `<span class="q-count">${count}</span>` +
      (right ? `<span class="q-ok">✔ ${esc(qw(lang, 'correct'))}</span>` : `<span class="q-ok"></span>`) +
      `</li>`
    );
  });
  const foot = r
    ? `<div class="q-rule" data-rule="${esc(r.rule)}"><span class="q-rule-id">${esc(r.rule)}</span> ${esc(r.ruleTitle[lang])}</div>` +
      `<p class="q-why">${esc(r.why[lang])}</p>` +
      `<p class="q-next">${esc(qw(lang, 'next'))}</p>`
    : `<p class="q-private">${esc(qw(lang, 'private'))}</p>`;
  const share = q.expected > 0 ? Math.min(100, Math.round((q.answered / q.expected) * 100)) : 0;
  return (
    `<section class="question" data-question="${esc(q.id)}" data-cluster="${esc(q.cluster)}" data-state="${r ? 'revealed' : left > 0 ? 'open' : 'closed'}" data-answered="${q.answered}" data-expected="${q.expected}">` +
    `<div class="q-head"><span class="q-mark">?</span> ${esc(qw(lang, 'head', { c: q.cluster, s: q.server }))}` +
    `<span class="q-clock" data-left="${r ? 0 : left}">${esc(state)}</span></div>` +
    `<p class="q-text">${esc(q.text[lang])}</p>` +
    `<ol class="q-choices${r ? ' q-revealed' : ''}">${choices.join('')}</ol>` +
    `<div class="q-answered"><span class="q-answered-text">${esc(answered)}</span>${bar('q-progress', 'q-progress-fill', share)}</div>` +
    foot +
    `</section>`
  );
}
