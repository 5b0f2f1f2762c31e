/**
 * The cluster monitor: detects violations of the Raft safety properties P1–P5 (RAFT-RULES.md E,
 * the paper's Figure 3) incrementally, one change of one server's sheet at a time.
 *
 * It watches what happened, not what should have happened: the referee judges a move against the
 * rules; the monitor says which guarantee of Raft a bent rule has actually broken in the cluster.
 * Each violation is reported once (by a key kept in the state). The state is plain JSON data
 * (records and arrays), because it is journaled with the game.
 */
import type { Text } from '../i18n/text.js';
import { currentTerm } from './log.js';
import { entryAtIndex, lastIndex } from './snapshot.js';
import type { Entry, ServerId, ServerState } from './types.js';
import { isConfigEntry } from './membership.js';

/** The configuration entries of a log (R33), as the sheet reads them: '+i9 -i1 -i9'. */
const changesIn = (s: ServerState | undefined): string => (s ? s.log.filter(isConfigEntry).map((e) => e.value).join(' ') : '');

export type PropertyId = 'P1' | 'P2' | 'P3' | 'P4' | 'P5';

export interface Violation {
  property: PropertyId;
  servers: ServerId[];
  term?: number;
  index?: number;
  explain: Text;
}

/** An entry committed by a leader's R22 decision: the entry, the term of that decision, the leader. */
export interface CommitRecord {
  term: number;
  value: string;
  committedIn: number;
  by: ServerId;
}

/** The first entry applied at an index, and by whom (P5). */
export interface AppliedRecord {
  term: number;
  value: string;
  server: ServerId;
}

export interface MonitorState {
  /** Servers whose sheets the monitor has already taken in (the first sight records their state). */
  known: ServerId[];
  /** P1/P4: term (as a string key) → every server ever seen as leader of that term, in order. */
  leaders: Record<string, ServerId[]>;
  /** P4: index → the entry a leader committed there (the first such decision). */
  committed: Record<string, CommitRecord>;
  /** P5: index → the entry first applied there by any server. */
  applied: Record<string, AppliedRecord>;
  /** Keys of the violations already reported, so each is reported once. */
  reported: string[];
}

export function createMonitor(): MonitorState {
  return { known: [], leaders: {}, committed: {}, applied: {}, reported: [] };
}

/**
 * Call after every change of one server's sheet with its sheet `before` and `after` and every
 * server's sheet after the change (`cluster`, which may or may not contain `after` itself).
 * Returns the new monitor state (the old one is not modified) and the violations this change
 * caused, each named once.
 */
export function monitorStep(
  monitor: MonitorState,
  before: ServerState,
  after: ServerState,
  cluster: Record<ServerId, ServerState>,
): { monitor: MonitorState; violations: Violation[] } {
  const w = new Watch(monitor);
  // Sheets seen for the first time (a scenario may start from filled-in sheets) are taken in as
  // they stand: their leadership, their commits as leaders, their applied entries.
  if (!w.m.known.includes(before.id)) w.takeIn(before, cluster);
  for (const s of Object.values(cluster)) if (s.id !== after.id && !w.m.known.includes(s.id)) w.takeIn(s, cluster);

  const others = Object.values(cluster).filter((s) => s.id !== after.id);
  const all = [...others, after];
  if (after.role === 'leader') w.leader(after, all); // P1, P4 on becoming leader
  w.appendOnly(before, after); // P2
  for (const o of others) w.logMatching(after, o); // P3
  w.commits(before, after, all); // P4
  w.keepsApplied(before, after); // P5: an applied or committed entry changed in place
  w.applies(before.lastApplied, after, before); // P5
  return { monitor: w.m, violations: w.found };
}

/** P1's sentence; with membership changes (R33–R38) the two leaders may have counted in two configurations. */
function twoLeaders(term: number, other: ServerId, s: ServerState, otherSheet: ServerState | undefined): Violation['explain'] {
  const mine = changesIn(s);
  const theirs = changesIn(otherSheet);
  if (otherSheet && (mine !== '' || theirs !== '') && mine !== theirs) {
    return {
      en: `Two leaders in term ${term}: ${other} and ${s.id}. They counted their majorities in two configurations (${other}: ${theirs || 'the initial one'}; ${s.id}: ${mine || 'the initial one'}) whose majorities share no server: two configuration changes were in flight at once (R36, R37).`,
      ru: `Два лидера в терме ${term}: ${other} и ${s.id}. Они считали большинство в двух конфигурациях (${other}: ${theirs || 'начальная'}; ${s.id}: ${mine || 'начальная'}), у которых большинства не пересекаются: две смены конфигурации шли одновременно (R36, R37).`,
    };
  }
  return {
    en: `Two leaders in term ${term}: ${other} and ${s.id}. A server votes at most once per term and a leader needs a majority of the cluster; two majorities share a server, so someone voted twice or a vote was counted wrongly.`,
    ru: `Два лидера в терме ${term}: ${other} и ${s.id}. Сервер голосует не больше одного раза за терм, а лидеру нужно большинство кластера; два большинства пересекаются, значит, кто-то проголосовал дважды или голоса посчитаны неверно.`,
  };
}

class Watch {
  readonly m: MonitorState;
  readonly found: Violation[] = [];

  constructor(m: MonitorState) {
    // Copy-on-write at the top level: the records are replaced, never mutated in place.
    this.m = {
      known: [...m.known],
      leaders: { ...m.leaders },
      committed: { ...m.committed },
      applied: { ...m.applied },
      reported: [...m.reported],
    };
  }

  private report(key: string, v: Violation): void {
    if (this.m.reported.includes(key)) return;
    this.m.reported = [...this.m.reported, key];
    this.found.push(v);
  }

  takeIn(s: ServerState, cluster: Record<ServerId, ServerState>): void {
    this.m.known = [...this.m.known, s.id];
    const all = Object.values(cluster);
    if (s.role === 'leader') {
      this.leader(s, all);
      this.recordCommits(s, 0, s.commitIndex, all);
    }
    this.applies(0, s);
  }

  /** P1: at most one leader per term, over the whole history; P4: a new leader holds every commit. */
  leader(s: ServerState, all: readonly ServerState[] = []): void {
    const term = currentTerm(s);
    const key = String(term);
    const seen = this.m.leaders[key] ?? [];
    if (seen.includes(s.id)) return;
    this.m.leaders = { ...this.m.leaders, [key]: [...seen, s.id] };
    for (const other of seen) {
      this.report(`P1|${term}|${[other, s.id].sort().join('|')}`, {
        property: 'P1',
        servers: [other, s.id],
        term,
        explain: twoLeaders(term, other, s, all.find((x) => x.id === other)),
      });
    }
    // P4: the new leader of `term` must hold every entry committed in an earlier term.
    for (const [index, c] of this.commitsBefore(term)) {
      if (!sameEntry(at(s, index), c)) {
        this.reportMissing(s, term, index, c);
        break; // one violation per new leader: the first committed entry it lacks
      }
    }
  }

  private commitsBefore(term: number): [number, CommitRecord][] {
    return Object.entries(this.m.committed)
      .map(([k, c]) => [Number(k), c] as [number, CommitRecord])
      .filter(([, c]) => c.committedIn < term)
      .sort((a, b) => a[0] - b[0]);
  }

  private reportMissing(s: ServerState, term: number, index: number, c: CommitRecord): void {
    const has = at(s, index);
    this.reportP4(s.id, term, index, c, {
      en: `${s.id} is leader of term ${term}, but its log does not hold the entry ${entryEn(c)} at index ${index}` +
        `${has ? ` (it has ${entryEn(has)} there)` : ''}, which ${c.by} committed in term ${c.committedIn}. ` +
        'Every leader must hold all entries committed in earlier terms: a server must refuse its vote to a candidate whose log is less up-to-date.',
      ru: `${s.id} — лидер терма ${term}, но в его журнале нет записи ${entryRu(c)} с индексом ${index}` +
        `${has ? ` (там стоит ${entryRu(has)})` : ''}, а её закоммитил ${c.by} в терме ${c.committedIn}. ` +
        'Каждый лидер обязан хранить все записи, закоммиченные в прежних термах: сервер должен отказать в голосе кандидату с менее актуальным журналом.',
    });
  }

  /** P4: leader `id` of `term` lacks entry `c` at `index`, committed by `c.by` in an earlier term. */
  private reportP4(id: ServerId, term: number, index: number, c: CommitRecord, explain: Text): void {
    this.report(`P4|${id}|${term}|${index}`, { property: 'P4', servers: [id, c.by], term, index, explain });
  }

  /** P2: while s stays leader of the same term, its new log extends its previous log. */
  appendOnly(before: ServerState, after: ServerState): void {
    if (before.role !== 'leader' || after.role !== 'leader' || currentTerm(before) !== currentTerm(after)) return;
    const term = currentTerm(after);
    let index = 0;
    for (let k = 1; k <= lastIndex(before) && index === 0; k++) if (!sameEntry(at(before, k), at(after, k))) index = k;
    if (index === 0) return;
    const was = at(before, index)!;
    const now = at(after, index);
    this.report(`P2|${after.id}|${term}|${index}`, {
      property: 'P2',
      servers: [after.id],
      term,
      index,
      explain: {
        en: `${after.id}, leader of term ${term}, ${now ? `overwrote its own entry ${entryEn(was)} at index ${index} with ${entryEn(now)}` : `deleted its own entries from index ${index} (${entryEn(was)})`}. ` +
          'A leader never overwrites or deletes entries in its log; it only appends. Followers are brought in line with the leader, never the other way round.',
        ru: `${after.id}, лидер терма ${term}, ${now ? `перезаписал свою запись ${entryRu(was)} с индексом ${index} на ${entryRu(now)}` : `удалил свои записи начиная с индекса ${index} (${entryRu(was)})`}. ` +
          'Лидер никогда не перезаписывает и не удаляет записи своего журнала, он только дописывает новые. Журналы последователей подстраиваются под лидера, а не наоборот.',
      },
    });
  }

  /** P3: an entry of the same index and term in two logs means the logs agree up to that index. */
  logMatching(a: ServerState, b: ServerState): void {
    const n = Math.min(lastIndex(a), lastIndex(b));
    let d = 0; // first index where the entries differ (term or value)
    for (let k = 1; k <= n; k++) {
      if (!sameEntry(at(a, k), at(b, k))) {
        d = k;
        break;
      }
    }
    if (d === 0) return;
    for (let j = d; j <= n; j++) {
      const term = at(a, j)!.term;
      if (term === 0 || term !== at(b, j)!.term) continue; // a compacted entry's term is unknown
      const x = at(a, d)!;
      const y = at(b, d)!;
      this.report(`P3|${[a.id, b.id].sort().join('|')}|${j}|${term}`, {
        property: 'P3',
        servers: [a.id, b.id],
        term,
        index: j,
        explain: {
          en: `The logs of ${a.id} and ${b.id} both have an entry of term ${term} at index ${j}, yet they differ at index ${d} ` +
            `(${a.id}: ${entryEn(x)}, ${b.id}: ${entryEn(y)}). Logs that share an entry's index and term must be identical up to it; ` +
            'the prevLogIndex/prevLogTerm check of AppendEntries is what guarantees this.',
          ru: `В журналах ${a.id} и ${b.id} на индексе ${j} стоит запись терма ${term}, но на индексе ${d} они различаются ` +
            `(${a.id}: ${entryRu(x)}, ${b.id}: ${entryRu(y)}). Если у двух журналов совпадают индекс и терм записи, то до неё журналы должны совпадать полностью; ` +
            'это обеспечивает проверка prevLogIndex/prevLogTerm в AppendEntries.',
        },
      });
      return; // the first index where the property breaks names the problem
    }
  }

  /** P4: record a leader's commit decision; a committed entry never leaves a leader's log. */
  commits(before: ServerState, after: ServerState, all: ServerState[]): void {
    if (after.role !== 'leader') return;
    const term = currentTerm(after);
    if (before.role === 'leader' && currentTerm(before) === term) {
      for (const [index, c] of Object.entries(this.m.committed).map(([k, c]) => [Number(k), c] as const)) {
        if (c.committedIn <= term && sameEntry(at(before, index), c) && !sameEntry(at(after, index), c)) {
          this.reportP4(after.id, term, index, c, {
            en: `${after.id}, leader of term ${term}, removed the entry ${entryEn(c)} at index ${index}, committed by ${c.by} in term ${c.committedIn}. ` +
              'A committed entry must stay in the log of every later leader.',
            ru: `${after.id}, лидер терма ${term}, убрал из журнала запись ${entryRu(c)} с индексом ${index}, закоммиченную ${c.by} в терме ${c.committedIn}. ` +
              'Закоммиченная запись должна оставаться в журнале каждого следующего лидера.',
          });
          break; // the first committed entry lost names the problem
        }
      }
    }
    if (after.commitIndex > before.commitIndex) this.recordCommits(after, before.commitIndex, after.commitIndex, all, before);
  }

  private recordCommits(s: ServerState, from: number, to: number, all: ServerState[], prior?: ServerState): void {
    const term = currentTerm(s);
    const fresh: number[] = [];
    for (let index = from + 1; index <= Math.min(to, lastIndex(s)); index++) {
      if (this.m.committed[String(index)]) continue; // the first decision stands (a second one is P1/P2/P4 elsewhere)
      const e = known(s, index, prior)!;
      this.m.committed = { ...this.m.committed, [String(index)]: { term: e.term, value: e.value, committedIn: term, by: s.id } };
      fresh.push(index);
    }
    // A leader of a later term elected before this (late) decision must hold the entry as well.
    for (const l of all) {
      if (l.role !== 'leader' || currentTerm(l) <= term) continue;
      const index = fresh.find((i) => !sameEntry(at(l, i), this.m.committed[String(i)]));
      if (index !== undefined) this.reportMissing(l, currentTerm(l), index, this.m.committed[String(index)]);
    }
  }

  /**
   * P5 without waiting for a restart: a server whose log changes at an index it has already
   * applied (a later leader's card overwrote it in place) now holds a different entry there than
   * its state machine took; and, the derived check of RAFT-RULES E (etcd panics on it), a server
   * never deletes or replaces an entry at or below its commitIndex. One report per move: the
   * first index changed, as applied if it was applied, else as committed. A leader changing its
   * own log is P2 (and P4 for a committed entry), reported once there.
   */
  keepsApplied(before: ServerState, after: ServerState): void {
    if (before.role === 'leader') return; // a leader's own log is P2 and P4's (reported above)
    const upTo = Math.min(lastIndex(before), Math.max(before.lastApplied, before.commitIndex));
    for (let index = 1; index <= upTo; index++) {
      const was = at(before, index)!;
      const now = at(after, index);
      if (sameEntry(was, now)) continue;
      const applied = index <= before.lastApplied;
      const what = now ? { en: `replaced it with ${entryEn(now)}`, ru: `заменил её на ${entryRu(now)}` } : { en: 'deleted it', ru: 'удалил её' };
      this.report(`P5|${after.id}|${applied ? 'applied' : 'committed'}|${index}|${was.term}|${was.value}`, {
        property: 'P5',
        servers: [after.id],
        term: was.term,
        index,
        explain: applied
          ? {
            en: `${after.id} had applied ${entryEn(was)} at index ${index} (lastApplied ${before.lastApplied}) and ${what.en}. ` +
              'An applied entry is committed and never changes: a leader\'s card can only overwrite uncommitted entries, so this card or this move broke Raft.',
            ru: `${after.id} уже применил запись ${entryRu(was)} с индексом ${index} (lastApplied ${before.lastApplied}) и ${what.ru}. ` +
              'Применённая запись закоммичена и больше не меняется: карточка лидера перезаписывает только незакоммиченные записи, значит, эта карточка или этот ход нарушили Raft.',
          }
          : {
            en: `${after.id} ${what.en.replace('it', `its entry ${entryEn(was)} at index ${index}`)}, at or below its commitIndex ${before.commitIndex}. ` +
              'A server never deletes or replaces a committed entry: conflicts are cut only above the commit index (R18, R19).',
            ru: `${after.id} ${what.ru.replace('её', `свою запись ${entryRu(was)} с индексом ${index}`)}, не выше своего commitIndex ${before.commitIndex}. ` +
              'Сервер никогда не удаляет и не заменяет закоммиченную запись: конфликт режется только выше индекса фиксации (R18, R19).',
          },
      });
      return;
    }
  }

  /** P5: an index is applied with one entry only, across all servers and all restarts. */
  applies(lastAppliedBefore: number, s: ServerState, prior?: ServerState): void {
    if (s.lastApplied <= lastAppliedBefore) return; // nothing newly applied (a restart resets to 0)
    for (let index = lastAppliedBefore + 1; index <= Math.min(s.lastApplied, lastIndex(s)); index++) {
      const e = known(s, index, prior)!;
      const first = this.m.applied[String(index)];
      if (!first) {
        this.m.applied = { ...this.m.applied, [String(index)]: { term: e.term, value: e.value, server: s.id } };
      } else if (!sameEntry(first, e)) {
        this.report(`P5|${s.id}|${index}|${e.term}|${e.value}`, {
          property: 'P5',
          servers: [s.id, first.server],
          term: e.term,
          index,
          explain: {
            en: `${s.id} applied ${entryEn(e)} at index ${index}, but ${first.server} had applied ${entryEn(first)} there. ` +
              'Every server must apply the same entry at each index: only committed entries are applied, and a committed entry never changes.',
            ru: `${s.id} применил запись ${entryRu(e)} с индексом ${index}, а ${first.server} уже применил там ${entryRu(first)}. ` +
              'Все серверы должны применять на каждом индексе одну и ту же запись: применяются только закоммиченные записи, а закоммиченная запись не меняется.',
          },
        });
        return; // one move, one P5: the first index applied differently
      }
    }
  }
}

/**
 * An entry of a sheet by absolute index (R29): a compacted one is read from the snapshot box, its
 * term unknown (0) except at lastIncludedIndex, so the properties hold across snapshots.
 */
const at = (s: ServerState, index: number): Entry | undefined => entryAtIndex(s, index);

/**
 * The entry with its term where the sheet before the move still showed it: a move that applies
 * entries and compacts them at once (R30) leaves their terms only on the sheet before.
 */
function known(s: ServerState, index: number, prior?: ServerState): Entry | undefined {
  const e = at(s, index);
  if (!e || e.term !== 0 || !prior) return e;
  const p = at(prior, index);
  return p && p.term !== 0 && p.value === e.value ? p : e;
}

/** Two entries agree: same letter, and same term where both terms are known (a compacted entry's is not). */
function sameEntry(a: Entry | undefined, b: Entry | undefined): boolean {
  return a !== undefined && b !== undefined && a.value === b.value && (a.term === b.term || a.term === 0 || b.term === 0);
}

function entryEn(e: Entry): string {
  return `«${e.value}» (term ${e.term})`;
}

function entryRu(e: Entry): string {
  return `«${e.value}» (терм ${e.term})`;
}
