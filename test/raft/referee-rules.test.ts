/**
 * The rule catalogue: every rule, property and mistake of RAFT-RULES.md and of
 * docs/rules-extended.md (R24–R28, M20–M23: pre-vote, CheckQuorum; R29–R32, M24–M27: log compaction;
 * R33–R38, M28–M32: membership changes), explained in en and ru. The extended ids are read from
 * the document, so a game's section added there must come with its catalogue entries.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { lookup, MISTAKES, mistakeInfo, rule, RULES, ruleTitle } from '../../src/raft/rules.js';
import type { Text } from '../../src/i18n/text.js';

const extendedDoc = readFileSync(new URL('../../docs/rules-extended.md', import.meta.url), 'utf8');
const docRules = [...extendedDoc.matchAll(/\*\*(R\d+) — /g)].map((m) => m[1]);
const docMistakes = [...extendedDoc.matchAll(/^\| (M\d+) \|/gm)].map((m) => m[1]);
const expected = [
  ...Array.from({ length: 23 }, (_, i) => `R${i + 1}`),
  ...docRules,
  ...Array.from({ length: 5 }, (_, i) => `P${i + 1}`),
];

function wellWritten(t: Text, min: number): void {
  expect(t.en.trim().length).toBeGreaterThanOrEqual(min);
  expect(t.ru.trim().length).toBeGreaterThanOrEqual(min);
  expect(t.ru).toMatch(/[а-яё]/i); // really Russian, not a copy of the English
  expect(t.ru).not.toEqual(t.en);
}

describe('rule catalogue', () => {
  it('holds R1–R23, the extended rules and P1–P5 exactly once, each with a title and an explanation in both languages', () => {
    expect(RULES.map((r) => r.id).sort()).toEqual([...expected].sort());
    for (const r of RULES) {
      wellWritten(r.title, 4);
      wellWritten(r.explain, 120);
      expect(r.kind).toBe(r.id.startsWith('P') ? 'property' : 'rule');
      expect(rule(r.id)).toBe(r);
    }
  });

  it('holds M1–M19 and the extended mistakes exactly once, each naming the rules it breaks', () => {
    expect(MISTAKES.map((m) => m.id).sort()).toEqual([...Array.from({ length: 19 }, (_, i) => `M${i + 1}`), ...docMistakes].sort());
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
    expect(docRules).toEqual(expect.arrayContaining(['R24', 'R25', 'R26', 'R27', 'R28', 'R29', 'R30', 'R31', 'R32']));
    expect(docMistakes).toEqual(expect.arrayContaining(['M20', 'M21', 'M22', 'M23', 'M24', 'M25', 'M26', 'M27']));
    for (const id of [...docRules, ...docMistakes]) expect(lookup(id), id).toBeDefined();
    for (const section of ['§9.6', '§4.2.3', '§6.2', '§5.1', '§5.3', 'Figure 5.3']) expect(extendedDoc).toContain(section);
  });

  it('defines game 7\'s membership rules R33–R38 and mistakes M28–M32 in its section I, sources cited', () => {
    const section = extendedDoc.slice(extendedDoc.indexOf('### I. Membership changes (DISS §4)'), extendedDoc.indexOf('### Differences'));
    expect([...section.matchAll(/\*\*(R\d+) — /g)].map((m) => m[1])).toEqual(['R33', 'R34', 'R35', 'R36', 'R37', 'R38']);
    expect(docMistakes).toEqual(expect.arrayContaining(['M28', 'M29', 'M30', 'M31', 'M32']));
    for (const source of ['DISS §4.1', 'DISS §4.2.1', 'DISS §4.2.2', 'raft-dev']) expect(section).toContain(source);
    for (const id of ['R33', 'R34', 'R35', 'R36', 'R37', 'R38', 'M28', 'M29', 'M30', 'M31', 'M32']) expect(lookup(id)?.explain.ru, id).toMatch(/[а-яё]/i);
  });
});
