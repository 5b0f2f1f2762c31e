/**
 * The student's terminal app: wires the connection, the key reducer and the screen.
 * Redraws only when something changed (a view, a status, a key): an idle sheet costs nothing.
 */
import { Box, Text, useApp, type Key } from 'ink';
import { useTerminalSize } from '../components/terminal-size.js';
import { useRef, useState } from 'react';
import { useHub, useKeys, useLatestState } from '../components/use-hub.js';
import type { Lang } from '../../src/i18n/text.js';
import type { SeatView } from '../../src/game/types.js';
import type { Fatal, HubConnection, LinkStatus } from '../connection.js';
import { t } from '../i18n.js';
import type { Theme } from '../theme.js';
import { tint } from '../theme.js';
import { initialScreen, onVerdict, onView, reduceKey, type KeyPress, type ScreenState } from './screen-state.js';
import { noticeText, StudentScreen } from './student-screen.js';
import { keysOf, pressOf } from '../components/key-chunk.js';
import { emptyRecapMemo, recapStep, type RecapData, type RecapMemo } from './recap.js';
import { RecapScreen } from './recap-screen.js';

export interface StudentAppProps {
  conn: HubConnection;
  code: string;
  lang: Lang;
  theme: Theme;
  /** Solo mode's guide lines, drawn above the key help. */
  guide?: string[];
  /**
   * Solo's recap, which outlives a seat change (solo-app.tsx); when given, the app's own recap
   * after each game is off and Enter/Esc calls onRecapClose.
   */
  recap?: RecapData | null;
  onRecapClose?: () => void;
  /** Solo's own keys (by hand, hint level): asked first for a letter typed with nothing open; true = taken. */
  onIdleKey?: (char: string) => boolean;
  /** The quit question, where "rejoin with the same command" is not true (solo). */
  quitQuestion?: string;
  /** This program's version: a hub that tells another one in its welcome gets a sentence (issue 15). */
  appVersion?: string;
  /** The hub's view that came before the app was drawn (run-student.tsx): the first frame is the sheet. */
  firstView?: SeatView;
  /** Called once when the app ends, with the exit code and a sentence for the terminal. */
  onEnd: (code: number, sentence?: string) => void;
}

export function toKeyPress(input: string, key: Key): KeyPress | null {
  return pressOf(input, key);
}

/**
 * The key presses one `useInput` call stands for, in order: a chunk read at once (a paste, fast
 * typing, SSH) is one press per character (key-chunk.ts), so `ighLoad` fills seven cells.
 */
export function toKeyPresses(input: string, key: Key): KeyPress[] {
  return keysOf(input, key).flatMap((k) => toKeyPress(k.input, k.key) ?? []);
}

export function StudentApp({ conn, code, lang, theme, onEnd, guide, recap: soloRecap, onRecapClose, onIdleKey, quitQuestion, appVersion, firstView }: StudentAppProps) {
  const { exit } = useApp();
  const { width, height } = useTerminalSize();
  const [view, setView, latestView] = useLatestState<SeatView | null>(firstView ?? null);
  // Keys may arrive faster than React re-registers the input handler: they read the latest
  // screen (useLatestState), so no key is judged against a stale one.
  const [screen, setScreen, latestScreen] = useLatestState<ScreenState>(() => (firstView ? onView(initialScreen, firstView) : initialScreen));
  const [fatal, setFatal] = useState<Fatal | null>(null);
  const pendingId = useRef<number | null>(null);
  const lastOpenStatus = useRef<Exclude<LinkStatus, 'closed'>>('connecting');
  /** The answer on its way (issue 14): a refusal (time up) is shown as a notice. */
  const answerId = useRef<number | null>(null);
  // The recap after a game: solo's (a prop) or the app's own, with what the app saw of the games.
  const [own, setOwn, latestOwn] = useLatestState<{ memo: RecapMemo; recap: RecapData | null }>(() => ({ memo: firstView ? recapStep(emptyRecapMemo, firstView).memo : emptyRecapMemo, recap: null }));
  const recap = soloRecap !== undefined ? soloRecap : own.recap;
  // Solo's recap goes away with a prop that comes with the next render: keys of the same burst
  // after the Enter that closed it are the sheet's already.
  const closedSoloRecap = useRef<RecapData | null>(null);
  const recapShown = () => (soloRecap !== undefined ? soloRecap !== null && soloRecap !== closedSoloRecap.current : latestOwn().recap !== null);

  const status = useHub(conn, {
    view: (v) => {
      setView(v);
      setScreen((s) => onView(s, v));
      setOwn((o) => {
        const next = recapStep(o.memo, v);
        return { memo: next.memo, recap: next.due && soloRecap === undefined ? next.due : o.recap };
      });
    },
    verdict: (v) => {
      if (v.id === answerId.current) {
        answerId.current = null;
        if (!v.ok) setScreen((s) => ({ ...s, notice: v.message[lang] }));
        return;
      }
      if (v.id !== pendingId.current) return;
      pendingId.current = null;
      // A refusal that is not the referee's (a card already gone, a timer not yet fired) carries
      // the hub's sentence instead of mistakes.
      setScreen((s) => onVerdict(s, v.ok, v.mistakes ?? [], v.ok ? undefined : v.message));
      runWaiting();
    },
    fatal: (f) => {
      setFatal(f);
      onEnd(1, f.message[lang]);
      exit();
    },
    // The hub's `error` messages (a taken seat, a rate limit) are shown as a notice.
    // An error carrying the pending move's id ends it (the hub dropped it: rate limit, invalid
    // frame; docs/protocol.md): the move is released so the draft can be sent again.
    error: (e) => {
      const ends = pendingId.current !== null && e.id === pendingId.current;
      if (ends) pendingId.current = null;
      setScreen((s) => ({ ...s, ...(ends ? { pending: false } : {}), notice: e.message[lang] }));
      if (ends) runWaiting();
    },
    // Keys waiting for a verdict were meant for a screen that a lost link will not bring.
    status: (st) => {
      if (st !== 'online') afterVerdict.current = [];
    },
    // A downloaded one-file client may be older or newer than the hub: it still plays (the
    // protocol version decides that), but the student hears it once, as a notice.
    welcome: (w) => {
      if (appVersion && w.app && w.app !== appVersion) setScreen((s) => ({ ...s, notice: t(lang, 'noticeOtherVersion', { mine: appVersion, hub: w.app! }) }));
    },
  });

  // One key, judged against the latest screen; 'stop' when the app ends.
  const applyPress = (press: KeyPress): 'stop' | void => {
    // A recap after a game is closed by Enter or Esc; other keys wait behind it.
    if (recapShown()) {
      if (press.kind === 'enter' || press.kind === 'escape') {
        if (soloRecap !== undefined) {
          closedSoloRecap.current = soloRecap;
          onRecapClose?.();
        } else setOwn((o) => ({ ...o, recap: null }));
      }
      return;
    }
    const v = latestView();
    const current = latestScreen();
    const idle = !current.draft && !current.awaitingLetter && current.overlay === 'none' && !current.quitAsked;
    if (idle && press.kind === 'char' && onIdleKey?.(press.char)) return;
    const reaction = reduceKey(current, press, v, v?.assist ?? 'prefilled');
    let next = reaction.state;
    const effect = reaction.effect;
    if (effect?.kind === 'quit') {
      onEnd(0);
      exit();
      return 'stop';
    }
    if (effect?.kind === 'answer' && v) {
      answerId.current = conn.sendAnswer(v.cluster, v.server, effect.question, effect.choice);
      if (answerId.current === null) next = { ...next, notice: 'offline-link' };
    }
    if (effect?.kind === 'submit' && v) {
      const id = conn.sendMove(v.cluster, v.server, effect.input, effect.proposal);
      // Not connected: the draft stays, nothing is lost; the student submits again once online.
      if (id === null) next = { ...next, pending: false, notice: status === 'online' ? 'card-gone' : 'offline-link' };
      pendingId.current = id;
    }
    if (next !== current) setScreen(next);
  };
  // Keys typed in the same burst after a move was handed over (`wH⏎⏎wi⏎⏎` in one read) belong to
  // the screen after the verdict, not to the draft on its way: they wait for it (or for the
  // error that ends the move), then run in order.
  const afterVerdict = useRef<KeyPress[]>([]);
  const runWaiting = () => {
    const queue = afterVerdict.current;
    afterVerdict.current = [];
    for (const [i, press] of queue.entries()) {
      if (applyPress(press) === 'stop') return;
      if (latestScreen().pending) {
        afterVerdict.current = queue.slice(i + 1);
        return;
      }
    }
  };

  useKeys((input, key) => {
    let waiting = false;
    for (const k of keysOf(input, key)) {
      if (k.key.ctrl && k.input === 'c') {
        onEnd(0);
        exit();
        return;
      }
      const press = toKeyPress(k.input, k.key);
      if (!press) continue;
      if (waiting || afterVerdict.current.length > 0) {
        afterVerdict.current.push(press);
        continue;
      }
      const pendingBefore = latestScreen().pending;
      if (applyPress(press) === 'stop') return;
      waiting = !pendingBefore && latestScreen().pending;
    }
  });

  // `closed` is this terminal leaving (quitting, or solo moving to the next seat, whose sheet
  // replaces this one): nothing reconnects, so the header keeps what it said.
  if (status !== 'closed') lastOpenStatus.current = status;
  const shownStatus = status === 'closed' ? lastOpenStatus.current : status;
  if (fatal) return <Text color={tint(theme, theme.colour.error)}>{fatal.message[lang]}</Text>;
  if (!view) {
    // What the hub said meanwhile (a taken seat, a rate limit) is shown, not kept for a sheet
    // that may never come.
    return (
      <Box flexDirection="column">
        <Text>
          raft-sheet · {t(lang, status === 'reconnecting' ? 'reconnecting' : 'connecting')} {conn.seat ? `${conn.seat.cluster} · ${conn.seat.server}` : ''}
        </Text>
        {screen.notice ? <Text color={tint(theme, theme.colour.error)}>{noticeText(screen.notice, lang)}</Text> : null}
      </Box>
    );
  }
  if (recap) return <RecapScreen recap={recap} lang={lang} theme={theme} width={width} height={height} />;
  return <StudentScreen view={view} screen={screen} status={shownStatus} code={code} lang={lang} theme={theme} width={width} height={height} guide={guide} quitQuestion={quitQuestion} />;
}
