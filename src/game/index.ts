/**
 * The game layer's public API, for the hub, solo mode and tests:
 * createRoom → reduce(room, command, ctx) → events → applyEvents; views for seats and the
 * instructor; bots; the simulator. See each module's header for the why.
 */
export type * from './types.js';
export type { GameEvent, LossReason, SheetCause } from './events.js';
export { createRoom, DEFAULT_CONFIG, clusterIds, serverIds, MIN_SIZE, MAX_SIZE } from './room.js';
export { reduce } from './reducer.js';
export { refusalEvent } from './refusal.js';
export { applyEvents, applyEvent } from './apply.js';
export { seatView, instructorView } from './views.js';
export { prefill, resolveInput, inboxOf } from './move.js';
export { botMove, botCommands } from './bots.js';
export { GAMES, GAME_ORDER, FREE_PLAY, currentStep } from './scenarios.js';
export type { Game, ScriptStep } from './scenarios.js';
export type { Condition } from './conditions.js';
export { simulate } from './simulator.js';
export type { SimOptions, SimResult, WrongMove, ScheduledFault } from './simulator.js';
export { chaosSchedule } from './chaos.js';
export { mulberry32 } from './random.js';
export { sheetText } from './sheet-text.js';
export { REJECT_TEXT } from './rejections.js';
export { MAX_CARDS_IN_FLIGHT, INBOX_SHOWN, IN_FLIGHT_SHOWN } from './limits.js';
export { clusterAt, branchesOf, eventsInPlay } from './rewind.js';
export type { Branches, EventRecord } from './rewind.js';
