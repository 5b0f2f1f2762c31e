/**
 * The projector's cluster headers (issue 13, terminal part): each fact once and current (term,
 * leader, commit in the header; never again in the last event), the last event true to the latest
 * change (a partition is not "back online"), partitions and offline servers named, one cluster
 * large drawn wider than compact, and the all-clusters grid with its headers on one row and blank
 * columns between the clusters.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { lastEvent } from '../../client/projector/last-event.js';
import { projectorClusters } from '../../client/projector/projector-model.js';
import { GAP, ProjectorView } from '../../client/projector/projector-view.js';
import { ReplayTimeline } from '../../client/replay/timeline.js';
import { widthOf } from '../../client/components/text-width.js';
import { makeTheme } from '../../client/theme.js';
import type { ClusterOverview, InstructorView } from '../../src/game/types.js';
import { instructorView } from '../../src/game/views.js';
import { currentTerm } from '../../src/raft/log.js';
import { closeAll, layElement } from '../client/render-at.js';
import { fixtureSession } from '../replay/session.js';

afterAll(closeAll);

const { info, records } = fixtureSession();
const timeline = new ReplayTimeline(info.config, records);
const theme = makeTheme({ color: false });
const viewAt = (k: number): InstructorView => instructorView(timeline.roomAt(k));
const p1 = records.findIndex((r) => r.kind === 'command' && r.events.some((e) => e.type === 'sheet' && e.violations.length > 0)) + 1;

/** The views one after another, as `watch` keeps its last events (watch-app.tsx). */
function draw(views: InstructorView[], focus: string | null, w: number, h: number): string[] {
  const events: Record<string, string> = {};
  let prev: InstructorView | undefined;
  const frames: string[] = [];
  for (const view of views) {
    for (const c of view.clusters) {
      const now = lastEvent(prev?.clusters.find((p) => p.id === c.id), c, 'en', events[c.id]);
      if (now === undefined) delete events[c.id];
      else events[c.id] = now;
    }
    prev = view;
    frames.push(layElement(<ProjectorView clusters={projectorClusters(view, events)} focus={focus} width={w} height={h} lang="en" theme={theme} />, w, h + 1).frame);
  }
  return frames;
}

/** Display columns [from, to) of a line (widths through text-width.ts). */
function columns(line: string, from: number, to: number): string {
  let col = 0;
  let out = '';
  for (const ch of line) {
    const w = widthOf(ch);
    if (col >= from && col < to) out += ch;
    col += w;
  }
  return out;
}

function column(line: string, text: string): number {
  return widthOf(line.slice(0, line.indexOf(text)));
}

const withCluster = (view: InstructorView, id: string, change: (c: ClusterOverview) => ClusterOverview): InstructorView => ({
  ...view,
  clusters: view.clusters.map((c) => (c.id === id ? change(c) : c)),
});

describe('the projector header', () => {
  it('tells term, leader and commit once, at every moment of the fixture session', () => {
    const views = Array.from({ length: records.length + 1 }, (_, k) => viewAt(k));
    const frames = draw(views, 'A', 160, 44);
    frames.forEach((frame, k) => {
      const header = frame.split('\n').find((l) => l.startsWith('Cluster A'))!;
      expect(header, `record ${k}`).toBeDefined();
      expect(header.match(/term t\d+/g)?.length ?? 0, `record ${k}: ${header}`).toBe(1);
      expect(header.match(/commit \d+/g)?.length ?? 0, `record ${k}: ${header}`).toBeLessThanOrEqual(1);
      expect(header.match(/leads t\d+/g), `record ${k}: ${header}`).toBeNull();
      // The current term is the header's: the largest term of any sheet.
      const term = Math.max(0, ...Object.values(views[k].clusters[0].sheets).map(currentTerm));
      expect(header).toContain(`term t${term}`);
    });
  });

  it('names a split and the servers offline, and the last event follows the latest change', () => {
    const base = viewAt(records.length);
    const split = withCluster(base, 'A', (c) => ({ ...c, faults: { ...c.faults, partitions: [['i1', 'i2', 'i3'], ['i4', 'i5', 'i6', 'i7', 'i8']] } }));
    const down = withCluster(base, 'A', (c) => ({ ...c, online: { ...c.online, i4: false } }));
    const heal = base;
    const [, atDown, atBack, atSplit, atHealed] = draw([base, down, base, split, heal], 'A', 120, 40).map((f) => f.split('\n').find((l) => l.startsWith('Cluster A'))!);
    expect(atDown).toMatch(/ · off i4$/);
    expect(atBack).toMatch(/ · i4 back online$/);
    // A partition is a partition: the header names the groups, and "back online" is gone.
    expect(atSplit).toContain('split i1–i3 | i4–i8');
    expect(atSplit).not.toContain('back online');
    expect(atSplit.match(/split/g)).toHaveLength(1);
    expect(atHealed).toMatch(/ · partition healed$/);
    expect(atHealed).not.toContain('split');
  });

  it('in the all-clusters grid too: a split in cluster B is shown on B', () => {
    const view = withCluster(viewAt(records.length), 'B', (c) => ({ ...c, faults: { ...c.faults, partitions: [['i1', 'i2', 'i3', 'i4'], ['i5', 'i6', 'i7', 'i8']] }, online: { ...c.online, i7: false } }));
    const frame = draw([view], null, 160, 40)[0];
    const line = frame.split('\n').find((l) => l.includes('Cluster B'))!;
    expect(line.slice(line.indexOf('Cluster B'))).toMatch(/split i1–i4 \| i5–i8 · off i7/);
  });
});

describe('one cluster large is larger than compact', () => {
  it('wider cells when the terminal has the room', () => {
    const view = viewAt(records.length);
    const index = (frame: string) => frame.split('\n').find((l) => /^\s+1\s+2\s/.test(l))!;
    const large = index(draw([view], 'A', 100, 30)[0]);
    const compact = index(draw([view], null, 100, 30)[0]);
    const step = (line: string) => column(line, ' 2 ') + 1 - column(line, ' 1 ') - 1;
    expect(step(large)).toBeGreaterThanOrEqual(5);
    expect(step(large)).toBeGreaterThan(step(compact));
  });
});

describe('the all-clusters grid', () => {
  for (const [w, h] of [[100, 30], [120, 40], [160, 45]] as const) {
    it(`at ${w}×${h}: the headers of a row line up and ${GAP} blank columns part the clusters`, () => {
      const frame = draw([viewAt(p1 - 3), viewAt(p1)], null, w, h)[1];
      const lines = frame.split('\n');
      const a = lines.findIndex((l) => l.startsWith('Cluster A'));
      expect(a).toBeGreaterThan(0);
      expect(lines[a]).toContain('Cluster B');
      const b = column(lines[a], 'Cluster B');
      expect(b).toBeGreaterThan(GAP);
      // The step lines too: B's begins where B's header does.
      expect(column(lines[a - 2], 'Game')).toBe(0);
      expect(columns(lines[a - 2], b, b + 4)).toBe('Game');
      for (const line of lines.slice(a - 2, a + 11)) expect(columns(line, b - GAP, b).trim(), line).toBe('');
    });
  }
});
