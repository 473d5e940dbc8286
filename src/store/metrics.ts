import type { Database } from './database.js';

// Support metrics over a time window, straight from the store (SQL aggregates), so every
// replica reports the same figures.

export interface SupportMetrics {
  from: string;
  to: string;
  conversations: number;
  self_service_resolution_rate: number;
  escalation_rate: number;
  escalation_rate_by_reason: Record<string, number>;
  first_contact_resolution_rate: number;
  median_first_response_ms: { bot: number | null; human: number | null };
  csat: { average: number | null; responses: number };
  nps: { score: number | null; responses: number };
  sla_met_rate: number | null;
  backlog_by_priority: Record<string, number>;
  top_intents: Array<{ intent: string; count: number }>;
  top_questions: Array<{ question: string; count: number }>;
}

const round4 = (x: number) => Math.round(x * 10_000) / 10_000;
const ratio = (a: number, b: number) => (b ? round4(a / b) : 0);

export async function supportMetrics(db: Database, window: { from: Date; to: Date }): Promise<SupportMetrics> {
  const w = [window.from, window.to];
  const one = async (sql: string, params: unknown[] = w) => (await db.query(sql, params))[0] ?? {};
  const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));
  const inWindow = 'c.created_at >= $1 AND c.created_at < $2';

  const c = await one(
    `SELECT COUNT(*)::int AS n,
       COUNT(*) FILTER (WHERE NOT EXISTS (SELECT 1 FROM handoffs h WHERE h.conversation_id = c.id)
         AND EXISTS (SELECT 1 FROM turns t WHERE t.conversation_id = c.id AND t.role = 'bot' AND t.decision->>'type' = 'answered'))::int AS self_served,
       COUNT(*) FILTER (WHERE EXISTS (SELECT 1 FROM handoffs h WHERE h.conversation_id = c.id))::int AS escalated,
       COUNT(*) FILTER (WHERE NOT EXISTS (SELECT 1 FROM handoffs h WHERE h.conversation_id = c.id)
         AND (SELECT COUNT(*) FROM turns t WHERE t.conversation_id = c.id AND t.role = 'customer') = 1
         AND EXISTS (SELECT 1 FROM turns t WHERE t.conversation_id = c.id AND t.role = 'bot' AND t.decision->>'type' = 'answered'))::int AS first_contact
     FROM conversations c WHERE ${inWindow}`,
  );
  const n = Number(c.n ?? 0);
  const reasons = await db.query(
    `SELECT r AS reason, COUNT(DISTINCT h.conversation_id)::int AS n FROM handoffs h JOIN conversations c ON c.id = h.conversation_id,
       jsonb_array_elements_text(h.reasons) r WHERE ${inWindow} GROUP BY r ORDER BY r`,
    w,
  );
  const bot = await one(
    `SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY (t.understanding->>'latencyMs')::float) AS p50
     FROM turns t JOIN conversations c ON c.id = t.conversation_id WHERE t.role = 'bot' AND t.understanding ? 'latencyMs' AND ${inWindow}`,
  );
  const human = await one(
    `SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY EXTRACT(EPOCH FROM (k.first_response_at - k.created_at)) * 1000) AS p50,
       COUNT(*) FILTER (WHERE k.first_response_at IS NOT NULL AND k.first_response_at <= k.first_response_due)::int AS met,
       COUNT(*) FILTER (WHERE k.first_response_at IS NOT NULL OR k.first_response_due < $2)::int AS due
     FROM tickets k WHERE k.created_at >= $1 AND k.created_at < $2`,
  );
  const sat = await one(
    `SELECT AVG(csat)::float AS csat, COUNT(csat)::int AS csat_n,
       COUNT(nps)::int AS nps_n, COUNT(*) FILTER (WHERE nps >= 9)::int AS promoters, COUNT(*) FILTER (WHERE nps <= 6)::int AS detractors
     FROM satisfaction WHERE created_at >= $1 AND created_at < $2`,
  );
  const backlog = await db.query(`SELECT priority, COUNT(*)::int AS n FROM tickets WHERE state IN ('pending', 'in_progress') GROUP BY priority ORDER BY priority`);
  const intents = await db.query(
    `SELECT t.understanding->'intents'->0->>'name' AS intent, COUNT(*)::int AS n FROM turns t JOIN conversations c ON c.id = t.conversation_id
     WHERE t.role = 'customer' AND t.understanding->'intents'->0->>'name' IS NOT NULL AND ${inWindow} GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 10`,
    w,
  );
  const questions = await db.query(
    `SELECT lower(trim(t.text)) AS q, COUNT(*)::int AS n FROM turns t JOIN conversations c ON c.id = t.conversation_id
     WHERE t.role = 'customer' AND ${inWindow} GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 10`,
    w,
  );
  const npsN = Number(sat.nps_n ?? 0);
  return {
    from: window.from.toISOString(),
    to: window.to.toISOString(),
    conversations: n,
    self_service_resolution_rate: ratio(Number(c.self_served ?? 0), n),
    escalation_rate: ratio(Number(c.escalated ?? 0), n),
    escalation_rate_by_reason: Object.fromEntries(reasons.map((r) => [String(r.reason), ratio(Number(r.n), n)])),
    first_contact_resolution_rate: ratio(Number(c.first_contact ?? 0), n),
    median_first_response_ms: { bot: num(bot.p50), human: num(human.p50) },
    csat: { average: sat.csat === null || sat.csat === undefined ? null : round4(Number(sat.csat)), responses: Number(sat.csat_n ?? 0) },
    nps: { score: npsN ? Math.round(((Number(sat.promoters) - Number(sat.detractors)) / npsN) * 100) : null, responses: npsN },
    sla_met_rate: Number(human.due ?? 0) ? ratio(Number(human.met), Number(human.due)) : null,
    backlog_by_priority: Object.fromEntries(['P1', 'P2', 'P3', 'P4'].map((p) => [p, Number(backlog.find((b) => b.priority === p)?.n ?? 0)])),
    top_intents: intents.map((r) => ({ intent: String(r.intent), count: Number(r.n) })),
    top_questions: questions.map((r) => ({ question: String(r.q), count: Number(r.n) })),
  };
}

/** The same figures (all time) in the Prometheus text format. */
export function prometheus(m: SupportMetrics): string {
  const lines: string[] = [];
  const gauge = (name: string, help: string, samples: Array<[Record<string, string>, number | null]>) => {
    lines.push(`# HELP ${name} ${help}`, `# TYPE ${name} gauge`);
    for (const [labels, v] of samples) {
      if (v === null) continue;
      const l = Object.entries(labels).map(([k, x]) => `${k}="${x.replace(/["\\\n]/g, '_')}"`).join(',');
      lines.push(`${name}${l ? `{${l}}` : ''} ${v}`);
    }
  };
  gauge('deskmate_conversations', 'Conversations started', [[{}, m.conversations]]);
  gauge('deskmate_self_service_resolution_ratio', 'Conversations the bot resolved without a person', [[{}, m.self_service_resolution_rate]]);
  gauge('deskmate_escalation_ratio', 'Conversations handed to a person, by reason', Object.entries(m.escalation_rate_by_reason).map(([reason, v]) => [{ reason }, v]));
  gauge('deskmate_first_response_median_ms', 'Median first response', [[{ by: 'bot' }, m.median_first_response_ms.bot], [{ by: 'human' }, m.median_first_response_ms.human]]);
  gauge('deskmate_csat_average', 'Average CSAT (1-5)', [[{}, m.csat.average]]);
  gauge('deskmate_nps', 'Net promoter score', [[{}, m.nps.score]]);
  gauge('deskmate_sla_met_ratio', 'Tickets answered within their first-response SLA', [[{}, m.sla_met_rate]]);
  gauge('deskmate_backlog_tickets', 'Open tickets by priority', Object.entries(m.backlog_by_priority).map(([priority, v]) => [{ priority }, v]));
  return `${lines.join('\n')}\n`;
}
