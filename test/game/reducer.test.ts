/**
 * The reducer refuses every kind of bad command with its code, and a refused command changes
 * nothing (the room is deep-equal before and after, and no event is produced).
 */
import { describe, expect, it } from 'vitest';
import { reduce } from '../../src/game/reducer.js';
import { refusalEvent } from '../../src/game/refusal.js';
import { parseClientFrame } from '../../src/protocol/parse.js';
import type { Command, RejectCode, Room } from '../../src/game/types.js';
import { Table } from './helpers.js';

function setUp(): Table {
  const t = new Table({ size: 3, election: 'cue' });
  t.elect('i1', 'i2', 'i3');
  t.write('i1', 'a');
  t.send('i1', 'i2'); // a card in flight to i2
  t.fault({ kind: 'offline', server: 'i3' });
  return t;
}

const cardTo = (room: Room, to: string) => room.clusters.A.inFlight.find((k) => k.to === to)!.id;

const cases: [string, RejectCode, (room: Room) => unknown][] = [
  ['unknown cluster', 'cluster/unknown', () => ({ type: 'move', cluster: 'Z', server: 'i1', input: { kind: 'timeout' } })],
  ['unknown server', 'server/unknown', () => ({ type: 'move', cluster: 'A', server: 'i9', input: { kind: 'timeout' } })],
  ['a card not in the inbox', 'move/not-in-inbox', (r) => ({ type: 'move', cluster: 'A', server: 'i1', input: { kind: 'card', card: cardTo(r, 'i2') } })],
  ['a card that does not exist', 'move/not-in-inbox', () => ({ type: 'move', cluster: 'A', server: 'i2', input: { kind: 'card', card: 'A-999' } })],
  ['a move while offline', 'move/offline', () => ({ type: 'move', cluster: 'A', server: 'i3', input: { kind: 'timeout' } })],
  ['a message longer than 32 letters', 'value/not-one-letter', () => ({ type: 'move', cluster: 'A', server: 'i1', input: { kind: 'client', value: 'x'.repeat(33) } })],
  ['a control character in a message', 'value/not-one-letter', () => ({ type: 'move', cluster: 'A', server: 'i1', input: { kind: 'client', value: 'Hi\n' } })],
  ['no letter', 'value/not-one-letter', () => ({ type: 'move', cluster: 'A', server: 'i1', input: { kind: 'client', value: '' } })],
  ['a follower writing a letter', 'move/not-leader', () => ({ type: 'move', cluster: 'A', server: 'i2', input: { kind: 'client', value: 'x' } })],
  ['a follower sending', 'move/not-leader', () => ({ type: 'move', cluster: 'A', server: 'i2', input: { kind: 'send', to: ['i1'] } })],
  ['send to nobody', 'send/no-addressee', () => ({ type: 'move', cluster: 'A', server: 'i1', input: { kind: 'send', to: [] } })],
  ['send to oneself only', 'send/no-addressee', () => ({ type: 'move', cluster: 'A', server: 'i1', input: { kind: 'send', to: ['i1'] } })],
  ['send to a stranger', 'server/unknown', () => ({ type: 'move', cluster: 'A', server: 'i1', input: { kind: 'send', to: ['i7'] } })],
  ['an unknown input', 'move/invalid', () => ({ type: 'move', cluster: 'A', server: 'i1', input: { kind: 'dance' } })],
  ['a proposal for another server', 'proposal/invalid', (r) => ({ type: 'move', cluster: 'A', server: 'i2', input: { kind: 'card', card: cardTo(r, 'i2') }, proposal: { state: r.clusters.A.servers.i1.state, send: [] } })],
  ['a wrong move in guard mode', 'move/refused', (r) => ({ type: 'move', cluster: 'A', server: 'i2', input: { kind: 'card', card: cardTo(r, 'i2') }, proposal: { state: r.clusters.A.servers.i2.state, send: [] } })],
  ['losing an unknown card', 'card/unknown', () => ({ type: 'fault', cluster: 'A', fault: { kind: 'lose', card: 'A-999' } })],
  ['delaying an unknown card', 'card/unknown', () => ({ type: 'fault', cluster: 'A', fault: { kind: 'delay', card: 'A-999', ms: 10 } })],
  ['a negative delay', 'fault/invalid', () => ({ type: 'fault', cluster: 'A', fault: { kind: 'delay-all', ms: -1 } })],
  ['a loss rate above 1', 'fault/invalid', () => ({ type: 'fault', cluster: 'A', fault: { kind: 'loss-rate', rate: 2 } })],
  ['a partition with a server twice', 'fault/invalid', () => ({ type: 'fault', cluster: 'A', fault: { kind: 'partition', groups: [['i1', 'i2'], ['i2']] } })],
  ['a partition with a stranger', 'server/unknown', () => ({ type: 'fault', cluster: 'A', fault: { kind: 'partition', groups: [['i1'], ['i8']] } })],
  ['adopting an older term', 'fault/invalid', () => ({ type: 'fault', cluster: 'A', fault: { kind: 'adopt-term', server: 'i2', term: 1 } })],
  ['an unknown fault', 'fault/invalid', () => ({ type: 'fault', cluster: 'A', fault: { kind: 'earthquake' } })],
  ['offline for a stranger', 'server/unknown', () => ({ type: 'fault', cluster: 'A', fault: { kind: 'offline', server: 'i5' } })],
  ['an unknown game', 'script/no-game', () => ({ type: 'script', action: 'start', game: 9 })],
  ['next without a game', 'script/no-game', () => ({ type: 'script', cluster: 'A', action: 'next' })],
  ['a workshop game on 3 servers', 'script/wrong-size', () => ({ type: 'script', action: 'start', game: 1 })],
  ['a mode command with nothing', 'mode/invalid', () => ({ type: 'mode', cluster: 'A' })],
  ['a tick back in time', 'clock/backwards', () => ({ type: 'tick', now: -5 })],
  ['an unknown command', 'command/unknown', () => ({ type: 'dance' })],
  ['a reset of an unknown cluster', 'cluster/unknown', () => ({ type: 'reset', cluster: 'Q' })],
];

/**
 * Malformed commands never reach the reducer: the hub parses every frame with the protocol's zod
 * schemas first (src/protocol/parse.ts), and refuses these as `frame/invalid`, naming the field.
 */
const malformed: [string, unknown, RegExp][] = [
  ['an unknown mode', { type: 'mode', mode: 'chaos' }, /^command\.mode/],
  ['a student without a name', { type: 'seat', cluster: 'A', server: 'i2', seat: { kind: 'student', name: '' } }, /^command\.seat\.name/],
  ['a student named with blanks only', { type: 'seat', cluster: 'A', server: 'i2', seat: { kind: 'student', name: '   ' } }, /^command\.seat\.name/],
  ['a bot without a pace', { type: 'seat', cluster: 'A', server: 'i2', seat: { kind: 'bot' } }, /^command\.seat\.pace/],
  ['an announcement in one language', { type: 'announce', text: { en: 'hi' } }, /^command\.text\.ru/],
  ['an empty announcement', { type: 'announce', text: { en: '', ru: '' } }, /^command\.text\.en/],
  ['not a command at all', null, /^command/],
];

describe('malformed commands are refused at the boundary, before the reducer', () => {
  for (const [what, command, field] of malformed) {
    it(`${what} → frame/invalid naming the field`, () => {
      const r = parseClientFrame(JSON.stringify({ type: 'command', id: 7, command }), false);
      expect(r.ok).toBe(false);
      if (r.ok) return;
      expect(r.code).toBe('frame/invalid');
      expect(r.detail).toMatch(field);
    });
  }
});

describe('an exception in the reducer is a bug, not the user\'s mistake', () => {
  it('propagates instead of becoming a command/invalid rejection (the hub logs it as hub/internal)', () => {
    const t = new Table({ size: 3, election: 'timers' });
    const random = (): number => {
      throw new Error('injected failure');
    };
    // A reset in timers mode draws every server a new timer from the random source.
    expect(() => reduce(t.room, { type: 'reset', cluster: 'A' }, { now: 10, random })).toThrow('injected failure');
  });
});

describe('reducer rejections', () => {
  for (const [what, code, make] of cases) {
    it(`${what} → ${code}, nothing changes`, () => {
      const t = setUp();
      const before = structuredClone(t.room);
      const r = reduce(t.room, make(t.room) as Command, { now: 10, random: () => 0.5 });
      expect(r.ok).toBe(false);
      if (r.ok) return;
      expect(r.code).toBe(code);
      expect(r.message.en.length).toBeGreaterThan(0);
      expect(r.message.ru.length).toBeGreaterThan(0);
      expect(t.room).toEqual(before);
    });
  }

  it('timers mode: a timeout before the timer fired is move/timer-not-expired', () => {
    const t = new Table({ size: 3, election: 'timers' });
    t.ok({ type: 'tick', now: 0 });
    const before = structuredClone(t.room);
    const r = t.exec({ type: 'move', cluster: 'A', server: 'i1', input: { kind: 'timeout' } });
    expect(r.ok || r.code).toBe('move/timer-not-expired');
    expect(t.room).toEqual(before);
    t.now = t.room.clusters.A.servers.i1.timerDeadline!;
    t.timeout('i1'); // once it fired, it is accepted
    expect(t.sheet('i1').role).toBe('candidate');
  });

  it('a guard-mode refusal is recorded on the seat only through refusalEvent', () => {
    const t = setUp();
    const card = cardTo(t.room, 'i2');
    const cmd: Command = { type: 'move', cluster: 'A', server: 'i2', input: { kind: 'card', card }, proposal: { state: t.sheet('i2'), send: [] } };
    const r = reduce(t.room, cmd, { now: 10, random: () => 0.5 });
    if (r.ok) throw new Error('expected a refusal');
    const e = refusalEvent(cmd, r);
    expect(e).toMatchObject({ type: 'mistakes', cluster: 'A', server: 'i2', refused: true });
    t.exec(cmd); // the helper journals the refusal event
    expect(t.room.clusters.A.mistakes.i2.length).toBeGreaterThan(0);
    expect(t.room.clusters.A.inFlight.some((k) => k.id === card)).toBe(true); // the card is still there
  });
});
