/**
 * Random fault schedules for property tests and stress runs: loss, offline periods, partitions,
 * duplicates, reordering and delay during [0, faultsEndMs), then everything healed at faultsEndMs.
 * Seeded, so a failing run is reproduced by its seed.
 */
import type { ServerId } from '../raft/types.js';
import { mulberry32, pick, randomInt, shuffled } from './random.js';
import type { ScheduledFault } from './simulator.js';

export interface ChaosOptions {
  seed: number;
  servers: ServerId[];
  faultsEndMs: number;
  /** Highest random loss rate (default 0.3). */
  maxLoss?: number;
}

export function chaosSchedule(o: ChaosOptions): ScheduledFault[] {
  const rng = mulberry32(o.seed ^ 0x5eed);
  const end = o.faultsEndMs;
  const at = () => randomInt(rng, 0, end);
  const out: ScheduledFault[] = [
    { at: 0, fault: { kind: 'loss-rate', rate: Math.round(rng() * (o.maxLoss ?? 0.3) * 100) / 100 } },
    { at: at(), fault: { kind: 'delay-all', ms: randomInt(rng, 0, 1500) } },
  ];
  const dupOn = at();
  out.push({ at: dupOn, fault: { kind: 'duplicate-all', on: true } }, { at: randomInt(rng, dupOn, end), fault: { kind: 'duplicate-all', on: false } });
  for (const server of shuffled(rng, o.servers).slice(0, randomInt(rng, 1, 3))) {
    const down = at();
    out.push({ at: down, fault: { kind: 'offline', server } }, { at: randomInt(rng, down, end), fault: { kind: 'online', server } });
  }
  const split = shuffled(rng, o.servers);
  const cut = randomInt(rng, 1, split.length);
  const p = at();
  out.push({ at: p, fault: { kind: 'partition', groups: [split.slice(0, cut), split.slice(cut)] } }, { at: randomInt(rng, p, end), fault: { kind: 'heal' } });
  for (let k = randomInt(rng, 2, 6); k > 0; k--) out.push({ at: at(), fault: { kind: 'reorder', server: pick(rng, o.servers) } });
  out.push(
    { at: end, fault: { kind: 'heal' } },
    { at: end, fault: { kind: 'loss-rate', rate: 0 } },
    { at: end, fault: { kind: 'delay-all', ms: 0 } },
    { at: end, fault: { kind: 'duplicate-all', on: false } },
    ...o.servers.map((server) => ({ at: end, fault: { kind: 'online' as const, server } })),
  );
  return out.sort((a, b) => a.at - b.at);
}
