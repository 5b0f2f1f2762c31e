/**
 * The projector on a live hub shows a pause of the room as a banner (gone on resume) and the
 * instructor's announcement, which the hub sends to every instructor connection.
 */
import { describe, expect, it } from 'vitest';
import { until } from '../fixtures/until.js';
import { KEY, url } from '../hub/harness.js';
import { liveHub, instructorLink, liveWatch } from './live-watch.js';

const live = liveHub();
const closers = live.closers;

describe('the projector’s banner', () => {
  it('shows the room paused, then the announcement; resuming removes the pause line', async () => {
    const { frame } = liveWatch(url(live.hub()), KEY, 'A', closers);
    await until(() => frame().includes('Cluster A'), 10_000);
    expect(frame()).not.toContain('PAUSED');

    const admin = await instructorLink(url(live.hub()), KEY, closers);
    admin.sendCommand({ type: 'pause', paused: true });
    await until(() => frame().includes('⏸ PAUSED — the room stops for a discussion'), 10_000);
    admin.sendCommand({ type: 'announce', text: { en: 'Who is leader now?', ru: 'Кто сейчас лидер?' } });
    await until(() => frame().includes('📣 Who is leader now?'), 10_000);
    admin.sendCommand({ type: 'pause', cluster: 'B', paused: false });
    await until(() => frame().includes('⏸ PAUSED: cluster A'), 10_000);
    admin.sendCommand({ type: 'pause', paused: false });
    await until(() => !frame().includes('PAUSED'), 10_000);
    expect(frame()).toContain('📣 Who is leader now?');
  });
});
