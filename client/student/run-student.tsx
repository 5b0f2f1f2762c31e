/**
 * Starts the student's terminal: the alternate screen (so resizing and quitting leave no ghost
 * lines), the connection and the Ink app. Resolves to the process exit code.
 */
import { runFullScreen } from '../components/full-screen.js';
import type { Lang } from '../../src/i18n/text.js';
import { HubConnection } from '../connection.js';
import { makeTheme } from '../theme.js';
import { fileTokenStore } from '../token-store.js';
import { StudentApp } from './student-app.js';

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
  const conn = new HubConnection({ url: o.url, role: 'student', code: o.code, name: o.name, cluster: o.cluster, server: o.server, tokens: fileTokenStore() });
  return runFullScreen(
    (onEnd) => <StudentApp conn={conn} code={o.code} lang={o.lang} theme={makeTheme({ ascii: o.ascii, color: o.color })} onEnd={onEnd} appVersion={o.appVersion} />,
    { start: () => conn.start(), stop: () => conn.close(), ascii: o.ascii },
  );
}
