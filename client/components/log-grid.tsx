/**
 * The Raft Log of the paper sheet: blocks of columns with rows index / term / value / applied,
 * one letter per cell, wrapping to the terminal's width. The last row marks each entry's state
 * by symbol and colour: applied ✔, committed ●, persisted ○, draft ◌ (log-entry-states.png).
 * In log-compaction games (R29) the title line holds the snapshot box (last included index and
 * term, the applied text) and the columns count on from lastIncludedIndex + 1; the cells and the
 * cursor stay positions in `log`, only the index row and the entry states read absolute indexes.
 */
import { Box, Text } from 'ink';
import type { Lang } from '../../src/i18n/text.js';
import { snapshotIndex } from '../../src/raft/snapshot.js';
import type { Entry, ServerState } from '../../src/raft/types.js';
import { t } from '../i18n.js';
import type { Theme } from '../theme.js';
import { tint } from '../theme.js';
import { padTo } from './text-width.js';

export type EntryState = 'applied' | 'committed' | 'persisted' | 'draft' | 'empty';

export interface Cursor {
  index: number;
  row: 'term' | 'value' | 'applied';
}

export interface LogGridProps {
  sheet: ServerState;
  saved: ServerState;
  cursor: Cursor | null;
  width: number;
  /** Blocks drawn at most (older blocks first scroll away). */
  maxBlocks: number;
  lang: Lang;
  theme: Theme;
}

const CELL = 3;
const LABEL = 10;

/**
 * The width of one log column: a letter and two spaces, or wider when a configuration entry
 * (`+i9`, `-i1`: game 7, R33) is in either log, so neighbouring cells never touch.
 */
export function cellWidth(...logs: readonly Entry[][]): number {
  let widest = 1;
  for (const log of logs) for (const e of log) widest = Math.max(widest, [...e.value].length);
  return Math.max(CELL, widest + 1);
}

/** The state of the entry at position `index` (1-based) of `sheet.log` as drawn on the sheet. */
export function entryState(sheet: ServerState, saved: ServerState, index: number): EntryState {
  const e = sheet.log[index - 1];
  if (!e) return 'empty';
  const abs = snapshotIndex(sheet) + index; // R29: the log starts after the snapshot box
  const s = saved.log[abs - snapshotIndex(saved) - 1];
  if (!s || s.term !== e.term || s.value !== e.value) return 'draft';
  if (abs <= sheet.lastApplied) return 'applied';
  if (abs <= sheet.commitIndex) return 'committed';
  return 'persisted';
}

/** R29: the snapshot box in one short phrase, its text cut from the left to `room` columns. */
export function snapshotPhrase(sheet: ServerState, lang: Lang, theme: Theme, room = 24): string {
  const box = sheet.snapshot;
  if (!box) return '';
  const letters = [...box.data].map((v) => (v === ' ' ? theme.sym.space : v));
  const text = letters.length > room ? `…${letters.slice(letters.length - room + 1).join('')}` : letters.join('');
  return `${t(lang, 'snapshotBox')} ≤${box.lastIncludedIndex}/t${box.lastIncludedTerm} "${text}"`;
}

/** Columns in one block of the log at this width. */
export function perBlock(width: number, cell = CELL): number {
  return Math.max(4, Math.floor((width - LABEL) / cell));
}

/** How many blocks (of 4 rows each) the log grid draws for `cells` cells. */
export function logBlocks(cells: number, width: number, maxBlocks: number, cell = CELL): number {
  return Math.min(maxBlocks, Math.ceil(cells / perBlock(width, cell)));
}

export function LogGrid({ sheet, saved, cursor, width, maxBlocks, lang, theme }: LogGridProps) {
  const cell = cellWidth(sheet.log, saved.log);
  const per = perBlock(width, cell);
  const cells = Math.max(sheet.log.length, saved.log.length) + 1; // one free cell to write into
  const box = snapshotPhrase(sheet, lang, theme, Math.max(8, width - 44));
  const blocks = Math.ceil(cells / per);
  const firstBlock = Math.max(0, blocks - maxBlocks);
  const out = [];
  for (let b = firstBlock; b < blocks; b++) {
    const from = b * per + 1;
    const to = Math.min(cells, from + per - 1);
    out.push(<LogBlock key={b} from={from} to={to} cell={cell} sheet={sheet} saved={saved} cursor={cursor} lang={lang} theme={theme} />);
  }
  return (
    <Box flexDirection="column">
      <Text bold>
        {t(lang, 'raftLog')}
        <Text color={tint(theme, theme.colour.dim)}>
          {'  '}
          {t(lang, 'commit')} {sheet.commitIndex}
          {'  '}
          {box ? '' : theme.ascii ? '+ applied  * committed  o persisted  ~ draft' : t(lang, 'legend')}
        </Text>
        {box ? <Text color={tint(theme, theme.colour.applied)}>{box}</Text> : null}
      </Text>
      {out}
    </Box>
  );
}

function LogBlock(props: { from: number; to: number; cell: number; sheet: ServerState; saved: ServerState; cursor: Cursor | null; lang: Lang; theme: Theme }) {
  const { from, to, cell: CELL, sheet, saved, cursor, lang, theme } = props;
  const idx = Array.from({ length: to - from + 1 }, (_, i) => from + i);
  const colourOf = (state: EntryState) =>
    state === 'empty' ? undefined : tint(theme, theme.colour[state]);
  const symbolOf = (state: EntryState) => (state === 'empty' ? '' : theme.sym[state]);
  const cellText = (e: Entry | undefined, row: 'term' | 'value') =>
    !e ? '' : row === 'term' ? `t${e.term}` : e.value === ' ' ? theme.sym.space : e.value;
  // Without colour the cursor's cell is bracketed (inverse alone vanishes under NO_COLOR): the
  // `[` takes the blank column before the cell, so the columns stay where they are.
  const bracketed = (kind: string) => !theme.color && cursor !== null && cursor.row === kind && cursor.index >= from && cursor.index <= to;
  const row = (label: string, kind: 'index' | 'term' | 'value' | 'applied') => (
    <Text>
      {padTo(label, LABEL - 1, 'right')}
      {bracketed(kind) && cursor?.index === from ? '' : ' '}
      {idx.map((i) => {
        const state = entryState(sheet, saved, i);
        const here = cursor !== null && cursor.index === i && cursor.row === kind;
        const text =
          kind === 'index' ? String(snapshotIndex(sheet) + i) : kind === 'applied' ? symbolOf(state) : cellText(sheet.log[i - 1], kind);
        const shownText = text || (here ? '_' : '');
        const beforeCursor = bracketed(kind) && cursor?.index === i + 1;
        const cell = here && !theme.color ? padTo(`[${shownText}]`, CELL + 1) : padTo(shownText, beforeCursor ? CELL - 1 : CELL);
        return (
          <Text key={i} inverse={here} color={kind === 'index' ? tint(theme, theme.colour.dim) : colourOf(state)} bold={kind === 'value'}>
            {cell}
          </Text>
        );
      })}
    </Text>
  );
  return (
    <Box flexDirection="column">
      {row(t(lang, 'index'), 'index')}
      {row(t(lang, 'term'), 'term')}
      {row(t(lang, 'value'), 'value')}
      {row(t(lang, 'applied'), 'applied')}
    </Box>
  );
}
