/**
 * Renders the student's screen into a fake terminal of a given size and runs the honest-layout
 * check (layout-check.ts) over Ink's laid-out DOM; also returns the frame Ink drew.
 */
import { EventEmitter } from 'node:events';
import { createRef, Fragment, type ReactElement } from 'react';
import { Box, render, type DOMElement } from 'ink';
import { StudentScreen } from '../../client/student/student-screen.js';
import type { ScreenState } from '../../client/student/screen-state.js';
import { makeTheme, type Theme } from '../../client/theme.js';
import type { SeatView } from '../../src/game/types.js';
import { layoutProblems } from './layout-check.js';

class FakeStdout extends EventEmitter {
  constructor(readonly columns: number, readonly rows: number) {
    super();
  }
  last = '';
  write = (s: string) => {
    this.last = s;
    return true;
  };
}

/** Renders the student's screen at `w`×`h` and returns the layout problems and the frame drawn. */
export function lay(view: SeatView, screen: ScreenState, w: number, h: number, theme: Theme = makeTheme({ color: false }), guide?: string[]): { problems: string[]; frame: string } {
  return layElement(<StudentScreen view={view} screen={screen} status="online" code="K7Q2" lang="en" theme={theme} width={w} height={h} guide={guide} />, w, h);
}

type Instance = { app: ReturnType<typeof render>; root: { current: DOMElement | null }; stdout: FakeStdout };
const instances = new Map<string, Instance>();
let frames = 0;

/**
 * Renders any element in a terminal of `w`×`h` and checks its layout (at most h − 1 rows tall).
 * One Ink instance per terminal size is kept and re-rendered (creating one per frame costs more
 * than the frame); `closeAll` unmounts them.
 */
export function layElement(element: ReactElement, w: number, h: number): { problems: string[]; frame: string } {
  const key = `${w}x${h}`;
  let inst = instances.get(key);
  const tree = (root: Instance['root']) => (
    <Box ref={root as never} flexDirection="column" width={w} flexShrink={0}>
      {/* A new key per frame: a stateful app (replay) starts afresh from its props. */}
      <Fragment key={++frames}>{element}</Fragment>
    </Box>
  );
  if (!inst) {
    const root = createRef<DOMElement>();
    const stdout = new FakeStdout(w, h);
    const stdin = Object.assign(new EventEmitter(), { isTTY: true, setRawMode() {}, setEncoding() {}, resume() {}, pause() {}, ref() {}, unref() {}, read: () => null });
    const app = render(tree(root), { stdout: stdout as never, stdin: stdin as never, debug: true, patchConsole: false, exitOnCtrlC: false });
    inst = { app, root, stdout };
    instances.set(key, inst);
  } else {
    inst.app.rerender(tree(inst.root));
  }
  return { problems: layoutProblems(inst.root.current!, w, h), frame: inst.stdout.last };
}

export function closeAll(): void {
  for (const inst of instances.values()) inst.app.unmount();
  instances.clear();
}
