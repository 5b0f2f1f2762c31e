/**
 * Game 6 (docs/rules-extended.md R29–R32; Ongaro's dissertation §5.1–§5.3, Figure 5.3; the Raft
 * paper §7): "The log outgrows the sheet". Played from where game 5 ends (i4 leads t8, "High
 * voltage" committed at 1–12 everywhere but on i8, which holds 1–8). Snapshots are switched on
 * (every 8 applied entries): i4 and then the followers write 1–12 into their snapshot boxes and
 * keep only " zap" (13–16) in their logs. i8, offline meanwhile, comes back: i4's AppendEntries
 * fails, and the entry i8 would need next is gone from i4's log — so i4 sends InstallSnapshot,
 * and then the rest as an ordinary AppendEntries.
 */
import { answeredAndRead, ids, leaderSends, t, type Game } from './scenario-kit.js';

const FOLLOWERS = ids(1, 2, 3, 5, 6, 7);
/** R30: the threshold of game 6, the Raft State sheet's first block of the log. */
export const GAME6_SNAPSHOT_EVERY = 8;

export const game6: Game = {
  id: 6,
  after: 5,
  recap: {
    rules: ['R29', 'R30', 'R31', 'R32'],
    lesson: t(
      'Each server snapshots its applied prefix on its own and keeps only the entries after it; a follower that lags behind the snapshot can no longer be sent those entries, so the leader sends its snapshot (InstallSnapshot) and then goes on with AppendEntries from the snapshot\'s last index.',
      'Каждый сервер сам снимает снимок применённого префикса и хранит только записи после него; отставшему за снимок фолловеру эти записи уже не отправить, поэтому лидер отправляет ему свой снимок (InstallSnapshot), а затем продолжает AppendEntries с последнего индекса снимка.',
    ),
  },
  size: 8,
  free: false,
  title: t('Game 6 — the log outgrows the sheet', 'Игра 6 — журнал не помещается на листе'),
  steps: [
    {
      title: t('The sheet is full: i4 snapshots', 'Лист заполнен: i4 снимает снимок'),
      prompt: t(
        'Snapshots are on: every 8 applied entries go into the snapshot box (R30). i8 turns its sheet over (offline). i4, a client sends " zap": write it at indexes 13–16, term t8. You have applied 1–12: write last included 12/t3 and "High voltage" into your snapshot box and erase 1–12 from your log.',
        'Снимки включены: каждые 8 применённых записей уходят в клетку снимка (R30). i8 переворачивает лист (не в сети). i4, клиент прислал « zap»: впиши его в индексы 13–16, терм t8. Ты применил 1–12: запиши в клетку снимка last included 12/t3 и «High voltage» и сотри 1–12 из журнала.',
      ),
      goal: t(
        'Snapshots are on (every 8 applied entries); i8 is offline. i4, a client sends " zap" (a space, then zap): write it into your log.',
        'Снимки включены (каждые 8 применённых записей); i8 не в сети. i4, клиент прислал « zap» (пробел, затем zap): впиши его в журнал.',
      ),
      to: ids(4, 8),
      tasks: { i4: { kind: 'write', text: ' zap', at: 13 } },
      actions: [{ kind: 'snapshot', every: GAME6_SNAPSHOT_EVERY }, { kind: 'offline', server: 'i8' }],
      done: { kind: 'all', of: [{ kind: 'log', servers: ids(4), text: 'High voltage zap' }, { kind: 'snapshot', servers: ids(4), atLeast: 12 }] },
    },
    {
      title: t('i4 sends 13–16', 'i4 отправляет 13–16'),
      prompt: t(
        'i4, send index 13 14 15 16, value ␣ z a p, leaderCommit 12. Entry 12 is in your snapshot box: prevLogIndex 12, prevLogTerm t3 come from it (R29). The card to i8 is lost (offline).',
        'i4, отправь index 13 14 15 16, value ␣ z a p, leaderCommit 12. Запись 12 — в клетке снимка: prevLogIndex 12 и prevLogTerm t3 бери оттуда (R29). Карточка к i8 теряется (он не в сети).',
      ),
      goal: t('i4, replicate your new entries to the followers.', 'i4, реплицируй новые записи последователям.'),
      ...leaderSends('i4', FOLLOWERS),
    },
    {
      title: t('The followers snapshot too', 'Фолловеры тоже снимают снимок'),
      prompt: t(
        "i1, i2, i3, i5, i6, i7: take i4's card (your entry 12 is t3: the check passes), append 13–16 and answer ✔. You have applied 1–12 as well: each of you writes your own snapshot box 12/t3 \"High voltage\" and erases 1–12. i4, read the ticks: commit and apply 13–16.",
        'i1, i2, i3, i5, i6, i7: каждый возьми карточку i4 (твоя запись 12 — t3, проверка проходит), допиши 13–16 и ответь ✔. Ты тоже применил 1–12: каждый запиши свою клетку снимка 12/t3 «High voltage» и сотри 1–12. i4, прочитай галочки: зафиксируй и примени 13–16.',
      ),
      goal: t(
        "Followers, take the leader's card and answer it; i4, read the answers.",
        'Фолловер, возьми карточку лидера и ответь; i4, прочитай ответы.',
      ),
      ...answeredAndRead(
        'i4',
        FOLLOWERS,
        { kind: 'log', servers: ids(1, 2, 3, 4, 5, 6, 7), text: 'High voltage zap' },
        { kind: 'snapshot', servers: ids(1, 2, 3, 4, 5, 6, 7), atLeast: 12 },
        { kind: 'commit', servers: ids(4), atLeast: 16 },
      ),
    },
    {
      title: t('i8 is back', 'i8 вернулся'),
      prompt: t(
        'i8 turns its sheet back (online): it holds 1–8 only. i4, send to i8 from its nextIndex 13: prev 12/t3, index 13–16, leaderCommit 16.',
        'i8 снова переворачивает лист (в сети): у него только 1–8. i4, отправь i8 с его nextIndex 13: prev 12/t3, index 13–16, leaderCommit 16.',
      ),
      goal: t('i8 is back online. i4, replicate to i8.', 'i8 снова в сети. i4, реплицируй на i8.'),
      to: ids(4, 8),
      tasks: { i4: { kind: 'send', to: ids(8) } },
      actions: [{ kind: 'online', server: 'i8' }],
      done: { kind: 'cards-to', servers: ids(8), from: 'i4' },
    },
    {
      title: t('i8 refuses; the entries are gone', 'i8 отказывает; записей уже нет'),
      prompt: t(
        "i8, take i4's card: you have no entry 12, so answer ✗ (R17). i4, read the ✗: nextIndex[i8] goes back to 12 — but entries 1–12 are in your snapshot box, not in your log: you cannot send them any more.",
        'i8, возьми карточку i4: у тебя нет записи 12, ответь ✗ (R17). i4, прочитай ✗: nextIndex[i8] возвращается к 12 — но записи 1–12 в твоей клетке снимка, а не в журнале: их больше не отправить.',
      ),
      goal: t("i8, take the leader's card and answer; i4, read the answer.", 'i8, возьми карточку лидера и ответь; i4, прочитай ответ.'),
      ...answeredAndRead('i4', ids(8)),
    },
    {
      title: t('InstallSnapshot', 'InstallSnapshot'),
      prompt: t(
        "i4, i8's nextIndex 12 is inside your snapshot: send it InstallSnapshot (term t8, leaderId i4, lastIncludedIndex 12, lastIncludedTerm t3, data \"High voltage\") (R32).",
        'i4, nextIndex у i8 — 12, внутри твоего снимка: отправь ему InstallSnapshot (term t8, leaderId i4, lastIncludedIndex 12, lastIncludedTerm t3, data «High voltage») (R32).',
      ),
      goal: t('i4, bring i8 up to date: the entries it lacks are gone from your log.', 'i4, догони i8: записей, которых ему не хватает, в твоём журнале уже нет.'),
      ...leaderSends('i4', ids(8), ids(8)),
    },
    {
      title: t('i8 installs the snapshot', 'i8 устанавливает снимок'),
      prompt: t(
        "i8, take the InstallSnapshot: your log has no entry 12 of t3, so discard your whole log; copy the box 12/t3 \"High voltage\"; commitIndex and applied become 12. Answer with your term t8 (R31). i4, read the answer: matchIndex[i8] 12, nextIndex[i8] 13 (R32).",
        'i8, возьми InstallSnapshot: в твоём журнале нет записи 12 с термом t3, поэтому сотри весь журнал; перепиши клетку 12/t3 «High voltage»; commitIndex и применённые — 12. Ответь своим термом t8 (R31). i4, прочитай ответ: matchIndex[i8] 12, nextIndex[i8] 13 (R32).',
      ),
      goal: t('i8, take the snapshot card and answer; i4, read the answer.', 'i8, возьми карточку со снимком и ответь; i4, прочитай ответ.'),
      ...answeredAndRead('i4', ids(8), { kind: 'snapshot', servers: ids(8), atLeast: 12 }),
    },
    {
      title: t('i4 sends the rest', 'i4 отправляет остальное'),
      prompt: t(
        'i4, nextIndex[i8] is 13, after your snapshot: an ordinary AppendEntries again — prev 12/t3, index 13 14 15 16, value ␣ z a p, leaderCommit 16.',
        'i4, nextIndex[i8] — 13, после твоего снимка: снова обычный AppendEntries — prev 12/t3, index 13 14 15 16, value ␣ z a p, leaderCommit 16.',
      ),
      goal: t('i4, replicate the rest of your log to i8.', 'i4, реплицируй на i8 остаток журнала.'),
      ...leaderSends('i4', ids(8), ids(8)),
    },
    {
      title: t('i8 has caught up', 'i8 догнал'),
      prompt: t(
        "i8, take i4's card: your snapshot's last entry is 12/t3, so the check passes; append 13–16, commit and apply 16, answer ✔. i4, read the tick. Every sheet reads \"High voltage zap\": 1–12 in the box, 13–16 in the log (the others learn commit 16 with i4's next card).",
        'i8, возьми карточку i4: последняя запись твоего снимка — 12/t3, проверка проходит; допиши 13–16, зафиксируй и примени 16, ответь ✔. i4, прочитай галочку. На каждом листе «High voltage zap»: 1–12 в клетке снимка, 13–16 в журнале (остальные узнают commit 16 со следующей карточкой i4).',
      ),
      goal: t("i8, take the leader's card and answer; i4, read the answer.", 'i8, возьми карточку лидера и ответь; i4, прочитай ответ.'),
      ...answeredAndRead('i4', ids(8), { kind: 'log', servers: ids(8), text: 'High voltage zap' }, { kind: 'commit', servers: ids(8), atLeast: 16 }),
    },
  ],
};
