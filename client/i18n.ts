/**
 * The client's own words (labels, key help, connection sentences), in English and Russian.
 * Rule and mistake explanations come from the core's catalogue and the referee.
 */
import type { Lang, Text } from '../src/i18n/text.js';

export const WORDS = {
  terms: { en: 'Terms', ru: 'Термы' },
  term: { en: 'term', ru: 'терм' },
  /** Game 5 (R26, R27): the pre-votes a server counted, the leader it hears from. */
  preVotes: { en: 'pre-votes', ru: 'предголоса' },
  hearsLeader: { en: 'hears', ru: 'слышит' },
  vote: { en: 'vote', ru: 'голос' },
  raftLog: { en: 'Raft Log', ru: 'Журнал' },
  index: { en: 'index', ru: 'индекс' },
  value: { en: 'value', ru: 'значение' },
  applied: { en: 'applied', ru: 'применено' },
  commit: { en: 'commit', ru: 'коммит' },
  leader: { en: 'Leader', ru: 'Лидер' },
  candidate: { en: 'Candidate', ru: 'Кандидат' },
  follower: { en: 'Follower', ru: 'Фолловер' },
  inbox: { en: 'Inbox', ru: 'Входящие' },
  inboxEmpty: { en: 'no cards', ru: 'карточек нет' },
  from: { en: 'from', ru: 'от' },
  to: { en: 'to', ru: 'кому' },
  yourAnswer: { en: 'Your answer to', ru: 'Твой ответ для' },
  response: { en: 'Response', ru: 'Ответ' },
  online: { en: 'online', ru: 'в сети' },
  offline: { en: 'offline: your sheet is turned over', ru: 'не в сети: лист перевёрнут' },
  connecting: { en: 'connecting…', ru: 'подключение…' },
  reconnecting: { en: 'reconnecting…', ru: 'переподключение…' },
  accepted: { en: 'Accepted.', ru: 'Принято.' },
  refused: { en: 'Refused by the referee:', ru: 'Судья не принял ход:' },
  observed: { en: 'Applied, but the referee noted:', ru: 'Ход применён, но судья отметил:' },
  violation: { en: 'SAFETY BROKEN', ru: 'НАРУШЕНА БЕЗОПАСНОСТЬ' },
  drafting: { en: 'draft', ru: 'черновик' },
  yourCard: { en: 'your card', ru: 'твоя карточка' },
  tooSmall: { en: 'The terminal is {w}×{h}; raft-sheet needs at least 80×24. Enlarge the window.', ru: 'Терминал {w}×{h}; нужно не меньше 80×24. Увеличь окно.' },
  writeLetter: { en: "Type the client's message (one letter per log cell), Enter writes it, Esc cancels:", ru: 'Набери сообщение клиента (по букве в ячейку журнала), Enter — записать, Esc — отмена:' },
  quitAsk: { en: 'Quit? Your seat stays yours: rejoin with the same command. [y/n]', ru: 'Выйти? Место останется за тобой: войди той же командой. [y/n]' },
  keysIdle: { en: '↑↓ card · enter take · r replies · t timeout · c cluster · ? rules · q quit', ru: '↑↓ карт. · enter взять · r ответы · t таймаут · c кластер · ? правила · q выход' },
  keysLeader: { en: '↑↓ card · enter take · r replies · w word · s laggards · a all · c · ? · q quit', ru: '↑↓ карт. · enter взять · r ответы · w слово · s отстающим · a всем · c · ? · q' },
  keysDraft: { en: '←→↑↓ cell · type · space tick · ⌫ erase · enter hand over · esc drop · ? hint', ru: '←→↑↓ клетка · пиши · пробел галка · ⌫ стереть · enter отдать · esc отмена · ?' },
  noticeInboxEmpty: { en: 'Your inbox is empty.', ru: 'Входящих карточек нет.' },
  readingReplies: { en: 'Replies:', ru: 'Ответы:' },
  noticeNoReplies: { en: 'No reply waits in your inbox: r reads all replies to one of your cards at once.', ru: 'Во входящих нет ответов: r читает сразу все ответы на одну твою карточку.' },
  noticeNotLeader: { en: 'Only a leader writes to the log and sends AppendEntries (R15).', ru: 'Писать в журнал и слать AppendEntries может только лидер (R15).' },
  noticeLeaderNoTimeout: { en: 'A leader does not start elections (R8).', ru: 'Лидер не начинает выборы (R8).' },
  noticeOffline: { en: 'You are offline: wait for the instructor to bring you back.', ru: 'Ты не в сети: жди, пока ведущий вернёт тебя.' },
  noticeNoLink: { en: 'Not connected to the hub: your draft is kept. Press Enter again once online.', ru: 'Нет связи с хабом: черновик сохранён. Нажми Enter, когда связь вернётся.' },
  noticeExpectLetter: { en: 'The message goes on with "{letter}": type that letter. A leader never erases its log (P2).', ru: 'Дальше в сообщении «{letter}»: набери эту букву. Лидер не стирает свой журнал (P2).' },
  noticeExpectEnter: { en: 'That is the whole message: press Enter to write it.', ru: 'Это всё сообщение: нажми Enter, чтобы записать его.' },
  noticeCardGone: { en: 'That card is no longer in your inbox.', ru: 'Этой карточки уже нет во входящих.' },
  hint: { en: 'Hint: the correct value here is', ru: 'Подсказка: правильное значение здесь —' },
  close: { en: 'close', ru: 'закрыть' },
  cluster: { en: 'Cluster', ru: 'Кластер' },
  clusterStrip: { en: 'Cluster', ru: 'Кластер' },
  quitAskSolo: {
    en: 'Quit? The game is recorded; solo --game N starts a new one at game N. [y/n]',
    ru: 'Выйти? Игра записана; solo --game N начнёт новую с игры N. [y/n]',
  },
  hintsOff: { en: 'No hints in this game (hint level: none).', ru: 'В этой игре подсказок нет (уровень подсказок: нет).' },
  hintLevel: { en: 'hints: {level}', ru: 'подсказки: {level}' },
  hintNone: { en: 'none', ru: 'нет' },
  hintRule: { en: 'the rule', ru: 'правило' },
  hintAnswer: { en: 'the rule and the answer', ru: 'правило и ответ' },
  recipe: { en: 'The answer, step by step:', ru: 'Ответ по шагам:' },
  restarted: {
    en: '↻ You restarted: commitIndex and lastApplied are volatile (R1) and dropped from {c}/{a} to 0, so ✔ became ○; your log and terms are kept. The leader\'s AppendEntries with its leaderCommit brings them back (R19, R23).',
    ru: '↻ Ты перезапустился: commitIndex и lastApplied не сохраняются (R1) и упали с {c}/{a} до 0, поэтому ✔ стали ○; журнал и термы на месте. AppendEntries лидера с его leaderCommit вернёт их (R19, R23).',
  },
  recapTitle: { en: '{game}: recap', ru: '{game}: итоги' },
  recapHappened: { en: 'What happened', ru: 'Что произошло' },
  recapLeader: { en: 'leader {s} of term t{t}', ru: 'лидер {s} в терме t{t}' },
  recapNoLeader: { en: 'no leader (highest term t{t})', ru: 'лидера нет (старший терм t{t})' },
  recapLog: { en: 'the log: {log} (committed to {c})', ru: 'журнал: {log} (зафиксировано до {c})' },
  recapRules: { en: 'Rules played', ru: 'Правила игры' },
  recapMistakes: { en: 'Your mistakes', ru: 'Твои ошибки' },
  recapClean: { en: 'none: every move you made was right.', ru: 'нет: все твои ходы верны.' },
  recapDismiss: { en: 'Enter or Esc: back to the sheet', ru: 'Enter или Esc: назад к листу' },
  noLeader: { en: 'no leader', ru: 'лидера нет' },
  legend: { en: '✔ applied  ● committed  ○ persisted  ◌ draft', ru: '✔ применено  ● закоммичено  ○ сохранено  ◌ черновик' },
} satisfies Record<string, Text>;

export type WordKey = keyof typeof WORDS;

export function t(lang: Lang, key: WordKey, vars: Record<string, string | number> = {}): string {
  return WORDS[key][lang].replace(/\{(\w+)\}/g, (_, k: string) => String(vars[k] ?? ''));
}
