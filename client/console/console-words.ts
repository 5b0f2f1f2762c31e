/** The console's own words (menus, key help), in English and Russian. */
import type { Lang, Text } from '../../src/i18n/text.js';

const words = {
  keysMain: {
    en: '↑↓/A-Z cluster · enter sheets · g game · n next · p prev · f fault · b bots · m modes · a announce · r reset · w rewind · k key · q quit',
    ru: '↑↓/A-Z кластер · enter листы · g игра · n дальше · p назад · f сбой · b боты · m режимы · a объявить · r сброс · w откат · k ключ · q выход',
  },
  keysGame: { en: 'Game for every cluster: 1 election · 2 replication · 3 no leader · 4 overwrite · 0 free play · esc back', ru: 'Игра для всех кластеров: 1 выборы · 2 репликация · 3 без лидера · 4 перезапись · 0 свободная · esc назад' },
  keysFault: {
    en: 'Fault in {c}: l lose a card · o offline · u online · s split (partition) · h heal · d delay a card · x duplicate a card · r reorder an inbox · esc',
    ru: 'Сбой в {c}: l потерять карточку · o отключить · u включить · s разделить · h соединить · d задержать · x дублировать · r перемешать входящие · esc',
  },
  keysCard: { en: 'Which card ({what})? ↑↓ enter, or 1-9: the first card to that server · esc', ru: 'Какая карточка ({what})? ↑↓ enter, или 1-9: первая карточка этому серверу · esc' },
  keysServer: { en: 'Which server ({what})? 1-9 for i1…i9 · esc', ru: 'Какой сервер ({what})? 1-9 — i1…i9 · esc' },
  keysBots: { en: 'Bots: f fill empty seats (human pace) · F fill (fast) · c clear · h hand a bot seat in {c} to the next student · esc', ru: 'Боты: f занять пустые места (темп человека) · F быстро · c убрать · h отдать место бота в {c} следующему студенту · esc' },
  keysModes: { en: 'Modes for {where} (tab: switch): g guard · o observe · h by hand · p prefilled · c on cue · t timers · esc', ru: 'Режимы для {where} (tab — сменить): g guard · o observe · h вручную · p подсказка · c по команде · t таймеры · esc' },
  keysAnnounce: { en: 'Announcement to {where} (tab: switch) — type, enter sends, esc drops:', ru: 'Объявление для {where} (tab — сменить) — печатайте, enter отправить, esc отмена:' },
  keysPartition: { en: 'Partition {c} — groups of server numbers, like 1 2 3 / 4 5 6 7 8; enter applies, esc drops:', ru: 'Разделить {c} — группы номеров, например 1 2 3 / 4 5 6 7 8; enter применить, esc отмена:' },
  keysReset: { en: 'Reset {c} to fresh sheets (seats and modes stay)? y / n', ru: 'Сбросить {c} к чистым листам (места и режимы останутся)? y / n' },
  keysQuit: { en: 'Stop the hub? Everyone is disconnected; resume later with --resume. y / n', ru: 'Остановить хаб? Все отключатся; продолжить потом с --resume. y / n' },
  keysRewind: { en: 'Rewind {c} to right after the chosen moment (its later moves stay in the journal as a branch): ↑↓ enter · esc', ru: 'Откатить {c} к выбранному моменту (дальнейшие ходы останутся в журнале веткой): ↑↓ enter · esc' },
  join: { en: 'join:', ru: 'вход:' },
  key: { en: 'key:', ru: 'ключ:' },
  keyHidden: { en: 'k shows the instructor key', ru: 'k — показать ключ преподавателя' },
  keyResumed: { en: 'unchanged (as printed when the session started)', ru: 'прежний (напечатан при запуске сессии)' },
  noGame: { en: 'No game running: g chooses one (1–4 are the workshop games, 0 free play).', ru: 'Игра не идёт: g — выбрать (1–4 — игры практикума, 0 — свободная).' },
  allDone: { en: 'all done — n: next step', ru: 'все готовы — n: следующий шаг' },
  lastDone: { en: 'all done — the last step', ru: 'все готовы — последний шаг' },
  done: { en: 'done', ru: 'готово' },
  cards: { en: 'Cards in flight', ru: 'Карточки в пути' },
  noCards: { en: 'no cards in flight', ru: 'карточек в пути нет' },
  moments: { en: 'Moments of {c}, newest first (v = journal record)', ru: 'Моменты {c}, новые сверху (v — запись журнала)' },
  noMoments: { en: 'no earlier moment seen yet', ru: 'более ранних моментов ещё не было' },
  connecting: { en: 'connecting to the hub…', ru: 'подключение к хабу…' },
  room: { en: 'the room', ru: 'всей комнаты' },
  tooSmall: { en: 'The terminal is {w}×{h}; the console needs at least 80×24.', ru: 'Терминал {w}×{h}; консоли нужно не меньше 80×24.' },
} satisfies Record<string, Text>;

export type ConsoleWord = keyof typeof words;

export function cw(lang: Lang, key: ConsoleWord, vars: Record<string, string | number> = {}): string {
  return words[key][lang].replace(/\{(\w+)\}/g, (_, k: string) => String(vars[k] ?? ''));
}
