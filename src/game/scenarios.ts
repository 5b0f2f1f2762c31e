/**
 * The four games of EXERCISE.md as data, plus free play. Each step has a prompt in English and
 * Russian addressed to named servers, what it asks of each server (ScriptTask: bots follow it,
 * screens hint it), hub actions run when the step starts (faults), and a completion condition
 * (conditions.ts). The games continue from one another on the same cluster: game 2 starts where
 * game 1 ended. Written for 8 servers i1…i8, like the workshop.
 */
import type { ServerId } from '../raft/types.js';
import type { Text } from '../i18n/text.js';
import type { Condition } from './conditions.js';
import type { ClusterState, Fault, ScriptTask } from './types.js';

export interface ScriptStep {
  title: Text;
  prompt: Text;
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
}

export const FREE_PLAY = 0;
export const DEFAULT_FREE_MESSAGE = 'HighLoad';

const ids = (...n: number[]): ServerId[] => n.map((k) => `i${k}`);
const ALL = ids(1, 2, 3, 4, 5, 6, 7, 8);
const tasks = (servers: ServerId[], task: ScriptTask): Record<ServerId, ScriptTask> =>
  Object.fromEntries(servers.map((s) => [s, task]));
const INBOX: ScriptTask = { kind: 'inbox' };
const t = (en: string, ru: string): Text => ({ en, ru });

const game1: Game = {
  id: 1,
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
      to: ids(1),
      tasks: { i1: { kind: 'timeout', term: 1 } },
      actions: [],
      done: { kind: 'term', servers: ids(1), atLeast: 1 },
    },
    {
      title: t('Everyone votes for i1', 'Все голосуют за i1'),
      prompt: t(
        "i2…i8, take i1's RequestVote card: write t1, vote i1 and tick ✔ in your cell.",
        'i2…i8: каждый возьми карточку RequestVote от i1, запиши t1, голос i1 и поставь ✔ в своей клетке.',
      ),
      to: ids(2, 3, 4, 5, 6, 7, 8),
      tasks: tasks(ids(2, 3, 4, 5, 6, 7, 8), INBOX),
      actions: [],
      done: {
        kind: 'all',
        of: [
          { kind: 'vote', servers: ids(2, 3, 4, 5, 6, 7, 8), term: 1, for: 'i1' },
          { kind: 'inbox-empty', servers: ids(2, 3, 4, 5, 6, 7, 8) },
        ],
      },
    },
    {
      title: t('i1 counts the votes', 'i1 считает голоса'),
      prompt: t(
        'i1, read the answers: with a quorum (5 of 8, yours included) you are the leader. Woo-hoo!',
        'i1, прочитай ответы: с кворумом (5 из 8, считая свой) ты лидер. Ура!',
      ),
      to: ids(1),
      tasks: { i1: INBOX },
      actions: [],
      done: { kind: 'all', of: [{ kind: 'role', servers: ids(1), role: 'leader' }, { kind: 'inbox-empty', servers: ids(1) }] },
    },
  ],
};

const game2: Game = {
  id: 2,
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
      to: ids(1),
      tasks: { i1: { kind: 'write', text: 'HighLoad', at: 1 } },
      actions: [],
      done: { kind: 'log', servers: ids(1), text: 'HighLoad' },
    },
    {
      title: t('Persist!', 'Сохраняй!'),
      prompt: t(
        'i1, fill AppendEntries: term t1, index 1 2 3 4, value H i g h, leaderCommit 0. Followers, write the four entries into your log and tick ✔.',
        'i1, заполни AppendEntries: term t1, index 1 2 3 4, value H i g h, leaderCommit 0. Последователи: каждый впиши четыре записи в журнал и поставь ✔.',
      ),
      to: ALL,
      tasks: { i1: { kind: 'send' }, ...tasks(ids(2, 3, 4, 5, 6, 7, 8), INBOX) },
      actions: [],
      done: {
        kind: 'all',
        of: [
          { kind: 'log', servers: ids(2, 3, 4, 5, 6, 7, 8), text: 'High' },
          { kind: 'inbox-empty', servers: ids(2, 3, 4, 5, 6, 7, 8) },
        ],
      },
    },
    {
      title: t('Great! i1 commits 1–4', 'Отлично! i1 фиксирует 1–4'),
      prompt: t(
        'i1, read the ticks: with a quorum, mark entries 1–4 committed and applied.',
        'i1, прочитай галочки: с кворумом отметь записи 1–4 зафиксированными и применёнными.',
      ),
      to: ids(1),
      tasks: { i1: INBOX },
      actions: [],
      done: { kind: 'all', of: [{ kind: 'commit', servers: ids(1), atLeast: 4 }, { kind: 'inbox-empty', servers: ids(1) }] },
    },
    {
      title: t('Replicate!', 'Реплицируй!'),
      prompt: t(
        'i1, send the second card: index 5 6 7 8, value L o a d, leaderCommit 4.',
        'i1, отправь вторую карточку: index 5 6 7 8, value L o a d, leaderCommit 4.',
      ),
      to: ids(1),
      tasks: { i1: { kind: 'send' } },
      actions: [],
      done: { kind: 'cards-to', servers: ids(2, 3, 4, 5, 6, 7, 8), from: 'i1' },
    },
    {
      title: t('i4 loses the card', 'i4 теряет карточку'),
      prompt: t(
        'i4 loses the card: it is torn up and reaches none of i4…i8. i2 and i3, append 5–8 and apply 1–4 (leaderCommit 4).',
        'i4 теряет карточку: её порвали, и до i4…i8 она не дошла. i2 и i3: каждый допиши 5–8 и примени 1–4 (leaderCommit 4).',
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
      to: ids(8),
      tasks: { i8: { kind: 'timeout', term: 2 } },
      actions: [],
      done: { kind: 'term', servers: ids(8), atLeast: 2 },
    },
    {
      title: t('Nope from i2 and i3', 'i2 и i3: «Нет»'),
      prompt: t(
        "Everyone online, take i8's RequestVote. i2 and i3: your logs (up to index 8, term t1) are more up to date — write t2 with vote — and answer ✗.",
        'Каждый, кто в сети: возьми RequestVote от i8. i2 и i3: твой журнал (до индекса 8, терм t1) новее — запиши t2 с голосом — и ответь ✗.',
      ),
      to: ids(2, 3, 5, 6, 7),
      tasks: tasks(ids(2, 3, 5, 6, 7), INBOX),
      actions: [],
      done: {
        kind: 'all',
        of: [
          { kind: 'vote', servers: ids(2, 3), term: 2, for: null },
          { kind: 'vote', servers: ids(5, 6, 7), term: 2, for: 'i8' },
          { kind: 'inbox-empty', servers: ids(2, 3, 5, 6, 7) },
        ],
      },
    },
    {
      title: t('No quorum: nobody leads t2', 'Кворума нет: у t2 нет лидера'),
      prompt: t(
        'i8, count: 4 votes of 8 (yours, i5, i6, i7) — no quorum, 5 are needed. Nobody leads term t2.',
        'i8, посчитай: 4 голоса из 8 (твой, i5, i6, i7) — кворума нет, нужно 5. У терма t2 нет лидера.',
      ),
      to: ids(8),
      tasks: { i8: INBOX },
      actions: [],
      done: { kind: 'inbox-empty', servers: ids(8) },
    },
  ],
};

const game4: Game = {
  id: 4,
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
      to: ids(4),
      tasks: { i4: { kind: 'timeout', term: 3 } },
      actions: [
        { kind: 'online', server: 'i4' },
        { kind: 'adopt-term', server: 'i4', term: 2 },
      ],
      done: { kind: 'term', servers: ids(4), atLeast: 3 },
    },
    {
      title: t('i4 wins t3', 'i4 побеждает в t3'),
      prompt: t(
        "Take i4's RequestVote: i2 and i3 answer ✗, i5…i8 vote ✔. i4, count: 5 of 8 with your own — you lead t3.",
        'Каждый: возьми RequestVote от i4; i2 и i3 отвечают ✗, i5…i8 голосуют ✔. i4, посчитай: 5 из 8 со своим — ты лидер t3.',
      ),
      to: ids(2, 3, 4, 5, 6, 7, 8),
      tasks: tasks(ids(2, 3, 4, 5, 6, 7, 8), INBOX),
      actions: [],
      done: {
        kind: 'all',
        of: [{ kind: 'role', servers: ids(4), role: 'leader' }, { kind: 'inbox-empty', servers: ids(2, 3, 4, 5, 6, 7, 8) }],
      },
    },
    {
      title: t('i4 writes " voltage"', 'i4 пишет « voltage»'),
      prompt: t(
        'i4, a client sends " voltage": write it at indexes 5–12, term t3 (a space, then v o l t a g e).',
        'i4, клиент прислал « voltage»: впиши его в индексы 5–12, терм t3 (пробел, затем v o l t a g e).',
      ),
      to: ids(4),
      tasks: { i4: { kind: 'write', text: ' voltage', at: 5 } },
      actions: [],
      done: { kind: 'log', servers: ids(4), text: 'High voltage' },
    },
    {
      title: t('i1 is back; i4 sends', 'i1 вернулся; i4 отправляет'),
      prompt: t(
        'i1 comes back online. i4, you do not know the commit index yet: send index 5 6 7 8, value ␣ v o l, leaderCommit 0.',
        'i1 снова в сети. i4, ты ещё не знаешь индекс фиксации: отправь index 5 6 7 8, value ␣ v o l, leaderCommit 0.',
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
      to: ids(1, 2, 3, 5, 6, 7, 8),
      tasks: tasks(ids(1, 2, 3, 5, 6, 7, 8), INBOX),
      actions: [],
      done: {
        kind: 'all',
        of: [
          { kind: 'log', servers: ids(1, 2, 3, 5, 6, 7, 8), text: 'High vol' },
          { kind: 'inbox-empty', servers: ids(1, 2, 3, 5, 6, 7, 8) },
        ],
      },
    },
    {
      title: t('High vol…', 'High vol…'),
      prompt: t(
        'i4, read the ticks: commit and apply 1–8. The cluster agrees on "High vol…"; uncommitted entries can be lost.',
        'i4, прочитай галочки: зафиксируй и примени 1–8. Кластер согласен на «High vol…»; незафиксированные записи могут потеряться.',
      ),
      to: ids(4),
      tasks: { i4: INBOX },
      actions: [],
      done: { kind: 'all', of: [{ kind: 'commit', servers: ids(4), atLeast: 8 }, { kind: 'inbox-empty', servers: ids(4) }] },
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

export const GAMES: Record<number, Game> = { 1: game1, 2: game2, 3: game3, 4: game4, [FREE_PLAY]: freePlay };
/** The workshop order: `next` past a game's last step goes on with the next game. */
export const GAME_ORDER = [1, 2, 3, 4];

export function gameOf(c: ClusterState): Game | null {
  return c.script ? (GAMES[c.script.game] ?? null) : null;
}

export function currentStep(c: ClusterState): ScriptStep | null {
  const g = gameOf(c);
  return g && c.script ? (g.steps[c.script.step - 1] ?? null) : null;
}
