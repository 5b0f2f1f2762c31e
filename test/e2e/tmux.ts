/**
 * Real terminals for end-to-end tests: each client runs in its own tmux window on a private
 * tmux server, the test types with send-keys and reads the screen with capture-pane, as a
 * person at the keyboard would. Ink draws nothing when CI=true, so clients get CI=false.
 */
import { execFileSync } from 'node:child_process';

export class Tmux {
  readonly socket = `raft-sheet-e2e-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
  private started = false;
  /** What a failed wait adds to its error per window (the solo hub's log: what the hub saw). */
  private readonly context = new Map<string, () => string>();

  constructor(private readonly width = 80, private readonly height = 24) {}

  private tmux(...args: string[]): string {
    return execFileSync('tmux', ['-L', this.socket, ...args], { encoding: 'utf8' });
  }

  /** Opens a window named `name` running `command` (a shell line) with extra environment. */
  open(name: string, command: string, env: Record<string, string> = {}): void {
    const vars = Object.entries({ CI: 'false', TERM: 'xterm-256color', ...env }).map(([k, v]) => `${k}=${shellQuote(v)}`);
    const line = `env ${vars.join(' ')} ${command}; echo "[exited $?]"; sleep 600`;
    if (!this.started) {
      this.tmux('new-session', '-d', '-s', 'e2e', '-n', name, '-x', String(this.width), '-y', String(this.height), line);
      this.tmux('set-option', '-t', 'e2e', 'remain-on-exit', 'on');
      this.started = true;
    } else {
      this.tmux('new-window', '-d', '-t', 'e2e', '-n', name, line);
    }
    this.tmux('resize-window', '-t', `e2e:${name}`, '-x', String(this.width), '-y', String(this.height));
  }

  /** A failed wait on window `name` also prints `describe()` (a log the program wrote). */
  explainWith(name: string, describe: () => string): void {
    this.context.set(name, describe);
  }

  /** Keys as tmux names them: 'Enter', 'Space', 'Up', 'BSpace', 'Escape', or literal text. */
  keys(name: string, ...keys: string[]): void {
    for (const k of keys) this.tmux('send-keys', '-t', `e2e:${name}`, k);
  }

  /** Literal characters (a letter such as `t` or `H`), never read as a key name. */
  type(name: string, text: string): void {
    this.tmux('send-keys', '-t', `e2e:${name}`, '-l', text);
  }

  screen(name: string): string {
    return this.tmux('capture-pane', '-p', '-t', `e2e:${name}`);
  }

  /**
   * The window's screen, captured afresh on each turn of a `for await` loop until `timeoutMs`
   * have passed: a test that plays along reads, acts and waits in the loop, and breaks out once
   * the screen shows the end it waits for.
   */
  async *screens(name: string, timeoutMs: number): AsyncGenerator<string> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) yield this.screen(name);
  }

  /** Resizes the window, as a person dragging the terminal's edge would (the app gets SIGWINCH). */
  resize(name: string, width: number, height: number): void {
    this.tmux('resize-window', '-t', `e2e:${name}`, '-x', String(width), '-y', String(height));
  }

  /** Kills the window: the terminal goes away and the client with it (SIGHUP). */
  kill(name: string): void {
    this.tmux('kill-window', '-t', `e2e:${name}`);
  }

  async waitFor(name: string, test: RegExp | ((screen: string) => boolean), timeoutMs = 15_000): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    let last = '';
    while (Date.now() < deadline) {
      last = this.screen(name);
      if (typeof test === 'function' ? test(last) : test.test(last)) return last;
      await sleep(100);
    }
    const more = this.context.get(name)?.();
    throw new Error(`screen of ${name} never matched ${String(test)}; last screen:\n${last}${more ? `\n${more}` : ''}`);
  }

  /**
   * One move by keys, as a player makes it: `open` presses what opens the draft, Enter hands it
   * over, and the draft is gone once the referee answered. Returns the screen with the draft open.
   */
  async playMove(name: string, open: () => void, timeoutMs = 10_000): Promise<string> {
    open();
    const draft = await this.waitFor(name, /draft ◌/, timeoutMs);
    this.keys(name, 'Enter');
    await this.waitFor(name, (s) => !/draft ◌/.test(s), timeoutMs);
    return draft;
  }

  close(): void {
    try {
      this.tmux('kill-server');
    } catch {
      // already gone
    }
  }
}

/** The screen as one line of words: a guide line wraps at the terminal's edge. */
export const flat = (screen: string): string => screen.replace(/\s+/g, ' ');

/** The words of the green guide line (after ▶), as one line. */
export const guideLine = (screen: string): string => flat(screen).match(/▶ ([^↑←]*)/)?.[1] ?? '';

/**
 * One step of a player who follows the green guide line (solo): Enter past a recap, Escape out
 * of a stray draft, or the key the guide names (t, r, Enter, s), played with `play`. False when
 * the guide names none of these (the test handles it, or waits).
 */
export async function followGuide(tmux: Tmux, name: string, screen: string, play: (open: () => void) => Promise<unknown>): Promise<boolean> {
  const guide = guideLine(screen);
  if (/: recap/.test(screen)) tmux.keys(name, 'Enter');
  else if (/draft ◌/.test(screen)) tmux.keys(name, 'Escape');
  else if (/Press t/.test(guide)) await play(() => tmux.type(name, 't'));
  else if (/Press r to read the Response row/.test(guide)) await play(() => tmux.type(name, 'r'));
  else if (/Enter takes the top card/.test(guide)) await play(() => tmux.keys(name, 'Enter'));
  else if (/Press s/.test(guide)) await play(() => tmux.type(name, 's'));
  else return false;
  return true;
}

export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

function shellQuote(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

/** After a class test: the bots leave, the terminals close, the hub stops (if it started). */
export async function endClass(tmux: Tmux, bots: { stop(): void }[], hub: { close(): Promise<void> } | undefined): Promise<void> {
  for (const b of bots) b.stop();
  tmux.close();
  await hub?.close();
}
