/**
 * The shape of a recorded session as the debrief and replay read it. The hub writes these
 * records (server/journal.ts); `src/` may not import `server/`, so the shape is restated here
 * structurally: a JournalRecord is assignable to a SessionRecord, and a test keeps them in step.
 */
import type { Command, RoomConfig } from '../game/types.js';
import type { GameEvent } from '../game/events.js';
import type { Mistake } from '../raft/referee.js';

/** `instructor`, `hub`, `clock`, `A/i3` (a seat's connection), `bot:A/i3` (an in-process bot). */
export type Actor = string;

interface Base {
  n: number;
  at: number;
}

export type SessionRecord =
  | (Base & { kind: 'command'; by: Actor; command: Command; events: GameEvent[]; mistakes?: Mistake[] })
  | (Base & { kind: 'refused'; by: Actor; command: Command; code: string; events: GameEvent[] })
  | (Base & { kind: 'token'; cluster: string; server: string; hash?: string })
  | (Base & { kind: 'revoke'; cluster: string; server: string })
  /** The hub was resumed from the journal (after a crash or a stop): `replayed` records, a torn last line cut. */
  | (Base & { kind: 'hub'; what: 'resumed'; replayed: number; torn: boolean })
  /** A bot seat handed to the next student (`on`), or taken by one (`on: false`). */
  | (Base & { kind: 'hand'; cluster: string; server: string; on: boolean });

/** What session.json holds that the analysis needs. */
export interface SessionInfo {
  config: Partial<RoomConfig>;
  createdAt?: string;
  code?: string;
}

/** The events a record applies to the room (none for token and revoke records). */
export function eventsOf(r: SessionRecord): readonly GameEvent[] {
  return r.kind === 'command' || r.kind === 'refused' ? r.events : [];
}
