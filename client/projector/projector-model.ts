/**
 * What the projector draws of one cluster, from the instructor's view (a live `room` message or
 * instructorView of a replayed room): the sheets with seats and online flags for ClusterBoard,
 * the script step, the mode and the violations.
 */
import type { Text } from '../../src/i18n/text.js';
import type { Violation } from '../../src/raft/monitor.js';
import type { ClusterOverview, InstructorView, QuestionView, RefereeMode } from '../../src/game/types.js';
import type { BoardServer } from '../components/cluster-board.js';

export interface ProjectorCluster {
  id: string;
  servers: Record<string, BoardServer>;
  script: { game: number; step: number; steps: number; title: Text; done: boolean } | null;
  mode: RefereeMode;
  violations: Violation[];
  /** Groups of servers that reach each other (empty: no partition). */
  partitions: string[][];
  /** One line on what happened last in this cluster. */
  lastEvent?: string;
  /** The question the room is asked about this cluster (issue 14): count, then tally and rule. */
  question?: QuestionView;
}

export function projectorCluster(c: ClusterOverview, lastEvent?: string): ProjectorCluster {
  const servers: Record<string, BoardServer> = {};
  for (const [id, state] of Object.entries(c.sheets)) servers[id] = { state, online: c.online[id] ?? true, seat: c.seats[id] };
  return {
    id: c.id,
    servers,
    script: c.script ? { game: c.script.game, step: c.script.step, steps: c.script.steps, title: c.script.title, done: c.script.done } : null,
    mode: c.mode,
    violations: c.violations,
    partitions: c.faults?.partitions ?? [],
    ...(lastEvent ? { lastEvent } : {}),
    ...(c.question ? { question: c.question } : {}),
  };
}

export function projectorClusters(view: InstructorView, lastEvents: Record<string, string> = {}): ProjectorCluster[] {
  return view.clusters.map((c) => projectorCluster(c, lastEvents[c.id]));
}
