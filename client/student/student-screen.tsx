/**
 * The student's screen: their Raft State sheet, inbox, the card in hand, the instructor's
 * prompt, the referee's word and a key help line. Draws state only; keys are handled by
 * screen-state.ts. Fits 80×24 (the frame stays at most rows − 1 tall, so Ink never clears the
 * screen on redraw) and uses more room when there is more.
 */
import { Box, Text } from 'ink';
import type { ReactNode } from 'react';
import type { Lang } from '../../src/i18n/text.js';
import type { SeatView } from '../../src/game/types.js';
import { currentTerm } from '../../src/raft/log.js';
import type { ServerState } from '../../src/raft/types.js';
import { responseRow } from '../../src/game/cards.js';
import { CardView, ResponseRow } from '../components/card-view.js';
import { LogGrid, logBlocks, type Cursor } from '../components/log-grid.js';
import { TermsRow } from '../components/terms-row.js';
import { t, type WordKey } from '../i18n.js';
import type { Theme } from '../theme.js';
import { shown, tint } from '../theme.js';
import { type CellId, type Draft, cellText, isReply } from './draft.js';
import { rulePanel } from './rule-help.js';
import { currentCell, type ScreenState } from './screen-state.js';
import { fitLines, totalRows, type FooterLine } from './footer-fit.js';

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
}

export const MIN_WIDTH = 80;
export const MIN_HEIGHT = 24;

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
  const blocks = logBlocks(cells, wide ? width - 48 : width, tall ? 3 : 2);
  const sheetRows = wide ? Math.max(3, 1 + 4 * blocks) : 3 + 1 + 4 * blocks;
  const fixed = 1 + sheetRows + 1 + 1;
  const MIDDLE_MIN = 4;
  const footer = fitLines(footerLines(props), width, height - 1 - fixed - MIDDLE_MIN);
  const middle = Math.max(MIDDLE_MIN, height - 1 - fixed - totalRows(footer, width));
  return (
    <Box flexDirection="column" width={width}>
      <Header {...props} sheet={sheet} cell={cell} />
      <Box flexDirection={width >= 120 ? 'row' : 'column'}>
        <Box marginRight={2}>
          <TermsRow sheet={sheet} saved={view.sheet} cursorTerm={cell?.area === 'vote' ? cell.term : null} width={width >= 120 ? 44 : width} lang={lang} theme={theme} />
        </Box>
        <LogGrid sheet={sheet} saved={view.sheet} cursor={logCursor(cell)} width={width >= 120 ? width - 48 : width} maxBlocks={tall ? 3 : 2} lang={lang} theme={theme} />
      </Box>
      <Box marginTop={1} height={middle} overflow="hidden">
        <Box width={28} flexShrink={0} flexDirection="column" marginRight={1}>
          <Inbox view={view} screen={screen} lang={lang} theme={theme} rows={middle} />
        </Box>
        <Box flexDirection="column" flexGrow={1}>
          {draft ? <DraftCards draft={draft} cell={cell} view={view} lang={lang} theme={theme} /> : <CardInHand view={view} screen={screen} lang={lang} theme={theme} />}
        </Box>
      </Box>
      <Footer lines={footer} theme={theme} />
    </Box>
  );
}

function Header({ view, status, code, lang, theme, sheet, cell, screen }: StudentScreenProps & { sheet: ServerState; cell: CellId | null }) {
  const roleWord: WordKey = sheet.role;
  const plate = `${theme.sym[sheet.role]} ${t(lang, roleWord)}`;
  const online = !view.online ? t(lang, 'offline') : status === 'online' ? t(lang, 'online') : t(lang, status);
  const dot = view.online && status === 'online' ? theme.sym.online : theme.sym.offline;
  return (
    <Box justifyContent="space-between">
      <Text>
        <Text bold>raft-sheet</Text> · {view.cluster} · <Text bold inverse={!theme.color}>{view.server}</Text> ·{' '}
        <Text inverse={cell?.area === 'role'} color={tint(theme, sheet.role === 'leader' ? 'yellow' : sheet.role === 'candidate' ? 'magenta' : 'white')} bold>
          {plate}
        </Text>{' '}
        · {t(lang, 'term')} t{currentTerm(sheet)}
        {screen.draft ? <Text color={tint(theme, theme.colour.draft)}> · {t(lang, 'drafting')} {theme.sym.draft}</Text> : null}
      </Text>
      <Text>
        {code ? `code ${code} · ` : ''}<Text color={tint(theme, view.online && status === 'online' ? theme.colour.ok : theme.colour.error)}>{dot}</Text> {online}
      </Text>
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
  return (
    <>
      <Text bold>
        {t(lang, 'inbox')} ({view.inbox.length})
      </Text>
      {visible.length === 0 ? <Text color={tint(theme, theme.colour.dim)}>{t(lang, 'inboxEmpty')}</Text> : null}
      {visible.map((c, i) => {
        const selected = first + i === screen.inboxIndex;
        const name = shown(theme, c.message.type.replace('Reply', ' ↩').replace('AppendEntries', 'AppendEntr.'));
        return (
          <Text key={c.id} inverse={selected && !screen.draft} color={selected ? undefined : tint(theme, theme.colour.dim)}>
            {selected ? theme.sym.pointer : ' '} {name.padEnd(15)} {c.from.padEnd(3)} t{c.message.term}
          </Text>
        );
      })}
      {view.inbox.length > visible.length ? <Text color={tint(theme, theme.colour.dim)}>  +{view.inbox.length - visible.length}</Text> : null}
    </>
  );
}

/** No draft: the selected card, else the last card this server wrote with its Response row. */
function CardInHand({ view, screen, lang, theme }: { view: SeatView; screen: ScreenState; lang: Lang; theme: Theme }) {
  const card = view.inbox[screen.inboxIndex];
  const sent = view.sent[0];
  // The card in hand first; under it the last card this server wrote, with its Response row,
  // so a candidate or leader counts its ticks while taking the replies.
  return (
    <Box flexDirection="column">
      {card ? <CardView message={card.message} from={card.from} lang={lang} theme={theme} /> : null}
      {sent ? (
        <CardView message={sent.message} from={sent.from} responses={sent.responses} cluster={view.sheet.cluster} lang={lang} theme={theme} label={t(lang, 'yourCard')} />
      ) : null}
    </Box>
  );
}

/** The cards being written in this move, with the cursor on the field being filled. */
function DraftCards({ draft, cell, view, lang, theme }: { draft: Draft; cell: CellId | null; view: SeatView; lang: Lang; theme: Theme }) {
  const here = (c: CellId) => cell !== null && JSON.stringify(c) === JSON.stringify(cell);
  const field = (c: CellId, label: string) => (
    <Text key={label}>
      {label}{' '}
      <Text inverse={here(c)} color={tint(theme, theme.colour.draft)} bold>
        {cellText(draft, c) || '_'}
      </Text>
      {'  '}
    </Text>
  );
  const replies = draft.move.send.filter((o) => isReply(o.message));
  const requests = draft.move.send.filter((o) => !isReply(o.message));
  const source = draft.input.kind === 'card' ? view.inbox.find((c) => c.id === (draft.input as { card: string }).card) : undefined;
  return (
    <Box flexDirection="column">
      {source ? <CardView message={source.message} from={source.from} lang={lang} theme={theme} /> : null}
      {draft.core.kind === 'replies' ? <Text>{t(lang, 'readingReplies')} {draft.core.replies.map((r) => `${r.from} ${(r.message.type === 'RequestVoteReply' ? r.message.voteGranted : r.message.success) ? theme.sym.ok : theme.sym.no}`).join('  ')}</Text> : null}
      <Text>
        {field({ area: 'role' }, 'role')}
        {field({ area: 'commit' }, 'commitIndex')}
      </Text>
      {replies.length > 0 ? (
        <Text>
          {t(lang, 'yourAnswer')} {source?.from ?? ''}: {replies.map((o) => field({ area: 'ok', to: o.to }, 'ok'))}
        </Text>
      ) : null}
      {requests.length > 0 ? <RequestDraft draft={draft} field={field} lang={lang} theme={theme} /> : null}
    </Box>
  );
}

function RequestDraft({ draft, field, lang, theme }: { draft: Draft; field: (c: CellId, label: string) => ReactNode; lang: Lang; theme: Theme }) {
  const requests = draft.move.send.filter((o) => !isReply(o.message));
  const first = requests[0].message;
  const cluster = draft.before.cluster;
  if (first.type === 'RequestVote') {
    const responses = Object.fromEntries(cluster.filter((id) => id !== draft.before.id).map((id) => [id, 'waiting' as const]));
    return (
      <Box flexDirection="column">
        <Text bold color={tint(theme, theme.colour.accent)}>RequestVoteRPC <Text color={tint(theme, theme.colour.dim)}>{t(lang, 'to')} {requests.length}</Text></Text>
        <Text>
          {field({ area: 'card-field', to: '*', field: 'term' }, 'term')}
          candidateId {draft.before.id}{'  '}
          {field({ area: 'card-field', to: '*', field: 'lastLogIndex' }, 'lastLogIndex')}
          {field({ area: 'card-field', to: '*', field: 'lastLogTerm' }, 'lastLogTerm')}
        </Text>
        <ResponseRow responses={responseRow(draft.before.id, responses)} cluster={cluster} lang={lang} theme={theme} />
      </Box>
    );
  }
  return (
    <Box flexDirection="column">
      <Text bold color={tint(theme, theme.colour.accent)}>AppendEntriesRPC <Text color={tint(theme, theme.colour.dim)}>{t(lang, 'to')} {requests.map((o) => o.to).join(' ')}</Text></Text>
      {requests.slice(0, 3).map((o) => {
        const m = o.message;
        const entries = m.type === 'AppendEntries' ? m.entries.map((e) => (e.value === ' ' ? theme.sym.space : e.value)).join('') : '';
        return (
          <Text key={o.to}>
            {o.to}: {field({ area: 'card-field', to: o.to, field: 'prevLogIndex' }, 'prev')}
            {field({ area: 'card-field', to: o.to, field: 'prevLogTerm' }, 't')}
            [{entries}] {field({ area: 'card-field', to: o.to, field: 'leaderCommit' }, 'leaderCommit')}
          </Text>
        );
      })}
      {requests.length > 3 ? <Text color={tint(theme, theme.colour.dim)}>… +{requests.length - 3}</Text> : null}
    </Box>
  );
}

/** Everything under the cards, as lines with a priority, so they can be fitted to the rows left. */
export function footerLines({ view, screen, lang, theme, guide }: StudentScreenProps): FooterLine[] {
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
  if (screen.overlay !== 'none') rulePanel(screen, lang).split('\n').forEach((part, i) => add(`rule${i}`, part, 90 - i, {}));
  if (screen.notice) add('notice', noticeText(screen.notice, lang), 85, { color: theme.colour.error });
  if (screen.awaitingLetter) add('write', `${t(lang, 'writeLetter')} ${[...screen.typed].map((ch) => (ch === ' ' ? theme.sym.space : ch)).join('')}▏`, 96);
  if (screen.quitAsked) add('quit', t(lang, 'quitAsk'), 97);
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

function noticeText(notice: string, lang: Lang): string {
  if (notice === 'expect-enter') return t(lang, 'noticeExpectEnter');
  if (notice.startsWith('expect-letter:')) return t(lang, 'noticeExpectLetter', { letter: notice.slice('expect-letter:'.length) === ' ' ? '␣ (space)' : notice.slice('expect-letter:'.length) });
  const map: Record<string, WordKey> = {
    'inbox-empty': 'noticeInboxEmpty',
    'not-leader': 'noticeNotLeader',
    'leader-no-timeout': 'noticeLeaderNoTimeout',
    offline: 'noticeOffline',
    'card-gone': 'noticeCardGone',
    'no-replies': 'noticeNoReplies',
    'offline-link': 'noticeNoLink',
  };
  return map[notice] ? t(lang, map[notice]) : notice;
}
