/**
 * A sentence in English and Russian for every rejection code, so a student or the instructor is
 * told why a command changed nothing. Codes are stable (the wire protocol and tests use them).
 */
import type { Mistake } from '../raft/referee.js';
import { sayBoth } from '../i18n/format.js';
import type { Text } from '../i18n/text.js';
import { MAX_CARDS_IN_FLIGHT } from './limits.js';
import type { RejectCode, Rejection } from './types.js';

export const REJECT_TEXT: Record<RejectCode, Text> = {
  'cluster/unknown': { en: 'There is no such cluster.', ru: 'Такого кластера нет.' },
  'server/unknown': { en: 'There is no such server in this cluster.', ru: 'Такого сервера в кластере нет.' },
  'move/not-in-inbox': { en: 'That card is not in your inbox.', ru: 'Этой карточки нет в твоих входящих.' },
  'move/offline': { en: 'You are offline: your sheet is turned over.', ru: 'Ты отключён: твой лист перевёрнут.' },
  'move/not-leader': { en: 'Only the leader writes letters and sends AppendEntries (R15, R16).', ru: 'Писать буквы и отправлять AppendEntries может только лидер (R15, R16).' },
  'move/paused': { en: 'The room is paused for a discussion: moves wait until the instructor resumes.', ru: 'Пауза для обсуждения: ходы подождут, пока преподаватель не продолжит.' },
  'move/timer-not-expired': { en: 'Your election timer has not fired yet.', ru: 'Твой таймер выборов ещё не сработал.' },
  'move/refused': { en: 'This move breaks a rule; see the mistakes.', ru: 'Этот ход нарушает правило; посмотри ошибки.' },
  'move/invalid': { en: 'That is not a move: take a card, time out, write a letter or send.', ru: 'Это не ход: возьми карточку, начни выборы, впиши букву или отправь.' },
  'value/not-one-letter': { en: 'A client message is 1 to 32 printable letters, one per log cell.', ru: 'Сообщение клиента — от 1 до 32 печатных букв, по одной в ячейку журнала.' },
  'send/no-addressee': { en: 'Name at least one other server to send to.', ru: 'Укажи хотя бы один другой сервер-адресат.' },
  'send/too-many-cards': sayBoth({
    en: 'You already have {n} {n:card|cards} in flight: wait for answers.',
    ru: 'У тебя в пути уже {n} {n:карточка|карточки|карточек}: дождись ответов.',
  }, { n: MAX_CARDS_IN_FLIGHT }),
  'card/unknown': { en: 'There is no such card in flight.', ru: 'Такой карточки в пути нет.' },
  'script/no-game': { en: 'There is no such game, or no game is running.', ru: 'Такой игры нет, или игра не запущена.' },
  'script/at-end': { en: 'This is the last step.', ru: 'Это последний шаг.' },
  'script/at-start': { en: 'This is the first step.', ru: 'Это первый шаг.' },
  'script/wrong-size': { en: 'Games 1–5 are written for 8 servers (i1–i8), game 7 for 9 (a hub started with --size 9).', ru: 'Игры 1–5 рассчитаны на 8 серверов (i1–i8), игра 7 — на 9 (хаб, запущенный с --size 9).' },
  'fault/invalid': { en: 'That fault cannot be applied.', ru: 'Эту неисправность применить нельзя.' },
  'seat/invalid': { en: 'A seat is empty, a student with a name, or a bot with a pace.', ru: 'Место пустое, студент с именем или бот с темпом.' },
  'mode/invalid': { en: 'Unknown mode.', ru: 'Неизвестный режим.' },
  'proposal/invalid': { en: 'The proposed move is not a sheet of this server with cards to its cluster.', ru: 'Предложенный ход — не лист этого сервера с карточками в его кластер.' },
  'announce/invalid': { en: 'An announcement needs a text in English and Russian.', ru: 'Объявлению нужен текст на английском и русском.' },
  'clock/backwards': { en: 'Time does not go backwards.', ru: 'Время не идёт назад.' },
  'command/unknown': { en: 'Unknown command.', ru: 'Неизвестная команда.' },
  'command/invalid': { en: 'The command is malformed.', ru: 'Команда составлена неверно.' },
  'rewind/unavailable': { en: 'Rewinding needs the session journal; this room has none.', ru: 'Для отката нужен журнал сессии, а у этой комнаты его нет.' },
  'rewind/invalid': { en: 'Rewind to a moment before now: a journal record number from 0 up to the last one.', ru: 'Откат — к моменту в прошлом: номер записи журнала от 0 до последней.' },
  'rewind/abandoned': { en: 'That moment is on a branch already rewound away: choose one on the current line of play.', ru: 'Этот момент — на уже откатанной ветке: выберите момент на текущей линии игры.' },
  'question/none': { en: 'No question is open in this cluster.', ru: 'В этом кластере нет открытого вопроса.' },
  'question/open': { en: 'A question is already open in this cluster: reveal it and play it first.', ru: 'В этом кластере уже открыт вопрос: сначала покажите ответ и сыграйте ход.' },
  'question/invalid': { en: 'That decision makes no question now, or that choice is not one of the answers.', ru: 'Об этом решении сейчас не спросить, или такого варианта ответа нет.' },
  'question/closed': { en: 'Answers are closed: the time is up or the answer is shown.', ru: 'Ответы закрыты: время вышло или ответ уже показан.' },
  'question/not-student': { en: 'Only students answer questions (bots do not).', ru: 'На вопросы отвечают только студенты (боты — нет).' },
};

export function reject(code: RejectCode, mistakes?: Mistake[]): Rejection {
  return mistakes ? { ok: false, code, message: REJECT_TEXT[code], mistakes } : { ok: false, code, message: REJECT_TEXT[code] };
}

export function isRejection(x: unknown): x is Rejection {
  return typeof x === 'object' && x !== null && (x as { ok?: unknown }).ok === false;
}
