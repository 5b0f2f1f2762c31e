/**
 * The student's screen: their Raft State sheet, inbox, the card in hand, the instructor's
 * prompt, the referee's word and a key help line. Draws state only; keys are handled by
 * screen-state.ts. Fits 80×24 (the frame stays at most rows − 1 tall, so Ink never clears the
 * screen on redraw) and uses more room when there is more.
 */
import { Box, Text } from 'ink';
import type { Lang } from '../../src/i18n/text.js';
import type { SeatView } from '../../src/game/types.js';
import { currentTerm } from '../../src/raft/log.js';
import { replyOk } from '../../src/raft/replies.js';
import type { ServerState } from '../../src/raft/types.js';
import { standing, votersOf } from '../../src/raft/membership.js';
import { seatStepOptions } from '../../src/game/seat-options.js';
import { cardBlock, responseLines } from '../components/card-view.js';
import { CardPanel, type PanelBlock, type PanelLine } from '../components/card-panel.js';
import { wrapTo } from '../components/text-width.js';
import { ClusterStrip } from '../components/cluster-strip.js';
import { responseRow } from '../../src/game/cards.js';
import { LogGrid, cellWidth, logBlocks, type Cursor } from '../components/log-grid.js';
import { TermsRow } from '../components/terms-row.js';
import type { WordOf } from '../../src/i18n/format.js';
import { t } from '../i18n.js';
import type { Theme } from '../theme.js';
import { cursorText, shown, tint } from '../theme.js';
import { type CardField, type CellId, type Draft, cellRows, cellText, isReply, sameCell } from './draft.js';
import { ruleHelp } from './rule-help.js';
import { currentCell, type ScreenState } from './screen-state.js';
import { fitLines, totalRows, type FooterLine } from './footer-fit.js';
import { padTo, widthOf } from '../components/text-width.js';
import { hasTimerLine, TimerLine } from './timer-line.js';
import { questionSay, questionSecondsLeft } from '../asked-question.js';
import { QuestionPanel, questionLines, useRoomNow } from '../components/question-panel.js';

export type ConnectionStatus = 'connecting' | 'online' | 'reconnecting';

export interface StudentScreenProps {
  view: SeatView;
  screen: ScreenState;
  status: ConnectionStatus;
  code: string;
  lang: Lang;
  theme: Theme;
  width: number;
  height: number;
  /** Solo mode's guide: what just happened and which key to press now (client/solo). */
  guide?: string[];
  /** The quit question, when the default's "rejoin with the same command" is not true (solo). */
  quitQuestion?: string;
}

export const MIN_WIDTH = 80;
export const MIN_HEIGHT = 24;
/** The inbox column; the card panel has the rest of the width (less a gap). */
const INBOX_WIDTH = 28;
/** The cluster strip stands beside the cards from this width, between these widths, leaving the cards this much. */
export const STRIP_FROM = 100;
const STRIP_MIN = 24;
const STRIP_MAX = 44;
const CARDS_MIN = 46;

export function StudentScreen(props: StudentScreenProps) {
  const { view, screen, lang, theme, width, height } = props;
  if (width < MIN_WIDTH || height < MIN_HEIGHT) {
    return <Text>{t(lang, 'tooSmall', { w: width, h: height })}</Text>;
  }
  const draft = screen.draft;
  const sheet = draft ? draft.move.state : view.sheet;
  const cell = currentCell(screen);
  const tall = height >= 34;
  const wide = width >= 120;
  // Rows: header, the sheet, a gap, the inbox and cards, a gap, the footer; at most height − 1.
  const cells = Math.max(sheet.log.length, view.sheet.log.length) + 1;
  const blocks = logBlocks(cells, wide ? width - 48 : width, tall ? 3 : 2, cellWidth(sheet.log, view.sheet.log));
  const sheetRows = wide ? Math.max(3, 1 + 4 * blocks) : 3 + 1 + 4 * blocks;
  // The timer line (timers mode or a pause) takes one row under the header when it is drawn.
  const fixed = 1 + (hasTimerLine(view) ? 1 : 0) + sheetRows + 1 + 1;
  const MIDDLE_MIN = 4;
  const footer = fitLines(footerLines(props), width, height - 1 - fixed - MIDDLE_MIN);
  const middle = Math.max(MIDDLE_MIN, height - 1 - fixed - totalRows(footer, width));
  // ---- the cluster strip (client/components/cluster-strip.tsx): `c` shows it in place of the
  // sheet; from 100 columns it stands beside the cards when the rows hold every server.
  const glance = view.glance ?? [];
  if (screen.overlay === 'cluster' && glance.length > 0) {
    return (
      <Box flexDirection="column" width={width}>
        <Header {...props} sheet={sheet} cell={cell} />
        <Box marginTop={1}>
          <ClusterStrip glance={glance} me={view.server} width={width} lang={lang} theme={theme} />
        </Box>
        <Footer lines={fitLines(footerLines(props), width, height - 3 - (glance.length + 1))} theme={theme} />
      </Box>
    );
  }
  if (view.question && screen.questionHidden !== view.question.id && screen.overlay === 'none') {
    return <QuestionScreen {...props} sheet={sheet} cell={cell} />;
  }
  const stripWidth = Math.min(STRIP_MAX, width - INBOX_WIDTH - 1 - CARDS_MIN);
  const strip = width >= STRIP_FROM && glance.length > 0 && middle >= glance.length + 1 && stripWidth >= STRIP_MIN;
  // The card panel's width is fixed before layout (card-panel.tsx counts its rows by it).
  const cardsWidth = width - INBOX_WIDTH - 1 - (strip ? stripWidth + 1 : 0);
  // ---- end of the cluster strip's part
  return (
    <Box flexDirection="column" width={width}>
      <Header {...props} sheet={sheet} cell={cell} />
      <TimerLine view={view} lang={lang} theme={theme} width={width} />
      <Box flexDirection={width >= 120 ? 'row' : 'column'}>
        <Box marginRight={2}>
          <TermsRow sheet={sheet} saved={view.sheet} cursorTerm={cell?.area === 'vote' ? cell.term : null} width={width >= 120 ? 44 : width} lang={lang} theme={theme} />
        </Box>
        <LogGrid sheet={sheet} saved={view.sheet} cursor={logCursor(cell)} width={width >= 120 ? width - 48 : width} maxBlocks={tall ? 3 : 2} lang={lang} theme={theme} />
      </Box>
      {/* The middle has a fixed height and everything in it is counted to fit it (card-panel.tsx):
          nothing in it may be squeezed by Yoga onto its neighbour (issue #9). */}
      <Box marginTop={1} height={middle} overflow="hidden" flexShrink={0}>
        {screen.overlay !== 'none' ? (
          <HelpOverlay view={view} screen={screen} lang={lang} theme={theme} rows={middle} width={width} />
        ) : (
          <>
            <Box width={INBOX_WIDTH} flexShrink={0} flexDirection="column" marginRight={1}>
              <Inbox view={view} screen={screen} lang={lang} theme={theme} rows={middle} />
            </Box>
            <Box flexDirection="column" width={cardsWidth} flexShrink={0}>
              <CardPanel
                blocks={draft ? draftBlocks(draft, cell, view, lang, theme, cardsWidth) : handBlocks(view, screen, lang, theme, cardsWidth)}
                rows={middle}
                dim={tint(theme, theme.colour.dim)}
                more={(n, names) => shown(theme, `+${n}: ${names.join(' · ')}`)}
                text={(s) => shown(theme, s)}
              />
            </Box>
            {strip ? (
              <Box flexShrink={0} marginLeft={1}>
                <ClusterStrip glance={glance} me={view.server} width={stripWidth} lang={lang} theme={theme} />
              </Box>
            ) : null}
          </>
        )}
      </Box>
      <Footer lines={footer} theme={theme} />
    </Box>
  );
}

/**
 * A question asked of the room (issue 14) in front of the sheet: the question with its choices
 * and keys, then the cluster strip when the rows hold it (the question is about another server's
 * sheet), then the footer. Every row is counted: the frame stays at most height − 1 tall.
 */
function QuestionScreen(props: StudentScreenProps & { sheet: ServerState; cell: CellId | null }) {
  const { view, screen, lang, theme, width, height } = props;
  const q = view.question!;
  const now = useRoomNow(view.now, !q.reveal);
  const lines = questionLines(q, lang, theme, width, questionSecondsLeft(q, now));
  const keys: FooterLine = { key: 'keys', text: shown(theme, questionSay(lang, 'keysLine')), priority: 100, color: theme.colour.dim };
  const extra: FooterLine[] = [];
  if (screen.notice) extra.push({ key: 'notice', text: screen.notice, priority: 85, color: theme.colour.error });
  if (screen.quitAsked) extra.push({ key: 'quit', text: props.quitQuestion ?? t(lang, 'quitAsk'), priority: 97 });
  for (const [i, g] of (props.guide ?? []).entries()) extra.push({ key: `guide${i}`, text: shown(theme, g), priority: 80 });
  // Header 1, a gap 1, the panel, the footer's gap 1 and its lines: at most height − 1 rows.
  const footer = fitLines([...extra, keys], width, Math.max(1, height - 1 - 3 - lines.length));
  const panelRows = Math.min(lines.length, height - 1 - 3 - totalRows(footer, width));
  const glance = view.glance ?? [];
  const stripRows = height - 1 - 3 - panelRows - totalRows(footer, width) - 1;
  return (
    <Box flexDirection="column" width={width}>
      <Header {...props} />
      <Box marginTop={1} flexShrink={0}>
        <QuestionPanel lines={lines} rows={panelRows} width={width} theme={theme} />
      </Box>
      {glance.length > 0 && stripRows >= glance.length + 1 ? (
        <Box marginTop={1} flexShrink={0}>
          <ClusterStrip glance={glance} me={view.server} width={width} lang={lang} theme={theme} />
        </Box>
      ) : null}
      <Footer lines={footer} theme={theme} />
    </Box>
  );
}

function Header({ view, status, code, lang, theme, sheet, cell, screen, width }: StudentScreenProps & { sheet: ServerState; cell: CellId | null }) {
  const roleWord: WordOf<typeof t> = sheet.role;
  const plate = `${theme.sym[sheet.role]} ${t(lang, roleWord)}`;
  const online = !view.online ? t(lang, 'offline') : status === 'online' ? t(lang, 'online') : t(lang, status);
  const dot = view.online && status === 'online' ? theme.sym.online : theme.sym.offline;
  // One row, always (the frame's height counts on it): the link status keeps the columns it
  // takes (at most half the row), the sheet's side is cut with … rather than wrapped.
  const status_ = `${code ? `code ${code} · ` : ''}${dot} ${online}`;
  const right = Math.min(widthOf(status_), Math.floor(width / 2));
  return (
    <Box width={width}>
      <Box flexGrow={1} flexShrink={1} marginRight={1}>
        <Text wrap="truncate-end">
          <Text bold>raft-sheet</Text> · {view.cluster} · <Text bold inverse={!theme.color}>{view.server}</Text> ·{' '}
          <Text inverse={cell?.area === 'role'} color={tint(theme, sheet.role === 'leader' ? 'yellow' : sheet.role === 'candidate' ? 'magenta' : 'white')} bold>
            {cursorText(theme, plate, cell?.area === 'role')}
          </Text>{' '}
          · {t(lang, 'term')} t{currentTerm(sheet)}
          {sheet.preVotes ? ` · ${t(lang, 'preVotes')} ${sheet.preVotes.length}/${sheet.cluster.length}` : null}
          {sheet.leader ? ` · ${t(lang, 'hearsLeader')} ${sheet.leader}` : null}
          {membershipTag(sheet, view, lang)}
          {screen.draft ? <Text color={tint(theme, theme.colour.draft)}> · {t(lang, 'drafting')} {theme.sym.draft}</Text> : null}
        </Text>
      </Box>
      <Box width={right} flexShrink={0}>
        <Text wrap="truncate-end">
          {code ? `code ${code} · ` : ''}<Text color={tint(theme, view.online && status === 'online' ? theme.colour.ok : theme.colour.error)}>{dot}</Text> {online}
        </Text>
      </Box>
    </Box>
  );
}

function logCursor(cell: CellId | null): Cursor | null {
  if (!cell) return null;
  if (cell.area === 'log-term') return { index: cell.index, row: 'term' };
  if (cell.area === 'log-value') return { index: cell.index, row: 'value' };
  if (cell.area === 'applied') return { index: cell.index, row: 'applied' };
  return null;
}

function Inbox({ view, screen, lang, theme, rows }: { view: SeatView; screen: ScreenState; lang: Lang; theme: Theme; rows: number }) {
  // The selected card stays in sight: the list scrolls with it (a title row, a "+N" row).
  const room = Math.max(1, rows - 2);
  const first = Math.max(0, Math.min(screen.inboxIndex - room + 1, view.inbox.length - room));
  const visible = view.inbox.slice(first, first + room);
  // The view carries the oldest cards of a long inbox and counts the rest (`inboxMore`): the
  // title and the "+N" row show the true total.
  const total = view.inbox.length + (view.inboxMore ?? 0);
  return (
    <>
      <Text bold>
        {t(lang, 'inbox')} ({total})
      </Text>
      {visible.length === 0 ? <Text color={tint(theme, theme.colour.dim)}>{t(lang, 'inboxEmpty')}</Text> : null}
      {visible.map((c, i) => {
        const selected = first + i === screen.inboxIndex;
        const name = shown(theme, c.message.type.replace('Reply', ' ↩').replace('AppendEntries', 'AppendEntr.'));
        return (
          <Text key={c.id} inverse={selected && !screen.draft} color={selected ? undefined : tint(theme, theme.colour.dim)}>
            {selected ? theme.sym.pointer : ' '} {padTo(name, 15)} {padTo(c.from, 3)} t{c.message.term}
          </Text>
        );
      })}
      {total > visible.length ? <Text color={tint(theme, theme.colour.dim)}>  +{total - visible.length}</Text> : null}
    </>
  );
}

/** No draft: the selected card, then the last card this server wrote with its Response row. */
function handBlocks(view: SeatView, screen: ScreenState, lang: Lang, theme: Theme, width: number): PanelBlock[] {
  const card = view.inbox[screen.inboxIndex];
  const sent = view.sent[0];
  // The card in hand first; under it the last card this server wrote, with its Response row,
  // so a candidate or leader counts its ticks while taking the replies.
  return [
    ...(card ? [cardBlock({ key: `hand-${card.id}`, message: card.message, from: card.from, lang, theme, width })] : []),
    ...(sent
      ? [cardBlock({ key: `sent-${sent.id}`, message: sent.message, from: sent.from, responses: sent.responses, cluster: view.sheet.cluster, lang, theme, label: t(lang, 'yourCard'), width })]
      : []),
  ];
}

/**
 * The cards being written in this move: the card answered, the sheet's role and commitIndex, the
 * answer's tick, and the cards sent with every field the referee judges (the AppendEntries term
 * included), one line per addressee. The line with the cursor is the panel's focus, so it stays
 * in sight however many followers there are.
 */
function draftBlocks(draft: Draft, cell: CellId | null, view: SeatView, lang: Lang, theme: Theme, width: number): PanelBlock[] {
  const here = (c: CellId) => cell !== null && sameCell(c, cell);
  const field = (c: CellId, label: string) => (
    <Text key={label}>
      {label}{' '}
      <Text inverse={here(c)} color={tint(theme, theme.colour.draft)} bold>
        {cursorText(theme, shown(theme, cellText(draft, c)) || '_', here(c))}
      </Text>
    </Text>
  );
  const gap = '  ';
  const blocks: PanelBlock[] = [];
  const source = draft.input.kind === 'card' ? view.inbox.find((c) => c.id === (draft.input as { card: string }).card) : undefined;
  if (source) blocks.push(cardBlock({ key: `source-${source.id}`, message: source.message, from: source.from, lang, theme, width }));
  // "Read the Response row": every reply to one request, taken in one move (R11, R21).
  if (draft.core.kind === 'replies') {
    const read = draft.core.replies.map((r) => `${r.from}${replyOk(r.message) ? theme.sym.ok : theme.sym.no}`).join(' ');
    blocks.push({ key: 'replies', lines: [{ key: 'read', node: shown(theme, `${t(lang, 'readingReplies')} ${read}`) }] });
  }
  blocks.push({
    key: 'sheet',
    lines: [{
      key: 'role',
      focus: cell?.area === 'role' || cell?.area === 'commit' || cell?.area === 'snapshot',
      // R29, R30: where the game snapshots, the box's last included index is a cell of the draft too.
      node: <>{field({ area: 'role' }, 'role')}{gap}{field({ area: 'commit' }, 'commitIndex')}{cellRows(draft)[0].some((c) => c.area === 'snapshot') ? <>{gap}{field({ area: 'snapshot' }, t(lang, 'snapshotBox'))}</> : null}</>,
    }],
  });
  const replies = draft.move.send.filter((o) => isReply(o.message));
  if (replies.length > 0) {
    blocks.push({
      key: 'answer',
      lines: [{ key: 'ok', focus: cell?.area === 'ok', node: <>{t(lang, 'yourAnswer')} {source?.from ?? ''}: {replies.map((o) => field({ area: 'ok', to: o.to }, 'ok'))}</> }],
    });
  }
  const requests = draft.move.send.filter((o) => !isReply(o.message));
  if (requests.length === 0) return blocks;
  const first = requests[0].message;
  const cluster = draft.before.cluster;
  const onCard = (to: string) => cell?.area === 'card-field' && cell.to === to;
  const title = (name: string, to: string): PanelLine => ({
    key: 'title',
    node: (
      <Text bold color={tint(theme, theme.colour.accent)}>
        {name} <Text color={tint(theme, theme.colour.dim)}>{t(lang, 'to')} {to}</Text>
      </Text>
    ),
  });
  if (first.type === 'RequestVote' || first.type === 'PreVote') {
    // RequestVote (and PreVote, R24) copies are identical: one set of fields for the whole paper card (to '*').
    const name = first.type === 'PreVote' ? 'PreVoteRPC' : 'RequestVoteRPC';
    const f = (name: 'term' | 'lastLogIndex' | 'lastLogTerm') => field({ area: 'card-field', to: '*', field: name }, name);
    const waiting = Object.fromEntries(cluster.filter((id) => id !== draft.before.id).map((id) => [id, 'waiting' as const]));
    const focusOn = (names: string[]) => cell?.area === 'card-field' && cell.to === '*' && names.includes(cell.field);
    blocks.push({
      key: 'request',
      name,
      title: title(name, String(requests.length)),
      lines: [
        { key: 'a', focus: focusOn(['term']), node: <>{f('term')}{gap}candidateId {draft.before.id}</> },
        { key: 'b', focus: focusOn(['lastLogIndex', 'lastLogTerm']), node: <>{f('lastLogIndex')}{gap}{f('lastLogTerm')}</> },
        ...responseLines(responseRow(draft.before.id, waiting), cluster, lang, theme),
      ],
    });
    return blocks;
  }
  const snapshots = requests.filter((o) => o.message.type === 'InstallSnapshot');
  if (snapshots.length > 0) {
    // R32: the snapshot box on a card, one line per addressee; the text is the box's as it stands.
    blocks.push({
      key: 'snapshot',
      name: 'InstallSnapshotRPC',
      title: title('InstallSnapshotRPC', snapshots.map((o) => o.to).join(' ')),
      lines: snapshots.map((o) => {
        const m = o.message;
        const data = m.type === 'InstallSnapshot' ? [...m.data].map((v) => (v === ' ' ? theme.sym.space : v)).join('') : '';
        const f = (name: CardField, label: string) => field({ area: 'card-field', to: o.to, field: name }, label);
        return {
          key: `s-${o.to}`,
          focus: onCard(o.to),
          node: <>{o.to}: {f('term', 'term')} {f('lastIncludedIndex', 'last')} {f('lastIncludedTerm', 't')} "{data}"</>,
        };
      }),
    });
    if (snapshots.length === requests.length) return blocks;
  }
  blocks.push({
    key: 'request',
    name: 'AppendEntriesRPC',
    title: title('AppendEntriesRPC', requests.filter((o) => o.message.type !== 'InstallSnapshot').map((o) => o.to).join(' ')),
    // Every addressee has its own line (nextIndex differs per follower, R16); the panel scrolls.
    lines: requests.filter((o) => o.message.type !== 'InstallSnapshot').map((o) => {
      const m = o.message;
      const entries = m.type === 'AppendEntries' ? m.entries.map((e) => (e.value === ' ' ? theme.sym.space : e.value)).join('') : '';
      const f = (name: CardField, label: string) => field({ area: 'card-field', to: o.to, field: name }, label);
      return {
        key: o.to,
        focus: onCard(o.to),
        node: (
          <>
            {o.to}: {f('term', 'term')} {f('prevLogIndex', 'prev')} {f('prevLogTerm', 't')} [{entries}] {f('leaderCommit', 'leaderCommit')}
          </>
        ),
      };
    }),
  });
  return blocks;
}

/**
 * `?`: the rule for the cell under the cursor, drawn over the middle of the screen (the sheet
 * stays in sight, the footer keeps its rows). It scrolls with ↑↓ when the rule is longer than
 * the rows there are; `↓ +N` says how much is below.
 */
function HelpOverlay({ view, screen, lang, theme, rows, width }: { view: SeatView; screen: ScreenState; lang: Lang; theme: Theme; rows: number; width: number }) {
  const help = ruleHelp(screen, lang, view.hints, view.recipe);
  // Wrapped at word boundaries; a continuation line does not start with the space it broke at.
  const wrap = (p: string) => wrapTo(shown(theme, p), width).map((l, i) => (i === 0 ? l : l.trimStart()));
  const text = [...(help.cell ? [help.hint ? `${help.cell} · ${help.hint}` : help.cell] : []), ...help.body.split('\n'), ...(help.recipe ? [help.recipe] : [])].flatMap(wrap);
  const room = Math.max(1, rows - 2);
  const top = Math.max(0, Math.min(screen.helpScroll ?? 0, text.length - room));
  const visible = text.slice(top, top + room);
  const below = text.length - top - visible.length;
  return (
    <Box flexDirection="column" width={width} flexShrink={0}>
      <Text bold inverse wrap="truncate-end">
        {shown(theme, `? ${help.title}`)}
      </Text>
      {visible.map((line, i) => (
        <Text key={i} wrap="truncate-end" color={help.cell && top + i === 0 ? tint(theme, theme.colour.accent) : undefined}>
          {line}
        </Text>
      ))}
      <Text color={tint(theme, theme.colour.dim)} wrap="truncate-end">
        {shown(theme, `${top > 0 ? `↑ +${top}  ` : ''}${below > 0 ? `↓ +${below}  ` : ''}${top > 0 || below > 0 ? '↑↓ scroll · ' : ''}? / esc ${t(lang, 'close')}`)}
      </Text>
    </Box>
  );
}

/** Everything under the cards, as lines with a priority, so they can be fitted to the rows left. */
export function footerLines({ view, screen, lang, theme, guide, quitQuestion }: StudentScreenProps): FooterLine[] {
  const lines: FooterLine[] = [];
  const add = (key: string, text: string, priority: number, style: Partial<FooterLine> = {}) =>
    lines.push({ key, text: shown(theme, text), priority, ...style });
  for (const v of view.violations.slice(-1)) {
    add('violation', `${t(lang, 'violation')} ${v.property}: ${v.explain[lang]}`, 60, { color: theme.colour.error, bold: true, inverse: !theme.color });
  }
  if (view.prompt) add('prompt', `» ${view.prompt[lang]}`, 50, { color: 'cyan' });
  const announcement = view.announcements[view.announcements.length - 1];
  if (announcement) add('ann', `! ${announcement[lang]}`, 40, { color: 'magenta' });
  for (const [i, g] of (guide ?? []).entries()) add(`guide${i}`, g, i === (guide ?? []).length - 1 ? 95 : 80, { color: 'green', bold: i === (guide ?? []).length - 1 });
  const v = screen.verdict;
  if (v) {
    if (v.accepted && v.mistakes.length === 0) add('verdict', t(lang, 'accepted'), 70, { color: theme.colour.ok });
    else if (!v.accepted && v.mistakes.length === 0 && v.message) add('verdict', v.message[lang], 75, { color: theme.colour.error });
    else {
      add('verdict', t(lang, v.accepted ? 'observed' : 'refused'), 75, { color: theme.colour.error, bold: true });
      // The first mistake stays longest; a student fixes one thing at a time.
      v.mistakes.slice(0, 3).forEach((m, i) =>
        add(`mistake${i}`, `${theme.sym.no} ${m.rule}${m.mistake ? `/${m.mistake}` : ''} · ${m.explain[lang]}`, 74 - i * 5, { color: theme.colour.error }),
      );
    }
  }
  if (view.restartedFrom) {
    add('restart', t(lang, 'restarted', { c: view.restartedFrom.commitIndex, a: view.restartedFrom.lastApplied }), 55, { color: theme.colour.persisted });
  }
  if (screen.notice) add('notice', noticeText(screen.notice, lang), 85, { color: theme.colour.error });
  if (screen.awaitingLetter) add('write', `${t(lang, 'writeLetter')} ${[...screen.typed].map((ch) => (ch === ' ' ? theme.sym.space : ch)).join('')}▏`, 96);
  if (screen.quitAsked) add('quit', quitQuestion ?? t(lang, 'quitAsk'), 97);
  if (view.question && screen.questionHidden === view.question.id) add('question', `? ${view.question.text[lang]} · ${questionSay(lang, 'hidden')}`, 90, { color: 'yellow' });
  const keys = screen.draft ? 'keysDraft' : view.sheet.role === 'leader' ? 'keysLeader' : 'keysIdle';
  // Solo's guide already names the key to press: it stands in for the idle key line (the rows
  // are needed), while a draft keeps its own keys.
  if (!(guide && guide.length > 0 && !screen.draft)) add('keys', t(lang, keys), 100, { color: theme.colour.dim });
  return lines;
}

function Footer({ lines, theme }: { lines: FooterLine[]; theme: Theme }) {
  return (
    <Box flexDirection="column" marginTop={1}>
      {lines.map((l) => (
        <Text key={l.key} color={l.color ? tint(theme, l.color) : undefined} bold={l.bold} inverse={l.inverse}>
          {l.text}
        </Text>
      ))}
    </Box>
  );
}

export function noticeText(notice: string, lang: Lang): string {
  if (notice === 'expect-enter') return t(lang, 'noticeExpectEnter');
  if (notice.startsWith('expect-letter:')) return t(lang, 'noticeExpectLetter', { letter: notice.slice('expect-letter:'.length) === ' ' ? '␣ (space)' : notice.slice('expect-letter:'.length) });
  const map: Record<string, WordOf<typeof t>> = {
    'inbox-empty': 'noticeInboxEmpty',
    'not-leader': 'noticeNotLeader',
    'leader-no-timeout': 'noticeLeaderNoTimeout',
    offline: 'noticeOffline',
    'card-gone': 'noticeCardGone',
    'no-replies': 'noticeNoReplies',
    'offline-link': 'noticeNoLink',
    'hints-off': 'hintsOff',
  };
  return map[notice] ? t(lang, map[notice]) : notice;
}

/**
 * Game 7 (R34, R35): how many servers the configuration in this sheet's log has, or that this
 * server is outside it: a learner (not added yet) or removed; nothing when membership changes are off.
 */
function membershipTag(sheet: ServerState, view: SeatView, lang: Lang): string | null {
  if (!view.membership) return null;
  const options = { ...seatStepOptions(view), initialConfig: view.membership.voters };
  const where = standing(sheet, sheet.id, options);
  if (where === 'learner') return ` · ${t(lang, 'learner')}`;
  if (where === 'removed') return ` · ${t(lang, 'removedMember')}`;
  return ` · ${t(lang, 'members', { n: votersOf(sheet, options).length })}`;
}
