/**
 * The game layer as the hub uses it. The hub takes these functions as one injected value
 * (boardgame.io's "authoritative master with the game injected"): the real one below, or a
 * stand-in in tests that exercise the transport alone.
 */
import { applyEvents } from '../src/game/apply.js';
import { botMove } from '../src/game/bots.js';
import { mulberry32 } from '../src/game/random.js';
import { reduce } from '../src/game/reducer.js';
import { refusalEvent } from '../src/game/refusal.js';
import { createRoom } from '../src/game/room.js';
import { clusterAt } from '../src/game/rewind.js';
import { instructorView, seatView } from '../src/game/views.js';
import type { GameEngine } from './engine-types.js';

export const gameEngine: GameEngine = { createRoom, reduce, applyEvents, seatView, instructorView, botMove, refusalEvent, clusterAt, createRandom: mulberry32 };
