/**
 * Error codes and close codes of the wire protocol. Codes are namespaced (`area/what`) and
 * stable: clients and tests match on them, people read the sentence. The game layer's
 * RejectCodes travel through unchanged (with the reducer's own sentence), so a client needs one
 * table: this one plus src/game/types.ts RejectCode.
 */
import type { Text } from '../i18n/text.js';
import type { RejectCode } from '../game/types.js';

/** Errors the hub itself reports (the frame, authentication, seats, limits). */
export const PROTOCOL_ERRORS = {
  'frame/not-json': {
    en: 'The frame is not valid JSON.',
    ru: 'Кадр не является корректным JSON.',
  },
  'frame/binary': {
    en: 'Binary frames are not accepted: send JSON as a text frame.',
    ru: 'Двоичные кадры не принимаются: отправьте JSON текстовым кадром.',
  },
  'frame/unknown-type': {
    en: 'The message type is unknown to this protocol version.',
    ru: 'Тип сообщения неизвестен этой версии протокола.',
  },
  'frame/invalid': {
    en: 'The message does not match the protocol: a field is missing, extra or of the wrong type.',
    ru: 'Сообщение не соответствует протоколу: поле отсутствует, лишнее или неверного типа.',
  },
  'frame/too-large': {
    en: 'The frame is larger than 64 KiB.',
    ru: 'Кадр больше 64 КиБ.',
  },
  'protocol/version': {
    en: 'This protocol version is not supported by the hub.',
    ru: 'Эта версия протокола не поддерживается хабом.',
  },
  'protocol/hello-first': {
    en: 'Say hello first: no other message is accepted before it.',
    ru: 'Сначала отправьте hello: до него другие сообщения не принимаются.',
  },
  'protocol/hello-twice': {
    en: 'This connection has already said hello.',
    ru: 'Это соединение уже отправило hello.',
  },
  'protocol/hello-timeout': {
    en: 'No hello arrived in time.',
    ru: 'Сообщение hello не пришло вовремя.',
  },
  'auth/bad-code': {
    en: 'Wrong join code.',
    ru: 'Неверный код подключения.',
  },
  'auth/bad-key': {
    en: 'Wrong or missing instructor key.',
    ru: 'Неверный или отсутствующий ключ преподавателя.',
  },
  'auth/bad-token': {
    en: 'This seat token is not valid in this session.',
    ru: 'Этот жетон места недействителен в этой сессии.',
  },
  'auth/read-only': {
    en: 'The projector key only watches: it cannot change the room.',
    ru: 'Ключ проектора только для просмотра: он не может менять комнату.',
  },
  'auth/throttled': {
    en: 'Too many failed attempts from this address: wait a little and try again.',
    ru: 'Слишком много неудачных попыток с этого адреса: подождите немного и попробуйте снова.',
  },
  'auth/not-instructor': {
    en: 'Only the instructor may do this.',
    ru: 'Это может делать только преподаватель.',
  },
  'seat/not-yours': {
    en: 'This connection may act only for its own seat.',
    ru: 'Это соединение может действовать только за своё место.',
  },
  'seat/none': {
    en: 'This connection holds no seat.',
    ru: 'У этого соединения нет места.',
  },
  'seat/taken': {
    en: 'That seat is already taken.',
    ru: 'Это место уже занято.',
  },
  'seat/taken-over': {
    en: 'Your seat was resumed by another connection.',
    ru: 'Твоё место занято другим соединением с тем же жетоном.',
  },
  'seat/released': {
    en: 'The instructor released your seat.',
    ru: 'Преподаватель освободил твоё место.',
  },
  'seat/limit': {
    en: 'This address already holds as many seats as the hub allows (the instructor can raise the limit).',
    ru: 'С этого адреса уже занято столько мест, сколько разрешает хаб (преподаватель может поднять предел).',
  },
  'room/full': {
    en: 'No free seat is left in the room (or in the cluster asked for).',
    ru: 'В комнате (или в выбранном кластере) не осталось свободных мест.',
  },
  'rate/limited': {
    en: 'Too many messages: slow down. This one was dropped.',
    ru: 'Слишком много сообщений: помедленнее. Это сообщение отброшено.',
  },
  'conn/slow': {
    en: 'The connection stopped reading and was dropped.',
    ru: 'Соединение перестало читать данные и было разорвано.',
  },
  'hub/shutting-down': {
    en: 'The hub is shutting down.',
    ru: 'Хаб завершает работу.',
  },
  'hub/internal': {
    en: 'The hub failed to handle this message; nothing changed.',
    ru: 'Хаб не смог обработать сообщение; ничего не изменилось.',
  },
} as const satisfies Record<string, Text>;

export type ProtocolErrorCode = keyof typeof PROTOCOL_ERRORS;

/** Every code an `error` or a refused `verdict` may carry. */
export type ErrorCode = ProtocolErrorCode | RejectCode;

export function errorText(code: ProtocolErrorCode): Text {
  return PROTOCOL_ERRORS[code];
}

/**
 * Close codes. 1000/1001/1008/1009 are the standard ones the hub uses; 4000+ are this
 * application's (RFC 6455 reserves 4000–4999 for private use).
 */
export const CLOSE = {
  /** The client said goodbye, or the session ended. */
  normal: 1000,
  /** The hub is shutting down (SIGINT/SIGTERM): reconnect later with your seat token. */
  goingAway: 1001,
  /** A frame was larger than 64 KiB (sent by `ws` itself). */
  tooLarge: 1009,
  /** The client speaks a protocol version the hub does not. Do not retry. */
  badVersion: 4000,
  /** An instructor-only hello without the key. Do not retry without the key. */
  unauthorised: 4001,
  /** No hello within the hello timeout. */
  helloTimeout: 4002,
  /** Another connection resumed this seat with its token. Do not reconnect automatically. */
  takenOver: 4003,
  /** No free seat left for a join. */
  roomFull: 4004,
  /** The instructor released this seat; its token is void. Join again for a new seat. */
  released: 4005,
  /** Too many frames after the rate limit already refused some. */
  rateLimited: 4008,
  /** The hub hit an internal error it could not contain; reconnect. */
  internal: 4011,
} as const;

export type CloseCode = (typeof CLOSE)[keyof typeof CLOSE];

/** Close reasons are the error codes (machine-readable, ≤ 123 bytes as RFC 6455 demands). */
export const CLOSE_REASON: Record<CloseCode, ErrorCode | 'bye'> = {
  1000: 'bye',
  1001: 'hub/shutting-down',
  1009: 'frame/too-large',
  4000: 'protocol/version',
  4001: 'auth/bad-key',
  4002: 'protocol/hello-timeout',
  4003: 'seat/taken-over',
  4004: 'room/full',
  4005: 'seat/released',
  4008: 'rate/limited',
  4011: 'hub/internal',
};

/** HTTP statuses the hub answers an upgrade with before any WebSocket exists. */
export const UPGRADE_STATUS = {
  /** Wrong or missing join code / instructor key: body is the error code. */
  unauthorised: 401,
  /** Not the hub's path. */
  notFound: 404,
  /** The connection cap is reached: try again later. */
  full: 503,
  /** Too many failed upgrades from this address: wait `Retry-After` seconds. */
  throttled: 429,
} as const;
