/**
 * Limits on what one client can make the room hold (issue 11, "Bound everything a client can
 * grow"). Kept in a module of their own so the rejection sentences and the views can name them.
 */

/**
 * The most cards one server may have in flight (sent, not yet taken or lost). A move whose cards
 * would pass it is refused with `send/too-many-cards` in guard and observe mode alike, so one
 * student sending as fast as the rate limit allows cannot grow every addressee's inbox, every
 * seat view and every room message without end. A leader of eight sends 7 cards a heartbeat and
 * its followers answer them, so honest play (the workshop games, the bots) stays far below it.
 */
export const MAX_CARDS_IN_FLIGHT = 64;

/** A seat view's inbox carries at most this many cards, oldest first, and counts the rest (`inboxMore`). */
export const INBOX_SHOWN = 64;

/** The instructor's room message lists at most this many cards in flight per cluster, oldest first (`inFlightMore`). */
export const IN_FLIGHT_SHOWN = 64;
