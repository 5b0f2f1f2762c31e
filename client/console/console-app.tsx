/**
 * The instructor console: an instructor connection to the hub (HubConnection, role
 * `instructor`), the key reducer (console-state.ts) and the screen. Every action is a `command`
 * message, the same path as any instructor client: room queue → reducer → journal → verdict.
 */
import { useApp, type Key } from 'ink';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useHub, useKeys, useLatestState } from '../components/use-hub.js';
import type { InstructorView } from '../../src/game/types.js';
import type { Lang } from '../../src/i18n/text.js';
import type { Presence, RoomMessage } from '../../src/protocol/messages.js';
import type { HubConnection } from '../connection.js';
import { useTerminalSize } from '../components/terminal-size.js';
import type { Theme } from '../theme.js';
import { initialConsole, reduceConsoleKey, selectedCluster, type ConsoleKey, type ConsoleState } from './console-state.js';
import { cw } from './console-words.js';
import { ConsoleScreen, type Banner } from './console-screen.js';
import { Moments } from './moments.js';
import { eachKey, keysOf, pressOf } from '../components/key-chunk.js';

export interface ConsoleAppProps {
  conn: HubConnection;
  banner: Banner;
  lang: Lang;
  theme: Theme;
  /** The instructor asked to stop (q then y, or Ctrl-C). */
  onQuit: () => void;
}

export function toConsoleKey(input: string, key: Key): ConsoleKey | null {
  const press = pressOf(input, key);
  // The console has no use for ← →.
  return press === null || press.kind === 'left' || press.kind === 'right' ? null : (press as ConsoleKey);
}

/**
 * The console keys one `useInput` call stands for, in order: `kb` read at once is `k` then `b`,
 * and a partition typed or pasted as `1 2 3 / 4 5 6 7 8` arrives whole (key-chunk.ts).
 */
export function toConsoleKeys(input: string, key: Key): ConsoleKey[] {
  return keysOf(input, key).flatMap((k) => toConsoleKey(k.input, k.key) ?? []);
}

/** Ages on screen keep growing between views: the room clock plus the time since the view came. */
export function aged(view: InstructorView, elapsed: number): InstructorView {
  if (elapsed <= 0) return view;
  return {
    ...view,
    now: view.now + elapsed,
    clusters: view.clusters.map((c) => ({
      ...c,
      waiting: Object.fromEntries(Object.entries(c.waiting).map(([id, w]) => [id, w ? { ...w, age: w.age + elapsed } : null])),
    })),
  };
}

export function ConsoleApp({ conn, banner, lang, theme, onQuit }: ConsoleAppProps) {
  const { exit } = useApp();
  const { width, height } = useTerminalSize();
  const moments = useMemo(() => new Moments(), []);
  const [room, setRoom] = useState<{ view: InstructorView; presence: Presence; at: number } | null>(null);
  const [state, setState, latestState] = useLatestState<ConsoleState>(initialConsole);
  const pending = useRef(new Map<number, string>());
  const [, setTick] = useState(0);
  const say = (text: string, error: boolean) => setState((s) => ({ ...s, message: { text, error } }));

  const status = useHub(conn, {
    room: (m) => {
      const msg = m as RoomMessage;
      const view = msg.view as InstructorView;
      moments.add(msg.version, view);
      setRoom({ view, presence: msg.presence, at: Date.now() });
    },
    verdict: (v) => {
      const label = pending.current.get(v.id);
      if (label === undefined) return;
      pending.current.delete(v.id);
      say(v.ok ? `${label} ✔` : `${label}: ${v.message?.[lang] ?? cw(lang, 'lRefused')}`, !v.ok);
    },
    fatal: (f) => say(f.message[lang], true),
    // The hub's own errors (rate limit, …): shown, never thrown.
    // An error with a command's id ends that command (docs/protocol.md): no verdict will follow.
    error: (e) => {
      const label = e.id !== undefined ? pending.current.get(e.id) : undefined;
      if (e.id !== undefined) pending.current.delete(e.id);
      say(label !== undefined ? `${label}: ${e.message[lang]}` : `${e.code}: ${e.message[lang]}`, true);
    },
    // The journal's moments for the rewind picker (asked for on `w`).
    moments: (m) => {
      moments.addJournal(m.cluster, m.moments);
      setTick((n) => n + 1);
    },
  });

  // Ages ("held for 12s") tick once a second, only while some card is in flight: idle costs nothing.
  const inFlight = room?.view.clusters.some((c) => c.inFlight.length > 0) ?? false;
  useEffect(() => {
    if (!inFlight) return;
    const timer = setInterval(() => setTick((n) => n + 1), 1000);
    return () => clearInterval(timer);
  }, [inFlight]);

  const context = () => {
    const clusters = room?.view.clusters ?? [];
    const c = selectedCluster(latestState(), { clusters, moments: [] });
    return { clusters, moments: c ? moments.list(c.id, c.rewinds) : [], lang };
  };

  useKeys(eachKey((input, key) => {
    if (key.ctrl && input === 'c') {
      onQuit();
      exit();
      return 'stop';
    }
    const press = toConsoleKey(input, key);
    if (!press) return;
    const reaction = reduceConsoleKey(latestState(), press, context());
    let next = reaction.state;
    const effect = reaction.effect;
    if (effect?.kind === 'quit') {
      onQuit();
      exit();
      return 'stop';
    }
    if (effect?.kind === 'command') {
      const id = conn.sendCommand(effect.command);
      if (id === null) next = { ...next, message: { text: `${effect.label}: not connected to the hub`, error: true } };
      else pending.current.set(id, effect.label);
    }
    if (next !== latestState()) setState(next);
  }));

  const view = room ? aged(room.view, Date.now() - room.at) : null;
  const c = view ? selectedCluster(state, { clusters: view.clusters, moments: [] }) : null;
  return (
    <ConsoleScreen
      view={view}
      presence={room?.presence}
      banner={banner}
      state={state}
      moments={c ? moments.list(c.id, c.rewinds) : []}
      status={status}
      width={width}
      height={height}
      lang={lang}
      theme={theme}
    />
  );
}
