/**
 * A Raft State sheet as readable text (EXERCISE.md "The sheet"): role and term, the Terms row with
 * the votes (`—` for a term lived through without voting), the log grid in blocks of 14 columns
 * with rows index / term / value / applied, and the commit index; in membership games (R34) the
 * configuration the sheet counts majorities in. Pure; the simulator CLI prints it and the golden
 * sheets hold it.
 */
import { currentTerm } from '../raft/log.js';
import { membershipOn, standing, votersOf } from '../raft/membership.js';
import { snapshotIndex } from '../raft/snapshot.js';
import type { ServerState, StepOptions } from '../raft/types.js';
import type { Lang } from '../i18n/text.js';

const ROLE: Record<Lang, Record<ServerState['role'], string>> = {
  en: { leader: 'Leader ♛', candidate: 'Candidate', follower: 'Follower' },
  ru: { leader: 'Лидер ♛', candidate: 'Кандидат', follower: 'Последователь' },
};
const WORDS: Record<Lang, { term: string; commit: string; offline: string; empty: string }> = {
  en: { term: 'term', commit: 'commitIndex', offline: 'offline (sheet turned over)', empty: '(empty log)' },
  ru: { term: 'терм', commit: 'commitIndex', offline: 'не в сети (лист перевёрнут)', empty: '(журнал пуст)' },
};

const OUTSIDE: Record<Lang, Record<'learner' | 'removed', string>> = {
  en: { learner: 'learner', removed: 'removed' },
  ru: { learner: 'ученик', removed: 'исключён' },
};

export const BLOCK = 14;
const cell = (s: string) => s.padEnd(4);

export function sheetHeader(s: ServerState, lang: Lang = 'en', online = true, options?: StepOptions): string {
  const w = WORDS[lang];
  const parts = [s.id, ROLE[lang][s.role], `${w.term} t${currentTerm(s)}`, `${w.commit} ${s.commitIndex}`];
  // Membership games only (R34): the latest configuration in this sheet's own log, whose
  // majorities it counts; a server outside it is a learner (not added yet) or removed.
  if (membershipOn(options)) {
    const config = `${lang === 'ru' ? 'конфигурация' : 'config'} ${votersOf(s, options).join(' ')}`;
    const where = standing(s, s.id, options);
    parts.push(where === 'member' ? config : `${OUTSIDE[lang][where]} (${config})`);
  }
  // Pre-vote games only (R26, R27): the pre-votes counted and the leader heard from.
  if (s.preVotes) parts.push(`${lang === 'ru' ? 'предголоса' : 'pre-votes'} ${s.preVotes.join(' ')}`);
  if (s.leader) parts.push(`${lang === 'ru' ? 'слышит лидера' : 'hears leader'} ${s.leader}`);
  if (!online) parts.push(w.offline);
  return parts.join(' · ');
}

export function termsRows(s: ServerState): string[] {
  const terms = s.votes.map((_, i) => cell(`t${i + 1}`)).join('');
  const votes = s.votes.map((v) => cell(v ?? '—')).join('');
  return [`  Terms  term   ${terms}`.trimEnd(), `         vote   ${votes}`.trimEnd()];
}

/** R29: the snapshot box, in log-compaction games only: last included index and term, the applied text. */
export function snapshotRow(s: ServerState, lang: Lang = 'en'): string[] {
  if (!s.snapshot) return [];
  const { lastIncludedIndex: i, lastIncludedTerm: t, data } = s.snapshot;
  const text = [...data].map((v) => (v === ' ' ? '␣' : v)).join('');
  return [`  ${lang === 'ru' ? 'Снимок' : 'Snapshot'}  ${lang === 'ru' ? 'последняя включённая' : 'last included'} ${i}/t${t} · "${text}"`];
}

export function logRows(s: ServerState, lang: Lang = 'en'): string[] {
  if (s.log.length === 0) return [`  Log    ${WORDS[lang].empty}`];
  const out: string[] = [];
  const base = snapshotIndex(s); // R29: the log starts after the snapshot box
  for (let from = 0; from < s.log.length; from += BLOCK) {
    const block = s.log.slice(from, from + BLOCK);
    const idx = block.map((_, k) => cell(String(base + from + k + 1))).join('');
    const term = block.map((e) => cell(`t${e.term}`)).join('');
    const value = block.map((e) => cell(e.value === ' ' ? '␣' : e.value)).join('');
    const applied = block.map((_, k) => cell(base + from + k + 1 <= s.lastApplied ? '✔' : '')).join('');
    out.push(`  Log   index   ${idx}`.trimEnd(), `         term   ${term}`.trimEnd(), `        value   ${value}`.trimEnd(), `      applied   ${applied}`.trimEnd());
  }
  return out;
}

export function sheetText(s: ServerState, lang: Lang = 'en', online = true, options?: StepOptions): string {
  return [sheetHeader(s, lang, online, options), ...termsRows(s), ...snapshotRow(s, lang), ...logRows(s, lang)].join('\n');
}
