/**
 * Starts the projector: the alternate screen, a read-only instructor connection (it reconnects
 * by itself) and the Ink app. Resolves to the exit code.
 */
import { render } from 'ink';
import type { Lang } from '../../src/i18n/text.js';
import { HubConnection } from '../connection.js';
import { makeTheme } from '../theme.js';
import { WatchApp } from './watch-app.js';

export interface WatchOptions {
  url: string;
  key: string;
  focus: string | null;
  lang: Lang;
  ascii: boolean;
  color: boolean;
}

export async function runWatch(o: WatchOptions): Promise<number> {
  const conn = new HubConnection({ url: o.url, role: 'instructor', key: o.key });
  let exitCode = 0;
  let sentence: string | undefined;
  process.stdout.write('\x1b[?1049h\x1b[H');
  const app = render(
    <WatchApp
      conn={conn}
      url={o.url}
      lang={o.lang}
      theme={makeTheme({ ascii: o.ascii, color: o.color })}
      focus={o.focus}
      onEnd={(code, s) => {
        exitCode = code;
        sentence = s;
      }}
    />,
    { exitOnCtrlC: false, patchConsole: false },
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
