/**
 * The terminal's size, kept up to date. A resize clears the screen before the next frame: a
 * narrower terminal would otherwise keep ghost lines of the wider frame (DESIGN.md pitfalls).
 */
import { useStdout } from 'ink';
import { useEffect, useState } from 'react';

export function useTerminalSize(): { width: number; height: number } {
  const { stdout } = useStdout();
  const read = () => ({ width: stdout.columns || 80, height: stdout.rows || 24 });
  const [size, setSize] = useState(read);
  useEffect(() => {
    const onResize = () => {
      // Clear before the next frame: a narrower terminal would otherwise keep ghost lines.
      stdout.write('\x1b[2J\x1b[H');
      setSize(read());
    };
    stdout.on('resize', onResize);
    return () => {
      stdout.off('resize', onResize);
    };
  }, [stdout]);
  return size;
}
