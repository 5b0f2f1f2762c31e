/**
 * The terminal's size, kept up to date, and a clean screen after every resize.
 *
 * Narrowing the terminal leaves ghost lines (DESIGN.md pitfalls), and Ink makes it worse: on a
 * narrower terminal it first draws the frame laid out for the old width (React has not heard of
 * the resize yet), whose long lines the terminal wraps onto extra rows; its next frame then
 * erases too few rows and lands one row low, under a stale copy of its first line. And Ink
 * skips a frame equal to its last one, so a clear written past its back left a width-independent
 * screen (a recap) blank. So the clear goes through Ink (`useStdout().write`: Ink erases what it
 * drew, writes the clear, then draws its latest frame again), once when the frame for the new
 * size is committed and once more after Ink's render throttle (32 ms) has let any late frame
 * through. Both found by test/e2e/honest-screen.test.ts (a forced redraw must equal the screen).
 */
import { useStdout } from 'ink';
import { useEffect, useState } from 'react';

const CLEAR = '\x1b[2J\x1b[H';
/** Longer than Ink's render throttle (32 ms), short enough not to be seen. */
const SETTLE_MS = 80;

export function useTerminalSize(): { width: number; height: number } {
  const { stdout, write } = useStdout();
  const read = (resizes: number) => ({ width: stdout.columns || 80, height: stdout.rows || 24, resizes });
  const [size, setSize] = useState(() => read(0));
  useEffect(() => {
    const onResize = () => setSize((s) => read(s.resizes + 1));
    stdout.on('resize', onResize);
    return () => {
      stdout.off('resize', onResize);
    };
  }, [stdout]);
  useEffect(() => {
    if (size.resizes === 0) return;
    write(CLEAR);
    const settled = setTimeout(() => write(CLEAR), SETTLE_MS);
    return () => clearTimeout(settled);
  }, [size.resizes, write]);
  return { width: size.width, height: size.height };
}
