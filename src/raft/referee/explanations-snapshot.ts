/**
 * The referee's sentences for log-compaction games (docs/rules-extended.md R29–R32, M24–M27),
 * spread into explanations.ts's EXPLANATIONS; kept apart so game 6's sentences read together.
 * Said by detectors-snapshot.ts. `{name}` is filled by sayBoth.
 */
import type { Text } from '../../i18n/text.js';

export const SNAPSHOT_EXPLANATIONS = {
  snapshotBox: {
    en: 'Your snapshot box should read {expected} after this move, not {given}. Only applied entries go into a snapshot: lastIncludedIndex = lastApplied ({applied}), lastIncludedTerm = that entry\'s term, data = the text applied so far (R30, R29).',
    ru: 'После этого хода в клетке снимка должно быть {expected}, а не {given}. В снимок попадают только применённые записи: lastIncludedIndex = lastApplied ({applied}), lastIncludedTerm = терм этой записи, данные — уже применённый текст (R30, R29).',
  },
  snapshotBox2: {
    en: 'It is time to snapshot: {n} applied entries stand above your snapshot box, the game\'s threshold or more. Write entries up to {applied} into the box ({expected}) and erase them from your log (R30).',
    ru: 'Пора снимать снимок: над клеткой снимка {n} применённых записей — порог игры достигнут. Перенеси записи до {applied} в клетку ({expected}) и сотри их из журнала (R30).',
  },
  snapshotBox3: {
    en: 'No snapshot is due yet: {n} applied entries stand above your box, fewer than the game\'s threshold; the box stays {expected} (R30).',
    ru: 'Снимок ещё не нужен: над клеткой {n} применённых записей, меньше порога игры; клетка остаётся {expected} (R30).',
  },
  snapshotLog: {
    en: 'With the snapshot box at {base}, your log keeps only the entries after it: {expected}, not {given}. Entries 1–{base} live in the box now; every index still counts from 1 (R29).',
    ru: 'Клетка снимка заканчивается на {base}, поэтому журнал хранит только записи после неё: {expected}, а не {given}. Записи 1–{base} теперь в клетке; индексы по-прежнему считаются с 1 (R29).',
  },
  snapshotSend: {
    en: '{to}\'s nextIndex is {next}, at or below your lastIncludedIndex {base}: the entries {to} lacks are gone from your log. Send it InstallSnapshot with your box ({box}) instead of AppendEntries (R32).',
    ru: 'nextIndex у {to} — {next}, не больше твоего lastIncludedIndex {base}: записей, которых не хватает {to}, в твоём журнале уже нет. Отправь ему InstallSnapshot со своей клеткой снимка ({box}) вместо AppendEntries (R32).',
  },
  snapshotSend2: {
    en: '{to}\'s nextIndex is {next}, above your lastIncludedIndex {base}: you still hold what it needs. Send an ordinary AppendEntries from index {next} (R32, R16).',
    ru: 'nextIndex у {to} — {next}, выше твоего lastIncludedIndex {base}: у тебя ещё есть то, что ему нужно. Отправь обычный AppendEntries с индекса {next} (R32, R16).',
  },
  snapshotSend3: {
    en: 'The InstallSnapshot card carries your term and your snapshot box as it stands: {expected} (R32).',
    ru: 'Карточка InstallSnapshot несёт твой терм и твою клетку снимка как есть: {expected} (R32).',
  },
  snapshotInstall: {
    en: '{from}\'s InstallSnapshot has term {term}, older than yours ({termBefore}): answer with your term and change nothing (R31, R5).',
    ru: 'InstallSnapshot от {from} имеет терм {term}, меньше твоего ({termBefore}): ответь своим термом и ничего не меняй (R31, R5).',
  },
  snapshotInstall2: {
    en: 'The snapshot ends at {index}, which you have already committed (commitIndex {commit}): it covers nothing new, so your sheet stays as it is; just answer (R31).',
    ru: 'Снимок заканчивается на {index}, а ты уже зафиксировал до {commit}: он не даёт ничего нового, лист остаётся как есть; просто ответь (R31).',
  },
  snapshotInstall3: {
    en: 'Install the snapshot: copy the box ({box}); {cut}; commitIndex and lastApplied become {index} — the snapshot is applied state. After the move: log {expected}, commit {commit} (R31).',
    ru: 'Установи снимок: перепиши клетку ({box}); {cut}; commitIndex и lastApplied становятся {index} — снимок и есть применённое состояние, ты получаешь его целиком. После хода: журнал {expected}, commit {commit} (R31).',
  },
  snapshotInstallKeep: {
    en: 'your log holds entry {index} with term t{term}, so the entries after it stay',
    ru: 'в твоём журнале есть запись {index} с термом t{term}, поэтому записи после неё остаются',
  },
  snapshotInstallDrop: {
    en: 'your log has no entry {index} of term t{term}, so the whole log goes',
    ru: 'в твоём журнале нет записи {index} с термом t{term}, поэтому стирается весь журнал',
  },
  snapshotInstall4: {
    en: 'Answer InstallSnapshotReply with your current term {term}; {what} (R31).',
    ru: 'Ответь InstallSnapshotReply со своим текущим термом {term}; {what} (R31).',
  },
  snapshotInstallRole: {
    en: 'a snapshot from the leader of your term makes you its follower and resets your timer (R12, R14)',
    ru: 'снимок от лидера твоего терма делает тебя его фолловером и сбрасывает таймер (R12, R14)',
  },
  snapshotInstallNothing: {
    en: 'nothing else on your sheet depends on the reply',
    ru: 'больше ничего на листе от ответа не зависит',
  },
  snapshotReply: {
    en: '{from} now holds your snapshot up to {index}: matchIndex[{from}] becomes {match} and nextIndex[{from}] {next}, so your next card to it is an AppendEntries from {next} (R32, R21).',
    ru: 'У {from} теперь есть твой снимок до {index}: matchIndex[{from}] становится {match}, а nextIndex[{from}] — {next}, и следующая карточка ему — AppendEntries с {next} (R32, R21).',
  },
} satisfies Record<string, Text>;
