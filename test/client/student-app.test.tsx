import { EventEmitter } from 'node:events';
import { render } from 'ink-testing-library';
import { describe, expect, it } from 'vitest';
import type { HubConnection } from '../../client/connection.js';
import { StudentApp } from '../../client/student/student-app.js';
import { makeTheme } from '../../client/theme.js';
import type { RequestVote } from '../../src/raft/types.js';
import { card, fresh, seatView } from '../fixtures/seat-view.js';
import { until } from '../fixtures/until.js';

/** A stand-in for the hub link: records moves, lets the test play the hub's part. */
class FakeConn extends EventEmitter {
  status = 'online';
  seat = null;
  moves: { cluster: string; server: string; input: unknown; proposal: unknown }[] = [];
  sendMove(cluster: string, server: string, input: unknown, proposal: unknown) {
    this.moves.push({ cluster, server, input, proposal });
    return this.moves.length;
  }
}

const rv: RequestVote = { type: 'RequestVote', term: 1, candidateId: 'i1', lastLogIndex: 0, lastLogTerm: 0 };
const tick = () => new Promise((r) => setTimeout(r, 20));

function start() {
  const conn = new FakeConn();
  const ends: number[] = [];
  const app = render(<StudentApp conn={conn as unknown as HubConnection} code="K7Q2" lang="en" theme={makeTheme({ color: false })} onEnd={(c) => ends.push(c)} />);
  return { conn, app, ends };
}

/** i1's RequestVote arrives in i2's inbox; Enter takes it and opens the draft of the answer. */
async function takeRequestVote(conn: FakeConn, app: ReturnType<typeof start>['app']): Promise<void> {
  conn.emit('view', seatView(fresh('i2'), [card('A-1', 'i1', 'i2', rv)]), 1);
  await until(() => (app.lastFrame() ?? '').includes('RequestVoteRPC'));
  app.stdin.write('\r');
  await until(() => (app.lastFrame() ?? '').includes('draft ◌'));
}

describe('student app', () => {
  it('draws the sheet when the view arrives and hands a vote over with two keys', async () => {
    const { conn, app } = start();
    expect(app.lastFrame()).toContain('connecting');
    await takeRequestVote(conn, app);
    app.stdin.write('\r');
    await until(() => conn.moves.length > 0);
    expect(conn.moves).toHaveLength(1);
    expect(conn.moves[0].input).toEqual({ kind: 'card', card: 'A-1' });
    app.unmount();
  });

  it('a link that drops says reconnecting; a connection this terminal closed itself (quit, solo\'s next seat) does not', async () => {
    const { conn, app } = start();
    conn.emit('view', seatView(fresh('i2')), 1);
    await until(() => (app.lastFrame() ?? '').includes('● online'));
    conn.emit('status', 'closed');
    await tick();
    expect(app.lastFrame()).toContain('● online');
    expect(app.lastFrame()).not.toContain('reconnecting');
    conn.emit('status', 'reconnecting');
    await until(() => (app.lastFrame() ?? '').includes('reconnecting'));
    app.unmount();
  });

  it('shows the referee refusing a wrong vote with the rule and its explanation', async () => {
    const { conn, app } = start();
    await takeRequestVote(conn, app);
    app.stdin.write(' '); // ✔ → ✗
    await until(() => /ok \[?✗/.test(app.lastFrame() ?? '')); // bracketed: the cursor is on it, no colour
    app.stdin.write('\r');
    await until(() => conn.moves.length > 0);
    conn.emit('verdict', {
      type: 'verdict',
      id: 1,
      ok: false,
      code: 'move/refused',
      message: { en: 'refused', ru: 'отклонено' },
      mistakes: [{ rule: 'R9', field: 'send[i1].voteGranted', expected: true, given: false, explain: { en: 'You have not voted in t1 and i1 is as up to date as you: grant the vote.', ru: 'x' } }],
    });
    await until(() => (app.lastFrame() ?? '').includes('Refused by the referee'));
    const frame = app.lastFrame() ?? '';
    expect(frame).toContain('Refused by the referee');
    expect(frame).toContain('R9');
    expect(frame).toContain('grant the vote');
    app.unmount();
  });

  it('a hub error for the pending move releases it: the message shows and the move can be sent again', async () => {
    const { conn, app } = start();
    await takeRequestVote(conn, app);
    app.stdin.write('\r');
    await until(() => conn.moves.length > 0);
    expect(conn.moves).toHaveLength(1);
    app.stdin.write('\r'); // still pending: nothing is sent twice
    await tick();
    expect(conn.moves).toHaveLength(1);
    conn.emit('error', { code: 'rate/limited', message: { en: 'Too many messages: slow down.', ru: 'x' }, id: 1 });
    await until(() => (app.lastFrame() ?? '').includes('Too many messages'));
    app.stdin.write('\r');
    await until(() => conn.moves.length > 1);
    expect(conn.moves).toHaveLength(2);
    app.unmount();
  });

  it('does not redraw while nothing happens', async () => {
    const { conn, app } = start();
    conn.emit('view', seatView(fresh('i2')), 1);
    await tick();
    const before = app.frames.length;
    await new Promise((r) => setTimeout(r, 600));
    expect(app.frames.length).toBe(before);
    app.unmount();
  });

  it('q then y quits with exit code 0', async () => {
    const { conn, app, ends } = start();
    conn.emit('view', seatView(fresh('i2')), 1);
    await until(() => (app.lastFrame() ?? '').includes('Terms'));
    app.stdin.write('q');
    await until(() => (app.lastFrame() ?? '').includes('Quit?'));
    app.stdin.write('y');
    await until(() => ends.length > 0);
    expect(ends).toEqual([0]);
  });
});
