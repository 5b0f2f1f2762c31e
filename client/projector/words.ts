/**
 * The projector's and replay's words in English and Russian. Kept beside them rather than in
 * client/i18n.ts, which the student screen edits often: the words are only used here.
 */
import { wordsOf } from '../../src/i18n/format.js';

/** A projector word in the reader's language, filled (src/i18n/format.ts). */
export const pw = wordsOf({
  projector: { en: 'projector', ru: 'проектор' },
  roomPaused: { en: '⏸ PAUSED — the room stops for a discussion', ru: '⏸ ПАУЗА — обсуждаем' },
  clustersPaused: { en: '⏸ PAUSED: cluster {ids}', ru: '⏸ ПАУЗА: кластер {ids}' },
  replay: { en: 'replay', ru: 'повтор' },
  game: { en: 'Game {game} · step {step}/{steps}', ru: 'Игра {game} · шаг {step}/{steps}' },
  freePlay: { en: 'Free play', ru: 'Свободная игра' },
  noScript: { en: 'no game running', ru: 'игра не начата' },
  done: { en: 'done', ru: 'готово' },
  observe: { en: 'observe mode', ru: 'режим наблюдения' },
  guard: { en: 'guard mode', ru: 'режим судьи' },
  violation: { en: '{property} broken', ru: 'нарушено {property}' },
  more: { en: '+{n} more: {ids} (a: one large, ←→: choose)', ru: 'ещё {n}: {ids} (a: крупно, ←→: выбор)' },
  waiting: { en: 'waiting for the hub…', ru: 'ждём хаб…' },
  /** Only the first connection names the hub; the link's other states are client/i18n.ts's words. */
  connectingTo: { en: 'connecting to {url}…', ru: 'подключение к {url}…' },
  keysWatch: { en: '←→ cluster · a one/all · q quit', ru: '←→ кластер · a один/все · q выход' },
  keysReplay: { en: '←→ record · [ ] ±10 · n p step · home end · tab cluster · a one/all · q quit', ru: '←→ запись · [ ] ±10 · n p шаг · home end · tab кластер · a один/все · q выход' },
  recordOf: { en: 'record {k} of {n}', ru: 'запись {k} из {n}' },
  start: { en: 'the start: nothing has happened yet', ru: 'начало: ещё ничего не произошло' },
  tooSmall: { en: 'The terminal is {w}×{h}; the projector needs at least 60×16.', ru: 'Терминал {w}×{h}; проектору нужно не меньше 60×16.' },
  leaderNew: { en: '{server} leads t{term}', ru: '{server} — лидер t{term}' },
  commitTo: { en: 'commit {n}', ru: 'коммит {n}' },
  termTo: { en: 'term t{term}', ru: 'терм t{term}' },
  offline: { en: '{server} offline', ru: '{server} не в сети' },
  backOnline: { en: '{server} back online', ru: '{server} снова в сети' },
  stepNow: { en: 'step {game}.{step}', ru: 'шаг {game}.{step}' },
  split: { en: 'split {groups}', ru: 'раздел {groups}' },
  healed: { en: 'partition healed', ru: 'раздел снят' },
  offList: { en: 'off {servers}', ru: 'не в сети {servers}' },
});
