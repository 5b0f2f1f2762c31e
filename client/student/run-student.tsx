/**
 * Starts the student's terminal: the connection, then the alternate screen (so resizing and
 * quitting leave no ghost lines) and the Ink app. Resolves to the process exit code.
 *
 * The connection goes first (issue 15: the sheet's first frame): the WebSocket handshake, the
 * hello and the hub's welcome and first view travel while Ink and the screen's modules load,
 * held by the connection until the app listens; and when the view is there within
 * FIRST_VIEW_WAIT_MS, the first frame is the sheet itself rather than "connecting…" followed
 * by the sheet (two renders, the second one throttled by Ink).
 */
import type { Lang } from '../../src/i18n/text.js';
import { HubConnection } from '../connection.js';
import { makeTheme } from '../theme.js';
import { fileTokenStore, HOLDER_EXIT_WAIT_MS } from '../token-store.js';

/** How long the screen waits for the hub's first view before it draws "connecting…". */
export const FIRST_VIEW_WAIT_MS = 150;

export interface StudentOptions {
  url: string;
  code: string;
  name?: string;
  cluster?: string;
  server?: string;
  lang: Lang;
  ascii: boolean;
  color: boolean;
  /** This program's version, compared with the hub's (welcome.app). */
  appVersion?: string;
}

export async function runStudent(o: StudentOptions): Promise<number> {
  const tokens = fileTokenStore();
  // Only when another running terminal holds every seat kept for this hub (else at once).
  await tokens.settle?.(o.url, o.code, HOLDER_EXIT_WAIT_MS);
  const conn = new HubConnection({ url: o.url, role: 'student', code: o.code, name: o.name, cluster: o.cluster, server: o.server, tokens });
  conn.hold().start();
  // One pass of the event loop so the socket connects and the upgrade request leaves before
  // the long synchronous evaluation of Ink and React below.
  await new Promise((resolve) => setImmediate(resolve));
  const [{ runFullScreen }, { StudentApp }] = await Promise.all([import('../components/full-screen.js'), import('./student-app.js')]);
  await conn.heard(FIRST_VIEW_WAIT_MS);
  const first = conn.takeHeldView();
  return runFullScreen(
    (onEnd) => <StudentApp conn={conn} firstView={first?.[0]} code={o.code} lang={o.lang} theme={makeTheme({ ascii: o.ascii, color: o.color })} onEnd={onEnd} appVersion={o.appVersion} />,
    { stop: () => conn.close(), ascii: o.ascii },
  );
}
