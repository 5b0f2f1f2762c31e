/**
 * What solo mode says to the player: which seat plays which game, the key to press now (from
 * the very move a careful player would make, botMove on the player's own view), and a line
 * saying what just happened and what comes next. Pure; English and Russian.
 */
import { botMove } from '../../src/game/bots.js';
import { configChange } from '../../src/raft/membership.js';
import { GAMES, GAME_ORDER } from '../../src/game/scenarios.js';
import type { SeatView } from '../../src/game/types.js';
import { say } from '../../src/i18n/format.js';
import type { Lang, Text } from '../../src/i18n/text.js';

/** The seat with something to do in each workshop game (EXERCISE.md). */
export const SOLO_SEATS: Record<number, string> = { 1: 'i1', 2: 'i1', 3: 'i8', 4: 'i4', 5: 'i8', 6: 'i4', 7: 'i1' };

const ROLE: Record<number, Text> = {
  1: { en: 'the candidate', ru: 'кандидат' },
  2: { en: 'the leader', ru: 'лидер' },
  3: { en: 'the candidate of t2', ru: 'кандидат в t2' },
  4: { en: 'back from a crash, the candidate of t3', ru: 'вернулся после сбоя, кандидат в t3' },
  5: { en: 'the server cut off from the others', ru: 'сервер, отрезанный от остальных' },
  6: { en: 'the leader whose log outgrows the sheet', ru: 'лидер, чей журнал не помещается на листе' },
  7: { en: 'the leader that adds i9 and removes itself', ru: 'лидер, который добавляет i9 и удаляет себя' },
};

/** The game solo plays after `game`: the workshop's next, none after game 4 or a later game (5). */
export function gameAfter(game: number): number | undefined {
  const at = GAME_ORDER.indexOf(game);
  return at < 0 ? undefined : GAME_ORDER[at + 1];
}

export function seatFor(game: number, chosen: string | undefined): string {
  return chosen ?? SOLO_SEATS[game] ?? 'i1';
}


/** The bots beside the player, in words: seven in games 1–5, eight in game 7 (nine servers). */
const OTHERS: Record<number, Text> = { 8: { en: 'seven', ru: 'семь' }, 9: { en: 'eight', ru: 'восемь' } };

/** The first words a new player reads: what they are, and the key to press. */
export function introLine(lang: Lang, seat: string, size = 8): string {
  return say(lang, {
    en: 'You are server {s} in a Raft cluster of {n}; the other {others} are bots. The green line names the key to press; b: by hand or prefilled, h: hints, c: the whole cluster.',
    ru: 'Ты — сервер {s} в Raft-кластере из {n}; остальные {others} — боты. Зелёная строка называет нужную клавишу; b: вручную или заполнено, h: подсказки, c: весь кластер.',
  }, { s: seat, n: size, others: (OTHERS[size] ?? { en: String(size - 1), ru: String(size - 1) })[lang] });
}

/** The key(s) for the player's next move, or what to wait for. */
export function keyLine(lang: Lang, view: SeatView): string {
  if (!view.script) return say(lang, { en: '▶ Wait: the game is about to start.', ru: '▶ Подожди: игра сейчас начнётся.' });
  if (view.question) {
    return view.question.reveal
      ? say(lang, { en: '▶ The answer is shown; the decision is played in a moment.', ru: '▶ Ответ показан; через мгновение ход будет сыгран.' })
      : say(lang, { en: '▶ Predict first: what will happen? Answer with its key.', ru: '▶ Сначала прогноз: что произойдёт? Ответь клавишей.' });
  }
  if (!view.online) return say(lang, { en: '▶ Offline (sheet turned over): watch the others.', ru: '▶ Ты не в сети (лист перевёрнут): смотри, что делают другие.' });
  const move = botMove(view);
  if (!move) {
    if (view.script.done) return say(lang, { en: '▶ Done: the next step starts by itself.', ru: '▶ Готово: следующий шаг начнётся сам.' });
    return view.task
      ? say(lang, { en: '▶ Wait for cards to reach your inbox.', ru: '▶ Жди карточек во входящих.' })
      : say(lang, { en: '▶ Watch: the bots play this step.', ru: '▶ Смотри: этот шаг играют боты.' });
  }
  const input = move.input;
  switch (input.kind) {
    case 'timeout':
      // R24: with pre-vote on, the timer sends PreVote cards instead.
      if (view.preVote) {
        if (view.assist === 'by-hand') return say(lang, { en: '▶ Press t (timer fires), fill in the PreVote card (your term stays), then Enter.', ru: '▶ Нажми t (сработал таймер), заполни карточку PreVote (терм не меняется), затем Enter.' });
        return say(lang, { en: '▶ Press t (timer fires), then Enter to send PreVote.', ru: '▶ Нажми t (сработал таймер), затем Enter — отдать карточку PreVote.' });
      }
      if (view.assist === 'by-hand') return say(lang, { en: '▶ Press t (timer fires), fill in your sheet and the RequestVote card, then Enter.', ru: '▶ Нажми t (сработал таймер), заполни лист и карточку RequestVote, затем Enter.' });
      return say(lang, { en: '▶ Press t (timer fires), then Enter to send RequestVote.', ru: '▶ Нажми t (сработал таймер), затем Enter — отдать карточку RequestVote.' });
    case 'card':
      if (view.assist === 'by-hand') {
        return say(lang, { en: '▶ Enter takes the top card; write your answer on the sheet and the card, then Enter hands it over.', ru: '▶ Enter — взять верхнюю карточку; впиши ответ в лист и карточку, затем Enter — отдать.' });
      }
      return say(lang, { en: '▶ Enter takes the top card; Enter again hands your answer back.', ru: '▶ Enter — взять верхнюю карточку, ещё раз Enter — отдать ответ.' });
    case 'replies': {
      const n = view.inbox.filter((k) => k.inReplyTo?.batch === input.batch).length;
      if (view.assist === 'by-hand') return say(lang, { en: '▶ Press r to read the Response row ({n} {n:reply|replies} at once), write what they decide on your sheet, then Enter.', ru: '▶ Нажми r — прочитать строку Response ({n} {n:ответ|ответа|ответов} сразу), впиши в лист, что они решают, затем Enter.' }, { n });
      return say(lang, { en: '▶ Press r to read the Response row ({n} {n:reply|replies} at once), then Enter to write your sheet.', ru: '▶ Нажми r — прочитать строку Response ({n} {n:ответ|ответа|ответов} сразу), затем Enter — записать лист.' }, { n });
    }
    case 'client':
      if (view.assist === 'by-hand') return say(lang, { en: '▶ Press w, type "{v}", Enter; fill in each entry\'s term, then Enter.', ru: '▶ Нажми w, набери «{v}», Enter; впиши терм каждой записи, затем Enter.' }, { v: input.value.replace(/ /g, '␣') });
      // R33: a configuration change (+i9, -i1) is one cell, not letters.
      if (view.membership && configChange(input.value)) return say(lang, { en: '▶ Press w, type "{v}", then Enter twice (one configuration cell in your log).', ru: '▶ Нажми w, набери «{v}», затем дважды Enter (одна клетка конфигурации в журнале).' }, { v: input.value });
      return say(lang, { en: '▶ Press w, type "{v}", then Enter twice (into your log, one letter per cell).', ru: '▶ Нажми w, набери «{v}», затем дважды Enter (в журнал, по букве в клетку).' }, { v: input.value.replace(/ /g, '␣') });
    case 'send':
      if (view.assist === 'by-hand') return say(lang, { en: '▶ Press s (AppendEntries to laggards), fill in the card, then Enter.', ru: '▶ Нажми s (AppendEntries тем, кому нужно), заполни карточку, затем Enter.' });
      // R32: a follower behind the leader's snapshot box gets InstallSnapshot from the same key.
      if (view.sheet.snapshot && input.to.some((p) => (view.sheet.nextIndex[p] ?? Infinity) <= view.sheet.snapshot!.lastIncludedIndex)) {
        return say(lang, { en: '▶ Press s (InstallSnapshot: the entries it lacks are gone), then Enter to send.', ru: '▶ Нажми s (InstallSnapshot: нужных записей уже нет), затем Enter — отправить.' });
      }
      return say(lang, { en: '▶ Press s (AppendEntries to laggards), then Enter to send.', ru: '▶ Нажми s (AppendEntries тем, кому нужно), затем Enter — отправить.' });
  }
}

/** Said while the next step is about to start: what happened, what comes next. */
export function transitionLine(lang: Lang, game: number, step: number, nextSeat: string): string {
  const g = GAMES[game];
  const title = g?.steps[step - 1]?.title[lang] ?? '';
  if (g && step < g.steps.length) {
    return say(lang, { en: '✔ {done} — done. Next: {next}', ru: '✔ {done} — готово. Дальше: {next}' }, { done: title, next: g.steps[step].title[lang] });
  }
  const after = gameAfter(game);
  if (after === undefined) {
    return say(lang, { en: '✔ {g} — done. All four games played! Next: free play, the cluster writes HighLoad.', ru: '✔ {g} — готово. Все четыре игры сыграны! Дальше: свободная игра, кластер пишет HighLoad.' }, { g: g?.title[lang] ?? '' });
  }
  return say(lang, { en: '✔ {g} — done. Next: {n}; you are {s}, {r}.', ru: '✔ {g} — готово. Дальше: {n}; ты — {s}, {r}.' }, {
    g: g?.title[lang] ?? '',
    n: GAMES[after].title[lang],
    s: nextSeat,
    r: nextSeat === SOLO_SEATS[after] ? ROLE[after][lang] : say(lang, { en: 'your chosen seat', ru: 'выбранное вами место' }),
  });
}

const HINT_WORD: Record<string, Text> = {
  none: { en: 'none', ru: 'нет' },
  rule: { en: 'rule', ru: 'правило' },
  answer: { en: 'answer', ru: 'ответ' },
};

/**
 * The solo keys, short (the key line must stay one row at 80 columns): `b h c ? q`, preceded by
 * what differs from the defaults: `by hand`, `hints: rule`. The intro line says what they do.
 */
export function modeTag(lang: Lang, view: SeatView): string {
  const parts: string[] = [];
  if (view.assist === 'by-hand') parts.push(say(lang, { en: 'by hand', ru: 'вручную' }));
  if ((view.hints ?? 'answer') !== 'answer') parts.push(say(lang, { en: 'hints: {h}', ru: 'подсказки: {h}' }, { h: HINT_WORD[view.hints ?? 'answer'][lang] }));
  parts.push('b h c ? q');
  return parts.join(' · ');
}

/** Where the player is, as a short tag before the key line: `game 2·1/5`, or free play. */
export function positionTag(lang: Lang, view: SeatView): string {
  const s = view.script;
  if (!s) return '';
  if (s.free) return say(lang, { en: 'free play', ru: 'свободная игра' });
  return say(lang, { en: 'game {g}·{s}/{n}', ru: 'игра {g}·{s}/{n}' }, { g: s.game, s: s.step, n: s.steps });
}

/**
 * Said when a step cannot finish as scripted: what the cluster shows against what the step
 * expects (at most two reasons), and the two ways on.
 */
export function stallLine(lang: Lang, reasons: Text[]): string {
  const why = reasons.slice(0, 2).map((r) => r[lang]).join('; ');
  return say(lang, {
    en: '⚠ Off the script{why}: this step cannot finish as written. Press R to retry the step, N to skip it.',
    ru: '⚠ Не по сценарию{why}: этот шаг не закончится так, как написан. R — повторить шаг, N — пропустить его.',
  }, { why: why ? ` (${why})` : '' });
}
