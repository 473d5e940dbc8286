import { describe, expect, it } from 'vitest';
import { firstResponseDue, slaState } from './sla.js';

const created = new Date('2026-06-01T08:00:00Z');
const at = (ms: number) => new Date(created.getTime() + ms);
const MIN = 60_000;

describe('SLA clock (fake clock)', () => {
  it.each([
    ['P1', 'standard', 15],
    ['P2', 'standard', 60],
    ['P3', 'standard', 240],
    ['P4', 'standard', 1440],
    ['P1', 'vip', 5],
    ['P3', 'vip', 5],
    ['P4', 'vip', 5],
  ] as const)('%s %s: due after %i min; at risk from 75%%, breached just after the due time', (priority, tier, minutes) => {
    const due = firstResponseDue(created, priority, tier);
    expect(due.getTime() - created.getTime()).toBe(minutes * MIN);
    const t = { createdAt: created, firstResponseDue: due, firstResponseAt: null };
    const window = minutes * MIN;
    expect(slaState(t, at(window * 0.75 - 1))).toMatchObject({ atRisk: false, breached: false });
    expect(slaState(t, at(window * 0.75))).toMatchObject({ atRisk: true, breached: false });
    expect(slaState(t, at(window))).toMatchObject({ atRisk: true, breached: false });
    expect(slaState(t, at(window + 1))).toMatchObject({ atRisk: false, breached: true });
  });

  it('a first response in time stops the clock; a late one stays breached', () => {
    const due = firstResponseDue(created, 'P2', 'standard');
    expect(slaState({ createdAt: created, firstResponseDue: due, firstResponseAt: at(30 * MIN) }, at(10 * 60 * MIN))).toMatchObject({ atRisk: false, breached: false });
    expect(slaState({ createdAt: created, firstResponseDue: due, firstResponseAt: at(61 * MIN) }, at(62 * MIN))).toMatchObject({ breached: true });
  });
});
