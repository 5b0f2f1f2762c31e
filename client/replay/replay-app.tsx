/**
 * `raft-sheet replay`: the projector's view of a recorded session at any moment, with a status
 * line saying which record this is, when it happened and who did what. Keys: replay-keys.ts.
 */
import { Box, Text, useApp, useInput } from 'ink';
import { useMemo, useRef, useState } from 'react';
import type { Lang } from '../../src/i18n/text.js';
import type { Room } from '../../src/game/types.js';
import { instructorView } from '../../src/game/views.js';
import { describeRecord } from '../../src/report/describe.js';
import { clockText } from '../../src/report/markdown.js';
import { eventsOf } from '../../src/report/records.js';
import { useTerminalSize } from '../components/terminal-size.js';
import type { Theme } from '../theme.js';
import { shown, tint } from '../theme.js';
import { projectorClusters } from '../projector/projector-model.js';
import { ProjectorView } from '../projector/projector-view.js';
import { pw } from '../projector/words.js';
import { replayKey, toReplayPress, type ReplayState } from './replay-keys.js';
import { eachKey } from '../components/key-chunk.js';
import type { ReplayTimeline } from './timeline.js';

export interface ReplayAppProps {
  timeline: ReplayTimeline;
  /** Shown in the header: the session directory. */
  title: string;
  lang: Lang;
  theme: Theme;
  /** The cluster shown large at first; null = all compact. */
  focus: string | null;
  /** Where to start (default 0, the fresh room). */
  start?: number;
}

/** Header + status + footer: the rows the body may not use (plus one: a frame stays below the terminal's height). */
const CHROME = 4;

export function ReplayApp({ timeline, title, lang, theme, focus, start = 0 }: ReplayAppProps) {
  const { exit } = useApp();
  const { width, height } = useTerminalSize();
  const ids = useMemo(() => Object.keys(timeline.roomAt(0).clusters), [timeline]);
  const [state, setStateNow] = useState<ReplayState>(() => ({ k: Math.max(0, Math.min(start, timeline.length)), focus, lastFocus: focus ?? ids[0] }));
  // Keys can arrive faster than React re-registers the handler: judge each against the latest state.
  const latest = useRef(state);
  const setState = (next: ReplayState) => {
    latest.current = next;
    setStateNow(next);
  };

  useInput(eachKey((input, key) => {
    const press = toReplayPress(input, key);
    if (!press) return;
    const now = latest.current;
    const next = replayKey(now, press, timeline, ids);
    if (next === 'quit') {
      exit();
      return 'stop';
    }
    if (next.k !== now.k || next.focus !== now.focus) setState(next);
  }));

  const room = useMemo(() => timeline.roomAt(state.k), [timeline, state.k]);
  const status = useMemo(() => statusOf(timeline, state.k, lang, theme.ascii), [timeline, state.k, lang, theme.ascii]);
  const lastEvents = useMemo(() => lastEventsAt(timeline, state.k, room, lang, theme.ascii), [timeline, state.k, room, lang, theme.ascii]);
  const clusters = projectorClusters(instructorView(room), lastEvents);
  const record = state.k > 0 ? timeline.records[state.k - 1] : null;
  const t0 = timeline.records[0]?.at ?? 0;
  return (
    <Box flexDirection="column" width={width}>
      <Text bold wrap="truncate-end">
        raft-sheet · {pw(lang, 'replay')} · {title} ·{' '}
        <Text color={tint(theme, theme.colour.accent)}>{pw(lang, 'recordOf', { k: state.k, n: timeline.length })}</Text>
        {record ? ` · ${clockText(record.at - t0)} · ${new Date(record.at).toISOString().slice(11, 19)} UTC` : ''}
      </Text>
      <Text wrap="truncate-end" color={record?.kind === 'refused' ? tint(theme, theme.colour.error) : undefined}>
        {status}
      </Text>
      <ProjectorView clusters={clusters} focus={state.focus} width={width} height={Math.max(4, height - CHROME)} lang={lang} theme={theme} now={room.now} />
      <Text color={tint(theme, theme.colour.dim)} wrap="truncate-end">
        {shown(theme, pw(lang, 'keysReplay'))}
      </Text>
    </Box>
  );
}

/** "Who did what" for the record that led to position k. */
export function statusOf(timeline: ReplayTimeline, k: number, lang: Lang, ascii: boolean): string {
  if (k <= 0) return pw(lang, 'start');
  return describeRecord(timeline.records[k - 1], timeline.roomAt(k - 1), { lang, ascii });
}

/** Per cluster, what the latest record that touched it did (clock ticks aside). */
function lastEventsAt(timeline: ReplayTimeline, k: number, room: Room, lang: Lang, ascii: boolean): Record<string, string> {
  const out: Record<string, string> = {};
  const wanted = new Set(Object.keys(room.clusters));
  // Looking back a bounded distance keeps a keypress cheap on a long session.
  for (let i = k - 1; i >= 0 && i >= k - 400 && wanted.size > 0; i--) {
    const r = timeline.records[i];
    if ((r.kind === 'command' || r.kind === 'refused') && r.command.type === 'tick') continue;
    const touched = new Set(eventsOf(r).flatMap((e) => (e.type === 'clock' ? [] : [e.cluster])));
    for (const id of touched) {
      if (!wanted.has(id)) continue;
      wanted.delete(id);
      out[id] = describeRecord(r, timeline.roomAt(i), { lang, ascii });
    }
  }
  return out;
}
