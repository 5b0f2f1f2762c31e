/**
 * The cluster monitor: detects violations of the safety properties P1–P5 incrementally.
 * TO BE BUILT (contract only).
 */
import type { Text } from '../i18n/text.js';
import type { ServerId } from './types.js';

export type PropertyId = 'P1' | 'P2' | 'P3' | 'P4' | 'P5';

export interface Violation {
  property: PropertyId;
  servers: ServerId[];
  term?: number;
  index?: number;
  explain: Text;
}

// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface MonitorState {}

import type { ServerState } from './types.js';

export function createMonitor(): MonitorState {
  return {};
}

/**
 * PLACEHOLDER until the monitor is built: call after every change of one server's sheet with the
 * sheet before and after and every server's sheet after; returns the new monitor state and the
 * violations this change caused (each reported once). The real monitor keeps this signature.
 */
export function monitorStep(
  monitor: MonitorState,
  before: ServerState,
  after: ServerState,
  cluster: Record<ServerId, ServerState>,
): { monitor: MonitorState; violations: Violation[] } {
  void before; void after; void cluster;
  return { monitor, violations: [] };
}
