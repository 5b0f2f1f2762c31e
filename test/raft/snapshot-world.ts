/** Small builders for the snapshot tests (not a test file itself). */
import { newServer } from '../../src/raft/step.js';
import type { Input, Reply, Request, ServerId, ServerState } from '../../src/raft/types.js';

export const ids = (n: number): ServerId[] => Array.from({ length: n }, (_, i) => `i${i + 1}`);
export const newCluster = (members: ServerId[]): Record<ServerId, ServerState> => Object.fromEntries(members.map((id) => [id, newServer(id, members)]));
export const recv = (from: ServerId, message: Request): Input => ({ kind: 'receive', from, message });
export const reply = (from: ServerId, message: Reply, request: Request): Input => ({ kind: 'receive', from, message, request });
