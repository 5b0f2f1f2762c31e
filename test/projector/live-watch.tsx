/** The projector app on a real hub, as `watch` runs it, for the live projector tests. */
import { render } from 'ink-testing-library';
import { afterAll, beforeAll, vi } from 'vitest';
import { HubConnection } from '../../client/connection.js';
import { WatchApp } from '../../client/projector/watch-app.js';
import { makeTheme } from '../../client/theme.js';
import type { Hub } from '../../server/hub.js';
import { testHub } from '../hub/harness.js';

/** A hub of two clusters for a file's tests; what the tests open goes into `closers`, closed after them. */
export function liveHub(): { hub: () => Hub; closers: (() => void)[] } {
  let hub: Hub | undefined;
  const closers: (() => void)[] = [];
  beforeAll(async () => {
    hub = await testHub({ clusters: 2 });
  });
  afterAll(async () => {
    for (const c of closers) c();
    await hub?.close();
  });
  return { hub: () => hub!, closers };
}

/** Connects the app with `key` (instructor or projector); what it needs closed goes into `closers`. */
export function liveWatch(hubUrl: string, key: string, focus: string | null, closers: (() => void)[]) {
  const conn = new HubConnection({ url: hubUrl, role: 'instructor', key });
  closers.push(() => conn.close());
  const ends: number[] = [];
  const app = render(<WatchApp conn={conn} url={hubUrl} lang="en" theme={makeTheme({ color: false })} focus={focus} onEnd={(c) => ends.push(c)} />);
  closers.push(() => app.unmount());
  conn.start();
  return { conn, app, ends, frame: () => app.lastFrame() ?? '' };
}

/** Another instructor connection (the one that commands), once welcomed. */
export async function instructorLink(hubUrl: string, key: string, closers: (() => void)[]): Promise<HubConnection> {
  const admin = new HubConnection({ url: hubUrl, role: 'instructor', key });
  closers.push(() => admin.close());
  admin.start();
  await new Promise<void>((r) => admin.once('welcome', () => r()));
  return admin;
}

/** Waits for `what` (named in the failure), polling every 50 ms up to `ms`. */
export function waitFor(what: string, cond: () => boolean, ms = 20_000): Promise<void> {
  return vi.waitFor(
    () => {
      if (!cond()) throw new Error(`timed out waiting for ${what}`);
    },
    { timeout: ms, interval: 50 },
  );
}
