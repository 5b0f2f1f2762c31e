/**
 * Game 7 (docs/rules-extended.md R33–R38; dissertation §4.1–§4.2, raft-dev 2015): "A ninth server
 * joins". Nine sheets, configuration i1…i8: i9 is plugged in as a learner, catches up, and i1
 * adds it (+i9, 5 of 9 from then on). Then i1 removes itself (-i1) and steps down once that is
 * committed; i5 leads t2 and removes i9 while the network splits, so -i9 reaches only i2 and i3.
 * Last, with the rules as printed in 2014 (R37 off), i6 is elected on the other side and removes
 * i2 at once, before committing an entry of its term: the two configurations i2…i8 and i3…i9 have
 * majorities that share no server, and i5 and i7 both lead t4 — the monitor's Election Safety (P1).
 * Data like scenarios.ts; played by a room of 9.
 */
import type { Text } from '../i18n/text.js';
import type { ServerId } from '../raft/types.js';
import type { Condition } from './conditions.js';
import { ids, INBOX, t, tasks as each, type Game, type ScriptStep } from './scenario-kit.js';
import type { Fault, ScriptTask } from './types.js';

const all = (...of: Condition[]): Condition => ({ kind: 'all', of });
const log = (servers: ServerId[], text: string): Condition => ({ kind: 'log', servers, text });
const empty = (servers: ServerId[]): Condition => ({ kind: 'inbox-empty', servers });
const commit = (server: ServerId, atLeast: number): Condition => ({ kind: 'commit', servers: [server], atLeast });
const leads = (server: ServerId): Condition => ({ kind: 'role', servers: [server], role: 'leader' });

const EIGHT = ids(1, 2, 3, 4, 5, 6, 7, 8);
const NINE = ids(1, 2, 3, 4, 5, 6, 7, 8, 9);
const but = (...out: number[]): ServerId[] => NINE.filter((id) => !out.includes(Number(id.slice(1))));
/** The texts of the logs as the game goes on (a configuration entry reads as its +iN / -iN). */
const RAFT = 'Raft';
const ADDED = 'Raft+i9';
const REMOVED = 'Raft+i9-i1';
const GO = `${REMOVED}go`;
const GOON = `${GO}on`;

interface StepText {
  title: Text;
  prompt: Text;
  goal: Text;
}
const step = (text: StepText, to: ServerId[], tasks: Record<ServerId, ScriptTask>, done: Condition, actions: Fault[] = []): ScriptStep => ({
  ...text,
  to,
  tasks,
  actions,
  done,
});
const timeout = (k: number, term: number): Record<ServerId, ScriptTask> => ({ [`i${k}`]: { kind: 'timeout', term } });
const write = (k: number, text: string, at: number): Record<ServerId, ScriptTask> => ({ [`i${k}`]: { kind: 'write', text, at } });

/** Part 1: i9 joins as a learner, catches up, and i1 adds it (R33–R35). */
const joining: ScriptStep[] = [
  step({
    title: t('Eight members and a learner', 'Восемь членов и ученик'),
    prompt: t(
      'Nine sheets, but the configuration is i1…i8; i9 is not plugged in yet (R33–R35). i1, your timer fired: write term t1, vote for yourself and send RequestVote (term t1, candidateId i1, lastLogIndex 0, lastLogTerm t0) to i2…i8 — the members only (R34).',
      'Листов девять, но конфигурация — i1…i8; i9 ещё не подключён (R33–R35). i1, твой таймер сработал: запиши терм t1, проголосуй за себя и отправь RequestVote (term t1, candidateId i1, lastLogIndex 0, lastLogTerm t0) серверам i2…i8 — только членам (R34).',
    ),
    goal: t('i1, your election timer fired: start an election among the members.', 'i1, твой таймер выборов сработал: начни выборы среди членов.'),
  }, ids(1), timeout(1, 1), { kind: 'term', servers: ids(1), atLeast: 1 }, [{ kind: 'membership', voters: EIGHT }, { kind: 'offline', server: 'i9' }]),
  step({
    title: t('i1 leads t1', 'i1 — лидер t1'),
    prompt: t(
      "i2…i8, take i1's RequestVote: write t1, vote i1 and answer ✔. i1, count: 8 votes of 8 (5 needed) — you lead t1.",
      'i2…i8: каждый возьми RequestVote от i1, запиши t1, голос i1 и ответь ✔. i1, посчитай: 8 голосов из 8 (нужно 5) — ты лидер t1.',
    ),
    goal: t("Take i1's RequestVote and answer it; i1, read the answers.", 'Возьми RequestVote от i1 и ответь; i1, прочитай ответы.'),
  }, EIGHT, each(EIGHT, INBOX), all(leads('i1'), empty(EIGHT))),
  step({
    title: t('i1 writes Raft', 'i1 пишет Raft'),
    prompt: t('i1, a client sends "Raft": write it into your log, indexes 1–4, term t1.', 'i1, клиент прислал «Raft»: впиши его в журнал, индексы 1–4, терм t1.'),
    goal: t('i1, a client sends "Raft": write it into your log.', 'i1, клиент прислал «Raft»: впиши его в журнал.'),
  }, ids(1), write(1, RAFT, 1), log(ids(1), RAFT)),
  step({
    title: t('The members store Raft', 'Члены сохраняют Raft'),
    prompt: t(
      'i1, send AppendEntries to i2…i8: index 1 2 3 4, value R a f t, leaderCommit 0. i2…i8, append the four entries and answer ✔.',
      'i1, отправь AppendEntries серверам i2…i8: index 1 2 3 4, value R a f t, leaderCommit 0. i2…i8: каждый допиши четыре записи и ответь ✔.',
    ),
    goal: t("i1, replicate your log to the members. Members, take the leader's card and answer it.", 'i1, реплицируй журнал членам. Член, возьми карточку лидера и ответь.'),
  }, EIGHT, { i1: { kind: 'send', to: ids(2, 3, 4, 5, 6, 7, 8) }, ...each(ids(2, 3, 4, 5, 6, 7, 8), INBOX) }, all(log(ids(2, 3, 4, 5, 6, 7, 8), RAFT), empty(ids(2, 3, 4, 5, 6, 7, 8)))),
  step({
    title: t('i1 commits 1–4', 'i1 фиксирует 1–4'),
    prompt: t('i1, read the ticks: 8 of 8 members hold 1–4 — commit and apply 1–4 (R22).', 'i1, прочитай галочки: у 8 из 8 членов есть 1–4 — зафиксируй и примени 1–4 (R22).'),
    goal: t('i1, read the answers: commit what a majority stores.', 'i1, прочитай ответы: зафиксируй то, что хранит большинство.'),
  }, ids(1), { i1: INBOX }, all(commit('i1', 4), empty(ids(1)))),
  step({
    title: t('i9 is plugged in as a learner', 'i9 подключён как ученик'),
    prompt: t(
      'i9 is plugged in, still outside the configuration: a learner (R35). i1, send it AppendEntries: index 1 2 3 4, value R a f t, leaderCommit 4. i9, write t1, append, commit 1–4 and answer ✔.',
      'i9 подключён, но пока вне конфигурации: это ученик (R35). i1, отправь ему AppendEntries: index 1 2 3 4, value R a f t, leaderCommit 4. i9, запиши t1, допиши записи, зафиксируй 1–4 и ответь ✔.',
    ),
    goal: t('i9 is plugged in as a learner. i1, bring it up to date; i9, answer the card.', 'i9 подключён как ученик. i1, догони его журнал; i9, ответь на карточку.'),
  }, ids(1, 9), { i1: { kind: 'send', to: ids(9) }, i9: INBOX }, all(log(ids(9), RAFT), empty(ids(9))), [{ kind: 'online', server: 'i9' }]),
  step({
    title: t('i9 has caught up', 'i9 догнал'),
    prompt: t(
      "i1, read i9's ✔: its matchIndex is 4, your whole log — it has caught up. Its ✔ committed nothing: a learner is not counted (R35).",
      'i1, прочитай ✔ от i9: его matchIndex — 4, весь твой журнал, он догнал. Его ✔ ничего не фиксирует: ученик не считается (R35).',
    ),
    goal: t("i1, read i9's answer.", 'i1, прочитай ответ i9.'),
  }, ids(1), { i1: INBOX }, empty(ids(1))),
  step({
    title: t('i1 adds i9', 'i1 добавляет i9'),
    prompt: t(
      'i1, the instructor asks to add i9: write the configuration entry +i9 at index 5, term t1 — one cell (R33). From now on your configuration is i1…i9 and a majority is 5 of 9, committed or not (R34).',
      'i1, преподаватель просит добавить i9: запиши запись конфигурации +i9 в индекс 5, терм t1 — одна клетка (R33). С этого момента твоя конфигурация — i1…i9, и большинство — 5 из 9, зафиксирована запись или нет (R34).',
    ),
    goal: t('i1, the instructor asks to add i9 to the configuration.', 'i1, преподаватель просит добавить i9 в конфигурацию.'),
  }, ids(1), write(1, '+i9', 5), log(ids(1), ADDED)),
  step({
    title: t('Everyone takes +i9', 'Все получают +i9'),
    prompt: t(
      'i1, send AppendEntries to everyone: index 5, value +i9, leaderCommit 4. Everyone, append it and answer ✔: from now on you count in i1…i9 too, before it is committed (R34).',
      'i1, отправь всем AppendEntries: index 5, value +i9, leaderCommit 4. Каждый: допиши запись и ответь ✔ — теперь и ты считаешь по i1…i9, ещё до фиксации (R34).',
    ),
    goal: t("i1, replicate +i9. Everyone, take the leader's card and answer it.", 'i1, реплицируй +i9. Каждый, возьми карточку лидера и ответь.'),
  }, NINE, { i1: { kind: 'send' }, ...each(but(1), INBOX) }, all(log(but(1), ADDED), empty(but(1)))),
  step({
    title: t('5 of 9', '5 из 9'),
    prompt: t(
      'i1, read the ticks: +i9 is on all nine and a majority is 5 of 9 now — commit and apply 5 (R34).',
      'i1, прочитай галочки: +i9 есть у всех девяти, большинство теперь 5 из 9 — зафиксируй и примени 5 (R34).',
    ),
    goal: t('i1, read the answers: commit what a majority of the new configuration stores.', 'i1, прочитай ответы: зафиксируй то, что хранит большинство новой конфигурации.'),
  }, ids(1), { i1: INBOX }, all(commit('i1', 5), empty(ids(1)))),
];

/** Part 2: the leader removes itself and steps down once that is committed (R38); i5 leads t2. */
const removing: ScriptStep[] = [
  step({
    title: t('The leader removes itself', 'Лидер удаляет себя'),
    prompt: t(
      'i1, the instructor asks to remove i1 — you: write the configuration entry -i1 at index 6, term t1 (+i9 is committed, R36). You now lead i2…i9 without counting yourself (R34, R38).',
      'i1, преподаватель просит удалить i1 — тебя: запиши запись конфигурации -i1 в индекс 6, терм t1 (+i9 зафиксирована, R36). Теперь ты руководишь i2…i9, не считая себя (R34, R38).',
    ),
    goal: t('i1, the instructor asks to remove i1, yourself, from the configuration.', 'i1, преподаватель просит удалить из конфигурации i1 — тебя.'),
  }, ids(1), write(1, '-i1', 6), log(ids(1), REMOVED)),
  step({
    title: t('Everyone takes -i1', 'Все получают -i1'),
    prompt: t(
      'i1, send AppendEntries to everyone: index 6, value -i1, leaderCommit 5. Everyone, append it, commit 5 and answer ✔.',
      'i1, отправь всем AppendEntries: index 6, value -i1, leaderCommit 5. Каждый: допиши запись, зафиксируй 5 и ответь ✔.',
    ),
    goal: t("i1, replicate -i1. Everyone, take the leader's card and answer it.", 'i1, реплицируй -i1. Каждый, возьми карточку лидера и ответь.'),
  }, NINE, { i1: { kind: 'send' }, ...each(but(1), INBOX) }, all(log(but(1), REMOVED), empty(but(1)))),
  step({
    title: t('i1 steps down', 'i1 уходит'),
    prompt: t(
      'i1, read the ticks: -i1 is on 5 of i2…i9 — commit and apply 6, then step down to follower in t1 (R38). You are no member: your timer starts nothing (R35).',
      'i1, прочитай галочки: -i1 есть у 5 из i2…i9 — зафиксируй и примени 6, затем стань фолловером в t1 (R38). Ты не член: твой таймер ничего не начинает (R35).',
    ),
    goal: t('i1, read the answers.', 'i1, прочитай ответы.'),
  }, ids(1), { i1: INBOX }, all(commit('i1', 6), { kind: 'role', servers: ids(1), role: 'follower' }, empty(ids(1)))),
  step({
    title: t('i5 starts t2', 'i5 начинает t2'),
    prompt: t(
      'Nobody leads. i5, your timer fires: start an election for t2 (lastLogIndex 6, lastLogTerm t1) and send RequestVote to i2…i9 — not to i1, no member now.',
      'Лидера нет. i5, твой таймер сработал: начни выборы в t2 (lastLogIndex 6, lastLogTerm t1) и отправь RequestVote серверам i2…i9 — не i1, он больше не член.',
    ),
    goal: t('Nobody leads. i5, your election timer fires.', 'Лидера нет. i5, твой таймер выборов сработал.'),
  }, ids(5), timeout(5, 2), { kind: 'term', servers: ids(5), atLeast: 2 }),
  step({
    title: t('i5 leads t2', 'i5 — лидер t2'),
    prompt: t(
      "i2…i9, take i5's RequestVote: write t2, vote i5 and answer ✔. i5, count: 8 votes of 8 — you lead t2.",
      'i2…i9: каждый возьми RequestVote от i5, запиши t2, голос i5 и ответь ✔. i5, посчитай: 8 голосов из 8 — ты лидер t2.',
    ),
    goal: t("Take i5's RequestVote and answer it; i5, read the answers.", 'Возьми RequestVote от i5 и ответь; i5, прочитай ответы.'),
  }, but(1), each(but(1), INBOX), all(leads('i5'), empty(but(1)))),
];

/** Part 3: i5 commits in its term, then a second change from the other side of a split (R36, R37). */
const splitting: ScriptStep[] = [
  step({
    title: t('i5 writes go', 'i5 пишет go'),
    prompt: t('i5, a client sends "go": write it into your log, indexes 7–8, term t2.', 'i5, клиент прислал «go»: впиши его в журнал, индексы 7–8, терм t2.'),
    goal: t('i5, a client sends "go": write it into your log.', 'i5, клиент прислал «go»: впиши его в журнал.'),
  }, ids(5), write(5, 'go', 7), log(ids(5), GO)),
  step({
    title: t('Everyone takes go', 'Все получают go'),
    prompt: t(
      'i5, send AppendEntries to everyone: index 7 8, value g o, leaderCommit 5 — i1 too: a leader keeps every sheet on the table up to date (R35). Everyone, append and answer ✔.',
      'i5, отправь всем AppendEntries: index 7 8, value g o, leaderCommit 5 — и i1 тоже: лидер обновляет каждый лист на столе (R35). Каждый: допиши и ответь ✔.',
    ),
    goal: t("i5, replicate your log. Everyone, take the leader's card and answer it.", 'i5, реплицируй журнал. Каждый, возьми карточку лидера и ответь.'),
  }, NINE, { i5: { kind: 'send' }, ...each(but(5), INBOX) }, all(log(but(5), GO), empty(but(5)))),
  step({
    title: t('An entry of t2 is committed', 'Запись t2 зафиксирована'),
    prompt: t(
      'i5, read the ticks: commit and apply 6–8. An entry of your term is committed, so -i1 is too (R22) and you may change the configuration (R37).',
      'i5, прочитай галочки: зафиксируй и примени 6–8. Запись твоего терма зафиксирована, значит, и -i1 тоже (R22), и ты можешь менять конфигурацию (R37).',
    ),
    goal: t('i5, read the answers.', 'i5, прочитай ответы.'),
  }, ids(5), { i5: INBOX }, all(commit('i5', 8), empty(ids(5)))),
  step({
    title: t('i5 writes on', 'i5 пишет on'),
    prompt: t('i5, a client sends "on": write it into your log, indexes 9–10, term t2.', 'i5, клиент прислал «on»: впиши его в журнал, индексы 9–10, терм t2.'),
    goal: t('i5, a client sends "on": write it into your log.', 'i5, клиент прислал «on»: впиши его в журнал.'),
  }, ids(5), write(5, 'on', 9), log(ids(5), GOON)),
  step({
    title: t('Everyone commits 8', 'Все фиксируют 8'),
    prompt: t(
      'i5, send AppendEntries to everyone: index 9 10, value o n, leaderCommit 8. Everyone, append, commit and apply up to 8, and answer ✔.',
      'i5, отправь всем AppendEntries: index 9 10, value o n, leaderCommit 8. Каждый: допиши, зафиксируй и примени до 8 и ответь ✔.',
    ),
    goal: t("i5, replicate your log. Everyone, take the leader's card and answer it.", 'i5, реплицируй журнал. Каждый, возьми карточку лидера и ответь.'),
  }, NINE, { i5: { kind: 'send' }, ...each(but(5), INBOX) }, all(log(but(5), GOON), empty(but(5)))),
  step({
    title: t('i5 commits 9–10', 'i5 фиксирует 9–10'),
    prompt: t('i5, read the ticks: commit and apply 9–10.', 'i5, прочитай галочки: зафиксируй и примени 9–10.'),
    goal: t('i5, read the answers.', 'i5, прочитай ответы.'),
  }, ids(5), { i5: INBOX }, all(commit('i5', 10), empty(ids(5)))),
  step({
    title: t('i5 removes i9 — and the network splits', 'i5 удаляет i9 — и сеть разделяется'),
    prompt: t(
      'The network splits: i2, i3, i5 | i1, i4, i6…i9. i5, the instructor asks to remove i9: write the configuration entry -i9 at index 11, term t2 (R36 and R37 hold). Your configuration is i2…i8 now.',
      'Сеть разделилась: i2, i3, i5 | i1, i4, i6…i9. i5, преподаватель просит удалить i9: запиши запись конфигурации -i9 в индекс 11, терм t2 (R36 и R37 выполнены). Твоя конфигурация теперь — i2…i8.',
    ),
    goal: t('The network splits. i5, the instructor asks to remove i9.', 'Сеть разделилась. i5, преподаватель просит удалить i9.'),
  }, ids(5), write(5, '-i9', 11), log(ids(5), `${GOON}-i9`), [{ kind: 'partition', groups: [ids(2, 3, 5), ids(1, 4, 6, 7, 8, 9)] }]),
  step({
    title: t('Only i2 and i3 hear it', 'Это слышат только i2 и i3'),
    prompt: t(
      'i5, send AppendEntries to everyone: index 11, value -i9, leaderCommit 10 — only i2 and i3 get it. i2, i3, append and answer ✔. With yours that is 3 of 7: -i9 is not committed.',
      'i5, отправь всем AppendEntries: index 11, value -i9, leaderCommit 10 — дойдёт только до i2 и i3. i2, i3: каждый допиши и ответь ✔. С твоей это 3 из 7: -i9 не зафиксирована.',
    ),
    goal: t("i5, replicate -i9. i2, i3, take the leader's card and answer it.", 'i5, реплицируй -i9. i2, i3: каждый возьми карточку лидера и ответь.'),
  }, ids(2, 3, 5), { i5: { kind: 'send' }, ...each(ids(2, 3), INBOX) }, all(log(ids(2, 3), `${GOON}-i9`), empty(ids(2, 3)))),
];

/** Part 4: the rules as printed in 2014 (R37 off): a second change at once, two leaders in t4. */
const breaking: ScriptStep[] = [
  step({
    title: t('The 2014 rules: i6 starts t3', 'Правила 2014 года: i6 начинает t3'),
    prompt: t(
      'From here the rules are those printed in 2014, without R37 (watch what breaks). i6 hears no leader: start an election for t3 (lastLogIndex 10, lastLogTerm t2) and send RequestVote to i2…i9.',
      'Дальше правила — как напечатано в 2014 году, без R37 (смотри, что сломается). i6 не слышит лидера: начни выборы в t3 (lastLogIndex 10, lastLogTerm t2) и отправь RequestVote серверам i2…i9.',
    ),
    goal: t('The 2014 rules, without R37. i6, your election timer fires.', 'Правила 2014 года, без R37. i6, твой таймер выборов сработал.'),
  }, ids(6), timeout(6, 3), { kind: 'term', servers: ids(6), atLeast: 3 }, [{ kind: 'membership', voters: EIGHT, uncorrected: true }]),
  step({
    title: t('i6 leads t3', 'i6 — лидер t3'),
    prompt: t(
      "i4, i7, i8, i9: take i6's RequestVote, write t3, vote i6 and answer ✔. i6, count: 5 votes of 8 in i2…i9 — you lead t3.",
      'i4, i7, i8, i9: каждый возьми RequestVote от i6, запиши t3, голос i6 и ответь ✔. i6, посчитай: 5 голосов из 8 в i2…i9 — ты лидер t3.',
    ),
    goal: t("Take i6's RequestVote and answer it; i6, read the answers.", 'Возьми RequestVote от i6 и ответь; i6, прочитай ответы.'),
  }, ids(4, 6, 7, 8, 9), each(ids(4, 6, 7, 8, 9), INBOX), all(leads('i6'), empty(ids(4, 6, 7, 8, 9)))),
  step({
    title: t('i6 removes i2 at once', 'i6 сразу удаляет i2'),
    prompt: t(
      'The split moves: i2, i3, i4, i5 | i1, i6…i9. i6, the instructor asks to remove i2: write the configuration entry -i2 at index 11, term t3 at once — no entry of t3 is committed, which R37 would forbid. Your configuration is i3…i9.',
      'Разделение сдвинулось: i2, i3, i4, i5 | i1, i6…i9. i6, преподаватель просит удалить i2: сразу запиши запись конфигурации -i2 в индекс 11, терм t3 — ни одна запись t3 не зафиксирована, что R37 запретило бы. Твоя конфигурация — i3…i9.',
    ),
    goal: t('The split moves. i6, the instructor asks to remove i2.', 'Разделение сдвинулось. i6, преподаватель просит удалить i2.'),
  }, ids(6), write(6, '-i2', 11), log(ids(6), `${GOON}-i2`), [{ kind: 'partition', groups: [ids(2, 3, 4, 5), ids(1, 6, 7, 8, 9)] }]),
  step({
    title: t('i7, i8, i9 take -i2', 'i7, i8, i9 получают -i2'),
    prompt: t(
      'i6, send AppendEntries to everyone: index 11, value -i2, leaderCommit 8. i1, i7, i8, i9: append and answer ✔.',
      'i6, отправь всем AppendEntries: index 11, value -i2, leaderCommit 8. i1, i7, i8, i9: каждый допиши и ответь ✔.',
    ),
    goal: t("i6, replicate -i2. Take the leader's card and answer it.", 'i6, реплицируй -i2. Возьми карточку лидера и ответь.'),
  }, ids(1, 6, 7, 8, 9), { i6: { kind: 'send' }, ...each(ids(1, 7, 8, 9), INBOX) }, all(log(ids(7, 8, 9), `${GOON}-i2`), empty(ids(1, 7, 8, 9)))),
  step({
    title: t('-i2 is committed with 4 of 7', '-i2 зафиксирована с 4 из 7'),
    prompt: t(
      "i6, read the ticks: -i2 is on you, i7, i8 and i9 — 4 of the 7 of i3…i9 (i1's ✔ does not count): commit and apply 9–11.",
      'i6, прочитай галочки: -i2 есть у тебя, i7, i8 и i9 — 4 из 7 в i3…i9 (✔ от i1 не считается): зафиксируй и примени 9–11.',
    ),
    goal: t('i6, read the answers.', 'i6, прочитай ответы.'),
  }, ids(6), { i6: INBOX }, all(commit('i6', 11), empty(ids(6)))),
  step({
    title: t('i7 starts t4', 'i7 начинает t4'),
    prompt: t(
      'i7, your timer fires: start an election for t4 (lastLogIndex 11, lastLogTerm t3) and send RequestVote to i3…i9, your configuration.',
      'i7, твой таймер сработал: начни выборы в t4 (lastLogIndex 11, lastLogTerm t3) и отправь RequestVote своей конфигурации i3…i9.',
    ),
    goal: t('i7, your election timer fires.', 'i7, твой таймер выборов сработал.'),
  }, ids(7), timeout(7, 4), { kind: 'term', servers: ids(7), atLeast: 4 }),
  step({
    title: t('i7 leads t4 with 4 of 7', 'i7 — лидер t4 с 4 из 7'),
    prompt: t(
      "i6, i8, i9: take i7's RequestVote, write t4, vote i7 and answer ✔ (i6, you step down). i7, read: 4 votes of the 7 of i3…i9 — you lead t4.",
      'i6, i8, i9: каждый возьми RequestVote от i7, запиши t4, голос i7 и ответь ✔ (i6, ты уходишь из лидеров). i7, прочитай: 4 голоса из 7 в i3…i9 — ты лидер t4.',
    ),
    goal: t("Take i7's RequestVote and answer it; i7, read the answers.", 'Возьми RequestVote от i7 и ответь; i7, прочитай ответы.'),
  }, ids(6, 7, 8, 9), each(ids(6, 7, 8, 9), INBOX), all(leads('i7'), empty(ids(6, 7, 8, 9)))),
  step({
    title: t('i5 starts t4 on the other side', 'i5 начинает t4 на другой стороне'),
    prompt: t(
      'i5 hears of t3 from i4 (R4) and is a follower now. i5, your timer fires: start an election for t4 (lastLogIndex 11, lastLogTerm t2) and send RequestVote to i2…i8, your configuration.',
      'i5 узнаёт от i4 о терме t3 (R4) и теперь фолловер. i5, твой таймер сработал: начни выборы в t4 (lastLogIndex 11, lastLogTerm t2) и отправь RequestVote своей конфигурации i2…i8.',
    ),
    goal: t('i5 hears of t3. i5, your election timer fires.', 'i5 узнаёт о t3. i5, твой таймер выборов сработал.'),
  }, ids(5), timeout(5, 4), { kind: 'term', servers: ids(5), atLeast: 4 }, [{ kind: 'adopt-term', server: 'i5', term: 3 }]),
  step({
    title: t('Two leaders in t4', 'Два лидера в t4'),
    prompt: t(
      "i2, i3, i4: take i5's RequestVote, write t4, vote i5 and answer ✔ (its log 11/t2 is up-to-date). i5, read: 4 votes of the 7 of i2…i8 — you lead t4 too. i2…i8 and i3…i9 have majorities that share no server: Election Safety is broken (P1). R37 prevents it.",
      'i2, i3, i4: каждый возьми RequestVote от i5, запиши t4, голос i5 и ответь ✔ (его журнал 11/t2 актуален). i5, прочитай: 4 голоса из 7 в i2…i8 — ты тоже лидер t4. У i2…i8 и i3…i9 есть большинства без общего сервера: Election Safety нарушено (P1). R37 это предотвращает.',
    ),
    goal: t("Take i5's RequestVote and answer it; i5, read the answers.", 'Возьми RequestVote от i5 и ответь; i5, прочитай ответы.'),
  }, ids(2, 3, 4, 5), each(ids(2, 3, 4, 5), INBOX), all(leads('i5'), empty(ids(2, 3, 4, 5)))),
];

export const game7: Game = {
  id: 7,
  recap: {
    rules: ['R33', 'R34', 'R35', 'R36', 'R37', 'R38'],
    lesson: t(
      'A configuration changes one server at a time through the log and counts at once, committed or not; a new server catches up as a learner first, a removed leader steps down at the commit, and a leader commits an entry of its own term before a change — without that, two configurations can elect two leaders in one term.',
      'Конфигурация меняется по одному серверу через журнал и действует сразу, зафиксирована или нет; новый сервер сначала догоняет как ученик, удалённый лидер уходит при фиксации, а лидер фиксирует запись своего терма до смены — без этого две конфигурации могут выбрать двух лидеров в одном терме.',
    ),
  },
  size: 9,
  free: false,
  title: t('Game 7 — a ninth server joins', 'Игра 7 — девятый сервер'),
  steps: [...joining, ...removing, ...splitting, ...breaking],
};
