/**
 * A token bucket per connection: `capacity` frames at once, refilled at `perSecond`. Bursts a
 * person or a bot really makes (a leader writing a word, a follower emptying its inbox) fit in
 * the bucket; a flood does not.
 */
export interface RateLimit {
  capacity: number;
  perSecond: number;
}

export class TokenBucket {
  private tokens: number;
  private last: number;

  constructor(
    private readonly limit: RateLimit,
    now: number,
  ) {
    this.tokens = limit.capacity;
    this.last = now;
  }

  /** Takes one token if there is one. */
  take(now: number): boolean {
    const elapsed = Math.max(0, now - this.last) / 1000;
    this.last = now;
    this.tokens = Math.min(this.limit.capacity, this.tokens + elapsed * this.limit.perSecond);
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}
