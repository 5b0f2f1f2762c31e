/**
 * Rewound branches (issue 5, "rewind a cluster"): the instructor takes a cluster back to an
 * earlier record; the records after it stay in the journal but leave play *for that cluster*, as
 * branch `A~1`, `A~2`, … The game layer marks this with a `rewind` event that carries
 * `mark: { branch, to, from, through }` (src/game/rewind.ts, `branchesOf`).
 *
 * Read structurally here so the debrief does not depend on the event's exact type: any event of
 * type `rewind` with a `mark` counts. A record belongs to a branch per (record, cluster): a record
 * can hold events of several clusters (a `next` for all clusters).
 */
import type { SessionRecord } from './records.js';
import { eventsOf } from './records.js';

export interface RewindMarkLike {
  branch: string;
  /** The record the cluster went back to. */
  to: number;
  /** Records `from`…`through` left play for this cluster. */
  from: number;
  through: number;
}

export interface BranchIndex {
  /** Per cluster, every rewind in order, with the record that did it. */
  marks: Record<string, (RewindMarkLike & { at: number })[]>;
  /** The branch record `n` belongs to for `cluster` (the first rewind that abandoned it), or null on the main line. */
  branchOf(n: number, cluster: string): string | null;
}

/** The rewind mark an event carries, if it is a rewind. */
export function rewindMark(e: unknown): (RewindMarkLike & { cluster: string }) | null {
  const x = e as { type?: unknown; cluster?: unknown; mark?: Partial<RewindMarkLike> };
  if (x.type !== 'rewind' || typeof x.cluster !== 'string' || !x.mark) return null;
  const { branch, to, from, through } = x.mark;
  if (typeof branch !== 'string' || typeof to !== 'number' || typeof from !== 'number' || typeof through !== 'number') return null;
  return { cluster: x.cluster, branch, to, from, through };
}

export function branchIndex(records: readonly SessionRecord[]): BranchIndex {
  const marks: BranchIndex['marks'] = {};
  for (const r of records) {
    for (const e of eventsOf(r)) {
      const m = rewindMark(e);
      if (m) (marks[m.cluster] ??= []).push({ branch: m.branch, to: m.to, from: m.from, through: m.through, at: r.n });
    }
  }
  return {
    marks,
    branchOf(n, cluster) {
      for (const m of marks[cluster] ?? []) if (n >= m.from && n <= m.through) return m.branch;
      return null;
    },
  };
}
