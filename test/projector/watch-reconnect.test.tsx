/**
 * The projector outlives its hub: when the hub stops (1001) the header says "reconnecting…" and
 * the app stays; a hub resumed from the same session directory on the same port brings the room
 * back on the same screen, without a restart of `watch`.
 */
import { render } from 'ink-testing-library';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { HubConnection } from '../../client/connection.js';
import { WatchApp } from '../../client/projector/watch-app.js';
import { makeTheme } from '../../client/theme.js';
import { startHub, type Hub } from '../../server/hub.js';
import { testHub, url } from '../hub/harness.js';

const hubs: Hub[] = [];
const closers: (() => void)[] = [];
afterAll(async () => {
  for (const c of closers) c();
  for (const h of hubs) await h.close();
});

/** How long a frame may take to show a change under load (the hub and bots share the CPU with other tests). */
const WAIT = { timeout: 20_000, interval: 50 };

describe('watch when the hub goes away and comes back', () => {
  it('shows reconnecting…, stays up, and shows the room again from a hub resumed on the same port', async () => {
    const hub = await testHub({ clusters: 2 });
    hubs.push(hub);
    const port = hub.port;
    // The read-only projector key, as `watch` is given it.
    const conn = new HubConnection({ url: url(hub), role: 'instructor', key: hub.projectorKey! });
    closers.push(() => conn.close());
    const ends: number[] = [];
    const app = render(<WatchApp conn={conn} url={url(hub)} lang="en" theme={makeTheme({ color: false })} focus={null} onEnd={(c) => ends.push(c)} />);
    closers.push(() => app.unmount());
    conn.start();
    await vi.waitFor(() => expect(app.lastFrame()).toContain('Cluster B'), WAIT);
    expect(app.lastFrame()).toContain('● online');

    await hub.close();
    await vi.waitFor(() => expect((app.lastFrame() ?? '').split('\n')[0]).toContain('reconnecting…'), WAIT);
    expect(ends).toEqual([]);
    // The last room stays on the screen meanwhile.
    expect(app.lastFrame()).toContain('Cluster A');

    const resumed = await startHub({ port, host: '127.0.0.1', resume: hub.dir });
    hubs.push(resumed);
    await vi.waitFor(() => expect((app.lastFrame() ?? '').split('\n')[0]).toContain('● online'), { ...WAIT, timeout: 15_000 });
    expect(app.lastFrame()).toContain('Cluster A');
    expect(app.lastFrame()).toContain('Cluster B');
    expect(ends).toEqual([]);
    app.stdin.write('q');
    await vi.waitFor(() => expect(ends.length).toBeGreaterThan(0), WAIT);
    expect(ends).toEqual([0]);
  }, 40_000);
});
