/** The contract between the hub and the game layer (src/game), as one injectable value. */
import type { ClusterId, ClusterState, GameEvent, MoveInput, ReduceContext, ReduceResult, Rejection, Room, RoomConfig, SeatView, Command } from '../src/game/types.js';
import type { ServerId } from '../src/raft/types.js';

export interface GameEngine {
  createRoom(config?: Partial<RoomConfig>): Room;
  reduce(room: Room, command: Command, ctx: ReduceContext): ReduceResult;
  applyEvents(room: Room, events: GameEvent[]): Room;
  seatView(room: Room, cluster: ClusterId, server: ServerId): SeatView;
  instructorView(room: Room): unknown;
  botMove(view: SeatView): { input: MoveInput } | null;
  /** Guard mode: the event that records a refused move's mistakes (journaled, applied), or null. */
  refusalEvent(command: Command, rejection: Rejection): GameEvent | null;
  /** Rewind: the cluster right after journal record `to` (optional: stand-ins may omit it, and rewind is then unavailable). */
  clusterAt?(config: Partial<RoomConfig>, records: Iterable<{ n: number; events?: readonly GameEvent[] }>, cluster: ClusterId, to: number): ClusterState | null;
  /** A seeded PRNG: the same seed gives the same sequence. */
  createRandom(seed: number): () => number;
}
