/**
 * Starts the projector: the alternate screen, a read-only instructor connection (it reconnects
 * by itself) and the Ink app. Resolves to the exit code.
 */
import { runFullScreen } from '../components/full-screen.js';
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
  return runFullScreen(
    (onEnd) => <WatchApp conn={conn} url={o.url} lang={o.lang} theme={makeTheme({ ascii: o.ascii, color: o.color })} focus={o.focus} onEnd={onEnd} />,
    { start: () => conn.start(), stop: () => conn.close(), ascii: o.ascii },
  );
}
