/**
 * The client's own words (labels, key help, connection sentences), in English and Russian.
 * Rule and mistake explanations come from the core's catalogue and the referee.
 */
import type { Lang, Text } from '../src/i18n/text.js';

const words = {
  terms: { en: 'Terms', ru: 'Термы' },
  term: { en: 'term', ru: 'терм' },
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
  yourAnswer: { en: 'Your answer to', ru: 'Ваш ответ для' },
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
  yourCard: { en: 'your card', ru: 'ваша карточка' },
  tooSmall: { en: 'The terminal is {w}×{h}; raft-sheet needs at least 80×24. Enlarge the window.', ru: 'Терминал {w}×{h}; нужно не меньше 80×24. Увеличьте окно.' },
  writeLetter: { en: "Type the client's message (one letter per log cell), Enter writes it, Esc cancels:", ru: 'Наберите сообщение клиента (по букве в ячейку журнала), Enter — записать, Esc — отмена:' },
  quitAsk: { en: 'Quit? Your seat stays yours: rejoin with the same command. [y/n]', ru: 'Выйти? Место останется за вами: войдите той же командой. [y/n]' },
  keysIdle: { en: '↑↓ card · enter take it · r all replies · t time out · ? rules · q quit', ru: '↑↓ карточка · enter взять · r все ответы · t таймаут · ? правила · q выход' },
  keysLeader: { en: '↑↓ card · enter take · r replies · w write · s AE laggards · a all · ? · q quit', ru: '↑↓ карт. · enter взять · r ответы · w запись · s AE отстающим · a всем · ? · q выход' },
  keysDraft: { en: '←→↑↓ cell · type · space tick · ⌫ erase · enter hand over · esc drop · ? hint', ru: '←→↑↓ клетка · пишите · пробел галка · ⌫ стереть · enter отдать · esc отмена · ?' },
  noticeInboxEmpty: { en: 'Your inbox is empty.', ru: 'Входящих карточек нет.' },
  readingReplies: { en: 'Response row (one move, judged reply by reply):', ru: 'Строка Response (один ход, проверка по каждому ответу):' },
  noticeNoReplies: { en: 'No reply waits in your inbox: r reads all replies to one of your cards at once.', ru: 'Во входящих нет ответов: r читает сразу все ответы на одну вашу карточку.' },
  noticeNotLeader: { en: 'Only a leader writes to the log and sends AppendEntries (R15).', ru: 'Писать в журнал и слать AppendEntries может только лидер (R15).' },
  noticeLeaderNoTimeout: { en: 'A leader does not start elections (R8).', ru: 'Лидер не начинает выборы (R8).' },
  noticeOffline: { en: 'You are offline: wait for the instructor to bring you back.', ru: 'Вы не в сети: ждите, пока ведущий вернёт вас.' },
  noticeNoLink: { en: 'Not connected to the hub: your draft is kept. Press Enter again once online.', ru: 'Нет связи с хабом: черновик сохранён. Нажмите Enter, когда связь вернётся.' },
  noticeExpectLetter: { en: 'The message goes on with "{letter}": type that letter. A leader never erases its log (P2).', ru: 'Дальше в сообщении «{letter}»: наберите эту букву. Лидер не стирает свой журнал (P2).' },
  noticeExpectEnter: { en: 'That is the whole message: press Enter to write it.', ru: 'Это всё сообщение: нажмите Enter, чтобы записать его.' },
  noticeCardGone: { en: 'That card is no longer in your inbox.', ru: 'Этой карточки уже нет во входящих.' },
  hint: { en: 'Hint: the correct value here is', ru: 'Подсказка: правильное значение здесь —' },
  cluster: { en: 'Cluster', ru: 'Кластер' },
  noLeader: { en: 'no leader', ru: 'лидера нет' },
  legend: { en: '✔ applied  ● committed  ○ persisted  ◌ draft', ru: '✔ применено  ● закоммичено  ○ сохранено  ◌ черновик' },
} satisfies Record<string, Text>;

export type WordKey = keyof typeof words;

export function t(lang: Lang, key: WordKey, vars: Record<string, string | number> = {}): string {
  return words[key][lang].replace(/\{(\w+)\}/g, (_, k: string) => String(vars[k] ?? ''));
}
