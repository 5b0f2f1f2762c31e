/**
 * `raft-sheet watch`: the projector on a live hub. It connects as the instructor but only reads:
 * every `room` message redraws the clusters; the last event of each cluster is the most telling
 * change between two views (last-event.ts). ←→ choose the cluster shown large, `a` toggles
 * one large / all compact, `q` quits. Reconnecting is the connection's job.
 */
import { Box, Text, useApp, useInput } from 'ink';
import { useEffect, useRef, useState } from 'react';
import type { EventEmitter } from 'node:events';
import type { Lang, Text as Words } from '../../src/i18n/text.js';
import type { InstructorView } from '../../src/game/types.js';
import type { Fatal, LinkStatus } from '../connection.js';
import { useTerminalSize } from '../components/terminal-size.js';
import type { Theme } from '../theme.js';
import { shown, tint } from '../theme.js';
import { lastEvent } from './last-event.js';
import { projectorClusters } from './projector-model.js';
import { ProjectorView } from './projector-view.js';
import { watchBanner } from './watch-banner.js';
import { pw } from './words.js';
import { eachKey } from '../components/key-chunk.js';

/** What the app needs of HubConnection (a stand-in in tests). */
export type WatchConnection = EventEmitter & { status: LinkStatus };

export interface WatchAppProps {
  conn: WatchConnection;
  url: string;
  lang: Lang;
  theme: Theme;
  /** The cluster shown large at first; null = all compact. */
  focus: string | null;
  onEnd: (code: number, sentence?: string) => void;
}

const CHROME = 3;

export function WatchApp({ conn, url, lang, theme, focus: initialFocus, onEnd }: WatchAppProps) {
  const { exit } = useApp();
  const { width, height } = useTerminalSize();
  const [view, setView] = useState<InstructorView | null>(null);
  const [code, setCode] = useState<string>('');
  const [status, setStatus] = useState<LinkStatus>(conn.status);
  const [focus, setFocusNow] = useState<string | null>(initialFocus);
  const focusRef = useRef(focus);
  const lastFocus = useRef<string | null>(initialFocus);
  const lastEvents = useRef<Record<string, string>>({});
  const viewRef = useRef<InstructorView | null>(null);
  // The hub sends every announcement to instructor connections; the projector is one.
  const [announcement, setAnnouncement] = useState<Words | null>(null);

  const setFocus = (f: string | null) => {
    focusRef.current = f;
    if (f !== null) lastFocus.current = f;
    setFocusNow(f);
  };

  useEffect(() => {
    const onRoom = (msg: unknown) => {
      const m = msg as { view: InstructorView; code?: string };
      const prev = viewRef.current;
      for (const c of m.view.clusters) {
        const { [c.id]: before, ...others } = lastEvents.current;
        const now = lastEvent(prev?.clusters.find((p) => p.id === c.id), c, lang, before);
        if (now !== before) lastEvents.current = now === undefined ? others : { ...others, [c.id]: now };
      }
      viewRef.current = m.view;
      setView(m.view);
      if (m.code) setCode(m.code);
    };
    const onFatal = (f: Fatal) => {
      onEnd(1, f.message[lang]);
      exit();
    };
    conn.on('room', onRoom);
    conn.on('status', setStatus);
    conn.on('fatal', onFatal);
    conn.on('announce', setAnnouncement);
    return () => {
      conn.off('announce', setAnnouncement);
      conn.off('room', onRoom);
      conn.off('status', setStatus);
      conn.off('fatal', onFatal);
    };
  }, [conn, lang]);

  // A chunk read at once (`aq`, a paste) is one key per character (key-chunk.ts).
  useInput(eachKey((input, key) => {
    if (input === 'q' || (key.ctrl && input === 'c')) {
      onEnd(0);
      exit();
      return 'stop';
    }
    const ids = viewRef.current?.clusters.map((c) => c.id) ?? [];
    if (ids.length === 0) return;
    if (input === 'a') return setFocus(focusRef.current === null ? (lastFocus.current ?? ids[0]) : null);
    const step = key.rightArrow || key.tab ? 1 : key.leftArrow ? -1 : 0;
    if (step === 0) return;
    const from = focusRef.current ?? lastFocus.current ?? ids[0];
    const i = ids.indexOf(from);
    setFocus(ids[(i + step + ids.length) % ids.length] ?? ids[0]);
  }));

  const link = status === 'online' ? `${theme.sym.online} ${pw(lang, 'online')}` : status === 'reconnecting' ? `${theme.sym.offline} ${pw(lang, 'reconnecting')}` : pw(lang, 'connecting', { url });
  const header = (
    <Text bold wrap="truncate-end">
      raft-sheet · {pw(lang, 'projector')} · {url}
      {code ? ` · code ${code}` : ''} ·{' '}
      <Text color={tint(theme, status === 'online' ? theme.colour.ok : theme.colour.error)}>{link}</Text>
    </Text>
  );
  if (width < 60 || height < 16) return <Text>{pw(lang, 'tooSmall', { w: width, h: height })}</Text>;
  if (!view) {
    return (
      <Box flexDirection="column">
        {header}
        <Text color={tint(theme, theme.colour.dim)}>{pw(lang, 'waiting')}</Text>
      </Box>
    );
  }
  const shownFocus = focus !== null && view.clusters.some((c) => c.id === focus) ? focus : null;
  const banner = watchBanner(view, announcement, lang, theme);
  return (
    <Box flexDirection="column" width={width}>
      {header}
      {banner}
      <ProjectorView clusters={projectorClusters(view, lastEvents.current)} focus={shownFocus} width={width} height={Math.max(4, height - CHROME - banner.length)} lang={lang} theme={theme} now={view.now} live />
      <Text color={tint(theme, theme.colour.dim)} wrap="truncate-end">
        {shown(theme, pw(lang, 'keysWatch'))}
      </Text>
    </Box>
  );
}
