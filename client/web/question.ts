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
import type { Lang } from '../../src/i18n/text.js';
import { answerKey, questionSay } from '../asked-question.js';
import { esc } from './draw.js';

/** The cluster whose question the page shows: the one in focus if it has one, else the first asked. */
export function askedCluster(clusters: ClusterOverview[], focus: string | null): ClusterOverview | undefined {
  if (focus) {
    const one = clusters.find((c) => c.id === focus);
    if (one) return one.question ? one : undefined;
  }
  return clusters.find((c) => c.question);
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
  const state = r ? questionSay(lang, 'revealed') : left > 0 ? questionSay(lang, 'left', { n: left }) : questionSay(lang, 'timeUp');
  const answered = questionSay(lang, 'answered', { n: q.answered, m: q.expected });
  const widths = r ? barWidths(q.choices.map((_, i) => r.tally[i] ?? 0)) : [];
  const choices = q.choices.map((c, i) => {
    const label = `<span class="q-key">${esc(answerKey(q, i))}</span><span class="q-label">${esc(c[lang])}</span>`;
    if (!r) return `<li class="q-choice" data-choice="${i}">${label}</li>`;
    const count = r.tally[i] ?? 0;
    const right = i === r.correct;
    return (
      `<li class="q-choice${right ? ' q-correct' : ''}" data-choice="${i}" data-count="${count}" data-correct="${right}">` +
      label +
      bar('q-bar', 'q-fill', widths[i]!) +
      `<span class="q-count">${count}</span>` +
      (right ? `<span class="q-ok">${esc(questionSay(lang, 'correct'))}</span>` : `<span class="q-ok"></span>`) +
      `</li>`
    );
  });
  const foot = r
    ? `<div class="q-rule" data-rule="${esc(r.rule)}"><span class="q-rule-id">${esc(r.rule)}</span> ${esc(r.ruleTitle[lang])}</div>` +
      `<p class="q-why">${esc(r.why[lang])}</p>` +
      `<p class="q-next">${esc(questionSay(lang, 'next'))}</p>`
    : `<p class="q-private">${esc(questionSay(lang, 'private'))}</p>`;
  const share = q.expected > 0 ? Math.min(100, Math.round((q.answered / q.expected) * 100)) : 0;
  return (
    `<section class="question" data-question="${esc(q.id)}" data-cluster="${esc(q.cluster)}" data-state="${r ? 'revealed' : left > 0 ? 'open' : 'closed'}" data-answered="${q.answered}" data-expected="${q.expected}">` +
    `<div class="q-head"><span class="q-mark">?</span> ${esc(questionSay(lang, 'heading', { c: q.cluster, s: q.server }))}` +
    `<span class="q-clock" data-left="${r ? 0 : left}">${esc(state)}</span></div>` +
    `<p class="q-text">${esc(q.text[lang])}</p>` +
    `<ol class="q-choices${r ? ' q-revealed' : ''}">${choices.join('')}</ol>` +
    `<div class="q-answered"><span class="q-answered-text">${esc(answered)}</span>${bar('q-progress', 'q-progress-fill', share)}</div>` +
    foot +
    `</section>`
  );
}
