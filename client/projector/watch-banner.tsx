/**
 * What the whole class must see on the projector above the boards: a pause (the room or some
 * clusters) and the instructor's latest announcement. Zero, one or two lines; the app counts them.
 */
import { Text } from 'ink';
import type { ReactNode } from 'react';
import type { InstructorView } from '../../src/game/types.js';
import type { Lang, Text as Words } from '../../src/i18n/text.js';
import type { Theme } from '../theme.js';
import { tint } from '../theme.js';
import { pw } from './words.js';

export function watchBanner(view: InstructorView | null, announcement: Words | null, lang: Lang, theme: Theme): ReactNode[] {
  const lines: ReactNode[] = [];
  const paused = view?.clusters.filter((c) => c.paused !== undefined) ?? [];
  if (view && paused.length > 0) {
    const all = paused.length === view.clusters.length;
    lines.push(
      <Text key="paused" inverse bold color={tint(theme, theme.colour.error)} wrap="truncate-end">
        {all ? pw(lang, 'roomPaused') : pw(lang, 'clustersPaused', { ids: paused.map((c) => c.id).join(' ') })}
      </Text>,
    );
  }
  if (announcement) {
    lines.push(
      <Text key="announce" bold color={tint(theme, theme.colour.accent)} wrap="truncate-end">
        {theme.ascii ? '>> ' : '📣 '}
        {announcement[lang]}
      </Text>,
    );
  }
  return lines;
}
