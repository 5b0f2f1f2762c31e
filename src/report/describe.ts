/**
 * "Who did what" in one line, for replay's status line and the debrief's move lists:
 * `A/i3 took card A-17 (RequestVote i1 t1): vote ✔`, `instructor: lose card A-12`.
 * Pure: it reads the record and the room just before it (for what a card held).
 */
import type { Lang } from '../i18n/text.js';
import { currentTerm } from '../raft/log.js';
import type { Mistake } from '../raft/referee.js';
import type { Message, ServerState } from '../raft/types.js';
import type { GameEvent } from '../game/events.js';
import type { Command, Fault, Room } from '../game/types.js';
import { GAMES } from '../game/scenarios.js';
import type { SessionRecord } from './records.js';
import { say } from './words.js';

export interface DescribeOptions {
  lang: Lang;
  /** ASCII symbols (`y`/`x`) instead of ✔/✗. */
  ascii?: boolean;
}

/** The seat a record's actor played: `A/i3` for `A/i3` and `bot:A/i3`; null for the instructor, hub, clock. */
export function actorSeat(by: string): { cluster: string; server: string; bot: boolean } | null {
  const m = /^(bot:)?([A-Z]+)\/(i\d+)$/.exec(by);
  return m ? { cluster: m[2], server: m[3], bot: m[1] !== undefined } : null;
}

/** How an actor is named: a student by name and seat, a bot by seat, the others by role. */
export function actorLabel(by: string, before: Room, lang: Lang): string {
  const seat = actorSeat(by);
  if (!seat) return by === 'instructor' ? say(lang, 'instructor') : by === 'hub' ? say(lang, 'hub') : by === 'clock' ? say(lang, 'clock') : by;
  const held = before.clusters[seat.cluster]?.seats[seat.server];
  const id = `${seat.cluster}/${seat.server}`;
  if (held?.kind === 'student') return `${held.name} (${id})`;
  return seat.bot || held?.kind === 'bot' ? `${id} (${say(lang, 'bot')})` : id;
}

export function describeRecord(r: SessionRecord, before: Room, o: DescribeOptions): string {
  const lang = o.lang;
  if (r.kind === 'token') return `${say(lang, 'hub')}: ${say(lang, 'token', { seat: `${r.cluster}/${r.server}` })}`;
  if (r.kind === 'revoke') return `${say(lang, 'hub')}: ${say(lang, 'revoke', { seat: `${r.cluster}/${r.server}` })}`;
  if (r.kind === 'hand') return `${say(lang, 'instructor')}: ${say(lang, r.on ? 'handOn' : 'handOff', { seat: `${r.cluster}/${r.server}` })}`;
  if (r.kind === 'hub') return `${say(lang, 'hub')}: ${say(lang, 'resumed', { n: r.replayed })}`;
  const who = actorLabel(r.by, before, lang);
  const what = describeCommand(r.command, r.events, before, o);
  if (r.kind === 'refused') return `${who}: ${what} — ${say(lang, 'refused')} (${mistakeIds(mistakesIn(r.events)).join(', ')})`;
  const found = r.mistakes ?? mistakesIn(r.events);
  return `${who}: ${what}${found.length ? ` — ${say(lang, 'mistakes')} ${mistakeIds(found).join(', ')}` : ''}`;
}

export function mistakesIn(events: readonly GameEvent[]): Mistake[] {
  return events.flatMap((e) => (e.type === 'mistakes' ? e.mistakes : []));
}

/** `R9/M3` per mistake, each id once, in order. */
export function mistakeIds(list: readonly Mistake[]): string[] {
  return [...new Set(list.map((m) => (m.mistake ? `${m.rule}/${m.mistake}` : m.rule)))];
}

export function describeCommand(cmd: Command, events: readonly GameEvent[], before: Room, o: DescribeOptions): string {
  const lang = o.lang;
  switch (cmd.type) {
    case 'move':
      return describeMove(cmd, events, before, o);
    case 'fault':
      return `${cmd.cluster}: ${describeFault(cmd.fault, lang)}`;
    case 'script': {
      const where = cmd.cluster ?? say(lang, 'allClusters');
      const started = events.find((e): e is Extract<GameEvent, { type: 'script' }> => e.type === 'script' && e.script !== null && !e.script.done);
      const step = started?.script ? ` → ${stepLabel(started.script.game, started.script.step, lang)}` : '';
      const verb = cmd.action === 'start' ? say(lang, 'startGame', { game: cmd.game ?? 1 }) : cmd.action === 'next' ? say(lang, 'nextStep') : say(lang, 'prevStep');
      return `${verb} (${where})${step}`;
    }
    case 'mode': {
      const e = events.find((x): x is Extract<GameEvent, { type: 'mode' }> => x.type === 'mode');
      return e ? say(lang, 'mode', { cluster: cmd.cluster ?? say(lang, 'allClusters'), mode: e.mode, assist: e.assist, election: e.election }) : 'mode';
    }
    case 'seat': {
      const seat = `${cmd.cluster}/${cmd.server}`;
      if (cmd.seat.kind === 'student') return say(lang, 'seatStudent', { name: cmd.seat.name, seat });
      return cmd.seat.kind === 'bot' ? say(lang, 'seatBot', { seat }) : say(lang, 'seatEmpty', { seat });
    }
    case 'announce':
      return say(lang, 'announce', { text: `“${cmd.text[lang]}”` });
    case 'reset':
      return say(lang, 'reset', { cluster: cmd.cluster });
    case 'tick':
      return say(lang, 'tick');
    case 'pause':
      return say(lang, cmd.paused ? 'pause' : 'resume', { where: cmd.cluster ?? say(lang, 'allClusters') });
    case 'fire':
      return `${cmd.cluster}: ${say(lang, 'fire', { server: cmd.server })}`;
    // Asking the room (issue 14): what was asked, answered and shown, from the recorded events.
    case 'ask': {
      const e = events.find((x): x is Extract<GameEvent, { type: 'question' }> => x.type === 'question');
      return `${cmd.cluster}: ${say(lang, 'ask', { text: e ? e.question.text[lang] : cmd.server })}`;
    }
    case 'answer': {
      const q = before.clusters[cmd.cluster]?.question;
      return say(lang, 'answer', { question: cmd.question, choice: q?.choices[cmd.choice]?.[lang] ?? String(cmd.choice + 1) });
    }
    case 'reveal': {
      const q = before.clusters[cmd.cluster]?.question;
      return `${cmd.cluster}: ${say(lang, 'reveal', { question: q?.id ?? '', choice: q?.choices[q.correct]?.[lang] ?? '', rule: q?.rule ?? '' })}`;
    }
    case 'decide': {
      const q = before.clusters[cmd.cluster]?.question;
      return `${cmd.cluster}: ${cmd.play === false ? say(lang, 'drop', { question: q?.id ?? '' }) : say(lang, 'decide', { server: q?.server ?? '' })}`;
    }
    default: {
      // Commands newer than this file (rewind) are named by their fields rather than dropped.
      const x = cmd as { type: string; cluster?: string; to?: number };
      return x.type === 'rewind' ? say(lang, 'rewindTo', { cluster: x.cluster ?? '', to: x.to ?? 0 }) : x.type;
    }
  }
}

/** A script step as `1.2 Everyone votes for i1`. */
export function stepLabel(game: number, step: number, lang: Lang): string {
  const title = GAMES[game]?.steps[step - 1]?.title[lang] ?? '';
  return `${game}.${step} ${title}`.trim();
}

export function describeFault(f: Fault, lang: Lang): string {
  switch (f.kind) {
    case 'lose':
      return say(lang, 'lose', { card: f.card });
    case 'lose-to':
      return say(lang, 'loseTo', { to: f.to.join(', ') });
    case 'offline':
      return say(lang, 'offline', { server: f.server });
    case 'online':
      return say(lang, 'online', { server: f.server });
    case 'partition':
      return say(lang, 'partition', { groups: f.groups.map((g) => g.join(' ')).join(' | ') });
    case 'heal':
      return say(lang, 'heal');
    case 'delay':
      return say(lang, 'delay', { card: f.card, ms: f.ms });
    case 'delay-all':
      return say(lang, 'delayAll', { ms: f.ms });
    case 'duplicate':
      return say(lang, 'duplicate', { card: f.card });
    case 'duplicate-all':
      return say(lang, 'duplicateAll', { on: say(lang, f.on ? 'on' : 'off') });
    case 'reorder':
      return say(lang, 'reorder', { server: f.server });
    case 'loss-rate':
      return say(lang, 'lossRate', { rate: Math.round(f.rate * 100) });
    case 'adopt-term':
      return say(lang, 'adoptTerm', { server: f.server, term: f.term });
    case 'pre-vote':
      return lang === 'ru' ? `предголосование ${f.on ? 'вкл' : 'выкл'}` : `pre-vote ${f.on ? 'on' : 'off'}`;
    case 'snapshot':
      if (f.every === 0) return lang === 'ru' ? 'снимки выкл' : 'snapshots off';
      return lang === 'ru' ? `снимок каждые ${f.every} применённых записей` : `snapshot every ${f.every} applied entries`;
    case 'membership':
      if (f.voters === null) return lang === 'ru' ? 'смена состава выкл' : 'membership changes off';
      return lang === 'ru'
        ? `смена состава вкл, конфигурация ${f.voters.join(' ')}${f.uncorrected ? ', без R37' : ''}`
        : `membership changes on, configuration ${f.voters.join(' ')}${f.uncorrected ? ', without R37' : ''}`;
  }
}

/** A card as one reads it on the table: `RequestVote i1 t1`, `AppendEntries i1 t1 5–8`. */
export function cardLabel(m: Message, from: string, o: DescribeOptions): string {
  const ok = o.ascii ? 'y' : '✔';
  const no = o.ascii ? 'x' : '✗';
  switch (m.type) {
    case 'RequestVote':
      return `RequestVote ${from} t${m.term}`;
    case 'AppendEntries': {
      const first = m.prevLogIndex + 1;
      const range = m.entries.length === 0 ? '♡' : m.entries.length === 1 ? `${first}` : `${first}–${first + m.entries.length - 1}`;
      return `AppendEntries ${from} t${m.term} ${o.ascii && range === '♡' ? 'heartbeat' : range}`;
    }
    case 'RequestVoteReply':
      return `${say(o.lang, 'vote')} ${from} ${m.voteGranted ? ok : no}`;
    case 'AppendEntriesReply':
      return `${say(o.lang, 'append')} ${from} ${m.success ? ok : no}`;
    case 'PreVote':
      return `PreVote ${from} t${m.term}`;
    case 'PreVoteReply':
      return `pre-vote ${from} ${m.voteGranted ? ok : no}`;
    case 'InstallSnapshot':
      return `InstallSnapshot ${from} t${m.term} ${m.lastIncludedIndex}/t${m.lastIncludedTerm}`;
    case 'InstallSnapshotReply':
      return `${o.lang === 'ru' ? 'снимок' : 'snapshot'} ${from} ${ok}`;
  }
}

function describeMove(cmd: Extract<Command, { type: 'move' }>, events: readonly GameEvent[], before: Room, o: DescribeOptions): string {
  const lang = o.lang;
  const c = before.clusters[cmd.cluster];
  const was = c?.servers[cmd.server]?.state;
  const input = cmd.input;
  let head: string;
  switch (input.kind) {
    case 'card': {
      const card = c?.inFlight.find((k) => k.id === input.card);
      head = say(lang, 'tookCard', { card: input.card }) + (card ? ` (${cardLabel(card.message, card.from, o)})` : '');
      break;
    }
    case 'replies': {
      const taken = events.filter((e) => e.type === 'card-taken').length;
      head = say(lang, 'readReplies', { n: taken, batch: input.batch });
      break;
    }
    case 'timeout':
      head = say(lang, 'timedOut');
      break;
    case 'client':
      head = say(lang, 'wrote', { value: input.value, index: (was?.log.length ?? 0) + 1 });
      break;
    case 'send': {
      const opened = events.find((e): e is Extract<GameEvent, { type: 'batch-opened' }> => e.type === 'batch-opened');
      const what = opened ? cardLabel(opened.batch.message, cmd.server, o) : 'AppendEntries';
      const others = c ? Object.keys(c.servers).length - 1 : 0;
      head = say(lang, 'sent', { what, to: input.to.length === 0 || input.to.length >= others ? say(lang, 'everyone') : input.to.join(', ') });
      break;
    }
  }
  const outcome = moveOutcome(cmd.server, was, events, o);
  return outcome.length ? `${head}: ${outcome.join(', ')}` : head;
}

/** What came of a move: the answer written on the card, a role or commit change of the mover. */
function moveOutcome(server: string, was: ServerState | undefined, events: readonly GameEvent[], o: DescribeOptions): string[] {
  const out: string[] = [];
  const ok = o.ascii ? 'y' : '✔';
  const no = o.ascii ? 'x' : '✗';
  for (const e of events) {
    if (e.type !== 'card-sent' || e.card.from !== server || !e.card.inReplyTo) continue;
    const m = e.card.message;
    const cell = m.type === 'RequestVoteReply' ? `${say(o.lang, 'vote')} ${m.voteGranted ? ok : no}` : m.type === 'AppendEntriesReply' ? `${say(o.lang, 'append')} ${m.success ? ok : no}` : m.type === 'PreVoteReply' ? `pre-vote ${m.voteGranted ? ok : no}` : m.type === 'InstallSnapshotReply' ? `${o.lang === 'ru' ? 'снимок' : 'snapshot'} ${ok}` : null;
    if (cell && !out.includes(cell)) out.push(cell);
  }
  const sheet = [...events].reverse().find((e): e is Extract<GameEvent, { type: 'sheet' }> => e.type === 'sheet' && e.server === server);
  if (sheet && was) {
    const now = sheet.state;
    const term = currentTerm(now);
    if (now.role !== was.role) {
      out.push(now.role === 'leader' ? say(o.lang, 'becameLeader', { term }) : now.role === 'candidate' ? say(o.lang, 'becameCandidate', { term }) : say(o.lang, 'steppedDown', { term }));
    } else if (now.role === 'candidate' && term > currentTerm(was)) {
      out.push(say(o.lang, 'becameCandidate', { term }));
    }
    if (now.role === 'leader' && now.commitIndex > was.commitIndex) out.push(say(o.lang, 'committed', { from: was.commitIndex + 1, to: now.commitIndex }));
  }
  for (const e of events) if (e.type === 'sheet') for (const v of e.violations) out.push(`${say(o.lang, 'violation')} ${v.property}`);
  return out;
}
