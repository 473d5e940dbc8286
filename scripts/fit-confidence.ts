// Fits the confidence model's logistic weights (src/agent/confidence.ts) on DEVELOPMENT data only:
// fixtures/eval/retrieval.jsonl and fixtures/eval/lumen-dev.jsonl. Never on lumen-suite.jsonl.
// Usage: npx tsx scripts/fit-confidence.ts
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { openRuntime } from '../src/agent/runtime.js';
import { confidence, CONFIDENCE_WEIGHTS, type ConfidenceSignals } from '../src/agent/confidence.js';
import { loadConfig } from '../src/config.js';
import { openPglite } from '../src/store/pglite.js';
import { migrate } from '../src/store/migrations.js';
import { classify } from '../eval/run.js';
import { loadSuite, type SuiteCase } from '../eval/suite.js';
import { buildTemporaryKb, ROOT } from '../eval/temporary-kb.js';

const config = loadConfig();
const kbDir = await buildTemporaryKb(config);
const db = await openPglite();
await migrate(db);
const rt = await openRuntime({ ...config, policy: { ...config.policy, confidenceThreshold: 0 } }, { kbDir, db, chat: null });

const retrieval: SuiteCase[] = readFileSync(path.join(ROOT, 'fixtures/eval/retrieval.jsonl'), 'utf8')
  .split('\n')
  .filter(Boolean)
  .map((l) => JSON.parse(l) as { id: string; query: string; gold_ids: string[]; lang: string })
  .map((q) => ({ id: `r-${q.id}`, turns: [q.query], lang: q.lang, expect: q.gold_ids.length ? { outcome: 'answer' as const, doc_ids: q.gold_ids } : { outcome: 'handoff' as const } }));
const cases = [...retrieval, ...(await loadSuite(path.join(ROOT, 'fixtures/eval/lumen-dev.jsonl')))];

interface Row { s: ConfidenceSignals; y: number; id: string; reasons: string[] }
const rows: Row[] = [];
for (const c of cases) {
  const conversationId = `fit-${c.id}`;
  let r;
  for (const m of c.turns) r = await rt.agent.answer({ conversationId, customer: { id: `fit:${c.id}`, tier: c.customer?.tier ?? 'standard' }, message: m });
  const bot = (await rt.conversations.turns(conversationId)).filter((t) => t.role === 'bot').at(-1)!;
  const s = (bot.understanding as { signals: ConfidenceSignals }).signals;
  rows.push({ s, y: classify(c, r!).candidateCorrect ? 1 : 0, id: c.id, reasons: r!.decision.reasons });
}

const FEATURES = ['coverage', 'titleCoverage', 'dense', 'margin', 'outOfScope', 'intentAgreement'] as const;
const vec = (s: ConfidenceSignals) => [1, s.coverage, s.titleCoverage, s.dense ?? 0, s.margin, s.outOfScope ? 1 : 0, s.intentAgreement];

function fit(data: Row[], useDense: boolean) {
  const w = new Array(7).fill(0);
  const l2 = 0.005;
  for (let epoch = 0; epoch < 20000; epoch++) {
    const g = new Array(7).fill(0);
    for (const r of data) {
      const x = vec(r.s);
      if (!useDense) x[3] = 0;
      const p = 1 / (1 + Math.exp(-x.reduce((a, xi, i) => a + xi * w[i], 0)));
      for (let i = 0; i < 7; i++) g[i] += (p - r.y) * x[i]!;
    }
    for (let i = 0; i < 7; i++) w[i] -= 2 * (g[i] / data.length + (i ? l2 * w[i] : 0));
  }
  const round = (v: number) => Math.round(v * 100) / 100;
  return { bias: round(w[0]), ...Object.fromEntries(FEATURES.map((f, i) => [f, round(w[i + 1])])) };
}

const dense = rows.filter((r) => r.s.dense !== null);
const lexical = rows.filter((r) => r.s.dense === null);
console.log(JSON.stringify({ n: { dense: dense.length, lexical: lexical.length, positive: rows.filter((r) => r.y).length }, weights: { dense: fit(dense, true), lexical: fit(lexical, false) } }));
const weights = { dense: fit(dense, true), lexical: fit(lexical, false) } as unknown as typeof CONFIDENCE_WEIGHTS;
// The operating points these weights give on the same development cases.
const scored = rows.map((r) => ({ ...r, c: confidence(r.s, weights) }));
const answerable = scored.filter((r) => !r.id.startsWith('r-') || true).length;
for (const t of [0.3, 0.4, 0.5, 0.6, 0.7]) {
  const eligible = scored.filter((r) => r.reasons.every((x) => x === 'low_confidence') && r.c >= t);
  const good = eligible.filter((r) => r.y).length;
  console.log(JSON.stringify({ threshold: t, answered: eligible.length, resolved: good, wrong: eligible.length - good, of: answerable }));
}
if (process.argv.includes('--rows')) for (const r of rows) console.log(r.id, r.y, JSON.stringify(r.s), r.reasons.join(','));
await rt.close();
await db.close();
