/**
 * The student's terminal app: wires the connection, the key reducer and the screen.
 * Redraws only when something changed (a view, a status, a key): an idle sheet costs nothing.
 */
import { Box, Text, useApp, useInput, type Key } from 'ink';
import { useTerminalSize } from '../components/terminal-size.js';
import { useEffect, useRef, useState } from 'react';
import type { Lang } from '../../src/i18n/text.js';
import type { SeatView } from '../../src/game/types.js';
import type { Fatal, HubConnection, LinkStatus } from '../connection.js';
import type { Verdict } from '../../src/protocol/messages.js';
import { t } from '../i18n.js';
import type { Theme } from '../theme.js';
import { tint } from '../theme.js';
import { initialScreen, onVerdict, onView, reduceKey, type KeyPress, type ScreenState } from './screen-state.js';
import { StudentScreen } from './student-screen.js';

export interface StudentAppProps {
  conn: HubConnection;
  code: string;
  lang: Lang;
  theme: Theme;
  /** Solo mode's guide lines, drawn above the key help. */
  guide?: string[];
  /** Called once when the app ends, with the exit code and a sentence for the terminal. */
  onEnd: (code: number, sentence?: string) => void;
}

export function toKeyPress(input: string, key: Key): KeyPress | null {
  if (key.upArrow) return { kind: 'up' };
  if (key.downArrow) return { kind: 'down' };
  if (key.leftArrow) return { kind: 'left' };
  if (key.rightArrow) return { kind: 'right' };
  if (key.return) return { kind: 'enter' };
  if (key.escape) return { kind: 'escape' };
  if (key.tab) return { kind: 'tab' };
  // Ink 6 reports Backspace as `delete` (DESIGN.md pitfalls).
  if (key.backspace || key.delete) return { kind: 'backspace' };
  if (key.ctrl || key.meta) return null;
  if (input.length >= 1) return { kind: 'char', char: [...input][0] };
  return null;
}

export function StudentApp({ conn, code, lang, theme, onEnd, guide }: StudentAppProps) {
  const { exit } = useApp();
  const { width, height } = useTerminalSize();
  const [view, setView] = useState<SeatView | null>(null);
  const [status, setStatus] = useState<LinkStatus>(conn.status);
  const [screen, setScreenState] = useState<ScreenState>(initialScreen);
  // Keys may arrive faster than React re-registers the input handler: the ref always holds the
  // latest screen, so no key is judged against a stale one.
  const screenRef = useRef<ScreenState>(initialScreen);
  const setScreen = (next: ScreenState | ((s: ScreenState) => ScreenState)) => {
    screenRef.current = typeof next === 'function' ? next(screenRef.current) : next;
    setScreenState(screenRef.current);
  };
  const [fatal, setFatal] = useState<Fatal | null>(null);
  const pendingId = useRef<number | null>(null);
  const viewRef = useRef<SeatView | null>(null);

  useEffect(() => {
    const onViewMsg = (v: SeatView) => {
      viewRef.current = v;
      setView(v);
      setScreen((s) => onView(s, v));
    };
    const onVerdictMsg = (v: Verdict) => {
      if (v.id !== pendingId.current) return;
      pendingId.current = null;
      // A refusal that is not the referee's (a card already gone, a timer not yet fired) carries
      // the hub's sentence instead of mistakes.
      setScreen((s) => onVerdict(s, v.ok, v.mistakes ?? [], v.ok ? undefined : v.message));
    };
    const onFatal = (f: Fatal) => {
      setFatal(f);
      onEnd(1, f.message[lang]);
      exit();
    };
    // The hub's `error` messages (a taken seat, a rate limit) are shown as a notice: an
    // EventEmitter 'error' event nobody listens to would throw and end the program.
    // An error carrying the pending move's id ends it (the hub dropped it: rate limit, invalid
    // frame; docs/protocol.md): the move is released so the draft can be sent again.
    const onError = (e: { message: { en: string; ru: string }; id?: number }) => {
      const ends = pendingId.current !== null && e.id === pendingId.current;
      if (ends) pendingId.current = null;
      setScreen((s) => ({ ...s, ...(ends ? { pending: false } : {}), notice: e.message[lang] }));
    };
    conn.on('view', onViewMsg);
    conn.on('verdict', onVerdictMsg);
    conn.on('status', setStatus);
    conn.on('fatal', onFatal);
    conn.on('error', onError);
    return () => {
      conn.off('view', onViewMsg);
      conn.off('verdict', onVerdictMsg);
      conn.off('status', setStatus);
      conn.off('fatal', onFatal);
      conn.off('error', onError);
    };
  }, [conn]);

  useInput((input, key) => {
    if (key.ctrl && input === 'c') {
      onEnd(0);
      exit();
      return;
    }
    // A paste or a fast typist's burst (a word after `w`) arrives as one chunk: each character
    // is handled as if typed alone, in order.
    const chars = [...input];
    if (chars.length > 1 && !key.ctrl && !key.meta && chars.every((c) => c >= ' ' && c !== '\u007f')) {
      for (const c of chars) onPress({ kind: 'char', char: c });
      return;
    }
    const press = toKeyPress(input, key);
    if (press) onPress(press);
  });

  function onPress(press: KeyPress): void {
    const v = viewRef.current;
    const current = screenRef.current;
    const reaction = reduceKey(current, press, v, v?.assist ?? 'prefilled');
    let next = reaction.state;
    const effect = reaction.effect;
    if (effect?.kind === 'quit') {
      onEnd(0);
      exit();
      return;
    }
    if (effect?.kind === 'submit' && v) {
      const id = conn.sendMove(v.cluster, v.server, effect.input, effect.proposal);
      // Not connected: the draft stays, nothing is lost; the student submits again once online.
      if (id === null) next = { ...next, pending: false, notice: status === 'online' ? 'card-gone' : 'offline-link' };
      pendingId.current = id;
    }
    if (next !== current) setScreen(next);
  }

  if (fatal) return <Text color={tint(theme, theme.colour.error)}>{fatal.message[lang]}</Text>;
  if (!view) {
    return (
      <Box>
        <Text>
          raft-sheet · {t(lang, status === 'reconnecting' ? 'reconnecting' : 'connecting')} {conn.seat ? `${conn.seat.cluster} · ${conn.seat.server}` : ''}
        </Text>
      </Box>
    );
  }
  return <StudentScreen view={view} screen={screen} status={status === 'closed' ? 'reconnecting' : status} code={code} lang={lang} theme={theme} width={width} height={height} guide={guide} />;
}
