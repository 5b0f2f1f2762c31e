/**
 * The student's connection starts before the screen (issue 15, client/student/run-student.tsx):
 * what the hub says meanwhile is held, nothing is lost, and the first frame is the sheet.
 */
import { Text } from 'ink';
import { render } from 'ink-testing-library';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useHub } from '../../client/components/use-hub.js';
import { HubConnection } from '../../client/connection.js';
import { StudentApp } from '../../client/student/student-app.js';
import { makeTheme } from '../../client/theme.js';
import type { SeatView } from '../../src/game/types.js';
import type { Hub } from '../../server/hub.js';
import { fresh, seatView } from '../fixtures/seat-view.js';
import { until } from '../fixtures/until.js';
import { CODE, testHub, url } from '../hub/harness.js';

let hub: Hub;
beforeAll(async () => {
  hub = await testHub();
});
afterAll(async () => {
  await hub.close();
});

describe('a held connection', () => {
  it('keeps the welcome and the first view until released, then hands them over in order', async () => {
    const conn = new HubConnection({ url: url(hub), role: 'student', code: CODE, name: 'Ann' }).hold().start();
    const heard: string[] = [];
    conn.on('welcome', () => heard.push('welcome'));
    conn.on('view', () => heard.push('view'));
    await conn.heard(5000);
    // The view is in, but nobody has heard a thing yet.
    expect(heard).toEqual([]);
    conn.release();
    expect(heard.slice(0, 2)).toEqual(['welcome', 'view']);
    conn.close();
  });

  it('gives its latest view to the screen once, and the rest after release', async () => {
    const conn = new HubConnection({ url: url(hub), role: 'student', code: CODE, name: 'Bob' }).hold().start();
    await conn.heard(5000);
    const first = conn.takeHeldView();
    expect(first?.[0].server).toMatch(/^i[1-8]$/);
    expect(conn.takeHeldView()).toBeNull();
    const heard: string[] = [];
    conn.on('welcome', () => heard.push('welcome'));
    conn.on('view', () => heard.push('view'));
    conn.release();
    // The welcome still comes; the view the screen took is not told twice.
    expect(heard).toEqual(['welcome']);
    conn.close();
  });

  it('a hub that does not answer: heard() gives up after its time and the screen draws "connecting…"', async () => {
    const conn = new HubConnection({ url: 'ws://127.0.0.1:9/', role: 'student', code: CODE, firstConnectMs: 60_000 }).hold().start();
    const t0 = Date.now();
    await conn.heard(150);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(140);
    expect(conn.takeHeldView()).toBeNull();
    conn.close();
  });
});

describe('one held connection, two listeners', () => {
  // Solo's screen: SoloApp and the StudentApp inside it both listen to the seat's connection,
  // which starts during the render; the child's effect runs before the parent's.
  it('a parent and its child mounted in one commit both hear the welcome and the first view', async () => {
    const conn = new HubConnection({ url: url(hub), role: 'student', code: CODE, name: 'Di' }).hold().start();
    await conn.heard(5000);
    const heard: string[] = [];
    function Child() {
      useHub(conn, { welcome: () => heard.push('child welcome'), view: () => heard.push('child view') });
      return <Text>child</Text>;
    }
    function Parent() {
      useHub(conn, { welcome: () => heard.push('parent welcome'), view: () => heard.push('parent view') });
      return <Child />;
    }
    const app = render(<Parent />);
    await until(() => heard.length >= 4);
    expect(heard.sort()).toEqual(['child view', 'child welcome', 'parent view', 'parent welcome']);
    app.unmount();
    conn.close();
  });
});

describe('before the first view', () => {
  it('a hub error (the seat asked for is taken) is shown under "connecting…", not kept for a sheet that never comes', async () => {
    // Eve draws a seat (other tests of this file hold some), then Fay asks for the same one.
    const first = new HubConnection({ url: url(hub), role: 'student', code: CODE, name: 'Eve' }).start();
    const [view] = await new Promise<[SeatView]>((resolve) => first.once('view', (...v) => resolve([v[0]])));
    const conn = new HubConnection({ url: url(hub), role: 'student', code: CODE, name: 'Fay', server: view.server }).hold().start();
    const app = render(<StudentApp conn={conn} code={CODE} lang="en" theme={makeTheme({ color: false })} onEnd={() => {}} />);
    await until(() => (app.lastFrame() ?? '').includes('That seat is already taken.'));
    expect(app.lastFrame()).toContain('connecting');
    app.unmount();
    conn.close();
    first.close();
  });
});

describe('the first frame', () => {
  it('is the sheet when the view came first: no "connecting…" frame before it', () => {
    const view: SeatView = seatView(fresh('i2'), []);
    const conn = new HubConnection({ url: url(hub), role: 'student', code: CODE });
    const app = render(<StudentApp conn={conn} firstView={view} code={CODE} lang="en" theme={makeTheme({ color: false })} onEnd={() => {}} />);
    // Every frame is the sheet: none is the "raft-sheet · connecting…" screen.
    expect(app.frames.length).toBeGreaterThan(0);
    expect(app.frames.every((f) => f.includes('Terms'))).toBe(true);
    app.unmount();
  });

  it('without one, the app says it is connecting and draws the sheet when the view comes', async () => {
    const conn = new HubConnection({ url: url(hub), role: 'student', code: CODE, name: 'Cy' }).hold().start();
    const app = render(<StudentApp conn={conn} code={CODE} lang="en" theme={makeTheme({ color: false })} onEnd={() => {}} />);
    expect(app.frames[0]).toContain('connecting');
    // Mounted, the app released the connection: the held welcome and view arrive.
    await until(() => (app.lastFrame() ?? '').includes('Terms'));
    app.unmount();
    conn.close();
  });
});
