/** The one rule for text from clients (src/protocol/safe-text.ts), and its escaping for output. */
import { describe, expect, it } from 'vitest';
import { escapeText, isSafeText } from '../../src/protocol/safe-text.js';

describe('isSafeText', () => {
  it('accepts names and letters people type, in any script', () => {
    for (const s of ['Anna', 'Аня', 'José Ñ', '李雷', 'x', '💥', 'O\'Brien-2']) expect(isSafeText(s)).toBe(true);
  });
  it('refuses C0 and C1 controls, DEL, bidi overrides and isolates, unassigned code points, lone surrogates', () => {
    for (const s of ['\u001b]0;PWN\u0007', 'a\nb', '\u007f', '\u009b', '\u009d', 'Eve\u202e', '\u2066x', '\u200f', '\u{E0001}x\uFFFF', '\ud800']) expect(isSafeText(s)).toBe(false);
  });
});

describe('escapeText', () => {
  it('shows every refused character as a visible escape and keeps the rest', () => {
    expect(escapeText('\u001b]0;PWN\u0007')).toBe('\\u001b]0;PWN\\u0007');
    expect(escapeText('Eve\u202eevil')).toBe('Eve\\u202eevil');
    expect(escapeText('Аня 💥')).toBe('Аня 💥');
  });
});
