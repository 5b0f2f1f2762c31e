/**
 * The instructor console's screen: the join banner, the script line (which clusters finished
 * the step), the cluster table or one cluster's sheets side by side (ClusterBoard), the cards in
 * flight, the last verdict, and the keys of the current panel — always visible. Draws state
 * only (console-state.ts handles keys). The frame stays at most rows − 1 tall.
 */
import { Box, Text } from 'ink';
import type { ReactNode } from 'react';
import type { Lang } from '../../src/i18n/text.js';
import type { Card, ClusterOverview, InstructorView } from '../../src/game/types.js';
import type { Presence } from '../../src/protocol/messages.js';
import { replyOk } from '../../src/raft/replies.js';
import { ClusterBoard } from '../components/cluster-board.js';
import { questionSecondsLeft } from '../asked-question.js';
import { QuestionPanel, questionLines, useRoomNow } from '../components/question-panel.js';
import { padTo, rowsOf } from '../components/text-width.js';
import type { LinkStatus } from '../connection.js';
import type { Theme } from '../theme.js';
import { shown, tint } from '../theme.js';
import { ClusterTable, secs, statusLine } from './cluster-table.js';
import { pickableCards, selectedCluster, type ConsoleState, type Panel } from './console-state.js';
import { cw } from './console-words.js';
import type { Moment } from './moments.js';

export interface Banner {
  code: string;
  /** `raft-sheet join ws://HOST:PORT --code CODE`, one per LAN address. */
  join: string[];
  /** The instructor key, or null after a resume (only its hash is kept). */
  key: string | null;
  /** The web projector's address, the read-only key in its fragment (shown with the key on `k`). */
  projector?: string;
  dir: string;
}

export interface ConsoleScreenProps {
  view: InstructorView | null;
  presence?: Presence;
  banner: Banner;
  state: ConsoleState;
  moments: Moment[];
  status: LinkStatus;
  width: number;
  height: number;
  lang: Lang;
  theme: Theme;
}

export function ConsoleScreen(props: ConsoleScreenProps) {
  const { view, banner, state, status, width, height, lang, theme } = props;
  if (width < 80 || height < 24) return <Text>{cw(lang, 'tooSmall', { w: width, h: height })}</Text>;
  const c = view ? selectedCluster(state, { clusters: view.clusters, moments: [] }) : null;
  const bottom = bottomLines(props, c);
  // rows − 1 in all: 3 banner lines, a blank, the body, the bottom lines (help may wrap).
  const bodyRows = Math.max(4, height - 1 - 4 - bottom.rows);
  return (
    <Box flexDirection="column" width={width}>
      <Text wrap="truncate">
        <Text bold>raft-sheet hub</Text> · code <Text bold>{banner.code}</Text>
        {view ? ` · ${view.clusters.length}×${view.config.size}` : ''} · {status === 'online' ? <Text color={tint(theme, theme.colour.ok)}>{theme.sym.online} online</Text> : <Text color={tint(theme, theme.colour.error)}>{status}</Text>}
        <Text color={tint(theme, theme.colour.dim)}> · {banner.dir}</Text>
      </Text>
      <Text wrap="truncate">
        {cw(lang, 'join')} <Text color={tint(theme, theme.colour.accent)}>{banner.join[0] ?? ''}</Text>
        {banner.join.length > 1 ? <Text color={tint(theme, theme.colour.dim)}> (+{banner.join.length - 1})</Text> : null}
        {'  '}
        {state.showKey ? (
          <Text>
            {cw(lang, 'key')} <Text bold>{banner.key ?? cw(lang, 'keyResumed')}</Text>
          </Text>
        ) : (
          <Text color={tint(theme, theme.colour.dim)}>{cw(lang, 'keyHidden')}</Text>
        )}
      </Text>
      <ScriptLine view={view} lang={lang} theme={theme} />
      {/* The blank line under the banner holds the web projector's address while the key is shown. */}
      <Text wrap="truncate">{state.showKey && banner.projector ? <Text>{cw(lang, 'webProjector')} <Text color={tint(theme, theme.colour.accent)}>{banner.projector}</Text></Text> : ' '}</Text>
      {/* flexShrink 0: Yoga would otherwise squeeze the body below its rows (issue #9). */}
      <Box flexDirection="column" height={bodyRows} overflow="hidden" flexShrink={0}>
        {view ? <Body {...props} view={view} c={c} rows={bodyRows} /> : <Text>{cw(lang, 'connecting')}</Text>}
      </Box>
      {bottom.nodes}
    </Box>
  );
}

/** `⏸ Room paused` or `⏸ Paused: A C`, ahead of the script line while anything is paused. */
function PausedMark({ view, lang, theme }: { view: InstructorView | null; lang: Lang; theme: Theme }) {
  const paused = view?.clusters.filter((c) => c.paused !== undefined) ?? [];
  if (!view || paused.length === 0) return null;
  const all = paused.length === view.clusters.length;
  return (
    <Text inverse bold color={tint(theme, theme.colour.error)}>
      {all ? cw(lang, 'roomPaused') : cw(lang, 'clustersPaused', { list: paused.map((c) => c.id).join(' ') })}
    </Text>
  );
}

/** Where the script stands for every cluster, and which have finished the step. */
function ScriptLine({ view, lang, theme }: { view: InstructorView | null; lang: Lang; theme: Theme }) {
  const running = view?.clusters.filter((c) => c.script) ?? [];
  if (!view || running.length === 0)
    return (
      <Text wrap="truncate">
        <PausedMark view={view} lang={lang} theme={theme} />
        <Text color={tint(theme, theme.colour.dim)}>{cw(lang, 'noGame')}</Text>
      </Text>
    );
  const s = running[0].script!;
  const same = running.every((c) => c.script!.game === s.game && c.script!.step === s.step) && running.length === view.clusters.length;
  const done = running.filter((c) => c.script!.done).map((c) => c.id);
  const all = done.length === view.clusters.length;
  const last = s.step === s.steps && s.game === 4;
  const where = s.game === 0 ? 'Free play' : `Game ${s.game} · step ${s.step}/${s.steps}`;
  return (
    <Text wrap="truncate">
      <PausedMark view={view} lang={lang} theme={theme} />
      {same ? (
        <Text bold>
          {where} · {s.title[lang]}
        </Text>
      ) : (
        <Text bold>{running.map((c) => `${c.id} ${c.script!.game}.${c.script!.step}`).join(' ')}</Text>
      )}
      {' · '}
      {cw(lang, 'done')}{' '}
      {view.clusters.map((c) => (
        <Text key={c.id} color={c.script?.done ? tint(theme, theme.colour.ok) : tint(theme, theme.colour.dim)}>
          {c.id}
          {c.script?.done ? theme.sym.ok : '…'}{' '}
        </Text>
      ))}
      {all && s.game !== 0 ? <Text color={tint(theme, theme.colour.ok)} bold>{last ? cw(lang, 'lastDone') : cw(lang, 'allDone')}</Text> : null}
    </Text>
  );
}

function Body(props: ConsoleScreenProps & { view: InstructorView; c: ClusterOverview | null; rows: number }) {
  const { view, state, c, rows, theme, lang, presence, moments } = props;
  const p = state.panel;
  if (p.kind === 'rewind' && c) return <MomentList c={c} moments={moments} index={p.index} rows={rows} lang={lang} theme={theme} />;
  if ((p.kind === 'ask' || p.kind === 'question') && c) return <AskList c={c} rows={rows} width={props.width} lang={lang} theme={theme} now={view.now} />;
  if (p.kind === 'pick-card' && c) return <CardList c={c} rows={rows} pointer={p.index} lang={lang} theme={theme} now={view.now} />;
  if (state.detail && c) {
    const servers = Object.fromEntries(Object.entries(c.sheets).map(([id, s]) => [id, { state: s, online: c.online[id], seat: c.seats[id] }]));
    const boardRows = Object.keys(servers).length + 3;
    return (
      <Box flexDirection="column">
        <ClusterBoard id={c.id} servers={servers} compact names width={props.width} lang={lang} theme={theme} lastEvent={c.script ? `${c.script.game}.${c.script.step} ${c.script.title[lang]}` : undefined} />
        <Text wrap="truncate" color={tint(theme, theme.colour.dim)}>
          {statusLine(c, presence, view.now, props.width - 1, theme, view.config.electionTimeoutMs)}
        </Text>
        {rows - boardRows >= 2 ? <CardList c={c} rows={rows - boardRows} lang={lang} theme={theme} now={view.now} /> : null}
      </Box>
    );
  }
  const tableRows = Math.min(2 * view.clusters.length + 1, rows - (rows >= 9 ? 3 : 0));
  return (
    <Box flexDirection="column">
      <ClusterTable clusters={view.clusters} selected={state.selected} presence={presence} theme={theme} rows={tableRows} width={props.width} now={view.now} timeoutMs={view.config.electionTimeoutMs} />
      {c && rows - tableRows >= 3 ? <CardList c={c} rows={rows - tableRows} lang={lang} theme={theme} now={view.now} /> : null}
    </Box>
  );
}

/**
 * `A-31 AppendEntries i1→i4 t1 5–8 Load · 3s`, a reply `A-32 ↩ i4→i1 ✔`; with `names`, the
 * student who holds it: `i1→i4 (Ann)`.
 */
export function cardLine(card: Card, now: number, theme: Theme, names: Record<string, string> = {}): string {
  const m = card.message;
  const holder = names[card.to] ? ` (${names[card.to]})` : '';
  const age = secs(now - card.sentAt);
  const hidden = card.deliverAt > now ? ` (arrives in ${secs(card.deliverAt - now)})` : '';
  if (m.type === 'RequestVote' || m.type === 'PreVote') return `${card.id} ${m.type} ${card.from}→${card.to}${holder} t${m.term} last ${m.lastLogIndex}/t${m.lastLogTerm} · ${age}${hidden}`;
  if (m.type === 'AppendEntries') {
    const range = m.entries.length ? ` ${m.prevLogIndex + 1}–${m.prevLogIndex + m.entries.length} ${m.entries.map((e) => (e.value === ' ' ? theme.sym.space : e.value)).join('')}` : ' ♥';
    return `${card.id} AppendEntries ${card.from}→${card.to}${holder} t${m.term}${range} commit ${m.leaderCommit} · ${age}${hidden}`;
  }
  if (m.type === 'InstallSnapshot') return `${card.id} InstallSnapshot ${card.from}→${card.to}${holder} t${m.term} last ${m.lastIncludedIndex}/t${m.lastIncludedTerm} "${m.data}" · ${age}${hidden}`;
  const ok = replyOk(m);
  return `${card.id} ↩ ${m.type.replace('Reply', '')} ${card.from}→${card.to}${holder} ${ok ? theme.sym.ok : theme.sym.no} · ${age}${hidden}`;
}

function CardList({ c, rows, pointer, lang, theme, now }: { c: ClusterOverview; rows: number; pointer?: number; lang: Lang; theme: Theme; now: number }) {
  const cards = pickableCards(c);
  // The room message lists the oldest cards in flight and counts the rest (`inFlightMore`): a row says so.
  const more = c.inFlightMore ?? 0;
  const room = Math.max(1, rows - 1 - (more > 0 ? 1 : 0));
  const first = pointer === undefined ? 0 : Math.max(0, Math.min(pointer - room + 1, cards.length - room));
  const shown = cards.slice(first, first + room);
  const names = Object.fromEntries(Object.entries(c.seats).flatMap(([id, s]) => (s.kind === 'student' ? [[id, s.name]] : [])));
  return (
    <Box flexDirection="column">
      <Text bold wrap="truncate">
        {cw(lang, 'cards')} · {c.id} ({cards.length + more})
        {cards.length === 0 ? <Text color={tint(theme, theme.colour.dim)}> · {cw(lang, 'noCards')}</Text> : null}
        {cards.length > shown.length ? <Text color={tint(theme, theme.colour.dim)}> · {first + 1}–{first + shown.length}</Text> : null}
      </Text>
      {shown.map((k, i) => (
        <Text key={k.card.id} inverse={pointer === first + i} wrap="truncate" color={k.visible ? undefined : tint(theme, theme.colour.dim)}>
          {pointer === first + i ? theme.sym.pointer : ' '} {cardLine(k.card, now, theme, names)}
        </Text>
      ))}
      {more > 0 ? <Text color={tint(theme, theme.colour.dim)} wrap="truncate">  +{more} {cw(lang, 'moreCards')}</Text> : null}
    </Box>
  );
}

/**
 * Asking the room (issue 14): the open question as the projector shows it (count, then tally,
 * correct answer and rule), else the decisions that make a question, numbered for one key.
 */
function AskList({ c, rows, width, lang, theme, now }: { c: ClusterOverview; rows: number; width: number; lang: Lang; theme: Theme; now: number }) {
  const roomNow = useRoomNow(now, c.question !== undefined && !c.question.reveal);
  if (c.question) {
    const lines = questionLines(c.question, lang, theme, width, questionSecondsLeft(c.question, roomNow));
    return <QuestionPanel lines={lines} rows={rows} width={width} theme={theme} />;
  }
  const list = (c.askable ?? []).slice(0, Math.max(0, rows - 1));
  return (
    <Box flexDirection="column">
      <Text bold wrap="truncate">{cw(lang, 'askTitle', { c: c.id })}</Text>
      {list.map((a, i) => (
        <Text key={i} wrap="truncate">
          {shown(theme, ` ${i + 1}  ${a.text[lang]}`)}
        </Text>
      ))}
    </Box>
  );
}

function MomentList({ c, moments, index, rows, lang, theme }: { c: ClusterOverview; moments: Moment[]; index: number; rows: number; lang: Lang; theme: Theme }) {
  const room = Math.max(1, rows - 1);
  const first = Math.max(0, Math.min(index - room + 1, moments.length - room));
  const shown = moments.slice(first, first + room);
  const newest = moments[0]?.now ?? 0;
  return (
    <Box flexDirection="column">
      <Text bold>{cw(lang, 'moments', { c: c.id })}</Text>
      {moments.length <= 1 ? <Text color={tint(theme, theme.colour.dim)}>{cw(lang, 'noMoments')}</Text> : null}
      {shown.map((m, i) => (
        <Text key={m.version} inverse={first + i === index} wrap="truncate" color={first + i === 0 ? tint(theme, theme.colour.dim) : undefined}>
          {/* "(now)" before the label: a long label is cut at the edge, the newest mark must stay. */}
          {first + i === index ? theme.sym.pointer : ' '} v{padTo(String(m.version), 5)} {padTo(`-${secs(newest - m.now)}`, 5)} {first + i === 0 ? '(now) ' : ''}{m.label}
        </Text>
      ))}
    </Box>
  );
}

/** The keys of panel `p` in the reader's language; `id` is the cluster in focus. */
function keyHelp(p: Panel, lang: Lang, id: string): string {
  const where = 'room' in p && p.room ? cw(lang, 'room') : id;
  switch (p.kind) {
    case 'main':
      return cw(lang, 'keysMain');
    case 'game':
      return cw(lang, 'keysGame');
    case 'fault':
      return cw(lang, 'keysFault', { c: id });
    case 'pick-card':
      return cw(lang, 'keysCard', { what: p.purpose });
    case 'pick-server':
      return cw(lang, 'keysServer', { what: p.purpose });
    case 'bots':
      return cw(lang, 'keysBots', { c: id });
    case 'pick-mistake':
      return cw(lang, 'keysMistake', { server: p.server });
    case 'modes':
      return cw(lang, 'keysModes', { where });
    case 'text':
      return p.purpose === 'announce' ? cw(lang, 'keysAnnounce', { where }) : cw(lang, 'keysPartition', { c: id });
    case 'confirm':
      return p.purpose === 'quit' ? cw(lang, 'keysQuit') : cw(lang, 'keysReset', { c: id });
    case 'rewind':
      return cw(lang, 'keysRewind', { c: id });
    case 'ask':
      return cw(lang, 'keysAsk', { c: id, where });
    case 'question':
      return cw(lang, 'keysQuestion', { c: id });
  }
}

/** The verdict line, the panel's prompt and the keys: what can be done right now. */
function bottomLines(props: ConsoleScreenProps, c: ClusterOverview | null): { nodes: ReactNode[]; rows: number } {
  const { state, lang, theme, width } = props;
  let rows = 0;
  const p = state.panel;
  const id = c?.id ?? '?';
  const lines: ReactNode[] = [];
  const dim = tint(theme, theme.colour.dim);
  lines.push(
    <Text key="msg" wrap="truncate" color={state.message ? tint(theme, state.message.error ? theme.colour.error : theme.colour.ok) : dim}>
      {state.message ? `» ${state.message.text}` : ' '}
    </Text>,
  );
  const help = (words: string) => {
    // --ascii spells the arrows out (theme.ts); rows as Ink wraps them, in columns (text-width.ts).
    const text = shown(theme, words);
    rows += rowsOf(text, width);
    return (
      <Text key="keys" wrap="wrap" color={p.kind === 'main' ? dim : tint(theme, theme.colour.accent)}>
        {text}
      </Text>
    );
  };
  lines.push(help(keyHelp(p, lang, id)));
  if (p.kind === 'text') {
    rows += 1;
    lines.push(
      <Text key="input" wrap="truncate">
        {'> '}
        {p.text}
        <Text inverse>{' '}</Text>
      </Text>,
    );
  }
  return { nodes: lines, rows: rows + 1 };
}
