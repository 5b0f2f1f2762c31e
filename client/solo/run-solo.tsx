/**
 * Starts solo mode's terminal on the alternate screen. The embedded hub is started by the CLI
 * (bin/commands/solo.ts; client/ never imports server/): this side is two ordinary clients of
 * it, the player's student connection and the director's instructor connection.
 */
import { runFullScreen } from '../components/full-screen.js';
import type { Assist, HintLevel, Pace } from '../../src/game/types.js';
import type { Lang } from '../../src/i18n/text.js';
import { makeTheme } from '../theme.js';
import { SoloApp } from './solo-app.js';
import { SoloDirector } from './solo-director.js';

export interface SoloOptions {
  url: string;
  code: string;
  key: string;
  lang: Lang;
  ascii: boolean;
  color: boolean;
  pace: Pace;
  pauseMs: number;
  seat?: string;
  firstGame?: number;
  assist?: Assist;
  hints?: HintLevel;
  /** Ask a prediction before a key decision of each step (issue 14; default on). */
  predict?: boolean;
  stallMs?: number;
}

/** Resolves to the exit code once the player quits (q, y or Ctrl-C). */
export async function runSolo(o: SoloOptions): Promise<number> {
  const director = new SoloDirector({ url: o.url, key: o.key, pace: o.pace, pauseMs: o.pauseMs, seat: o.seat, lang: o.lang, firstGame: o.firstGame, assist: o.assist, hints: o.hints, stallMs: o.stallMs, predict: o.predict }).start();
  return runFullScreen(
    (onEnd) => <SoloApp director={director} url={o.url} code={o.code} lang={o.lang} theme={makeTheme({ ascii: o.ascii, color: o.color })} onEnd={onEnd} />,
    { stop: () => director.stop(), ascii: o.ascii },
  );
}
