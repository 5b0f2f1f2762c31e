/**
 * The full-screen apps hold raw mode for their whole life (client/components/full-screen.tsx):
 * solo remounts the student's app at every seat change, and Ink alone turned raw mode off and on
 * again in between (cooked mode for a moment: a key echoed, Enter read as "\n").
 */
import { useInput, Text } from 'ink';
import { render } from 'ink-testing-library';
import { describe, expect, it, vi } from 'vitest';
import { KeepRawMode } from '../../client/components/full-screen.js';

function Sheet({ seat }: { seat: string }) {
  useInput(() => undefined);
  return <Text>{seat}</Text>;
}

describe('raw mode across a keyed remount', () => {
  it.each([
    ['Ink alone', false],
    ['inside KeepRawMode', true],
  ])('%s: the seat changes i1 → i8', (_, kept) => {
    const app = (seat: string) => (kept ? <KeepRawMode><Sheet key={seat} seat={seat} /></KeepRawMode> : <Sheet key={seat} seat={seat} />);
    const r = render(app('i1'));
    const setRawMode = vi.spyOn(r.stdin as unknown as { setRawMode(on: boolean): void }, 'setRawMode');
    r.rerender(app('i8'));
    expect(r.lastFrame()).toBe('i8');
    const offs = setRawMode.mock.calls.filter(([on]) => on === false).length;
    // Ink alone leaves raw mode once in between; held, the terminal never leaves it.
    expect(offs).toBe(kept ? 0 : 1);
    r.unmount();
  });
});
