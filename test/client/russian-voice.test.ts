/**
 * One voice per language: in Russian the referee speaks to the student as «ты» («Твоя ячейка
 * голоса»), so the game's prompts, the sheet's words, the solo guide and the hub's refusals to a
 * student do too (issue 9, item 7). A «вы» form anywhere there is a second voice.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { t } from '../../client/i18n.js';
import { GAMES } from '../../src/game/scenarios.js';
import { REJECT_TEXT } from '../../src/game/rejections.js';

/** Polite-plural imperatives (впишите, нажмите, отправьте) and the pronoun вы/ваш/вам/вас. */
const VY = /[а-яё]+(?:ите|йте|ьте)(?![а-яё])|(?<![а-яё])(?:вы|ваш[а-яё]*|вам|вас)(?![а-яё])/iu;

describe('Russian speaks to the student as «ты»', () => {
  it('every prompt, goal (by hand), recap lesson and title of the four games and free play', () => {
    const texts = Object.values(GAMES).flatMap((g) => [g.title.ru, ...(g.recap ? [g.recap.lesson.ru] : []), ...g.steps.flatMap((s) => [s.title.ru, s.prompt.ru, ...(s.goal ? [s.goal.ru] : [])])]);
    expect(texts.length).toBeGreaterThan(20);
    for (const ru of texts) expect(ru).not.toMatch(VY);
  });

  it('the sheet’s own words and the solo guide', () => {
    for (const w of Object.values(t.table)) expect(w.ru).not.toMatch(VY);
    const guide = readFileSync('client/solo/solo-guide.ts', 'utf8').match(/ru: '[^']*'/g) ?? [];
    expect(guide.length).toBeGreaterThan(5);
    for (const ru of guide) expect(ru).not.toMatch(VY);
  });

  it('the hub’s refusals of a student’s move', () => {
    const student = Object.entries(REJECT_TEXT).filter(([code]) => /^(move|send|seat)\//.test(code));
    expect(student.length).toBeGreaterThan(3);
    for (const [, text] of student) expect(text.ru).not.toMatch(VY);
  });
});
