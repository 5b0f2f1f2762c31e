/**
 * The projector against a real hub (port 0) with the hub's own bots playing games 1–2 in two
 * clusters: the frame shows the cluster's logs as they grow, and `a` shows every cluster.
 */
import { render } from 'ink-testing-library';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { HubConnection } from '../../client/connection.js';
import { WatchApp } from '../../client/projector/watch-app.js';
import { makeTheme } from '../../client/theme.js';
import type { Hub } from '../../server/hub.js';
import { KEY, testHub, url } from '../hub/harness.js';
import { ScriptDriver } from '../hub/script-driver.js';

let hub: Hub;
const closers: (() => void)[] = [];

beforeAll(async () => {
  hub = await testHub({ clusters: 2 });
});
afterAll(async () => {
  for (const c of closers) c();
  await hub.close();
});

/** How long a frame may take to show a change under load (the hub and bots share the CPU with other tests). */
const WAIT = { timeout: 20_000, interval: 50 };

describe('watch on a live hub', () => {
  it('shows the logs of cluster A growing while bots play, then every cluster', async () => {
    const conn = new HubConnection({ url: url(hub), role: 'instructor', key: KEY });
    closers.push(() => conn.close());
    const ends: number[] = [];
    const app = render(<WatchApp conn={conn} url={url(hub)} lang="en" theme={makeTheme({ color: false })} focus="A" onEnd={(c) => ends.push(c)} />);
    closers.push(() => app.unmount());
    conn.start();
    await vi.waitFor(() => expect(app.lastFrame()).toContain('Cluster A'), WAIT);
    expect(app.lastFrame()).toContain('no game running');

    // Another instructor connection fills the seats with bots and drives the script.
    const admin = new HubConnection({ url: url(hub), role: 'instructor', key: KEY });
    closers.push(() => admin.close());
    admin.start();
    await new Promise<void>((r) => admin.once('welcome', () => r()));
    admin.sendCommand({ type: 'bots', action: 'fill', pace: 'fast' });
    const driver = new ScriptDriver({ url: url(hub), key: KEY, lastGame: 2 });
    closers.push(() => driver.stop());
    await driver.finished;

    await vi.waitFor(() => expect(app.lastFrame()).toMatch(/i1♛ t1\S*\s+H\s+i\s+g\s+h\s+L\s+o\s+a\s+d/), WAIT);
    const frame = app.lastFrame()!;
    expect(frame).toContain('Game 2 · step 5/5');
    expect(frame).toMatch(/♛ i1 \(t1\) · commit 4/);
    expect(frame.split('\n').length).toBeLessThanOrEqual(23);
    // i2 and i3 got entries 5–8; i4…i8 lost the card (game 2, step 5).
    expect(frame).toMatch(/\ni2 +t1→i1 +H\s+i\s+g\s+h\s+L/);
    expect(frame).toMatch(/\ni5 +t1→i1 +H\s+i\s+g\s+h\s*\n/);

    app.stdin.write('a');
    await vi.waitFor(() => expect(app.lastFrame()).toContain('Cluster B'), WAIT);
    expect(app.lastFrame()).toContain('Cluster A');
    app.stdin.write('q');
    await vi.waitFor(() => expect(ends.length).toBeGreaterThan(0), WAIT);
    expect(ends).toEqual([0]);
  });
});
