/**
 * Moving through the scenario scripts.
 * Decisions:
 * - The instructor may always advance: `next` is never refused because a step is unfinished;
 *   views show whether each cluster's step was done, so the instructor can see who is behind.
 * - `next` past a game's last step continues with the next game (same cluster, same sheets).
 * - A step's hub actions run when it starts (`start`, `next`), not when `prev` steps back to it.
 * - `done` is set once the completion condition holds after any command, and stays set.
 */
import { holds } from './conditions.js';
import { armTimer, clusterOf, emit, type Draft } from './draft.js';
import { isFresh, preparedState } from './prepared.js';
import { applyFault } from './faults.js';
import { reject } from './rejections.js';
import { DEFAULT_FREE_MESSAGE, FREE_PLAY, GAME_ORDER, GAMES, currentStep } from './scenarios.js';
import type { ClusterId, ClusterState, Command, Rejection, ScriptPosition } from './types.js';

type ScriptCommand = Extract<Command, { type: 'script' }>;

export function playScript(d: Draft, cmd: ScriptCommand, targets: ClusterId[]): Rejection | null {
  for (const id of targets) {
    const c = clusterOf(d, id);
    const next = position(c, cmd, d.room.config.size);
    if ('ok' in next) return next;
    if (cmd.action === 'start') prepare(d, id, next.game);
    // A game starts with Figure 2's elections: pre-vote is on only where a step turns it on (game 5).
    if (cmd.action === 'start' && c.preVote) applyFault(d, id, { kind: 'pre-vote', on: false });
    // Likewise log compaction (R29–R32) only where a step turns it on (game 6).
    if (cmd.action === 'start' && c.snapshotEvery) applyFault(d, id, { kind: 'snapshot', every: 0 });
    // Likewise every server votes unless a step turns membership changes on (game 7, R33–R38).
    if (cmd.action === 'start' && c.membership) applyFault(d, id, { kind: 'membership', voters: null });
    emit(d, { type: 'script', cluster: id, script: next });
    if (cmd.action !== 'prev') for (const f of currentStep(clusterOf(d, id))?.actions ?? []) applyFault(d, id, f);
  }
  return null;
}

/**
 * A game started on fresh sheets begins from its prepared state (prepared.ts): the sheets as the
 * earlier games leave them, set up by the script and journaled as a `prepared` event. Timers
 * mode arms every online follower's timer again (the prepared sheets carry none).
 */
function prepare(d: Draft, cluster: ClusterId, game: number): void {
  const c = clusterOf(d, cluster);
  if (!isFresh(c)) return;
  const state = preparedState(d.room.config, game);
  if (!state) return;
  emit(d, { type: 'prepared', cluster, game, state });
  const after = clusterOf(d, cluster);
  if (after.election !== 'timers') return;
  for (const [id, r] of Object.entries(after.servers)) if (r.online && r.state.role !== 'leader') armTimer(d, cluster, id);
}

function position(c: ClusterState, cmd: ScriptCommand, size: number): ScriptPosition | Rejection {
  const s = c.script;
  switch (cmd.action) {
    case 'start': {
      const game = cmd.game ?? GAME_ORDER[0];
      const g = typeof game === 'number' ? GAMES[game] : undefined;
      if (!g) return reject('script/no-game');
      if (g.size !== null && g.size !== size) return reject('script/wrong-size');
      if (cmd.message !== undefined && (typeof cmd.message !== 'string' || cmd.message.length === 0 || cmd.message.length > 200)) {
        return reject('command/invalid');
      }
      const base = { game, step: 1, done: false };
      return game === FREE_PLAY ? { ...base, message: cmd.message ?? DEFAULT_FREE_MESSAGE } : base;
    }
    case 'next': {
      if (!s || !GAMES[s.game]) return reject('script/no-game');
      if (s.step < GAMES[s.game].steps.length) return { ...s, step: s.step + 1, done: false };
      const after = GAME_ORDER[GAME_ORDER.indexOf(s.game) + 1];
      if (s.game === FREE_PLAY || after === undefined) return reject('script/at-end');
      return { game: after, step: 1, done: false };
    }
    case 'prev': {
      if (!s || !GAMES[s.game]) return reject('script/no-game');
      if (s.step > 1) return { ...s, step: s.step - 1, done: false };
      const before = GAME_ORDER[GAME_ORDER.indexOf(s.game) - 1];
      if (s.game === FREE_PLAY || before === undefined) return reject('script/at-start');
      return { game: before, step: GAMES[before].steps.length, done: false };
    }
    default:
      return reject('command/invalid');
  }
}

/** After any accepted command: mark a cluster's step done once its condition holds. */
export function markDone(d: Draft): void {
  for (const c of Object.values(d.room.clusters)) {
    const step = currentStep(c);
    if (c.script && !c.script.done && step && holds(step.done, c)) {
      emit(d, { type: 'script', cluster: c.id, script: { ...c.script, done: true } });
    }
  }
}
