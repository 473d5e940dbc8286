import type { Priority } from '../store/types.js';

// The SLA clock: first-response targets per priority (a VIP is answered within its own, shorter
// target), and when a waiting ticket is at risk or breached.

export interface SlaPolicy {
  firstResponseMs: Record<Priority, number>;
  vipFirstResponseMs: number;
  /** Share of the target elapsed after which a ticket still waiting is at risk. */
  atRiskShare: number;
}

const MINUTE = 60_000;
export const DEFAULT_SLA: SlaPolicy = {
  firstResponseMs: { P1: 15 * MINUTE, P2: 60 * MINUTE, P3: 4 * 60 * MINUTE, P4: 24 * 60 * MINUTE },
  vipFirstResponseMs: 5 * MINUTE,
  atRiskShare: 0.75,
};

export function firstResponseTarget(priority: Priority, tier: 'standard' | 'vip', policy: SlaPolicy = DEFAULT_SLA): number {
  const target = policy.firstResponseMs[priority];
  return tier === 'vip' ? Math.min(target, policy.vipFirstResponseMs) : target;
}

export function firstResponseDue(createdAt: Date, priority: Priority, tier: 'standard' | 'vip', policy: SlaPolicy = DEFAULT_SLA): Date {
  return new Date(createdAt.getTime() + firstResponseTarget(priority, tier, policy));
}

export interface SlaState {
  /** The first response is still owed and most of its time is gone. */
  atRisk: boolean;
  /** The first response came late, or is still owed past its due time. */
  breached: boolean;
  /** Milliseconds left until the first response is due (negative once past). */
  remainingMs: number;
}

export function slaState(t: { createdAt: Date; firstResponseDue: Date; firstResponseAt: Date | null }, now: Date, policy: SlaPolicy = DEFAULT_SLA): SlaState {
  const due = t.firstResponseDue.getTime();
  if (t.firstResponseAt) return { atRisk: false, breached: t.firstResponseAt.getTime() > due, remainingMs: due - t.firstResponseAt.getTime() };
  const window = due - t.createdAt.getTime();
  const elapsed = now.getTime() - t.createdAt.getTime();
  const breached = now.getTime() > due;
  return { atRisk: !breached && elapsed >= window * policy.atRiskShare, breached, remainingMs: due - now.getTime() };
}
