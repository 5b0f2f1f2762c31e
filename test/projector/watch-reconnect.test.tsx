/**
 * The projector outlives its hub: when the hub stops (1001) the header says "reconnecting…" and
 * the app stays; a hub resumed from the same session directory on the same port brings the room
 * back on the same screen, without a restart of `watch`.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { startHub, type Hub } from '../../server/hub.js';
import { testHub, url } from '../hub/harness.js';
import { liveWatch, waitFor } from './live-watch.js';

const hubs: Hub[] = [];
const closers: (() => void)[] = [];
afterAll(async () => {
  for (const c of closers) c();
  for (const h of hubs) await h.close();
});


describe('watch when the hub goes away and comes back', () => {
  it('shows reconnecting…, stays up, and shows the room again from a hub resumed on the same port', async () => {
    const hub = await testHub({ clusters: 2 });
    hubs.push(hub);
    const port = hub.port;
    // The read-only projector key, as `watch` is given it.
    const { app, ends } = liveWatch(url(hub), hub.projectorKey!, null, closers);
    await waitFor('the first room view', () => (app.lastFrame() ?? '').includes('Cluster B'));
    expect(app.lastFrame()).toContain('● online');

    await hub.close();
    await waitFor('reconnecting… in the header', () => (app.lastFrame() ?? '').split('\n')[0].includes('reconnecting…'));
    expect(ends).toEqual([]);
    // The last room stays on the screen meanwhile.
    expect(app.lastFrame()).toContain('Cluster A');

    const resumed = await startHub({ port, host: '127.0.0.1', resume: hub.dir });
    hubs.push(resumed);
    await waitFor('online again', () => (app.lastFrame() ?? '').split('\n')[0].includes('● online'), 15_000);
    expect(app.lastFrame()).toContain('Cluster A');
    expect(app.lastFrame()).toContain('Cluster B');
    expect(ends).toEqual([]);
    app.stdin.write('q');
    await waitFor('quit', () => ends.length > 0);
    expect(ends).toEqual([0]);
  }, 40_000);
});
