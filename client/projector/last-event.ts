/**
 * The projector's "last event" of a cluster when all it has is the instructor's view: the most
 * telling difference between two successive views (a broken property, a new leader, a new step,
 * a commit, a server going offline or back, a new term). Pure, so it is tested without a hub.
 */
import type { Lang } from '../../src/i18n/text.js';
import type { ClusterOverview } from '../../src/game/types.js';
import { pw } from './words.js';

export function lastChange(prev: ClusterOverview | undefined, next: ClusterOverview, lang: Lang): string | null {
  if (!prev) return null;
  if (next.violations.length > prev.violations.length) {
    const v = next.violations[next.violations.length - 1];
    return `${pw(lang, 'violation', { property: v.property })}: ${v.servers.join(', ')}${v.term !== undefined ? ` t${v.term}` : ''}`;
  }
  const had = new Set(prev.leaders.map((l) => `${l.server}|${l.term}`));
  const fresh = next.leaders.find((l) => !had.has(`${l.server}|${l.term}`));
  if (fresh) return pw(lang, 'leaderNew', { server: fresh.server, term: fresh.term });
  const a = prev.script;
  const b = next.script;
  if (b && (!a || a.game !== b.game || a.step !== b.step)) return `${pw(lang, 'stepNow', { game: b.game, step: b.step })} ${b.title[lang]}`;
  if (next.commitIndex > prev.commitIndex) return pw(lang, 'commitTo', { n: next.commitIndex });
  for (const [id, on] of Object.entries(next.online)) {
    if (prev.online[id] === on) continue;
    return pw(lang, on ? 'backOnline' : 'offline', { server: id });
  }
  if (next.term > prev.term) return pw(lang, 'termTo', { term: next.term });
  return null;
}
