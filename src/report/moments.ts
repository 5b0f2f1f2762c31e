/**
 * The moments of one cluster as the journal holds them, for the console's rewind picker: every
 * record that changed the cluster (clock ticks and timer re-arming left out), still in play (not
 * on a branch already rewound away), labelled the way the replay and the debrief say it. The
 * console saw only the moments it was connected for; the journal has them all.
 */
import type { Lang } from '../i18n/text.js';
import { applyEvents } from '../game/apply.js';
import { createRoom } from '../game/room.js';
import { branchIndex } from './branches.js';
import { describeRecord } from './describe.js';
import { eventsOf, type SessionInfo, type SessionRecord } from './records.js';

export interface JournalMoment {
  /** The record number: rewinding to it gives the cluster right after it. */
  version: number;
  /** The hub clock when it was written (ms). */
  now: number;
  label: string;
}

/** Events that alone make no moment worth returning to. */
const QUIET = new Set(['clock', 'timer']);

/** Oldest first, at most `limit` (the newest), with the cluster's start (version 0) first when it fits. */
export function journalMoments(info: SessionInfo, records: readonly SessionRecord[], cluster: string, limit = 400, lang: Lang = 'en'): JournalMoment[] {
  const branches = branchIndex(records);
  let room = createRoom(info.config);
  const out: JournalMoment[] = [{ version: 0, now: records[0]?.at ?? 0, label: 'start' }];
  for (const r of records) {
    const events = eventsOf(r);
    const mine = events.filter((e) => e.type !== 'clock' && 'cluster' in e && e.cluster === cluster);
    if (mine.some((e) => !QUIET.has(e.type)) && branches.branchOf(r.n, cluster) === null) {
      out.push({ version: r.n, now: r.at, label: describeRecord(r, room, { lang }) });
    }
    if (events.length) room = applyEvents(room, events);
  }
  return out.slice(-limit);
}
