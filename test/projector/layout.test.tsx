/**
 * Honest layout of the projector's body (shared by `watch` and `replay`), issue #9: one cluster
 * large or every cluster compact, at 80×24, 100×30 and 120×40, from the committed fixture session
 * at several moments: no two boxes share a cell, nothing is squeezed below its content, and the
 * body stays within the rows it is given.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { projectorClusters } from '../../client/projector/projector-model.js';
import { ProjectorView } from '../../client/projector/projector-view.js';
import { ReplayApp } from '../../client/replay/replay-app.js';
import { ReplayTimeline } from '../../client/replay/timeline.js';
import { makeTheme } from '../../client/theme.js';
import { instructorView } from '../../src/game/views.js';
import type { QuestionView } from '../../src/game/types.js';
import { closeAll, layElement } from '../client/render-at.js';

afterAll(closeAll);
import { fixtureSession } from '../replay/session.js';

const { info, records } = fixtureSession();
const timeline = new ReplayTimeline(info.config, records);
const theme = makeTheme({ color: false });
/** What replay leaves the body: header, status and key lines, and one row under the terminal's height. */
const CHROME = 4;

describe('the projector never draws one box over another', () => {
  const moments = [0, Math.floor(records.length / 2), records.length];
  for (const [w, h] of [[80, 24], [100, 30], [120, 40], [160, 45]] as const) {
    it(`at ${w}×${h}: one cluster large and all compact, at the start, midway and at the end`, () => {
      for (const k of moments) {
        const clusters = projectorClusters(instructorView(timeline.roomAt(k)), {});
        // Six clusters too (the fixture's, renamed): more than fit, so some are named, not drawn.
        const many = [0, 1, 2].flatMap((n) => clusters.map((c) => ({ ...c, id: `${c.id}${n}` })));
        // A split and a server offline lengthen the headers (issue 13).
        const split = clusters.map((c) => ({ ...c, partitions: [['i1', 'i2', 'i3'], ['i4', 'i5', 'i6', 'i7', 'i8']], servers: { ...c.servers, i4: { ...c.servers.i4, online: false } } }));
        for (const [set, focus] of [[clusters, 'A'], [clusters, null], [many, null], [split, 'A'], [split, null]] as const) {
          const body = h - CHROME;
          const { problems } = layElement(<ProjectorView clusters={[...set]} focus={focus} width={w} height={body} lang="en" theme={theme} />, w, body + 1);
          expect(problems, `record ${k}, ${set.length} clusters, focus ${focus}`).toEqual([]);
        }
      }
    });
  }

  it('a question asked of the room (issue 14), open and revealed, at every size, in en and ru, with a violation', () => {
    const clusters = projectorClusters(instructorView(timeline.roomAt(records.length)), {});
    const t = (en: string, ru = en) => ({ en, ru });
    const question: QuestionView = {
      id: 'A-q1', cluster: 'A', kind: 'log', server: 'i3', askedAt: 0, deadline: 30_000, answered: 2, expected: 3,
      text: t("i3 takes i1's AppendEntries (prev 4/t1, entries 5–8 t2 \"Load\"): what will i3's log be?", 'i3 берёт AppendEntries от i1 (prev 4/t1, записи 5–8 t2 «Load»): каким станет журнал i3?'),
      choices: [t('1–4 t1 "High"'), t('1–4 t1 "High", 5–8 t2 "Load"'), t('1–4 t1 "High", 5–6 t1 "xx", 7–10 t2 "Load"'), t('1–6 t1 "Highxx"')],
    };
    const revealed: QuestionView = { ...question, reveal: { tally: [0, 2, 1, 0], correct: 1, rule: 'R18', ruleTitle: t('Merge'), why: t('The check passes; entries already there are kept, a conflicting one is cut with everything after it. '.repeat(2)) } };
    const violation = { property: 'P1' as const, servers: ['i1', 'i2'], term: 1, explain: t('two leaders') };
    for (const [w, h] of [[80, 24], [100, 30], [120, 40], [160, 45]] as const) {
      for (const q of [question, revealed]) {
        for (const lang of ['en', 'ru'] as const) {
          for (const extra of [{}, { violations: [violation] }]) {
            const set = clusters.map((c) => (c.id === 'A' ? { ...c, ...extra, question: q } : c));
            const body = h - CHROME;
            const { problems, frame } = layElement(<ProjectorView clusters={set} focus={null} width={w} height={body} lang={lang} theme={theme} now={10_000} />, w, body + 1);
            expect(problems, `question ${q.reveal ? 'revealed' : 'open'} at ${w}×${h} in ${lang}`).toEqual([]);
            if (lang === 'en') expect(frame).toContain(q.reveal ? '2  ✔ correct' : '20 s left · 2 of 3 answered');
          }
        }
      }
    }
  });

  it('replay, whole app (header, status, body, keys) at every size, large and compact', () => {
    for (const [w, h] of [[80, 24], [100, 30], [120, 40]] as const) {
      for (const k of [0, records.length]) {
        for (const focus of ['A', null]) {
          const { problems, frame } = layElement(<ReplayApp timeline={timeline} title="sessions/2026-11-25" lang="en" theme={theme} focus={focus} start={k} />, w, h);
          expect(frame).toContain('raft-sheet');
          expect(problems, `replay at ${w}×${h}, record ${k}, focus ${focus}`).toEqual([]);
        }
      }
    }
  });
});
