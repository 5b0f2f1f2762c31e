/**
 * `raft-sheet watch`: the projector on a live hub. It connects as the instructor but only reads:
 * every `room` message redraws the clusters; the last event of each cluster is the most telling
 * change between two views (last-event.ts). ←→ choose the cluster shown large, `a` toggles
 * one large / all compact, `q` quits. Reconnecting is the connection's job.
 */
import { Box, Text, useApp } from 'ink';
import type { EventEmitter } from 'node:events';
import { useState } from 'react';
import type { Lang, Text as Words } from '../../src/i18n/text.js';
import type { InstructorView } from '../../src/game/types.js';
import { useHub, useKeys, type HubEvents } from '../components/use-hub.js';
import { t } from '../i18n.js';
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
export type WatchConnection = EventEmitter & HubEvents;

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

/** Each cluster's last event after a new view: kept, replaced or cleared (last-event.ts). */
function nextLastEvents(prev: InstructorView | null, view: InstructorView, events: Record<string, string>, lang: Lang): Record<string, string> {
  let out = events;
  for (const c of view.clusters) {
    const { [c.id]: before, ...others } = out;
    const now = lastEvent(prev?.clusters.find((p) => p.id === c.id), c, lang, before);
    if (now !== before) out = now === undefined ? others : { ...others, [c.id]: now };
  }
  return out;
}

export function WatchApp({ conn, url, lang, theme, focus: initialFocus, onEnd }: WatchAppProps) {
  const { exit } = useApp();
  const { width, height } = useTerminalSize();
  // The view and each cluster's last event change together, from the view before (last-event.ts).
  const [room, setRoom] = useState<{ view: InstructorView | null; lastEvents: Record<string, string> }>({ view: null, lastEvents: {} });
  const view = room.view;
  const [code, setCode] = useState<string>('');
  // The cluster shown large (null: all compact) and the last one that was, for `a` to go back to.
  const [focus, setFocus] = useState<{ now: string | null; last: string | null }>({ now: initialFocus, last: initialFocus });
  // The hub sends every announcement to instructor connections; the projector is one.
  const [announcement, setAnnouncement] = useState<Words | null>(null);

  const status = useHub(conn, {
    room: (msg) => {
      const m = msg as { view: InstructorView; code?: string };
      setRoom((before) => ({ view: m.view, lastEvents: nextLastEvents(before.view, m.view, before.lastEvents, lang) }));
      if (m.code) setCode(m.code);
    },
    fatal: (f) => {
      onEnd(1, f.message[lang]);
      exit();
    },
    announce: setAnnouncement,
  });

  // A chunk read at once (`aq`, a paste) is one key per character (key-chunk.ts).
  useKeys(eachKey((input, key) => {
    if (input === 'q' || (key.ctrl && input === 'c')) {
      onEnd(0);
      exit();
      return 'stop';
    }
    const ids = view?.clusters.map((c) => c.id) ?? [];
    if (ids.length === 0) return;
    if (input === 'a') return setFocus((f) => ({ now: f.now === null ? (f.last ?? ids[0]) : null, last: f.last ?? ids[0] }));
    const step = key.rightArrow || key.tab ? 1 : key.leftArrow ? -1 : 0;
    if (step === 0) return;
    setFocus((f) => {
      const i = ids.indexOf(f.now ?? f.last ?? ids[0]);
      const next = ids[(i + step + ids.length) % ids.length] ?? ids[0];
      return { now: next, last: next };
    });
  }));

  const link = status === 'online' ? `${theme.sym.online} ${t(lang, 'online')}` : status === 'reconnecting' ? `${theme.sym.offline} ${t(lang, 'reconnecting')}` : pw(lang, 'connectingTo', { url });
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
  const shownFocus = focus.now !== null && view.clusters.some((c) => c.id === focus.now) ? focus.now : null;
  const banner = watchBanner(view, announcement, lang, theme);
  return (
    <Box flexDirection="column" width={width}>
      {header}
      {banner}
      <ProjectorView clusters={projectorClusters(view, room.lastEvents)} focus={shownFocus} width={width} height={Math.max(4, height - CHROME - banner.length)} lang={lang} theme={theme} now={view.now} live />
      <Text color={tint(theme, theme.colour.dim)} wrap="truncate-end">
        {shown(theme, pw(lang, 'keysWatch'))}
      </Text>
    </Box>
  );
}
