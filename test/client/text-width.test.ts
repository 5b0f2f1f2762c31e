import { describe, expect, it } from 'vitest';
import { padTo, rowsOf, truncateTo, widthOf, wrapTo } from '../../client/components/text-width.js';

describe('text width in terminal columns', () => {
  it('counts a wide glyph as two columns and a combining mark as none', () => {
    expect(widthOf('✋ offline')).toBe(10);
    expect(widthOf('e\u0301')).toBe(1);
    expect(widthOf('ab\nabcd')).toBe(4);
  });

  it('wraps and counts rows by columns, not code points', () => {
    // 40 hands are 80 columns: two rows at 40, one at 80.
    expect(rowsOf('✋'.repeat(40), 40)).toBe(2);
    expect(rowsOf('✋'.repeat(40), 80)).toBe(1);
    expect(wrapTo('✋'.repeat(5), 4).every((l) => widthOf(l) <= 4)).toBe(true);
  });

  it('cuts to a width with an ellipsis, never past it', () => {
    expect(truncateTo('short', 10)).toBe('short');
    const cut = truncateTo('✋✋✋✋✋', 6);
    expect(widthOf(cut)).toBeLessThanOrEqual(6);
    expect(cut.endsWith('…')).toBe(true);
  });

  it('pads to exactly the width', () => {
    expect(widthOf(padTo('✋x', 6))).toBe(6);
    expect(padTo('7', 3, 'right')).toBe('  7');
    expect(widthOf(padTo('a very long cell', 5))).toBe(5);
  });
});
