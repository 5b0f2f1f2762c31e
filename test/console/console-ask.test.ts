/**
 * Asking the room from the console (issue 14): `?` lists the selected cluster's decisions that
 * make a question (from the room view, built by the core), one digit asks it; with a question
 * open, `?` gives v reveal, Enter play the decision, x drop it.
 */
import { describe, expect, it } from 'vitest';
import { initialConsole, reduceConsoleKey, ASK_SECONDS, type ConsoleEffect, type ConsoleKey, type ConsoleState } from '../../client/console/console-state.js';
import { instructorView } from '../../src/game/views.js';
import { Table } from '../game/helpers.js';

const ch = (char: string): ConsoleKey => ({ kind: 'char', char });

function press(t: Table, keys: ConsoleKey[], lang: 'en' | 'ru' = 'en'): { state: ConsoleState; effects: ConsoleEffect[] } {
  let state: ConsoleState = initialConsole;
  const effects: ConsoleEffect[] = [];
  for (const k of keys) {
    const r = reduceConsoleKey(state, k, { clusters: instructorView(t.room).clusters, moments: [], lang });
    state = r.state;
    if (r.effect) effects.push(r.effect);
  }
  return { state, effects };
}

describe('asking the room from the console', () => {
  it('? lists the decisions that make a question; a digit asks the one chosen, tab pauses the whole room', () => {
    const t = new Table({ size: 3 });
    t.timeout('i1');
    const listed = press(t, [ch('?')]);
    expect(listed.state.panel).toEqual({ kind: 'ask', room: false });
    expect(instructorView(t.room).clusters[0].askable!.map((a) => a.text.en)).toEqual([
      "i2 takes i1's RequestVote (term 1, last 0/t0): will it grant the vote?",
      "i3 takes i1's RequestVote (term 1, last 0/t0): will it grant the vote?",
    ]);
    const asked = press(t, [ch('?'), ch('2')]);
    const cmd = asked.effects[0];
    expect(cmd.kind === 'command' && cmd.command).toMatchObject({ type: 'ask', cluster: 'A', server: 'i3', seconds: ASK_SECONDS });
    expect(cmd.kind === 'command' && cmd.label).toContain('A: asked “i3 takes');
    // The question's panel stays open to count the answers.
    expect(asked.state.panel).toEqual({ kind: 'question' });
    const room = press(t, [ch('?'), { kind: 'tab' }, ch('1')]).effects[0];
    expect(room.kind === 'command' && room.command).toMatchObject({ type: 'ask', server: 'i2', room: true });
    // The hub accepts exactly what the console sends.
    if (cmd.kind === 'command') t.ok(cmd.command as never);
    expect(t.room.clusters.A.question?.server).toBe('i3');
  });

  it('a quiet cluster has nothing to ask about: the console says so', () => {
    const t = new Table({ size: 3 });
    const r = press(t, [ch('?')], 'ru');
    expect(r.state.panel.kind).toBe('main');
    expect(r.state.message).toEqual({ text: 'A: сейчас не о чем спросить (карточек нет)', error: true });
  });

  it('with a question open: v reveals, Enter plays the decision, x drops the question', () => {
    const t = new Table({ size: 3 });
    t.timeout('i1');
    const card = t.inbox('i2')[0];
    t.ok({ type: 'ask', cluster: 'A', server: 'i2', input: { kind: 'card', card: card.id } });
    expect(instructorView(t.room).clusters[0].askable).toBeUndefined();
    const open = press(t, [ch('?')]);
    expect(open.state.panel).toEqual({ kind: 'question' });
    const commands = (keys: ConsoleKey[]) => press(t, keys).effects.map((e) => (e.kind === 'command' ? e.command : null));
    expect(commands([ch('?'), ch('v')])).toEqual([{ type: 'reveal', cluster: 'A' }]);
    expect(commands([ch('?'), { kind: 'enter' }])).toEqual([{ type: 'decide', cluster: 'A' }]);
    expect(commands([ch('?'), ch('x')])).toEqual([{ type: 'decide', cluster: 'A', play: false }]);
  });
});
