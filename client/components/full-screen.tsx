/**
 * Every full-screen app (student, solo, console, projector, replay) runs the same way: on the
 * alternate screen, so resizing and quitting leave no ghost lines; Ink's Ctrl-C handling off
 * (each app asks before it leaves); the app's own exit code and last sentence, printed after
 * the screen is restored. RAFT_SHEET_RENDER_LOG=FILE appends one line per frame drawn (how an
 * idle screen is checked to draw nothing).
 */
import { appendFileSync } from 'node:fs';
import { render, useStdin } from 'ink';
import { useEffect, type ReactElement, type ReactNode } from 'react';
import { asciiStdout } from '../theme.js';

/** What an app calls once, when it ends: the exit code and a sentence for the terminal. */
export type OnEnd = (code: number, sentence?: string) => void;

export interface FullScreenHooks {
  /** After the first frame is set up (open the connection here). */
  start?: () => void;
  /** When the app has ended, before the screen is restored (close connections here). */
  stop?: () => void;
  /** Lets the caller end the app from outside (a signal). */
  onStop?: (unmount: () => void) => void;
  /** Ink ends the app on Ctrl-C itself (apps with nothing to lose, such as replay). */
  exitOnCtrlC?: boolean;
  /** --ascii: every frame is written through asciiOnly (theme.ts), so no symbol reaches the terminal. */
  ascii?: boolean;
}

/**
 * Raw mode for the app's whole life. Ink turns it off when the last `useInput` unmounts and on
 * again for the next: a keyed remount (solo's new seat) left the terminal in cooked mode for a
 * moment, where a key is echoed onto the screen and Enter arrives as "\n", and a half-read Esc
 * was dropped. Held here, the count never reaches zero until the app ends.
 */
export function KeepRawMode({ children }: { children: ReactNode }) {
  const { setRawMode, isRawModeSupported } = useStdin();
  useEffect(() => {
    if (!isRawModeSupported) return;
    setRawMode(true);
    return () => setRawMode(false);
  }, [setRawMode, isRawModeSupported]);
  return <>{children}</>;
}

export async function runFullScreen(app: (onEnd: OnEnd) => ReactElement, hooks: FullScreenHooks = {}): Promise<number> {
  let exitCode = 0;
  let sentence: string | undefined;
  const onEnd: OnEnd = (code, s) => {
    exitCode = code;
    sentence = s;
  };
  const log = process.env.RAFT_SHEET_RENDER_LOG;
  process.stdout.write('\x1b[?1049h\x1b[H');
  const instance = render(<KeepRawMode>{app(onEnd)}</KeepRawMode>, {
    ...(hooks.ascii ? { stdout: asciiStdout(process.stdout) } : {}),
    exitOnCtrlC: hooks.exitOnCtrlC ?? false,
    patchConsole: false,
    ...(log ? { onRender: ({ renderTime }: { renderTime: number }) => appendFileSync(log, `${Date.now()} ${renderTime.toFixed(2)}\n`) } : {}),
  });
  hooks.start?.();
  hooks.onStop?.(() => instance.unmount());
  try {
    await instance.waitUntilExit();
  } finally {
    hooks.stop?.();
    instance.cleanup();
    process.stdout.write('\x1b[?1049l');
  }
  if (sentence) process.stderr.write(`raft-sheet: ${sentence}\n`);
  return exitCode;
}
