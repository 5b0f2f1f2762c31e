/**
 * One formatter for every message (src/i18n/format.ts): `{name}` fills a value and
 * `{name:form|…}` picks the word form a count takes, by Intl.PluralRules. Checked through real
 * messages: Russian says «1 карточка, 2 карточки, 5 карточек» and «4 голоса из 8», never «4 голосов».
 */
import { describe, expect, it } from 'vitest';
import { t } from '../../client/i18n.js';
import { cw } from '../../client/console/console-words.js';
import { unmet } from '../../src/game/conditions.js';
import { reject } from '../../src/game/rejections.js';
import { format, plural } from '../../src/i18n/format.js';
import { newServer } from '../../src/raft/step.js';

describe('plural forms by Intl.PluralRules', () => {
  it('Russian: one, few, many, including 11–14 and 21, 22, 25', () => {
    const votes = (n: number) => format('ru', '{n} {n:голос|голоса|голосов}', { n });
    expect([1, 2, 4, 5, 11, 12, 14, 21, 22, 25, 101, 111].map(votes)).toEqual([
      '1 голос', '2 голоса', '4 голоса', '5 голосов', '11 голосов', '12 голосов', '14 голосов',
      '21 голос', '22 голоса', '25 голосов', '101 голос', '111 голосов',
    ]);
  });
  it('English: one and other, 0 included', () => {
    expect([0, 1, 2].map((n) => format('en', '{n} {n:vote|votes}', { n }))).toEqual(['0 votes', '1 vote', '2 votes']);
  });
  it('a missing form falls back to the last one given; plain placeholders are filled, unknown ones left empty', () => {
    expect(plural('ru', 5, ['голосом', 'голосами'])).toBe('голосами');
    expect(format('en', '{a}-{b}-{missing}', { a: 'x', b: 3 })).toBe('x-3-');
  });
});

describe('real messages that print counts', () => {
  const facts = (n: number) => ({
    servers: { i1: { state: newServer('i1', ['i1', 'i2', 'i3']), online: true } },
    inFlight: Array.from({ length: n }, () => ({ from: 'i2', to: 'i1' })),
  });
  it('a step waiting for an inbox to empty counts the cards left in both languages', () => {
    const left = (n: number) => unmet({ kind: 'inbox-empty', servers: ['i1'] }, facts(n))[0];
    expect([1, 2, 5, 21].map((n) => left(n).ru)).toEqual([
      'у i1 ещё 1 карточка во входящих', 'у i1 ещё 2 карточки во входящих', 'у i1 ещё 5 карточек во входящих', 'у i1 ещё 21 карточка во входящих',
    ]);
    expect([1, 2].map((n) => left(n).en)).toEqual(['i1 still has 1 card to take', 'i1 still has 2 cards to take']);
  });
  it('the cap on cards in flight says 64 cards / 64 карточки', () => {
    const r = reject('send/too-many-cards');
    expect(r.message.en).toContain('64 cards in flight');
    expect(r.message.ru).toContain('64 карточки');
  });
  it('the word tables of the client and the console fill their placeholders', () => {
    expect(t('ru', 'tooSmall', { w: 70, h: 20 })).toBe('Терминал 70×20; нужно не меньше 80×24. Увеличь окно.');
    expect(cw('en', 'keysReset', { c: 'B' })).toBe('Reset B to fresh sheets (seats and modes stay)? y / n');
  });
});
