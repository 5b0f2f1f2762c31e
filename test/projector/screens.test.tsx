/**
 * Text captures of the real screens under docs/screens/, made from the committed fixture session
 * so they are deterministic: the projector (one cluster, all clusters of a 2-cluster room) fed
 * the instructor views a hub would send, replay at the moment two leaders appear, and an excerpt
 * of the report. Compared with the committed files; UPDATE_FIXTURES=1 rewrites them.
 */
import { EventEmitter } from 'node:events';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { render } from 'ink-testing-library';
import { describe, expect, it } from 'vitest';
import { lastEvent } from '../../client/projector/last-event.js';
import { WatchApp, type WatchConnection } from '../../client/projector/watch-app.js';
import { ReplayApp } from '../../client/replay/replay-app.js';
import { ReplayTimeline } from '../../client/replay/timeline.js';
import { makeTheme } from '../../client/theme.js';
import { instructorView } from '../../src/game/views.js';
import { committed, SESSION_DIR } from '../report/fixture.js';
import { fixtureSession } from '../replay/session.js';

const SCREENS = path.resolve('docs/screens');
const tick = () => new Promise((r) => setTimeout(r, 60));
// eslint-disable-next-line no-control-regex
const plain = (s: string) => s.replace(/\u001B\[[0-9;?]*[A-Za-z]/g, '').replace(/[ \t]+$/gm, '') + '\n';

const { info, records } = fixtureSession();
const timeline = new ReplayTimeline(info.config, records);
/** The moment Boris declares himself leader in cluster B (the P1 violation). */
const p1 = records.findIndex((r) => r.kind === 'command' && r.events.some((e) => e.type === 'sheet' && e.violations.length > 0)) + 1;

class FakeHub extends EventEmitter {
  status = 'online' as const;
}

async function watchFrame(focus: string | null, k: number): Promise<string> {
  const conn = new FakeHub();
  const app = render(<WatchApp conn={conn as unknown as WatchConnection} url="ws://192.168.1.20:7070" lang="en" theme={makeTheme({ color: false })} focus={focus} onEnd={() => {}} />);
  await tick();
  // Two views, as a hub sends them, so the last event of each cluster is a real difference.
  for (const at of [k - 3, k]) conn.emit('room', { type: 'room', version: at, view: instructorView(timeline.roomAt(at)), presence: {}, code: 'K7Q2' });
  await tick();
  const frame = app.lastFrame()!;
  app.unmount();
  return plain(frame);
}

describe('screen captures (docs/screens)', () => {
  it('the projector with one cluster large', async () => {
    const frame = await watchFrame('A', records.length);
    expect(frame).toContain('Cluster A');
    expect(frame).toMatch(/i4♛ t3/);
    expect(committed(path.join(SCREENS, 'projector-one-cluster.txt'), frame)).toBe(frame);
  });

  it('the projector with all clusters compact', async () => {
    const frame = await watchFrame(null, p1);
    expect(frame).toContain('Cluster A');
    expect(frame).toContain('Cluster B');
    expect(frame).toContain('P1 broken');
    expect(committed(path.join(SCREENS, 'projector-all-clusters.txt'), frame)).toBe(frame);
  });

  it('replay at the moment two leaders appear', async () => {
    const app = render(<ReplayApp timeline={timeline} title="workshop" lang="en" theme={makeTheme({ color: false })} focus="B" start={p1} />);
    await tick();
    const frame = plain(app.lastFrame()!);
    app.unmount();
    expect(frame).toContain('Boris (B/i5): took card');
    expect(frame).toContain('VIOLATION P1');
    expect(committed(path.join(SCREENS, 'replay.txt'), frame)).toBe(frame);
  });

  it('a report excerpt', () => {
    const md = readFileSync(path.join(SESSION_DIR, 'debrief.en.md'), 'utf8').split('\n');
    const cut = md.findIndex((l) => l.startsWith('## Cluster B'));
    const students = md.findIndex((l) => l.startsWith('## Students'));
    const excerpt = [...md.slice(0, 12), '…', ...md.slice(cut, cut + 4), '…', ...md.slice(md.findIndex((l, i) => i > cut && l.includes('P1 violated')) - 3, md.findIndex((l, i) => i > cut && l.includes('P1 violated')) + 2), '…', ...md.slice(students, students + 8), '…'].join('\n') + '\n';
    expect(committed(path.join(SCREENS, 'report.txt'), excerpt)).toBe(excerpt);
  });
});

describe('the last event of a cluster', () => {
  it('is cleared by a change the panel already states (violation, step, leader), kept when nothing told changed', () => {
    const at = (k: number) => instructorView(timeline.roomAt(k)).clusters.find((c) => c.id === 'B')!;
    // The violation line and the step line state these: the last event does not repeat them.
    expect(lastEvent(at(p1 - 1), at(p1), 'en', 'i4 back online')).toBeUndefined();
    const step = timeline.steps[0];
    expect(lastEvent(at(step - 1), at(step), 'en', 'i4 back online')).toBeUndefined();
    expect(lastEvent(undefined, at(step), 'en')).toBeUndefined();
    const won = records.findIndex((r, i) => i > step && r.kind === 'command' && r.events.some((e) => e.type === 'sheet' && e.cluster === 'B' && e.state.role === 'leader')) + 1;
    expect(lastEvent(at(won - 1), at(won), 'en', 'partition healed')).toBeUndefined();
    expect(lastEvent(at(won), at(won), 'en', 'partition healed')).toBe('partition healed');
  });
});
