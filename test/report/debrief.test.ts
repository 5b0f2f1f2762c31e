/**
 * The debrief of a recorded session, compared with committed expected files. The session itself
 * is recorded deterministically (record-session.ts) and committed too, so a change in the game
 * layer that changes the journal shows up here as a fixture diff, not as a silent drift.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readJournal, type JournalRecord } from '../../server/journal.js';
import { readSession } from '../../server/session.js';
import { debrief } from '../../src/report/debrief.js';
import { debriefMarkdown } from '../../src/report/markdown.js';
import type { SessionRecord } from '../../src/report/records.js';
import { report } from '../../bin/commands/report.js';
import { journalLines, recordSession } from './record-session.js';
import { committed, SESSION_DIR } from './fixture.js';

// The hub's record type must stay assignable to the shape the debrief reads (records.ts).
const _assignable: (r: JournalRecord) => SessionRecord = (r) => r;
void _assignable;

describe('the fixture session', () => {
  it('is recorded deterministically and matches the committed journal', () => {
    const a = recordSession();
    const b = recordSession();
    expect(journalLines(a.records)).toBe(journalLines(b.records));
    expect(committed(path.join(SESSION_DIR, 'journal.jsonl'), journalLines(a.records))).toBe(journalLines(a.records));
    const session = JSON.stringify(a.session, null, 2) + '\n';
    expect(committed(path.join(SESSION_DIR, 'session.json'), session)).toBe(session);
  });
});

describe('report', () => {
  async function load() {
    const session = await readSession(SESSION_DIR);
    const { records } = await readJournal(SESSION_DIR);
    return debrief({ config: session.config, createdAt: session.createdAt }, records);
  }

  it('renders the committed Markdown in English and Russian, and the same data as JSON', async () => {
    const d = await load();
    for (const lang of ['en', 'ru'] as const) {
      const md = debriefMarkdown(d, lang);
      expect(committed(path.join(SESSION_DIR, `debrief.${lang}.md`), md)).toBe(md);
    }
    const json = JSON.stringify(d, null, 2) + '\n';
    expect(committed(path.join(SESSION_DIR, 'debrief.json'), json)).toBe(json);
  });

  it('shows the refused moves, the observe-mode violation and the ranking', async () => {
    const d = await load();
    const alice = d.students.find((s) => s.name === 'Alice')!;
    expect(alice).toMatchObject({ cluster: 'A', server: 'i3', refused: 1 });
    expect(alice.byRule).toEqual({ R9: 1 });
    const boris = d.students.find((s) => s.name === 'Boris')!;
    expect(boris.refused).toBe(0);
    expect(boris.moves.some((m) => m.accepted && m.mistakes.length > 0)).toBe(true);
    const b = d.clusters.find((c) => c.id === 'B')!;
    expect(b.timeline).toContainEqual(expect.objectContaining({ kind: 'violation', property: 'P1', servers: ['i6', 'i5'], term: 4 }));
    expect(b.timeline).toContainEqual(expect.objectContaining({ kind: 'fault', by: 'instructor' }));
    expect(b.timeline).toContainEqual(expect.objectContaining({ kind: 'election', server: 'i6', term: 4, outcome: 'won', votes: 5 }));
    const a = d.clusters.find((c) => c.id === 'A')!;
    expect(a.timeline).toContainEqual(expect.objectContaining({ kind: 'election', server: 'i8', term: 2, outcome: 'lost', votes: 4 }));
    expect(a.timeline).toContainEqual(expect.objectContaining({ kind: 'commit', server: 'i4', from: 1, to: 8 }));
    expect(a.final.find((s) => s.server === 'i4')).toMatchObject({ role: 'leader', log: 'High␣voltage', commitIndex: 8 });
    expect(d.topMistakes[0]).toMatchObject({ id: 'M10', count: 2 });
    expect(d.branches).toEqual([]);
    const md = debriefMarkdown(d, 'en');
    expect(md).toContain('P1 violated');
    expect(md).toContain('### Alice — A/i3');
  });

  it('the command writes Markdown or JSON to a file and refuses bad input', async () => {
    const out = path.join(mkdtempSync(path.join(tmpdir(), 'raft-report-')), 'debrief.md');
    expect(await report.run([SESSION_DIR, '--lang', 'en', '--out', out])).toBe(0);
    expect(readFileSync(out, 'utf8')).toBe(readFileSync(path.join(SESSION_DIR, 'debrief.en.md'), 'utf8'));
    const json = out.replace(/md$/, 'json');
    expect(await report.run([SESSION_DIR, '--format', 'json', '--out', json])).toBe(0);
    expect(JSON.parse(readFileSync(json, 'utf8'))).toEqual(JSON.parse(readFileSync(path.join(SESSION_DIR, 'debrief.json'), 'utf8')));
    const quiet = { write: process.stderr.write };
    process.stderr.write = (() => true) as typeof process.stderr.write;
    try {
      expect(await report.run([])).toBe(2);
      expect(await report.run([SESSION_DIR, '--format', 'pdf'])).toBe(2);
      expect(await report.run([path.join(tmpdir(), 'no-such-session-dir')])).toBe(1);
    } finally {
      process.stderr.write = quiet.write;
    }
  });
});
