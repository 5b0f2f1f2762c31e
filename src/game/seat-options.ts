/**
 * The step options a seat's own terminal plays with (its prefilled draft): the card size, pre-vote
 * (R24–R27), snapshots (R29–R32) and membership changes (R33–R38) as its cluster has them — what the hub's referee
 * uses (move.ts stepOptions). Its own file: the student's bundle needs it without the reducer.
 */
import type { StepOptions } from '../raft/types.js';
import type { SeatView } from './types.js';

export function seatStepOptions(view: Pick<SeatView, 'maxEntries' | 'preVote' | 'snapshotEvery' | 'membership'>): StepOptions {
  return {
    maxEntries: view.maxEntries,
    ...(view.preVote ? { preVote: true } : {}),
    ...(view.snapshotEvery ? { snapshotEvery: view.snapshotEvery } : {}),
    ...(view.membership ? { initialConfig: view.membership.voters, ...(view.membership.uncorrected ? { uncorrected: true } : {}) } : {}),
  };
}
