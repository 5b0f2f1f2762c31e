/** The debrief names game 6's cards and switch (docs/rules-extended.md R29–R32) in both languages. */
import { describe, expect, it } from 'vitest';
import { cardLabel, describeFault } from '../../src/report/describe.js';

describe('the debrief in log-compaction games', () => {
  it('names InstallSnapshot with its box and its reply as a ✔', () => {
    const is = { type: 'InstallSnapshot', term: 8, leaderId: 'i4', lastIncludedIndex: 12, lastIncludedTerm: 3, data: 'High voltage' } as const;
    expect(cardLabel(is, 'i4', { lang: 'en' })).toBe('InstallSnapshot i4 t8 12/t3');
    expect(cardLabel({ type: 'InstallSnapshotReply', term: 8 }, 'i8', { lang: 'en' })).toBe('snapshot i8 ✔');
    expect(cardLabel({ type: 'InstallSnapshotReply', term: 8 }, 'i8', { lang: 'ru', ascii: true })).toBe('снимок i8 y');
  });

  it('names the snapshot switch, on and off', () => {
    expect(describeFault({ kind: 'snapshot', every: 8 }, 'en')).toBe('snapshot every 8 applied entries');
    expect(describeFault({ kind: 'snapshot', every: 0 }, 'ru')).toBe('снимки выкл');
  });
});
