/**
 * What a scripted game is made of (Game, ScriptStep) and the few helpers every game's script is
 * written with: server ids, the two-language text, the tasks a step gives, and the steps of the
 * same shape that recur from game to game (an election, a leader's card answered and read).
 * scenarios.ts and each game of its own file (scenario-game6.ts, …) import this module; it imports
 * neither, so a game file never has to import scenarios.ts, which imports it back.
 */
import type { ServerId } from '../raft/types.js';
import type { Text } from '../i18n/text.js';
import type { RuleId } from '../raft/rules.js';
import type { Condition } from './conditions.js';
import type { Fault, ScriptTask } from './types.js';

export interface ScriptStep {
  title: Text;
  prompt: Text;
  /**
   * By hand: the step's goal, not its answer ("become leader of t1"); the prompt is the recipe
   * (views.ts shows the goal to by-hand players, the recipe at hint level 'answer').
   */
  goal?: Text;
  /** The servers the prompt speaks to (screens highlight them); the whole class sees the prompt. */
  to: ServerId[];
  tasks: Record<ServerId, ScriptTask>;
  /** Hub actions run when the step starts (not when stepping back to it). */
  actions: Fault[];
  done: Condition;
}

export interface Game {
  id: number;
  title: Text;
  /** The cluster size the game is written for; null = any. */
  size: number | null;
  /** Free play: no tasks; bots play the correct move whenever they have something to do. */
  free: boolean;
  steps: ScriptStep[];
  /** The recap after the game: the rules it plays (R1–R27) and its lesson in one sentence. */
  recap?: { rules: RuleId[]; lesson: Text };
  /**
   * A game beyond the workshop's four continues from the sheets this game leaves (game 5 from
   * game 4): started on fresh sheets it is prepared by playing the games up to it (prepared.ts).
   */
  after?: number;
}

/** What a step asks, who it asks and when it is done: a step without its words. */
export type StepPlay = Pick<ScriptStep, 'to' | 'tasks' | 'actions' | 'done'>;

/** `ids(1, 4)` = ['i1', 'i4']: the servers a step names, by number. */
export const ids = (...n: number[]): ServerId[] => n.map((k) => `i${k}`);
export const t = (en: string, ru: string): Text => ({ en, ru });
export const INBOX: ScriptTask = { kind: 'inbox' };
/** The same task for each of these servers. */
export const tasks = (servers: ServerId[], task: ScriptTask): Record<ServerId, ScriptTask> =>
  Object.fromEntries(servers.map((s) => [s, task]));

const byNumber = (servers: ServerId[]): ServerId[] =>
  [...new Set(servers)].sort((a, b) => Number(a.slice(1)) - Number(b.slice(1)));

/** A step where server `k` times out and stands for `term`: done once it is in that term. */
export const electionBy = (k: number, term: number, actions: Fault[] = []): StepPlay => ({
  to: ids(k),
  tasks: { [`i${k}`]: { kind: 'timeout', term } },
  actions,
  done: { kind: 'term', servers: ids(k), atLeast: term },
});

/**
 * A step where server `k`'s election timer fires (standing for `term`; with pre-vote on, no term:
 * it asks first, R24): done once its cards are on their way to `receivers`.
 */
export const timerFiresTo = (k: number, receivers: ServerId[], term?: number, actions: Fault[] = []): StepPlay => ({
  to: ids(k),
  tasks: { [`i${k}`]: term === undefined ? { kind: 'timeout' } : { kind: 'timeout', term } },
  actions,
  done: { kind: 'cards-to', servers: receivers, from: `i${k}` },
});

/** Done when these servers hold `text` in their logs and have taken every card sent to them. */
export const replicated = (servers: ServerId[], text: string): Condition => ({
  kind: 'all',
  of: [
    { kind: 'log', servers, text },
    { kind: 'inbox-empty', servers },
  ],
});

/**
 * A step where each of `servers` takes the card in its inbox and answers it (a vote asked, a
 * leader's entries): done once every one has an empty inbox and each of `also` holds.
 */
export const everyoneAnswers = (servers: ServerId[], ...also: Condition[]): StepPlay => {
  const emptied: Condition = { kind: 'inbox-empty', servers };
  return { to: servers, tasks: tasks(servers, INBOX), actions: [], done: also.length === 0 ? emptied : { kind: 'all', of: [...also, emptied] } };
};

/**
 * A step where `followers` take the leader's card and answer it, and `leader` reads the answers
 * (the answers come back on the same card): done once every one of them has an empty inbox and each of
 * `also` holds (a log, a commit, a snapshot box the step is about).
 */
export const answeredAndRead = (leader: ServerId, followers: ServerId[], ...also: Condition[]): StepPlay => {
  const to = byNumber([...followers, leader]);
  const emptied: Condition = { kind: 'inbox-empty', servers: to };
  return {
    to,
    tasks: { ...tasks(followers, INBOX), [leader]: INBOX },
    actions: [],
    done: also.length === 0 ? emptied : { kind: 'all', of: [...also, emptied] },
  };
};

/** A step where a client sends `text` to `leader`, which writes it from index `at`: done once its log reads `log`. */
export const clientWrites = (leader: ServerId, text: string, at: number, log: string): StepPlay => ({
  to: [leader],
  tasks: { [leader]: { kind: 'write', text, at } },
  actions: [],
  done: { kind: 'log', servers: [leader], text: log },
});

/** A step where `leader` sends its cards (to `only` these servers, or to all): done once they are on their way. */
export const leaderSends = (leader: ServerId, receivers: ServerId[], only?: ServerId[]): StepPlay => ({
  to: [leader],
  tasks: { [leader]: only ? { kind: 'send', to: only } : { kind: 'send' } },
  actions: [],
  done: { kind: 'cards-to', servers: receivers, from: leader },
});
