/** What a reply card answers, read the same way by the Response row, the screens and the referee. */
import type { Reply } from './types.js';

/**
 * ✔ or ✗ in the replier's Response cell: a vote or pre-vote granted, an AppendEntries accepted;
 * an InstallSnapshotReply carries only a term (R32), so it is always a ✔ (the snapshot was taken).
 */
export function replyOk(m: Reply): boolean {
  switch (m.type) {
    case 'AppendEntriesReply':
      return m.success;
    case 'InstallSnapshotReply':
      return true;
    default:
      return m.voteGranted;
  }
}
