/**
 * The four games of EXERCISE.md as data, plus free play. Each step has a prompt in English and
 * Russian addressed to named servers, what it asks of each server (ScriptTask: bots follow it,
 * screens hint it), hub actions run when the step starts (faults), and a completion condition
 * (conditions.ts). The games continue from one another on the same cluster: game 2 starts where
 * game 1 ended. Written for 8 servers i1…i8, like the workshop.
 */
import type { ClusterState, Fault } from './types.js';
import { answeredAndRead, clientWrites, electionBy, everyoneAnswers, timerFiresTo, ids, INBOX, leaderSends, replicated, t, tasks, type Game, type ScriptStep } from './scenario-kit.js';
import { game6 } from './scenario-game6.js';
import { game7 } from './scenario-game7.js';

export type { Game, ScriptStep } from './scenario-kit.js';

export const FREE_PLAY = 0;
export const DEFAULT_FREE_MESSAGE = 'HighLoad';

const ALL = ids(1, 2, 3, 4, 5, 6, 7, 8);

const game1: Game = {
  id: 1,
  recap: {
    rules: ['R2', 'R8', 'R9', 'R11'],
    lesson: t(
      'A candidate that collects votes from a majority (5 of 8, its own included) leads its term; each server votes once per term.',
      'Кандидат, собравший голоса большинства (5 из 8, считая свой), — лидер своего терма; каждый сервер голосует один раз за терм.',
    ),
  },
  size: 8,
  free: false,
  title: t('Game 1 — leader election', 'Игра 1 — выборы лидера'),
  steps: [
    {
      title: t('i1 starts an election', 'i1 начинает выборы'),
      prompt: t(
        'i1, your timer fired: write term t1, vote for yourself and fill a RequestVote card (term t1, candidateId i1, lastLogIndex 0, lastLogTerm t0) for everyone.',
        'i1, твой таймер сработал: запиши терм t1, проголосуй за себя и заполни карточку RequestVote (term t1, candidateId i1, lastLogIndex 0, lastLogTerm t0) для всех.',
      ),
      goal: t(
        'i1, your election timer fired: start an election and ask everyone for their vote.',
        'i1, твой таймер выборов сработал: начни выборы и попроси у всех голос.',
      ),
      ...electionBy(1, 1),
    },
    {
      title: t('Everyone votes for i1', 'Все голосуют за i1'),
      prompt: t(
        "i2…i8, take i1's RequestVote card: write t1, vote i1 and tick ✔ in your cell.",
        'i2…i8: каждый возьми карточку RequestVote от i1, запиши t1, голос i1 и поставь ✔ в своей клетке.',
      ),
      goal: t(
        'i2…i8, a RequestVote card is in your inbox: decide whether to grant your vote, and answer.',
        'i2…i8, во входящих карточка RequestVote: реши, отдать ли голос, и ответь.',
      ),
      ...everyoneAnswers(ids(2, 3, 4, 5, 6, 7, 8), { kind: 'vote', servers: ids(2, 3, 4, 5, 6, 7, 8), term: 1, for: 'i1' }),
    },
    {
      title: t('i1 counts the votes', 'i1 считает голоса'),
      prompt: t(
        'i1, read the answers: with a quorum (5 of 8, yours included) you are the leader. Woo-hoo!',
        'i1, прочитай ответы: с кворумом (5 из 8, считая свой) ты лидер. Ура!',
      ),
      goal: t(
        'i1, read the answers: become leader of t1 if the votes allow it.',
        'i1, прочитай ответы: стань лидером t1, если голоса позволяют.',
      ),
      ...answeredAndRead('i1', [], { kind: 'role', servers: ids(1), role: 'leader' }),
    },
  ],
};

const game2: Game = {
  id: 2,
  recap: {
    rules: ['R15', 'R16', 'R18', 'R19', 'R22', 'R23'],
    lesson: t(
      'Only the leader takes client letters; an entry stored on a majority is committed and then applied everywhere; a lost card leaves a follower behind until the leader sends again.',
      'Только лидер принимает буквы клиента; запись, сохранённая у большинства, фиксируется и затем применяется везде; потерянная карточка оставляет последователя позади, пока лидер не отправит снова.',
    ),
  },
  size: 8,
  free: false,
  title: t('Game 2 — log replication', 'Игра 2 — репликация журнала'),
  steps: [
    {
      title: t('i1 writes HighLoad', 'i1 пишет HighLoad'),
      prompt: t(
        'i1, a client sends "HighLoad": write it into your log, indexes 1–8, term t1, one letter per cell.',
        'i1, клиент прислал «HighLoad»: впиши его в журнал, индексы 1–8, терм t1, по букве в клетку.',
      ),
      goal: t(
        'i1, a client sends "HighLoad": write it into your log.',
        'i1, клиент прислал «HighLoad»: впиши его в свой журнал.',
      ),
      ...clientWrites('i1', 'HighLoad', 1, 'HighLoad'),
    },
    {
      title: t('Persist!', 'Сохраняй!'),
      prompt: t(
        'i1, fill AppendEntries: term t1, index 1 2 3 4, value H i g h, leaderCommit 0. Followers, write the four entries into your log and tick ✔.',
        'i1, заполни AppendEntries: term t1, index 1 2 3 4, value H i g h, leaderCommit 0. Последователи: каждый впиши четыре записи в журнал и поставь ✔.',
      ),
      goal: t(
        "i1, replicate your log to the followers. Followers, take the leader's card and answer it.",
        'i1, реплицируй журнал последователям. Последователь, возьми карточку лидера и ответь на неё.',
      ),
      to: ALL,
      tasks: { i1: { kind: 'send' }, ...tasks(ids(2, 3, 4, 5, 6, 7, 8), INBOX) },
      actions: [],
      done: replicated(ids(2, 3, 4, 5, 6, 7, 8), 'High'),
    },
    {
      title: t('Great! i1 commits 1–4', 'Отлично! i1 фиксирует 1–4'),
      prompt: t(
        'i1, read the ticks: with a quorum, mark entries 1–4 committed and applied.',
        'i1, прочитай галочки: с кворумом отметь записи 1–4 зафиксированными и применёнными.',
      ),
      goal: t(
        'i1, read the answers: commit and apply what a quorum stores.',
        'i1, прочитай ответы: зафиксируй и примени то, что хранит кворум.',
      ),
      ...answeredAndRead('i1', [], { kind: 'commit', servers: ids(1), atLeast: 4 }),
    },
    {
      title: t('Replicate!', 'Реплицируй!'),
      prompt: t(
        'i1, send the second card: index 5 6 7 8, value L o a d, leaderCommit 4.',
        'i1, отправь вторую карточку: index 5 6 7 8, value L o a d, leaderCommit 4.',
      ),
      goal: t(
        'i1, send the rest of the log, and tell the followers what is committed.',
        'i1, отправь остаток журнала и сообщи последователям, что зафиксировано.',
      ),
      ...leaderSends('i1', ids(2, 3, 4, 5, 6, 7, 8)),
    },
    {
      title: t('i4 loses the card', 'i4 теряет карточку'),
      prompt: t(
        'i4 loses the card: it is torn up and reaches none of i4…i8. i2 and i3, append 5–8 and apply 1–4 (leaderCommit 4).',
        'i4 теряет карточку: её порвали, и до i4…i8 она не дошла. i2 и i3: каждый допиши 5–8 и примени 1–4 (leaderCommit 4).',
      ),
      goal: t(
        "i4 loses the card: it reaches none of i4…i8. i2 and i3, take the leader's card and answer it; i1, read the answers.",
        'i4 теряет карточку: до i4…i8 она не дошла. i2 и i3, возьми карточку лидера и ответь; i1, прочитай ответы.',
      ),
      to: ids(1, 2, 3, 4),
      tasks: { i1: INBOX, i2: INBOX, i3: INBOX },
      actions: [{ kind: 'lose-to', to: ids(4, 5, 6, 7, 8) }],
      done: {
        kind: 'all',
        of: [
          { kind: 'log', servers: ids(1, 2, 3), text: 'HighLoad' },
          { kind: 'commit', servers: ids(2, 3), atLeast: 4 },
          { kind: 'inbox-empty', servers: ids(1, 2, 3) },
        ],
      },
    },
  ],
};

const game3: Game = {
  id: 3,
  recap: {
    rules: ['R4', 'R8', 'R9', 'R10', 'R11'],
    lesson: t(
      'A vote goes only to a candidate whose log is at least as up to date as the voter\'s: without a majority of votes a term has no leader.',
      'Голос получает только кандидат, чей журнал не менее свежий, чем у голосующего: без большинства голосов у терма нет лидера.',
    ),
  },
  size: 8,
  free: false,
  title: t('Game 3 — a term without a leader', 'Игра 3 — терм без лидера'),
  steps: [
    {
      title: t('i4 and i1 go offline', 'i4 и i1 отключаются'),
      prompt: t(
        'i4 crashed (that is why the card was lost) and i1 stopped too: i4 and i1, turn your sheets over.',
        'i4 упал (поэтому карточка и потерялась), i1 тоже остановился. i4 и i1: каждый переверни свой лист.',
      ),
      to: ids(1, 4),
      tasks: {},
      actions: [
        { kind: 'offline', server: 'i4' },
        { kind: 'offline', server: 'i1' },
      ],
      done: { kind: 'online', servers: ids(1, 4), online: false },
    },
    {
      title: t('i8 starts an election for t2', 'i8 начинает выборы в t2'),
      prompt: t(
        'i8, your timer fired: start an election for t2 (lastLogIndex 4, lastLogTerm t1).',
        'i8, твой таймер сработал: начни выборы в t2 (lastLogIndex 4, lastLogTerm t1).',
      ),
      goal: t(
        'i8, your election timer fired: start an election.',
        'i8, твой таймер выборов сработал: начни выборы.',
      ),
      ...electionBy(8, 2),
    },
    {
      title: t('Nope from i2 and i3', 'i2 и i3: «Нет»'),
      prompt: t(
        "Everyone online, take i8's RequestVote. i2 and i3: your logs (up to index 8, term t1) are more up to date — write t2 with vote — and answer ✗.",
        'Каждый, кто в сети: возьми RequestVote от i8. i2 и i3: твой журнал (до индекса 8, терм t1) новее — запиши t2 с голосом — и ответь ✗.',
      ),
      goal: t(
        'Everyone online, a RequestVote card is in your inbox: compare the logs, decide on your vote and answer.',
        'Каждый, кто в сети: во входящих карточка RequestVote — сравни журналы, реши, отдать ли голос, и ответь.',
      ),
      ...everyoneAnswers(
        ids(2, 3, 5, 6, 7),
        { kind: 'vote', servers: ids(2, 3), term: 2, for: null },
        { kind: 'vote', servers: ids(5, 6, 7), term: 2, for: 'i8' },
      ),
    },
    {
      title: t('No quorum: nobody leads t2', 'Кворума нет: у t2 нет лидера'),
      prompt: t(
        'i8, count: 4 votes of 8 (yours, i5, i6, i7) — no quorum, 5 are needed. Nobody leads term t2.',
        'i8, посчитай: 4 голоса из 8 (твой, i5, i6, i7) — кворума нет, нужно 5. У терма t2 нет лидера.',
      ),
      goal: t(
        'i8, read the answers: do you have a quorum?',
        'i8, прочитай ответы: есть ли у тебя кворум?',
      ),
      ...answeredAndRead('i8', []),
    },
  ],
};

const game4: Game = {
  id: 4,
  recap: {
    rules: ['R1', 'R4', 'R17', 'R18', 'R19', 'R22'],
    lesson: t(
      'A new leader\'s log wins: followers delete the entries that conflict with it. Only uncommitted entries can be overwritten; a restart drops commitIndex and lastApplied until the leader brings them back.',
      'Побеждает журнал нового лидера: последователи удаляют записи, которые с ним расходятся. Перезаписать можно только незафиксированные записи; перезапуск сбрасывает commitIndex и lastApplied, пока лидер их не вернёт.',
    ),
  },
  size: 8,
  free: false,
  title: t('Game 4 — log overwrite', 'Игра 4 — перезапись журнала'),
  steps: [
    {
      title: t('i4 is back: election for t3', 'i4 вернулся: выборы в t3'),
      prompt: t(
        'i1 is still offline. i4 is back and heard of t2 (its vote cell for t2 is —). i4, start an election for t3 (lastLogIndex 4, lastLogTerm t1).',
        'i1 всё ещё не в сети. i4 вернулся и узнал о t2 (его голос в t2 — «—»). i4, начни выборы в t3 (lastLogIndex 4, lastLogTerm t1).',
      ),
      goal: t(
        'i4 is back after a crash (i1 is still offline): start an election.',
        'i4 вернулся после сбоя (i1 всё ещё не в сети): i4, начни выборы.',
      ),
      ...electionBy(4, 3, [
        { kind: 'online', server: 'i4' },
        { kind: 'adopt-term', server: 'i4', term: 2 },
      ]),
    },
    {
      title: t('i4 wins t3', 'i4 побеждает в t3'),
      prompt: t(
        "Take i4's RequestVote: i2 and i3 answer ✗, i5…i8 vote ✔. i4, count: 5 of 8 with your own — you lead t3.",
        'Каждый: возьми RequestVote от i4; i2 и i3 отвечают ✗, i5…i8 голосуют ✔. i4, посчитай: 5 из 8 со своим — ты лидер t3.',
      ),
      goal: t(
        "Take i4's RequestVote and answer it; i4, read the answers: become leader of t3 if the votes allow it.",
        'Возьми RequestVote от i4 и ответь; i4, прочитай ответы: стань лидером t3, если голоса позволяют.',
      ),
      ...everyoneAnswers(ids(2, 3, 4, 5, 6, 7, 8), { kind: 'role', servers: ids(4), role: 'leader' }),
    },
    {
      title: t('i4 writes " voltage"', 'i4 пишет « voltage»'),
      prompt: t(
        'i4, a client sends " voltage": write it at indexes 5–12, term t3 (a space, then v o l t a g e).',
        'i4, клиент прислал « voltage»: впиши его в индексы 5–12, терм t3 (пробел, затем v o l t a g e).',
      ),
      goal: t(
        'i4, a client sends " voltage" (a space, then voltage): write it into your log.',
        'i4, клиент прислал « voltage» (пробел, затем voltage): впиши его в свой журнал.',
      ),
      ...clientWrites('i4', ' voltage', 5, 'High voltage'),
    },
    {
      title: t('i1 is back; i4 sends', 'i1 вернулся; i4 отправляет'),
      prompt: t(
        'i1 comes back online. i4, you do not know the commit index yet: send index 5 6 7 8, value ␣ v o l, leaderCommit 0.',
        'i1 снова в сети. i4, ты ещё не знаешь индекс фиксации: отправь index 5 6 7 8, value ␣ v o l, leaderCommit 0.',
      ),
      goal: t(
        'i1 comes back online. i4, replicate your new entries to the followers.',
        'i1 снова в сети. i4, реплицируй новые записи последователям.',
      ),
      to: ids(1, 4),
      tasks: { i4: { kind: 'send' } },
      actions: [{ kind: 'online', server: 'i1' }],
      done: { kind: 'cards-to', servers: ids(1, 2, 3, 5, 6, 7, 8), from: 'i4' },
    },
    {
      title: t('Overwrite!', 'Перезапись!'),
      prompt: t(
        "Everyone, take i4's card. i1: write t2 and t3 with vote —. i1, i2, i3: your entries 5–8 (Load, t1) are not committed — overwrite them with ␣vol (t3).",
        'Каждый: возьми карточку i4. i1: запиши t2 и t3 с голосом —. i1, i2, i3: твои записи 5–8 (Load, t1) не зафиксированы — перепиши их на ␣vol (t3).',
      ),
      goal: t(
        "Everyone, take the leader's card and make your log agree with it, then answer.",
        'Каждый: возьми карточку лидера, приведи свой журнал в согласие с ней и ответь.',
      ),
      ...everyoneAnswers(ids(1, 2, 3, 5, 6, 7, 8), { kind: 'log', servers: ids(1, 2, 3, 5, 6, 7, 8), text: 'High vol' }),
    },
    {
      title: t('High vol…', 'High vol…'),
      prompt: t(
        'i4, read the ticks: commit and apply 1–8. The cluster agrees on "High vol…"; uncommitted entries can be lost.',
        'i4, прочитай галочки: зафиксируй и примени 1–8. Кластер согласен на «High vol…»; незафиксированные записи могут потеряться.',
      ),
      goal: t(
        'i4, read the answers: commit and apply what a quorum stores.',
        'i4, прочитай ответы: зафиксируй и примени то, что хранит кворум.',
      ),
      ...answeredAndRead('i4', [], { kind: 'commit', servers: ids(4), atLeast: 8 }),
    },
  ],
};


/**
 * Game 5 (docs/rules-extended.md, dissertation §9.6): "The server that came back". Played from
 * where game 4 ends (i4 leads t3). First without pre-vote: i8, cut off, keeps firing its timer and
 * its term climbs; back, its RequestVote of t7 deposes the healthy leader i4 for nothing (its log
 * is behind, nobody votes for it) and the cluster pays an election. Then the same story with
 * pre-vote on: i8's PreVote cards are refused, its term stays, and i4 stays leader.
 */
const CUT_OFF: Fault = { kind: 'partition', groups: [ids(1, 2, 3, 4, 5, 6, 7), ids(8)] };
const REST = ids(1, 2, 3, 5, 6, 7);
const game5: Game = {
  id: 5,
  after: 4,
  recap: {
    rules: ['R4', 'R8', 'R24', 'R25', 'R26', 'R27'],
    lesson: t(
      'A server cut off from the others raises its term with every timeout, and back it deposes a healthy leader by R4 alone; with pre-vote it first asks, the servers that hear their leader refuse, its term stays and the leader stays.',
      'Отрезанный от остальных сервер поднимает терм при каждом таймауте и, вернувшись, свергает здорового лидера одним лишь R4; с предголосованием он сначала спрашивает, серверы, слышащие своего лидера, отказывают, его терм не растёт, и лидер остаётся.',
    ),
  },
  size: 8,
  free: false,
  title: t('Game 5 — the server that came back', 'Игра 5 — сервер, который вернулся'),
  steps: [
    {
      title: t('i8 is cut off', 'i8 отрезан'),
      prompt: t(
        'The network splits: i8 is alone, i1…i7 together (pre-vote is off). i4, send the rest of your log: index 9 10 11 12, value t a g e, leaderCommit 8 — the card to i8 is lost.',
        'Сеть разделилась: i8 один, i1…i7 вместе (предголосование выключено). i4, отправь остаток журнала: index 9 10 11 12, value t a g e, leaderCommit 8 — карточка к i8 теряется.',
      ),
      goal: t(
        'The network splits: i8 is alone. i4, replicate the rest of your log.',
        'Сеть разделилась: i8 один. i4, реплицируй остаток журнала.',
      ),
      to: ids(4, 8),
      tasks: { i4: { kind: 'send' } },
      actions: [CUT_OFF],
      done: { kind: 'cards-to', servers: REST, from: 'i4' },
    },
    {
      title: t('The cluster goes on without i8', 'Кластер работает без i8'),
      prompt: t(
        "i1, i2, i3, i5, i6, i7: take i4's card, append 9–12 and answer ✔. i4, read the ticks: commit and apply 1–12.",
        'i1, i2, i3, i5, i6, i7: каждый возьми карточку i4, допиши 9–12 и ответь ✔. i4, прочитай галочки: зафиксируй и примени 1–12.',
      ),
      goal: t(
        "Followers, take the leader's card and answer it; i4, read the answers.",
        'Фолловер, возьми карточку лидера и ответь; i4, прочитай ответы.',
      ),
      ...answeredAndRead('i4', REST, { kind: 'log', servers: ids(1, 2, 3, 4, 5, 6, 7), text: 'High voltage' }, { kind: 'commit', servers: ids(4), atLeast: 12 }),
    },
    {
      title: t("i8's timer keeps firing", 'Таймер i8 срабатывает снова и снова'),
      prompt: t(
        'i8 hears nobody, so its timer fires again and again. i8, start elections for t4, t5 and t6, one after the other: every RequestVote is lost in the partition.',
        'i8 никого не слышит, и его таймер срабатывает снова и снова. i8, начни выборы в t4, t5 и t6, один за другим: каждый RequestVote теряется при разделении.',
      ),
      goal: t(
        'i8, you hear nobody: your election timer fires three times.',
        'i8, ты никого не слышишь: твой таймер выборов срабатывает три раза.',
      ),
      ...electionBy(8, 6),
    },
    {
      title: t('i8 comes back with t7', 'i8 возвращается с t7'),
      prompt: t(
        'The partition heals. i8, your timer fires once more: start an election for t7 (lastLogIndex 8, lastLogTerm t3) and send RequestVote to everyone.',
        'Разделение исчезло. i8, твой таймер срабатывает ещё раз: начни выборы в t7 (lastLogIndex 8, lastLogTerm t3) и отправь RequestVote всем.',
      ),
      goal: t(
        'The partition heals. i8, your election timer fires again.',
        'Разделение исчезло. i8, твой таймер выборов срабатывает снова.',
      ),
      ...timerFiresTo(8, ids(1, 2, 3, 4, 5, 6, 7), 7, [{ kind: 'heal' }]),
    },
    {
      title: t('A healthy leader is deposed', 'Здоровый лидер свергнут'),
      prompt: t(
        "Everyone, take i8's RequestVote: its term t7 is higher, so write t4…t7 with vote — (R4); i4, you step down to follower. Its log (8/t3) is behind yours (12/t3): answer ✗ (R10).",
        'Каждый: возьми RequestVote от i8. Его терм t7 больше — запиши t4…t7 с голосом — (R4); i4, ты становишься фолловером. Его журнал (8/t3) отстаёт от твоего (12/t3): ответь ✗ (R10).',
      ),
      goal: t(
        'Everyone, a RequestVote card is in your inbox: mind its term, compare the logs and answer.',
        'Каждый: во входящих карточка RequestVote — учти её терм, сравни журналы и ответь.',
      ),
      ...everyoneAnswers(
        ids(1, 2, 3, 4, 5, 6, 7),
        { kind: 'role', servers: ids(4), role: 'follower' },
        { kind: 'vote', servers: ids(1, 2, 3, 4, 5, 6, 7), term: 7, for: null },
      ),
    },
    {
      title: t('Nobody leads t7', 'У t7 нет лидера'),
      prompt: t(
        'i8, read the answers: 1 vote of 8, no leader for t7. The cluster has no leader and takes no letters. i4, your timer fires: start an election for t8.',
        'i8, прочитай ответы: 1 голос из 8, у t7 нет лидера. У кластера нет лидера, буквы не принимаются. i4, твой таймер сработал: начни выборы в t8.',
      ),
      goal: t(
        'i8, read the answers. i4, your election timer fires: start an election.',
        'i8, прочитай ответы. i4, твой таймер выборов сработал: начни выборы.',
      ),
      to: ids(4, 8),
      tasks: { i8: INBOX, i4: { kind: 'timeout', term: 8 } },
      actions: [],
      done: { kind: 'all', of: [{ kind: 'term', servers: ids(4), atLeast: 8 }, { kind: 'inbox-empty', servers: ids(8) }] },
    },
    {
      title: t('i4 leads again — in t8', 'i4 снова лидер — в t8'),
      prompt: t(
        "Everyone, take i4's RequestVote and vote ✔ (its log 12/t3 is the most up-to-date). i4, count: you lead t8. The cost: two elections, five terms, and no writes meanwhile.",
        'Каждый: возьми RequestVote от i4 и проголосуй ✔ (его журнал 12/t3 самый актуальный). i4, посчитай: ты лидер t8. Цена: двое выборов, пять термов и ни одной записи всё это время.',
      ),
      goal: t(
        "Take i4's RequestVote and answer it; i4, read the answers.",
        'Возьми RequestVote от i4 и ответь; i4, прочитай ответы.',
      ),
      ...everyoneAnswers(ALL, { kind: 'role', servers: ids(4), role: 'leader' }),
    },
    {
      title: t('Again, with pre-vote', 'Снова, с предголосованием'),
      prompt: t(
        'Pre-vote is on now (R24–R27). The network splits again: i8 alone. i4, send a heartbeat to everyone (term t8, leaderCommit 12); the card to i8 is lost.',
        'Теперь предголосование включено (R24–R27). Сеть снова разделилась: i8 один. i4, отправь всем heartbeat (term t8, leaderCommit 12); карточка к i8 теряется.',
      ),
      goal: t(
        'Pre-vote is on; i8 is cut off again. i4, send a heartbeat to everyone.',
        'Предголосование включено; i8 снова отрезан. i4, отправь всем heartbeat.',
      ),
      to: ids(4, 8),
      tasks: { i4: { kind: 'send' } },
      actions: [{ kind: 'pre-vote', on: true }, CUT_OFF],
      done: { kind: 'cards-to', servers: REST, from: 'i4' },
    },
    {
      title: t('The followers hear i4', 'Фолловеры слышат i4'),
      prompt: t(
        "i1, i2, i3, i5, i6, i7: take i4's heartbeat, write i4 in your leader cell (you hear a leader, R27), commit 12 and answer ✔. i4, read the ticks.",
        'i1, i2, i3, i5, i6, i7: каждый возьми heartbeat от i4, впиши i4 в ячейку лидера (ты слышишь лидера, R27), зафиксируй 12 и ответь ✔. i4, прочитай галочки.',
      ),
      goal: t(
        "Followers, take the leader's card and answer it; i4, read the answers.",
        'Фолловер, возьми карточку лидера и ответь; i4, прочитай ответы.',
      ),
      ...answeredAndRead('i4', REST),
    },
    {
      title: t('i8 only asks', 'i8 только спрашивает'),
      prompt: t(
        'i8, your timer fires: with pre-vote you stay in t8 and write no vote. Count your own pre-vote and send PreVote (term t9, candidateId i8, lastLogIndex 8, lastLogTerm t3) to everyone — lost in the partition.',
        'i8, твой таймер сработал: с предголосованием ты остаёшься в t8 и голос не пишешь. Засчитай свой предголос и отправь всем PreVote (term t9, candidateId i8, lastLogIndex 8, lastLogTerm t3) — он теряется при разделении.',
      ),
      goal: t(
        'i8, you hear nobody: your election timer fires (pre-vote is on).',
        'i8, ты никого не слышишь: твой таймер выборов сработал (предголосование включено).',
      ),
      to: ids(8),
      tasks: { i8: { kind: 'timeout' } },
      actions: [],
      done: { kind: 'pre-vote', servers: ids(8) },
    },
    {
      title: t('i8 comes back, still in t8', 'i8 возвращается, всё ещё в t8'),
      prompt: t(
        'The partition heals. i8, your timer fires again: still t8. Send PreVote (term t9, candidateId i8, lastLogIndex 8, lastLogTerm t3) to everyone.',
        'Разделение исчезло. i8, твой таймер снова сработал: всё ещё t8. Отправь всем PreVote (term t9, candidateId i8, lastLogIndex 8, lastLogTerm t3).',
      ),
      goal: t(
        'The partition heals. i8, your election timer fires again.',
        'Разделение исчезло. i8, твой таймер выборов снова сработал.',
      ),
      ...timerFiresTo(8, ids(1, 2, 3, 4, 5, 6, 7), undefined, [{ kind: 'heal' }]),
    },
    {
      title: t('PreVote refused', 'PreVote отклонён'),
      prompt: t(
        "Everyone, take i8's PreVote: keep your term t8 and write nothing (R25). Answer ✗: i4 is the leader and the others hear it (R27), and i8's log (8/t3) is behind (R10).",
        'Каждый: возьми PreVote от i8. Сохрани свой терм t8 и ничего не пиши (R25). Ответь ✗: i4 — лидер, остальные его слышат (R27), а журнал i8 (8/t3) отстаёт (R10).',
      ),
      goal: t(
        'Everyone, a PreVote card is in your inbox: decide and answer.',
        'Каждый: во входящих карточка PreVote — реши и ответь.',
      ),
      ...everyoneAnswers(ids(1, 2, 3, 4, 5, 6, 7), { kind: 'role', servers: ids(4), role: 'leader' }),
    },
    {
      title: t('The leader stays', 'Лидер остаётся'),
      prompt: t(
        'i8, read the answers: 1 pre-vote of 8 — no election, your term stays t8 (R26). i4 still leads t8: nobody lost a term, nobody stopped writing.',
        'i8, прочитай ответы: 1 предголос из 8 — выборов нет, твой терм остаётся t8 (R26). i4 по-прежнему лидер t8: ни один терм не потерян, записи не останавливались.',
      ),
      goal: t(
        'i8, read the answers to your PreVote.',
        'i8, прочитай ответы на свой PreVote.',
      ),
      to: ids(8),
      tasks: { i8: INBOX },
      actions: [],
      done: { kind: 'all', of: [{ kind: 'inbox-empty', servers: ids(8) }, { kind: 'role', servers: ids(4), role: 'leader' }] },
    },
  ],
};

const freePlay: Game = {
  id: FREE_PLAY,
  size: null,
  free: true,
  title: t('Free play', 'Свободная игра'),
  steps: [
    {
      title: t('Free play', 'Свободная игра'),
      prompt: t(
        'Free play: leaders write the message one letter per cell and replicate it; everyone works their inbox.',
        'Свободная игра: лидеры пишут сообщение по букве в клетку и реплицируют его; все разбирают входящие.',
      ),
      to: [],
      tasks: {},
      actions: [],
      done: { kind: 'never' },
    },
  ],
};

export const GAMES: Record<number, Game> = { 1: game1, 2: game2, 3: game3, 4: game4, 5: game5, 6: game6, 7: game7, [FREE_PLAY]: freePlay };
/** The workshop order: `next` past a game's last step goes on with the next game. */
export const GAME_ORDER = [1, 2, 3, 4];

export function gameOf(c: ClusterState): Game | null {
  return c.script ? (GAMES[c.script.game] ?? null) : null;
}

export function currentStep(c: ClusterState): ScriptStep | null {
  const g = gameOf(c);
  return g && c.script ? (g.steps[c.script.step - 1] ?? null) : null;
}
