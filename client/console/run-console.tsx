/**
 * Starts the instructor console on the alternate screen (resizing and quitting leave no ghost
 * lines). The hub is started by the CLI (bin/commands/hub.ts): client/ never imports server/,
 * the console reaches the hub as any instructor does, over its WebSocket with the key.
 */
import { runFullScreen } from '../components/full-screen.js';
import type { Lang } from '../../src/i18n/text.js';
import { HubConnection } from '../connection.js';
import { makeTheme } from '../theme.js';
import { ConsoleApp } from './console-app.js';
import type { Banner } from './console-screen.js';

export interface ConsoleOptions {
  /** ws://127.0.0.1:PORT — the hub this process runs. */
  url: string;
  key: string;
  banner: Banner;
  lang: Lang;
  ascii: boolean;
  color: boolean;
  /** Registers a way to end the console from outside (a signal). */
  onStop?: (stop: () => void) => void;
}

/** Resolves when the instructor quits (q, y or Ctrl-C). */
export async function runConsole(o: ConsoleOptions): Promise<void> {
  const conn = new HubConnection({ url: o.url, role: 'instructor', key: o.key });
  await runFullScreen(
    () => <ConsoleApp conn={conn} banner={o.banner} lang={o.lang} theme={makeTheme({ ascii: o.ascii, color: o.color })} onQuit={() => undefined} />,
    { start: () => conn.start(), stop: () => conn.close(), onStop: o.onStop, ascii: o.ascii },
  );
}
