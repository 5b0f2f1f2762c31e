/**
 * Guard mode refuses a wrong move: the reducer returns `move/refused` with the mistakes and no
 * events, because a refused move must change nothing. The mistakes still belong in the seat's
 * "own mistakes" and in the debrief, so the hub journals and applies this event after a refusal
 * (persist first, then answer). Keeping it separate lets the hub decide, and a replay that skips
 * refusals still reproduces every sheet.
 */
import type { GameEvent } from './events.js';
import type { Command, Rejection } from './types.js';

export function refusalEvent(command: Command, rejection: Rejection): GameEvent | null {
  if (command.type !== 'move' || rejection.code !== 'move/refused' || !rejection.mistakes?.length) return null;
  return { type: 'mistakes', cluster: command.cluster, server: command.server, mistakes: rejection.mistakes, refused: true };
}
