/**
 * The debrief's and replay's own words in English and Russian. Rule and mistake titles come from
 * the catalogue (src/raft/rules.ts); violation explanations from the monitor.
 */
import { type WordOf, wordsOf } from '../i18n/format.js';
import type { Text } from '../i18n/text.js';

const w = (en: string, ru: string): Text => ({ en, ru });

/** A report word in the reader's language, filled (src/i18n/format.ts). */
export const say = wordsOf({
  instructor: w('instructor', 'ведущий'),
  hub: w('hub', 'хаб'),
  clock: w('clock', 'часы'),
  script: w('script', 'сценарий'),
  bot: w('bot', 'бот'),
  tookCard: w('took card {card}', 'взял карточку {card}'),
  readReplies: w('read the Response row of card {batch} ({n} replies)', 'прочитал строку Response карточки {batch} (ответов: {n})'),
  timedOut: w('timed out', 'таймаут'),
  wrote: w("wrote '{value}' at index {index}", "записал «{value}» в индекс {index}"),
  sent: w('sent {what} to {to}', 'отправил {what} для {to}'),
  everyone: w('everyone', 'всех'),
  vote: w('vote', 'голос'),
  append: w('append', 'запись'),
  becameCandidate: w('candidate for t{term}', 'кандидат в t{term}'),
  becameLeader: w('leader of t{term}', 'лидер t{term}'),
  steppedDown: w('follower in t{term}', 'последователь в t{term}'),
  committed: w('commit {from}–{to}', 'коммит {from}–{to}'),
  refused: w('refused', 'отклонён'),
  mistakes: w('mistakes', 'ошибки'),
  violation: w('VIOLATION', 'НАРУШЕНИЕ'),
  lose: w('lose card {card}', 'потерять карточку {card}'),
  loseTo: w('lose the cards to {to}', 'потерять карточки для {to}'),
  offline: w('take {server} offline', 'отключить {server}'),
  online: w('bring {server} back online', 'вернуть {server} в сеть'),
  partition: w('partition {groups}', 'разделить сеть: {groups}'),
  heal: w('heal the network', 'восстановить сеть'),
  delay: w('delay card {card} by {ms} ms', 'задержать карточку {card} на {ms} мс'),
  delayAll: w('delay every card by {ms} ms', 'задерживать все карточки на {ms} мс'),
  duplicate: w('duplicate card {card}', 'продублировать карточку {card}'),
  duplicateAll: w('duplicate every card: {on}', 'дублировать все карточки: {on}'),
  reorder: w("reorder {server}'s inbox", 'перемешать входящие {server}'),
  lossRate: w('lose {rate}% of cards', 'терять {rate}% карточек'),
  adoptTerm: w('{server} hears of term t{term}', '{server} узнаёт о терме t{term}'),
  startGame: w('start game {game}', 'начать игру {game}'),
  nextStep: w('next step', 'следующий шаг'),
  prevStep: w('previous step', 'предыдущий шаг'),
  step: w('step {game}.{step} {title}', 'шаг {game}.{step} {title}'),
  mode: w('{cluster}: {mode}, {assist}, {election}', '{cluster}: {mode}, {assist}, {election}'),
  seatStudent: w('{name} sits at {seat}', '{name} садится на место {seat}'),
  seatBot: w('bot at {seat}', 'бот на месте {seat}'),
  seatEmpty: w('{seat} emptied', 'место {seat} освобождено'),
  announce: w('announcement: {text}', 'объявление: {text}'),
  reset: w('reset cluster {cluster}', 'сбросить кластер {cluster}'),
  rewindTo: w('rewind cluster {cluster} to record {to}', 'откатить кластер {cluster} к записи {to}'),
  tick: w('clock ticks', 'тик часов'),
  token: w('seat token for {seat}', 'токен места {seat}'),
  revoke: w('seat {seat} released', 'место {seat} освобождено'),
  handOn: w('bot seat {seat} goes to the next student', 'место бота {seat} — следующему студенту'),
  handOff: w('a student took the handed seat {seat}', 'студент занял переданное место {seat}'),
  resumed: w('resumed from the journal ({n} records replayed)', 'продолжение по журналу (повторено записей: {n})'),
  pause: w('pause {where}', 'пауза: {where}'),
  resume: w('resume {where}', 'продолжить: {where}'),
  fire: w("fire {server}'s election timer", 'запустить таймер выборов {server}'),
  ask: w('asks the room: {text}', 'спрашивает класс: {text}'),
  answer: w('answers {question}: {choice}', 'отвечает на {question}: {choice}'),
  reveal: w('shows the answer to {question}: {choice} ({rule})', 'показывает ответ на {question}: {choice} ({rule})'),
  decide: w('{server} plays the decision asked about', '{server} делает ход, о котором спрашивали'),
  drop: w('drops question {question}', 'снимает вопрос {question}'),
  allClusters: w('all clusters', 'все кластеры'),
  on: w('on', 'вкл'),
  off: w('off', 'выкл'),
});

export type ReportWord = WordOf<typeof say>;
export const WORDS = say.table;
