/**
 * The debrief as Markdown, in one language: what an instructor reads (or projects) after the
 * session. Deterministic for a given debrief, so a committed expected file can be compared.
 */
import { escapeLines } from '../protocol/safe-text.js';
import { wordsOf } from '../i18n/format.js';
import type { Lang } from '../i18n/text.js';
import type { ClusterDebrief, Counts, Debrief, FinalSheet, StudentDebrief, TimelineEntry } from './debrief.js';
import { describeFault } from './describe.js';

const h = wordsOf({
  title: { en: 'raft-sheet debrief', ru: 'raft-sheet: разбор занятия' },
  session: { en: 'Session', ru: 'Занятие' },
  clustersOf: { en: '{n} {n:cluster|clusters} of {size}', ru: '{n} {n:кластер|кластера|кластеров} по {size}' },
  records: { en: '{n} journal records', ru: 'записей в журнале: {n}' },
  long: { en: '{d} long', ru: 'длительность {d}' },
  top: { en: 'The mistakes the room made most', ru: 'Самые частые ошибки' },
  noMistakes: { en: 'Nobody made a mistake the referee noticed.', ru: 'Судья не заметил ни одной ошибки.' },
  mistake: { en: 'mistake', ru: 'ошибка' },
  rule: { en: 'rule', ru: 'правило' },
  count: { en: 'count', ru: 'раз' },
  cluster: { en: 'Cluster {id}', ru: 'Кластер {id}' },
  leader: { en: 'leader {server} (t{term})', ru: 'лидер {server} (t{term})' },
  noLeader: { en: 'no leader', ru: 'лидера нет' },
  commit: { en: 'commit {n}', ru: 'коммит {n}' },
  violations: { en: 'violations {n}', ru: 'нарушений {n}' },
  mistakesN: { en: 'mistakes {list}', ru: 'ошибки {list}' },
  timeline: { en: 'Timeline', ru: 'Хронология' },
  time: { en: 'time', ru: 'время' },
  record: { en: 'record', ru: 'запись' },
  what: { en: 'what happened', ru: 'что произошло' },
  finalLogs: { en: 'Final logs', ru: 'Журналы в конце' },
  students: { en: 'Students', ru: 'Студенты' },
  noStudents: { en: 'No student played in this session (bots only).', ru: 'На этом занятии играли только боты.' },
  movesLine: { en: '{moves} moves · {ok} accepted · {no} refused', ru: 'ходов {moves} · принято {ok} · отклонено {no}' },
  byRule: { en: 'mistakes by rule', ru: 'ошибки по правилам' },
  byMistake: { en: 'by misconception', ru: 'по заблуждениям' },
  none: { en: 'none', ru: 'нет' },
  move: { en: 'move', ru: 'ход' },
  verdict: { en: 'verdict', ru: 'вердикт' },
  mistakesCol: { en: 'mistakes', ru: 'ошибки' },
  accepted: { en: 'accepted', ru: 'принят' },
  refused: { en: 'refused', ru: 'отклонён' },
  onBranch: { en: 'branch {branch}, rewound', ru: 'ветка {branch}, отменена' },
  branches: { en: 'Rewound branches', ru: 'Отменённые ветки' },
  noBranches: { en: 'None: no cluster was rewound in this session.', ru: 'Нет: ни один кластер не перематывали.' },
  branch: { en: 'Branch {id} (records {from}–{to}), left play', ru: 'Ветка {id} (записи {from}–{to}), вышла из игры' },
  step: { en: 'step {game}.{step} {title}', ru: 'шаг {game}.{step} {title}' },
  electionWon: { en: '{server} stands for t{term} — leader at {when} with {votes} of {of} votes', ru: '{server} выдвигается в t{term} — лидер в {when}, {votes} {votes:голос|голоса|голосов} из {of}' },
  electionNoQuorum: { en: '{server} stands for t{term} — declares itself leader at {when} with {votes} of {of} votes, no quorum', ru: '{server} выдвигается в t{term} — объявляет себя лидером в {when} с {votes} {votes:голосом|голосами} из {of}, без кворума' },
  electionLost: { en: '{server} stands for t{term} — no leader: {votes} of {of} votes, over at {when}', ru: '{server} выдвигается в t{term} — не избран: {votes} {votes:голос|голоса|голосов} из {of}, выборы окончены в {when}' },
  electionOpen: { en: '{server} stands for t{term}, still counting: {votes} of {of} votes', ru: '{server} выдвигается в t{term}, подсчёт не окончен: {votes} {votes:голос|голоса|голосов} из {of}' },
  commitRange: { en: '{server} (t{term}) commits {range}: {text}', ru: '{server} (t{term}) коммитит {range}: {text}' },
  fault: { en: 'fault by the {by}: {what}', ru: 'сбой ({by}): {what}' },
  byInstructor: { en: 'instructor', ru: 'ведущий' },
  byScript: { en: 'script', ru: 'сценарий' },
  violation: { en: '**{property} violated** — servers {servers}{where}: {explain}', ru: '**нарушено {property}** — серверы {servers}{where}: {explain}' },
  where: { en: ', term t{term}', ru: ', терм t{term}' },
  whereIndex: { en: ', index {index}', ru: ', индекс {index}' },
  mistakeRefused: { en: '{who} ({server}): move refused — {ids}', ru: '{who} ({server}): ход отклонён — {ids}' },
  mistakeObserved: { en: '{who} ({server}): wrong move played (observe) — {ids}', ru: '{who} ({server}): неверный ход сыгран (наблюдение) — {ids}' },
  mode: { en: 'mode: {mode}, {assist}, {election}', ru: 'режим: {mode}, {assist}, {election}' },
  reset: { en: 'the cluster was reset', ru: 'кластер сброшен' },
  paused: { en: '⏸ paused by the instructor (timers frozen, moves wait)', ru: '⏸ пауза (таймеры стоят, ходы ждут)' },
  resumedPlay: { en: '▶ play resumed', ru: '▶ игра продолжается' },
  announced: { en: 'announcement: “{text}”', ru: 'объявление: «{text}»' },
  hubResumed: { en: '**the hub stopped and was resumed** from the journal ({n} records replayed{torn})', ru: '**хаб остановился и продолжил** по журналу (повторено записей: {n}{torn})' },
  tornCut: { en: '; a torn last line was cut', ru: '; оборванная последняя строка отрезана' },
  noiseNone: { en: '{count} elections in t{from}–t{to}, none won: split votes (timers firing while votes were written)', ru: 'выборов: {count} в t{from}–t{to}, ни одни не выиграны: голоса разделились (таймеры срабатывали, пока писали голоса)' },
  noiseWon: { en: '{count} elections in t{from}–t{to}, {won} won — the last by {server} (t{term}); the others split the votes', ru: 'выборов: {count} в t{from}–t{to}, выиграно {won} — последние {server} (t{term}); в остальных голоса разделились' },
  branchMistakes: { en: 'mistakes on this branch (not in any total): {list}', ru: 'ошибки на этой ветке (не входят в итоги): {list}' },
  onBranches: { en: '{n} more on rewound branches (not counted)', ru: 'ещё {n} на отменённых ветках (не учтены)' },
  rewound: { en: 'rewound to record {to}: records {from}–{through} left play as branch {branch}', ru: 'откат к записи {to}: записи {from}–{through} ушли в ветку {branch}' },
  bot: { en: 'bot', ru: 'бот' },
  empty: { en: 'empty', ru: 'пусто' },
  offline: { en: 'offline', ru: 'не в сети' },
  questions: { en: 'Questions asked of the room', ru: 'Вопросы классу' },
  questionHead: { en: '{id} at {when} (record {n}), about {server}: {text}', ru: '{id} в {when} (запись {n}), о {server}: {text}' },
  choice: { en: 'answer', ru: 'ответ' },
  votes: { en: 'students', ru: 'студентов' },
  correctMark: { en: '✔ correct', ru: '✔ верно' },
  decidedBy: { en: 'Decided by {rule}: {why}', ru: 'Решает {rule}: {why}' },
  notPlayed: { en: 'The question was dropped without playing the decision.', ru: 'Вопрос сняли, решение не играли.' },
  stillOpen: { en: 'Still open when the session ended.', ru: 'Вопрос оставался открытым до конца занятия.' },
  whoAnswered: { en: 'Answers: {list}', ru: 'Ответы: {list}' },
  nobodyAnswered: { en: 'Nobody answered.', ru: 'Никто не ответил.' },
  predictions: { en: 'Predictions', ru: 'Прогнозы' },
  predictionLine: { en: '**{name}** ({cluster}/{server}): {right} right, {wrong} wrong — {list}', ru: '**{name}** ({cluster}/{server}): верно {right}, неверно {wrong} — {list}' },
});

/** `mm:ss` since the session's first record (`h:mm:ss` past an hour). */
export function clockText(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const hh = Math.floor(total / 3600);
  const mm = String(Math.floor((total % 3600) / 60)).padStart(2, '0');
  const ss = String(total % 60).padStart(2, '0');
  return hh > 0 ? `${hh}:${mm}:${ss}` : `${mm}:${ss}`;
}

/** Asking the room (issue 14): each question with its tally and answer, then each student's predictions. */
function questionsSection(d: Debrief, lang: Lang): string[] {
  const out = [`## ${h(lang, 'questions')}`, ''];
  for (const q of d.questions ?? []) {
    out.push(`### ${h(lang, 'questionHead', { id: q.id, when: clockText(q.at), n: q.n, server: q.server, text: q.text[lang] })}`, '');
    out.push(`| ${h(lang, 'choice')} | ${h(lang, 'votes')} | |`, '|---|---|---|');
    q.choices.forEach((c, i) => out.push(`| ${cell(c[lang])} | ${q.tally[i] ?? 0} | ${i === q.correct ? h(lang, 'correctMark') : ''} |`));
    out.push('', h(lang, 'decidedBy', { rule: q.rule, why: q.why[lang] }));
    if (q.played === false) out.push('', h(lang, 'notPlayed'));
    if (q.played === null) out.push('', h(lang, 'stillOpen'));
    const list = q.answers.map((a) => `${a.name} (${a.server}) ${q.choices[a.choice]?.[lang] ?? '?'} ${a.right ? '✔' : '✗'}`).join(' · ');
    out.push('', list ? h(lang, 'whoAnswered', { list }) : h(lang, 'nobodyAnswered'), '');
  }
  if (d.predictions?.length) {
    out.push(`### ${h(lang, 'predictions')}`, '');
    for (const p of d.predictions) {
      const list = p.answers.map((a) => `${a.question} ${a.choice[lang]} ${a.right ? '✔' : '✗'}`).join(', ');
      out.push(`- ${h(lang, 'predictionLine', { name: p.name, cluster: p.cluster, server: p.server, right: p.right, wrong: p.wrong, list })}`);
    }
    out.push('');
  }
  return out;
}

/** Escapes what would break a table cell. */
const cell = (s: string) => s.replace(/\|/g, '\\|');

export function debriefMarkdown(d: Debrief, lang: Lang): string {
  const out: string[] = [];
  out.push(`# ${h(lang, 'title')}`, '');
  out.push(
    `${h(lang, 'session')} ${d.session.createdAt ?? ''} · ${h(lang, 'clustersOf', { n: d.session.clusters, size: d.session.size })} · ${h(lang, 'records', { n: d.session.records })} · ${h(lang, 'long', { d: clockText(d.session.durationMs) })}`.replace('  ', ' '),
    '',
  );
  out.push(`## ${h(lang, 'top')}`, '');
  if (d.topMistakes.length === 0) out.push(h(lang, 'noMistakes'), '');
  else {
    out.push(`| # | ${h(lang, 'mistake')} | ${h(lang, 'rule')} | ${h(lang, 'count')} |`, '|---|---|---|---|');
    d.topMistakes.forEach((m, i) => {
      const rule = m.id === m.rule ? '' : `${m.rule} ${m.ruleTitle[lang]}`;
      out.push(`| ${i + 1} | ${m.id} ${cell(m.title[lang])} | ${cell(rule)} | ${m.count} |`);
    });
    out.push('');
  }
  for (const c of d.clusters) out.push(...clusterSection(c, lang));
  out.push(`## ${h(lang, 'students')}`, '');
  if (d.students.length === 0) out.push(h(lang, 'noStudents'), '');
  for (const s of d.students) out.push(...studentSection(s, lang));
  if (d.questions?.length) out.push(...questionsSection(d, lang));
  out.push(`## ${h(lang, 'branches')}`, '');
  if (d.branches.length === 0) out.push(h(lang, 'noBranches'), '');
  for (const b of d.branches) {
    const rules = ruleList(b.mistakesByRule);
    out.push(`### ${h(lang, 'branch', { id: b.id, from: b.from, to: b.through })}`, '', ...(rules ? [h(lang, 'branchMistakes', { list: rules }), ''] : []), ...timelineTable(b.timeline, lang));
  }
  // Names, log letters and announcements came from clients: whatever a session recorded before the
  // text rule (src/protocol/safe-text.ts), no control or bidi character reaches the terminal.
  return escapeLines(out.join('\n').replace(/\n+$/, '\n'));
}

const ruleList = (r: Counts) =>
  Object.entries(r)
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0], 'en', { numeric: true }))
    .map(([k, n]) => `${k}×${n}`)
    .join(' ');

function clusterSection(c: ClusterDebrief, lang: Lang): string[] {
  const rules = ruleList(c.mistakesByRule);
  const head = [
    c.leader ? h(lang, 'leader', c.leader) : h(lang, 'noLeader'),
    h(lang, 'commit', { n: c.commitIndex }),
    h(lang, 'violations', { n: c.violations }),
    h(lang, 'mistakesN', { list: rules || h(lang, 'none') }),
  ].join(' · ');
  return [`## ${h(lang, 'cluster', { id: c.id })}`, '', head, '', `### ${h(lang, 'timeline')}`, '', ...timelineTable(c.timeline, lang), `### ${h(lang, 'finalLogs')}`, '', ...finalLogs(c.final, lang)];
}

function timelineTable(list: readonly TimelineEntry[], lang: Lang): string[] {
  const out = [`| ${h(lang, 'time')} | ${h(lang, 'record')} | ${h(lang, 'what')} |`, '|---|---|---|'];
  for (const e of list) out.push(`| ${clockText(e.at)} | ${e.n} | ${cell(entryText(e, lang))} |`);
  out.push('');
  return out;
}

export function entryText(e: TimelineEntry, lang: Lang): string {
  switch (e.kind) {
    case 'step':
      return h(lang, 'step', { game: e.game, step: e.step, title: e.title[lang] });
    case 'election': {
      const when = e.decided ? clockText(e.decided.at) : '';
      const quorum = e.votes >= Math.floor(e.of / 2) + 1;
      const key = e.outcome === 'won' ? (quorum ? 'electionWon' : 'electionNoQuorum') : e.outcome === 'lost' ? 'electionLost' : 'electionOpen';
      return h(lang, key, { server: e.server, term: e.term, votes: e.votes, of: e.of, when });
    }
    case 'commit':
      return h(lang, 'commitRange', { ...e, range: e.from === e.to ? `${e.from}` : `${e.from}–${e.to}` });
    case 'fault':
      return h(lang, 'fault', { by: h(lang, e.by === 'instructor' ? 'byInstructor' : 'byScript'), what: describeFault(e.fault, lang) });
    case 'violation':
      return h(lang, 'violation', {
        property: e.property,
        servers: e.servers.join(', '),
        where: (e.term !== undefined ? h(lang, 'where', { term: e.term }) : '') + (e.index !== undefined ? h(lang, 'whereIndex', { index: e.index }) : ''),
        explain: e.explain[lang],
      });
    case 'mistake':
      return h(lang, e.refused ? 'mistakeRefused' : 'mistakeObserved', { who: e.who === 'bot' ? h(lang, 'bot') : e.who, server: e.server, ids: e.ids.join(', ') });
    case 'mode':
      return h(lang, 'mode', e);
    case 'reset':
      return h(lang, 'reset');
    case 'rewind':
      return h(lang, 'rewound', e);
    case 'pause':
      return h(lang, e.paused ? 'paused' : 'resumedPlay');
    case 'announce':
      return h(lang, 'announced', { text: e.text[lang] });
    case 'resumed':
      return h(lang, 'hubResumed', { n: e.replayed, torn: e.torn ? h(lang, 'tornCut') : '' });
    case 'elections':
      return e.won === 0 || !e.winner
        ? h(lang, 'noiseNone', { count: e.count, from: e.from, to: e.to })
        : h(lang, 'noiseWon', { count: e.count, from: e.from, to: e.to, won: e.won, server: e.winner.server, term: e.winner.term });
  }
}

/** Every sheet of the cluster, logs aligned by index in a fixed-width block. */
function finalLogs(sheets: readonly FinalSheet[], lang: Lang): string[] {
  const longest = Math.max(0, ...sheets.map((s) => [...s.log].length));
  const label = (s: FinalSheet) => {
    const seat = s.seat === 'bot' ? h(lang, 'bot') : s.seat === 'empty' ? h(lang, 'empty') : s.seat;
    const role = s.role === 'leader' ? '♛' : s.role === 'candidate' ? '✋' : ' ';
    return `${s.server}${role} t${s.term} ${seat}`;
  };
  const width = Math.max(12, ...sheets.map((s) => label(s).length)) + 1;
  const idx = Array.from({ length: longest }, (_, i) => String(i + 1).padEnd(3)).join('');
  const out = ['```', `${''.padEnd(width)}${idx}`];
  for (const s of sheets) {
    const letters = [...s.log].map((ch) => ch.padEnd(3)).join('');
    const tail = `  ✔${s.lastApplied} ●${s.commitIndex}${s.online ? '' : ` (${h(lang, 'offline')})`}`;
    out.push(`${label(s).padEnd(width)}${letters.padEnd(longest * 3)}${tail}`.trimEnd());
    // The terms of the entries under their letters; an empty log has no such row.
    if (s.terms.length > 0) out.push(`${''.padEnd(width)}${s.terms.map((t) => `t${t}`.padEnd(3)).join('')}`.trimEnd());
  }
  out.push('```', '');
  return out;
}

function studentSection(s: StudentDebrief, lang: Lang): string[] {
  const list = (r: Counts) =>
    Object.entries(r)
      .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0], 'en', { numeric: true }))
      .map(([k, n]) => `${k}×${n}`)
      .join(' ') || h(lang, 'none');
  const out = [`### ${s.name} — ${s.cluster}/${s.server}`, ''];
  const branches = s.onBranches ? ` · ${h(lang, 'onBranches', { n: s.onBranches })}` : '';
  out.push(`${h(lang, 'movesLine', { moves: s.moves.length - s.onBranches, ok: s.accepted, no: s.refused })}${branches} · ${h(lang, 'byRule')}: ${list(s.byRule)} · ${h(lang, 'byMistake')}: ${list(s.byMistake)}`, '');
  out.push(`| ${h(lang, 'time')} | ${h(lang, 'record')} | ${h(lang, 'move')} | ${h(lang, 'verdict')} | ${h(lang, 'mistakesCol')} |`, '|---|---|---|---|---|');
  for (const m of s.moves) {
    const verdict = h(lang, m.accepted ? 'accepted' : 'refused') + (m.branch ? ` (${h(lang, 'onBranch', { branch: m.branch })})` : '');
    out.push(`| ${clockText(m.at)} | ${m.n} | ${cell(m.says[lang])} | ${verdict} | ${m.mistakes.join(', ')} |`);
  }
  out.push('');
  return out;
}
