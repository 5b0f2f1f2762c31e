/**
 * Starts the student's terminal: the alternate screen (so resizing and quitting leave no ghost
 * lines), the connection and the Ink app. Resolves to the process exit code.
 */
import { appendFileSync } from 'node:fs';
import { render } from 'ink';
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
}

function logRender(file: string) {
  return ({ renderTime }: { renderTime: number }) => appendFileSync(file, `${Date.now()} ${renderTime.toFixed(2)}\n`);
}

export async function runStudent(o: StudentOptions): Promise<number> {
  const conn = new HubConnection({ url: o.url, role: 'student', code: o.code, name: o.name, cluster: o.cluster, server: o.server, tokens: fileTokenStore() });
  let exitCode = 0;
  let sentence: string | undefined;
  process.stdout.write('\x1b[?1049h\x1b[H');
  const app = render(
    <StudentApp
      conn={conn}
      code={o.code}
      lang={o.lang}
      theme={makeTheme({ ascii: o.ascii, color: o.color })}
      onEnd={(code, s) => {
        exitCode = code;
        sentence = s;
      }}
    />,
    {
      exitOnCtrlC: false,
      patchConsole: false,
      // RAFT_SHEET_RENDER_LOG=FILE appends one line per frame drawn: how idle is checked.
      ...(process.env.RAFT_SHEET_RENDER_LOG ? { onRender: logRender(process.env.RAFT_SHEET_RENDER_LOG) } : {}),
    },
  );
  conn.start();
  try {
    await app.waitUntilExit();
  } finally {
    conn.close();
    app.cleanup();
    process.stdout.write('\x1b[?1049l');
  }
  if (sentence) process.stderr.write(`raft-sheet: ${sentence}\n`);
  return exitCode;
}
