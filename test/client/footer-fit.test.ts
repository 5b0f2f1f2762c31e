import { describe, expect, it } from 'vitest';
import { fitLines, rowsOf, totalRows, type FooterLine } from '../../client/student/footer-fit.js';

const line = (key: string, len: number, priority: number): FooterLine => ({ key, text: 'x'.repeat(len), priority });

describe('fitting the footer into the rows left', () => {
  it('counts wrapped rows', () => {
    expect(rowsOf('x'.repeat(80), 80)).toBe(1);
    expect(rowsOf('x'.repeat(81), 80)).toBe(2);
    expect(rowsOf('a\nb', 80)).toBe(2);
  });

  it('shortens the least important line first, then drops it, never the key help', () => {
    const lines = [line('prompt', 150, 50), line('verdict', 200, 70), line('keys', 70, 100)];
    const fitted = fitLines(lines, 80, 4);
    expect(totalRows(fitted, 80)).toBeLessThanOrEqual(4);
    expect(fitted.map((l) => l.key)).toEqual(['prompt', 'verdict', 'keys']);
    expect(fitted[0].text.endsWith('…')).toBe(true);
    const tight = fitLines(lines, 80, 2);
    expect(tight.map((l) => l.key)).toEqual(['verdict', 'keys']);
    expect(fitLines(lines, 80, 0).map((l) => l.key)).toEqual(['keys']);
  });

  it('counts ✋ as the two columns it takes, so a line meant for one row is fitted to one row', () => {
    // 79 characters, 80 columns: fits 80 exactly; one more column wraps.
    expect(rowsOf(`✋${'x'.repeat(78)}`, 80)).toBe(1);
    expect(rowsOf(`✋${'x'.repeat(79)}`, 80)).toBe(2);
    const offline = { key: 'status', text: `✋ ${'offline, reconnecting… '.repeat(6)}`, priority: 10 };
    const fitted = fitLines([offline, line('keys', 80, 100)], 80, 2);
    expect(fitted.map((l) => l.key)).toEqual(['status', 'keys']);
    expect(totalRows(fitted, 80)).toBe(2);
    expect(fitted[0].text.endsWith('…')).toBe(true);
  });

  it('leaves lines alone when they fit', () => {
    const lines = [line('a', 10, 1), line('keys', 10, 100)];
    expect(fitLines(lines, 80, 5)).toEqual(lines);
  });
});
