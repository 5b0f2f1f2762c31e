/**
 * Detectors for membership games (docs/rules-extended.md R33–R38, dissertation §4.1–§4.2 and the
 * raft-dev correction of 2015): a configuration change written when it must wait (M30, M31) or
 * not written when it may (R33, R35), a learner starting an election (M29), majorities counted in
 * the old configuration (M28) or with a learner (M29), and a removed leader (M32). Each claims
 * what its root cause explains, so the Figure 2 detectors do not tell it again as R11 or R22.
 * Their sentences live here, beside the detectors, so the Figure 2 table reads as before.
 */
import { sayBoth } from '../../i18n/format.js';
import type { Text } from '../../i18n/text.js';
import { currentTerm, lastLogIndex } from '../log.js';
import { changeRefusal, configAt, configChange, isQuorum, lastConfigIndex, membershipOn, quorumCount, votersOf } from '../membership.js';
import type { ServerId, ServerState, StepOptions } from '../types.js';
import { ALL, claim, type Ctx, type Detector, find, reportMistake } from './context.js';
import type { Mistake } from './mistake.js';

const SENTENCES = {
  pending: {
    en: 'Your log still holds an uncommitted configuration entry ({pending} at index {at}, commitIndex {commit}): the change {change} waits until it is committed. One change at a time (R36).',
    ru: 'В твоём журнале ещё есть незафиксированная запись конфигурации ({pending} в индексе {at}, commitIndex {commit}): смена {change} ждёт её фиксации. Одна смена за раз (R36).',
  },
  noTermEntry: {
    en: 'No entry of your term {term} is committed yet (commitIndex {commit} holds an older term): first write and commit a letter of term {term}, then {change}. Otherwise an earlier leader\'s unfinished change and yours can have disjoint majorities (R37, raft-dev 2015).',
    ru: 'Ни одна запись твоего терма {term} ещё не зафиксирована (в commitIndex {commit} — старый терм): сначала напиши и зафиксируй букву терма {term}, потом {change}. Иначе незавершённая смена прежнего лидера и твоя могут иметь непересекающиеся большинства (R37, raft-dev 2015).',
  },
  notCaughtUp: {
    en: '{server} is a learner that has not caught up: its matchIndex is {match}, your commitIndex {last}. Keep sending it AppendEntries until it holds every committed entry, then add it (R35).',
    ru: '{server} — ученик, который ещё не догнал: его matchIndex {match}, твой commitIndex {last}. Шли ему AppendEntries, пока у него не будут все зафиксированные записи, потом добавляй (R35).',
  },
  noOp: {
    en: '{change} changes nothing: the configuration in your log is {config} (R33).',
    ru: '{change} ничего не меняет: конфигурация в твоём журнале — {config} (R33).',
  },
  write: {
    en: 'The change {change} is one configuration entry of your term {term} at index {at}, not letters; nothing stops it now (R33–R37).',
    ru: 'Смена {change} — одна запись конфигурации твоего терма {term} в индексе {at}, а не буквы; сейчас ей ничего не мешает (R33–R37).',
  },
  learner: {
    en: 'You are not in the configuration in your log ({config}): a learner or a removed server starts no election when its timer fires. Change nothing (R35).',
    ru: 'Тебя нет в конфигурации твоего журнала ({config}): ученик или удалённый сервер не начинает выборы, когда срабатывает таймер. Ничего не меняй (R35).',
  },
  oldConfig: {
    en: 'The latest configuration in your log is {config} ({size} members), committed or not: {n} of {size} count here, {need} needed. Counting the old configuration ({old}) is not enough (R34).',
    ru: 'Последняя конфигурация в твоём журнале — {config} ({size} членов), зафиксирована она или нет: здесь считаются {n} из {size}, нужно {need}. Считать по старой конфигурации ({old}) нельзя (R34).',
  },
  nonMember: {
    en: 'Only members of the configuration in your log ({config}) count: {outside} is not one. {n} of {size} count, {need} are needed (R34, R35).',
    ru: 'Считаются только члены конфигурации твоего журнала ({config}): {outside} не член. Считаются {n} из {size}, нужно {need} (R34, R35).',
  },
  count: {
    en: 'Count in the latest configuration in your log, {config}: {n} of {size}, {need} needed (R34).',
    ru: 'Считай по последней конфигурации твоего журнала, {config}: {n} из {size}, нужно {need} (R34).',
  },
  removedStays: {
    en: 'The entry removing you (index {at}) is committed: step down to follower in term {term}, your vote cell unchanged. You are no member any more (R38).',
    ru: 'Запись, удаляющая тебя (индекс {at}), зафиксирована: стань фолловером в терме {term}, не трогая ячейку голоса. Ты больше не член (R38).',
  },
  removedEarly: {
    en: 'The entry removing you (index {at}) is not committed yet: keep leading term {term} — replicate it and heartbeat — without counting yourself; step down when it commits (R38).',
    ru: 'Запись, удаляющая тебя (индекс {at}), ещё не зафиксирована: продолжай руководить термом {term} — реплицируй её и шли heartbeat, — не считая себя; уйди, когда она зафиксируется (R38).',
  },
} satisfies Record<string, Text>;

const say = (key: keyof typeof SENTENCES, vars: Record<string, string | number> = {}): Text => sayBoth(SENTENCES[key], vars);
const list = (ids: readonly ServerId[]): string => `{${ids.join(' ')}}`;
const optionsOf = (ctx: Ctx): (StepOptions & { initialConfig: ServerId[] }) | undefined =>
  membershipOn(ctx.options) ? ctx.options : undefined;

/** R33, R35, R36 (M30), R37 (M31): a leader given +iN / -iN. */
export const configChangeMove: Detector = (ctx) => {
  const o = optionsOf(ctx);
  const i = ctx.input;
  if (!o || i.kind !== 'client' || ctx.open.length === 0 || ctx.before.role !== 'leader') return [];
  const change = configChange(i.value);
  if (!change) return [];
  const s = ctx.before;
  const refusal = changeRefusal(s, change, o);
  const d = find(ctx, 'log') ?? ctx.open[0];
  const vars = { change: i.value, term: currentTerm(s), commit: s.commitIndex, at: lastLogIndex(s.log) + 1 };
  let out: Mistake;
  if (refusal === 'pending') {
    const at = lastConfigIndex(s.log);
    out = reportMistake(ctx, 'R36', 'M30', d, say('pending', { ...vars, pending: s.log[at - 1].value, at }));
  } else if (refusal === 'no-term-entry') {
    out = reportMistake(ctx, 'R37', 'M31', d, say('noTermEntry', vars));
  } else if (refusal === 'not-caught-up') {
    out = reportMistake(ctx, 'R35', undefined, d, say('notCaughtUp', { server: change.server, match: s.matchIndex[change.server] ?? 0, last: s.commitIndex }));
  } else if (refusal === 'no-op') {
    out = reportMistake(ctx, 'R33', undefined, d, say('noOp', { change: i.value, config: list(votersOf(s, o)) }));
  } else {
    out = reportMistake(ctx, 'R33', undefined, d, say('write', vars));
  }
  claim(ctx, ALL);
  return [out];
};

/** M29 / R35: a learner (or a removed server) whose timer fires. */
export const learnerTimeout: Detector = (ctx) => {
  const o = optionsOf(ctx);
  if (!o || ctx.input.kind !== 'timeout' || ctx.open.length === 0 || ctx.before.role === 'leader') return [];
  const config = votersOf(ctx.before, o);
  if (config.includes(ctx.before.id)) return [];
  const d = find(ctx, 'currentTerm') ?? find(ctx, 'role') ?? ctx.open[0];
  claim(ctx, ALL);
  return [reportMistake(ctx, 'R35', 'M29', d, say('learner', { config: list(config) }))];
};

/** M32 / R38: a leader whose latest configuration leaves it out. */
export const removedLeader: Detector = (ctx) => {
  const o = optionsOf(ctx);
  if (!o || ctx.before.role !== 'leader') return [];
  const d = find(ctx, 'role');
  if (!d) return [];
  const removedIn = (s: ServerState): boolean => !votersOf(s, o).includes(s.id) && lastConfigIndex(s.log) > 0;
  if (!removedIn(ctx.expected) && !removedIn(ctx.given)) return [];
  const at = lastConfigIndex(ctx.expected.log);
  const stays = ctx.expected.role === 'follower' && ctx.given.role === 'leader';
  claim(ctx, 'role', 'nextIndex*', 'matchIndex*', 'votesGranted');
  return [reportMistake(ctx, 'R38', 'M32', d, say(stays ? 'removedStays' : 'removedEarly', { at, term: ctx.expectedTerm }))];
};

/** Who is counted for the decision that differs: the votes with this reply's, or the stored copies. */
function counted(ctx: Ctx, field: 'role' | 'commitIndex', n: number): ServerId[] {
  const i = ctx.input;
  if (field === 'role') {
    const granted = i.kind === 'receive' && i.message.type === 'RequestVoteReply' && i.message.voteGranted ? [i.from] : [];
    return [...new Set([...ctx.before.votesGranted, ...granted])];
  }
  const s = ctx.expected;
  return [s.id, ...Object.entries(s.matchIndex).filter(([, m]) => m >= n).map(([id]) => id)];
}

/** M28 / M29 / R34: a majority (votes, a commit) counted in the wrong configuration. */
export const membershipCount: Detector = (ctx) => {
  const o = optionsOf(ctx);
  if (!o) return [];
  // A leader's commit (R22) or a candidate's win (R11); a follower's commitIndex is R19's.
  const d = (ctx.before.role === 'leader' ? find(ctx, 'commitIndex') : undefined) ?? (ctx.before.role === 'candidate' ? find(ctx, 'role') : undefined);
  if (!d) return [];
  const field = d.field as 'role' | 'commitIndex';
  const config = votersOf(ctx.expected, o);
  const n = field === 'commitIndex' ? Math.max(ctx.expected.commitIndex, ctx.given.commitIndex) : 0;
  const who = counted(ctx, field, n);
  const q = quorumCount(config, who);
  const old = configAt(ctx.expected.log, ctx.before.commitIndex, o.initialConfig);
  const outside = [...new Set(who)].filter((id) => !config.includes(id));
  const claimed = field === 'role' ? ['role', 'nextIndex*', 'matchIndex*', 'votesGranted'] : ['commitIndex', 'lastApplied'];
  const sameAsOld = old.join(',') === config.join(',');
  if (!sameAsOld && isQuorum(old, who) !== isQuorum(config, who)) {
    claim(ctx, ...claimed);
    return [reportMistake(ctx, 'R34', 'M28', d, say('oldConfig', { config: list(config), old: list(old), ...q }))];
  }
  if (outside.length > 0 && isQuorum([...config, ...outside], who) && !isQuorum(config, who)) {
    claim(ctx, ...claimed);
    return [reportMistake(ctx, 'R34', 'M29', d, say('nonMember', { config: list(config), outside: outside.join(', '), ...q }))];
  }
  // Every server of the sheet votes and nothing changed: Figure 2's own count, R11 / R22 tell it.
  if (sameAsOld && outside.length === 0 && config.length === ctx.before.cluster.length) return [];
  claim(ctx, ...claimed);
  return [reportMistake(ctx, 'R34', undefined, d, say('count', { config: list(config), ...q }))];
};
