/**
 * Which seats' views an accepted command can have changed, from its events: the hub rebuilds
 * only those after a batch instead of every seat of a touched cluster (a round of 15 moves in a
 * cluster of 8 would otherwise build 120 views where ~30 can differ). Deliberately coarse where
 * precision buys little: anything cluster-wide, unknown or unresolvable touches the whole
 * cluster, and the hub still compares each rebuilt view with the last one sent (the safety net).
 *
 * What a seat's view holds (src/game/views.ts `seatView`) and which events change it:
 * - its sheet, timer, online flag, seat, mistakes       → `sheet`, `timer`, `online`, `seat`, `mistakes` of that server
 * - its inbox (cards in flight to it)                   → `card-sent/taken/lost/delayed` of a card to it, `inbox-reordered`
 * - its sent cards and their Response rows              → `batch-opened` of its batch, `response` / `card-lost` / `card-sent` on it
 * - the cluster's script, modes, violations, announcements → `script`, `mode`, `announce`, `reset`, `rewind`,
 *                                                           a `sheet` with violations, `link-faults`: all seats
 * - the cluster strip (`glance`: every server's term, role, log, online flag and cards to it)
 *                                                         → any `sheet`, `online`, `card-*`: all seats
 * - the room clock (`now`)                              → not by itself: a command's clock moving on changes
 *   nothing a seat decides on except at due moments (a timer firing, a delayed card arriving, a
 *   heartbeat falling due), and the hub ticks the room at those moments and every ≤ 250 ms in
 *   timers mode; a tick refreshes every seat (room-queue.ts).
 */
import type { ClusterId, GameEvent, Room } from '../src/game/types.js';
import type { ServerId } from '../src/raft/types.js';

/** Marks one seat (or, with `true`, every seat) of a cluster as touched. */
export type TouchSeat = (cluster: ClusterId, server: ServerId | true) => void;

/**
 * Reports the seats `events` touch to `touch`; events without a cluster touch every cluster. `before` is the room the events were applied to and
 * `after` the result: a card or Response row is looked up in either (a card taken or lost is
 * gone afterwards; a batch opened by the same command exists only afterwards).
 */
export function touchedBy(events: readonly GameEvent[], before: Room, after: Room, touch: TouchSeat): void {
  for (const e of events) {
    if (e.type === 'clock') continue;
    const cluster = (e as { cluster?: unknown }).cluster;
    if (typeof cluster !== 'string') {
      for (const c of Object.keys(after.clusters)) touch(c, true);
      continue;
    }
    const add = (server: ServerId | true | undefined) => touch(cluster, server ?? true);
    const b = before.clusters[cluster];
    const a = after.clusters[cluster];
    switch (e.type) {
      // Every seat's cluster strip shows every sheet, online flag and card in flight (views.ts glance).
      case 'sheet':
      case 'online':
      case 'card-sent':
      case 'card-taken':
      case 'card-lost':
      case 'card-delayed':
        add(true);
        break;
      case 'timer':
      case 'seat':
      case 'mistakes':
      case 'moved':
      case 'inbox-reordered':
        add(e.server);
        break;
      case 'batch-opened':
        add(e.batch.from);
        break;
      case 'response':
        add(a?.batches[e.batch]?.from ?? b?.batches[e.batch]?.from);
        add(e.server);
        break;
      default:
        // script, mode, announce, reset, rewind, link-faults, and any event this file does not know.
        add(true);
    }
  }
}
