/**
 * The projector's "last event" of a cluster when all it has is the instructor's view: the latest
 * change between two successive views, told only when nothing else on the cluster's panel already
 * states it. The panel shows the current term, leader and commit (the board's header), the split
 * and the servers offline (the header too), the step (the step line) and the newest violation (the
 * violation line); a change to any of those clears the last event, so it is never stale and never a
 * second copy of a fact. What is left are the changes that leave no state behind: a server back
 * online, a partition healed. Pure, so it is tested without a hub.
 */
import type { Lang } from '../../src/i18n/text.js';
import type { ClusterOverview } from '../../src/game/types.js';
import { pw } from './words.js';

/** `i1–i3 | i4–i8`: each group's servers, runs of three or more as a range. */
export function groupsText(groups: string[][]): string {
  return groups.map(serversText).join(' | ');
}

/** `i1–i3 i5`: servers in number order, runs of three or more as a range. */
export function serversText(ids: string[]): string {
  const num = (id: string) => Number(id.replace(/\D/g, ''));
  const sorted = [...ids].sort((a, b) => num(a) - num(b));
  const parts: string[] = [];
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && num(sorted[j + 1]) === num(sorted[j]) + 1) j++;
    if (j - i >= 2) parts.push(`${sorted[i]}–${sorted[j]}`);
    else for (let k = i; k <= j; k++) parts.push(sorted[k]);
    i = j + 1;
  }
  return parts.join(' ');
}

const split = (c: ClusterOverview) => JSON.stringify(c.faults?.partitions ?? []);

/**
 * The last event after `next` arrives: `before` when nothing the panel tells has changed, a
 * sentence for a change the panel would not show (back online, partition healed), and undefined
 * when the latest change is one the panel already states.
 */
export function lastEvent(prev: ClusterOverview | undefined, next: ClusterOverview, lang: Lang, before?: string): string | undefined {
  if (!prev) return before;
  if (next.violations.length > prev.violations.length) return undefined;
  if (split(prev) !== split(next)) return (next.faults?.partitions ?? []).length === 0 ? pw(lang, 'healed') : undefined;
  const a = prev.script;
  const b = next.script;
  if (b && (!a || a.game !== b.game || a.step !== b.step)) return undefined;
  const back = Object.entries(next.online).filter(([id, on]) => on && prev.online[id] === false).map(([id]) => id);
  const gone = Object.entries(next.online).some(([id, on]) => !on && prev.online[id] !== false);
  if (gone) return undefined;
  if (back.length) return pw(lang, 'backOnline', { server: serversText(back) });
  const leaders = (c: ClusterOverview) => JSON.stringify(c.leaders);
  if (leaders(prev) !== leaders(next) || next.commitIndex !== prev.commitIndex || next.term !== prev.term) return undefined;
  return before;
}
