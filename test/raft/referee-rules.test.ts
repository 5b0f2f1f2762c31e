/**
 * The rule catalogue: every rule, property and mistake of RAFT-RULES.md and of
 * docs/rules-extended.md (R24–R28, M20–M23: pre-vote, CheckQuorum; R29–R32, M24–M27: log compaction), explained in en and ru.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { lookup, MISTAKES, mistakeInfo, rule, RULES, ruleTitle } from '../../src/raft/rules.js';
import type { Text } from '../../src/i18n/text.js';

const expected = [
  ...Array.from({ length: 32 }, (_, i) => `R${i + 1}`),
  ...Array.from({ length: 5 }, (_, i) => `P${i + 1}`),
];

function wellWritten(t: Text, min: number): void {
  expect(t.en.trim().length).toBeGreaterThanOrEqual(min);
  expect(t.ru.trim().length).toBeGreaterThanOrEqual(min);
  expect(t.ru).toMatch(/[а-яё]/i); // really Russian, not a copy of the English
  expect(t.ru).not.toEqual(t.en);
}

describe('rule catalogue', () => {
  it('holds R1–R32 and P1–P5 exactly once, each with a title and an explanation in both languages', () => {
    expect(RULES.map((r) => r.id).sort()).toEqual([...expected].sort());
    for (const r of RULES) {
      wellWritten(r.title, 4);
      wellWritten(r.explain, 120);
      expect(r.kind).toBe(r.id.startsWith('P') ? 'property' : 'rule');
      expect(rule(r.id)).toBe(r);
    }
  });

  it('holds M1–M27 exactly once, each naming the rules it breaks', () => {
    expect(MISTAKES.map((m) => m.id)).toEqual(Array.from({ length: 27 }, (_, i) => `M${i + 1}`));
    for (const m of MISTAKES) {
      wellWritten(m.title, 8);
      wellWritten(m.explain, 120);
      expect(m.rules.length).toBeGreaterThan(0);
      for (const r of m.rules) expect(rule(r), `${m.id} → ${r}`).toBeDefined();
      expect(mistakeInfo(m.id)).toBe(m);
    }
  });

  it('looks up any id and never throws on an unknown one', () => {
    expect(lookup('R19')?.title.en).toContain('commitIndex');
    expect(lookup('M2')?.explain.ru).toContain('commitIndex');
    expect(lookup('R99')).toBeUndefined();
    expect(rule('R99')).toBeUndefined();
    expect(mistakeInfo('M42')).toBeUndefined();
    expect(ruleTitle('R99')).toEqual({ en: 'R99', ru: 'R99' });
  });

  it('speaks the Raft Russian the workshop uses', () => {
    const ru = [...RULES, ...MISTAKES].map((x) => x.explain.ru).join(' ');
    for (const word of ['терм', 'лидер', 'кандидат', 'фолловер', 'журнал', 'голос', 'закоммичен']) expect(ru).toContain(word);
  });

  it('covers every id the shared rules document defines', () => {
    let doc: string;
    try {
      doc = readFileSync(new URL('../../../shared/RAFT-RULES.md', import.meta.url), 'utf8');
    } catch {
      return; // the shared folder is not part of every checkout
    }
    const ids = new Set([...doc.matchAll(/\*\*(R\d+|P\d+)\b/g), ...doc.matchAll(/^\| (M\d+) \|/gm)].map((m) => m[1]));
    expect(ids.size).toBe(23 + 5 + 19);
    for (const id of ids) expect(lookup(id), id).toBeDefined();
  });
});

describe('the extended rules document', () => {
  it('docs/rules-extended.md defines R24–R32 and M20–M27, each in the catalogue, with its source cited', () => {
    const doc = readFileSync(new URL('../../docs/rules-extended.md', import.meta.url), 'utf8');
    const rules = [...doc.matchAll(/\*\*(R\d+) — /g)].map((m) => m[1]);
    const mistakes = [...doc.matchAll(/^\| (M\d+) \|/gm)].map((m) => m[1]);
    expect(rules).toEqual(['R24', 'R25', 'R26', 'R27', 'R28', 'R29', 'R30', 'R31', 'R32']);
    expect(mistakes).toEqual(['M20', 'M21', 'M22', 'M23', 'M24', 'M25', 'M26', 'M27']);
    for (const id of [...rules, ...mistakes]) expect(lookup(id), id).toBeDefined();
    for (const section of ['§9.6', '§4.2.3', '§6.2', '§5.1', '§5.3', 'Figure 5.3']) expect(doc).toContain(section);
  });
});
