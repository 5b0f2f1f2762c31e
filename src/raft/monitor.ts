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
