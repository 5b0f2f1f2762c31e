/** Who may do what (server/authorise.ts), as a table: the credentials of the upgrade, the hello, the seat. */
import { describe, expect, it } from 'vitest';
import { commandRefusal, helloRefusal, moveRefusal, type Caller } from '../../server/authorise.js';

const code: Caller = { privileged: false, readOnly: false, role: null, seat: null };
const key: Caller = { ...code, privileged: true };
const projector: Caller = { ...code, readOnly: true };
const TOKEN = 'abcdefghijklmnopqrstu';

describe('hello', () => {
  it('a join code opens student hellos only; the instructor key opens all; the projector key the instructor view only', () => {
    expect(helloRefusal(code, { role: 'student' })).toBeNull();
    expect(helloRefusal(code, { role: 'instructor' })).toBe('auth/bad-key');
    expect(helloRefusal(code, { role: 'bot' })).toBe('auth/bad-key');
    for (const role of ['student', 'instructor', 'bot'] as const) expect(helloRefusal(key, { role })).toBeNull();
    expect(helloRefusal(projector, { role: 'instructor' })).toBeNull();
    expect(helloRefusal(projector, { role: 'bot' })).toBe('auth/bad-key');
  });
  it('a token that cannot be one of ours is refused before the queue', () => {
    expect(helloRefusal(code, { role: 'student', token: TOKEN })).toBeNull();
    expect(helloRefusal(code, { role: 'student', token: '__proto__' })).toBe('auth/bad-token');
  });
});

describe('move and command', () => {
  it('a move acts for its own seat only', () => {
    const seated: Caller = { ...code, role: 'student', seat: 'A/i3' };
    expect(moveRefusal(seated, { cluster: 'A', server: 'i3' })).toBeNull();
    expect(moveRefusal(seated, { cluster: 'A', server: 'i4' })).toBe('seat/not-yours');
    expect(moveRefusal({ ...key, role: 'instructor' }, { cluster: 'A', server: 'i3' })).toBe('seat/none');
    expect(moveRefusal(code, { cluster: 'A', server: 'i3' })).toBe('protocol/hello-first');
  });
  it('a command needs an instructor over the instructor key', () => {
    expect(commandRefusal({ ...key, role: 'instructor' })).toBeNull();
    expect(commandRefusal({ ...projector, role: 'instructor' })).toBe('auth/read-only');
    expect(commandRefusal({ ...code, role: 'student', seat: 'A/i1' })).toBe('auth/not-instructor');
  });
});
