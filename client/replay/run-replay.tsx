/**
 * Starts replay on the alternate screen (resizing and quitting leave no ghost lines) and resolves
 * to the exit code once the user quits.
 */
import { runFullScreen } from '../components/full-screen.js';
import type { Lang } from '../../src/i18n/text.js';
import type { SessionInfo, SessionRecord } from '../../src/report/records.js';
import { makeTheme } from '../theme.js';
import { ReplayApp } from './replay-app.js';
import { ReplayTimeline } from './timeline.js';

export interface ReplayOptions {
  title: string;
  info: SessionInfo;
  records: SessionRecord[];
  focus: string | null;
  start: number;
  lang: Lang;
  ascii: boolean;
  color: boolean;
}

export async function runReplay(o: ReplayOptions): Promise<number> {
  const timeline = new ReplayTimeline(o.info.config, o.records);
  return runFullScreen(
    () => <ReplayApp timeline={timeline} title={o.title} lang={o.lang} theme={makeTheme({ ascii: o.ascii, color: o.color })} focus={o.focus} start={o.start} />,
    { exitOnCtrlC: true, ascii: o.ascii },
  );
}
