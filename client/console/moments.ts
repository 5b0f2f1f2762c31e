/**
 * The moments a cluster went through, as the console saw them: every `room` message carries the
 * room version (the journal record it reflects), so a moment is (version, what changed). The
 * rewind picker lists them; rewinding to a moment sends that version as `to` (src/game/rewind.ts:
 * the cluster as it was right after that record). Pure; the console feeds it room messages.
 *
 * A view may skip versions (one view per batch, coalesced for a slow reader), so the list holds
 * the moments this console saw, which is what the instructor saw on screen too.
 */
import type { ClusterOverview, InstructorView, RewindMark } from '../../src/game/types.js';
import { currentTerm, votedFor } from '../../src/raft/log.js';

export interface Moment {
  version: number;
  /** The room clock at that moment (ms). */
  now: number;
  /** What changed to reach it, shortest first: "i3 votes i2", "i2 ♛", "P1 broken". */
  label: string;
}

/** How many moments a cluster keeps (the oldest fall off). */
export const MOMENTS_KEPT = 400;

interface Track {
  fingerprint: string;
  /** Null when the list came from the journal before any view of the cluster. */
  last: ClusterOverview | null;
  list: Moment[];
}

export class Moments {
  private readonly tracks = new Map<string, Track>();

  add(version: number, view: InstructorView): void {
    for (const c of view.clusters) {
      const fingerprint = fingerprintOf(c);
      const track = this.tracks.get(c.id);
      if (track && track.fingerprint === fingerprint) continue;
      const label = track?.last ? describeChange(track.last, c) : 'start';
      const list = track?.list ?? [];
      list.push({ version, now: view.now, label });
      if (list.length > MOMENTS_KEPT) list.splice(0, list.length - MOMENTS_KEPT);
      this.tracks.set(c.id, { fingerprint, last: c, list });
    }
  }

  /**
   * The journal's moments of a cluster (the hub's answer to `moments`): they replace what this
   * console saw, which is a part of them; later room views keep adding to the list.
   */
  addJournal(cluster: string, moments: readonly Moment[]): void {
    const track = this.tracks.get(cluster);
    const seen = (track?.list ?? []).filter((m) => m.version > (moments[moments.length - 1]?.version ?? -1));
    const list = [...moments, ...seen].slice(-MOMENTS_KEPT);
    if (track) track.list = list;
    else if (list.length) this.tracks.set(cluster, { fingerprint: '', last: null, list });
  }

  /** Newest first, without moments on branches already rewound away (they cannot be targets). */
  list(cluster: string, rewinds: RewindMark[] = []): Moment[] {
    const list = this.tracks.get(cluster)?.list ?? [];
    const live = list.filter((m) => !rewinds.some((r) => m.version >= r.from && m.version <= r.through));
    return [...live].reverse();
  }
}

function fingerprintOf(c: ClusterOverview): string {
  return JSON.stringify([c.sheets, c.online, c.inFlight.map((k) => k.card.id), c.inFlightMore ?? 0, c.script, c.violations.length, c.rewinds?.length ?? 0]);
}

/** A few words for what changed between two views of a cluster, the most telling first. */
export function describeChange(a: ClusterOverview, b: ClusterOverview): string {
  const out: string[] = [];
  if ((b.rewinds?.length ?? 0) > (a.rewinds?.length ?? 0)) out.push(`rewound to v${b.rewinds![b.rewinds!.length - 1].to}`);
  if (b.violations.length > a.violations.length) out.push(`${[...new Set(b.violations.slice(a.violations.length).map((v) => v.property))].join(' ')} broken`);
  if (b.script && (!a.script || a.script.game !== b.script.game || a.script.step !== b.script.step)) out.push(`step ${b.script.game}.${b.script.step}`);
  else if (b.script?.done && !a.script?.done) out.push(`step ${b.script.game}.${b.script.step} done`);
  for (const [id, s] of Object.entries(b.sheets)) {
    const p = a.sheets[id];
    if (!p) continue;
    if (a.online[id] !== b.online[id]) out.push(`${id} ${b.online[id] ? 'online' : 'offline'}`);
    if (p.role !== s.role) out.push(s.role === 'leader' ? `${id} ♛` : `${id} ${s.role}`);
    const vote = votedFor(s);
    if (vote && (votedFor(p) !== vote || currentTerm(p) !== currentTerm(s))) out.push(`${id} votes ${vote}`);
    else if (currentTerm(p) !== currentTerm(s)) out.push(`${id} t${currentTerm(s)}`);
    if (p.log.length !== s.log.length || p.log.some((e, i) => s.log[i]?.value !== e.value || s.log[i]?.term !== e.term)) out.push(`${id} log ${s.log.map((e) => e.value).join('')}`);
    if (p.commitIndex !== s.commitIndex) out.push(`${id} commit ${s.commitIndex}`);
  }
  if (out.length === 0) {
    // Totals: the room message lists the oldest cards in flight and counts the rest.
    const sent = b.inFlight.length + (b.inFlightMore ?? 0) - (a.inFlight.length + (a.inFlightMore ?? 0));
    out.push(sent > 0 ? `${sent} card(s) sent` : sent < 0 ? `${-sent} card(s) gone` : 'cards moved');
  }
  return out.join(', ');
}
