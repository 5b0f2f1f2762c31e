/**
 * The projector against a real hub (port 0) with the hub's own bots playing games 1–2 in two
 * clusters: the frame shows the cluster's logs as they grow, and `a` shows every cluster.
 */
import { describe, expect, it } from 'vitest';
import { KEY, url } from '../hub/harness.js';
import { ScriptDriver } from '../hub/script-driver.js';
import { liveHub, instructorLink, liveWatch, waitFor } from './live-watch.js';

const live = liveHub();
const closers = live.closers;

describe('watch on a live hub', () => {
  it('shows the logs of cluster A growing while bots play, then every cluster', async () => {
    const { app, ends } = liveWatch(url(live.hub()), KEY, 'A', closers);
    await waitFor('the first room view', () => (app.lastFrame() ?? '').includes('Cluster A'));
    expect(app.lastFrame()).toContain('no game running');

    // Another instructor connection fills the seats with bots and drives the script.
    const admin = await instructorLink(url(live.hub()), KEY, closers);
    admin.sendCommand({ type: 'bots', action: 'fill', pace: 'fast' });
    const driver = new ScriptDriver({ url: url(live.hub()), key: KEY, lastGame: 2 });
    closers.push(() => driver.stop());
    await driver.finished;

    // The room view follows the last batch within ROOM_VIEW_MS (server/views-push.ts): wait for the last step.
    await waitFor('game 2 to its end, HighLoad in cluster A', () => {
      const f = app.lastFrame() ?? '';
      return (
        f.includes('Game 2 · step 5/5') &&
        /i1♛ t1\S*\s+H\s+i\s+g\s+h\s+L\s+o\s+a\s+d/.test(f) &&
        // i2's entries 5–8 come with a bot's move after the script's last step (a race seen under load).
        /\ni2 +t1→i1 +H\s+i\s+g\s+h\s+L/.test(f) &&
        /\ni5 +t1→i1 +H\s+i\s+g\s+h\s*\n/.test(f)
      );
    });
    const frame = app.lastFrame()!;
    expect(frame).toContain('Game 2 · step 5/5');
    expect(frame).toMatch(/♛ i1 \(t1\) · commit 4/);
    expect(frame.split('\n').length).toBeLessThanOrEqual(23);
    // i2 and i3 got entries 5–8; i4…i8 lost the card (game 2, step 5).
    expect(frame).toMatch(/\ni2 +t1→i1 +H\s+i\s+g\s+h\s+L/);
    expect(frame).toMatch(/\ni5 +t1→i1 +H\s+i\s+g\s+h\s*\n/);

    app.stdin.write('a');
    await waitFor('all clusters', () => (app.lastFrame() ?? '').includes('Cluster B'));
    expect(app.lastFrame()).toContain('Cluster A');
    app.stdin.write('q');
    await waitFor('quit', () => ends.length > 0);
    expect(ends).toEqual([0]);
  });
});
