// `npm run eval:external`: the QA evaluation on knowledge bases and customers we did not write,
// built at run time from ../shared/datasets (never copied into the repository):
// - StackFAQ: KB = faq_entries.jsonl, cases = its paraphrased queries with their gold ids;
// - CLINC150 out-of-scope queries as must-handoff cases against the StackFAQ KB;
// - COVID-FAQ: KB = faq_entries.jsonl, cases = real chatbot queries with gold ids.
// These KBs come without an intent catalog, so the agent runs with DESKMATE_SCOPE=knowledge. As a
// team would with `deskmate calibrate`, the confidence threshold is chosen on a dev split (a third
// of each set's queries, by a hash of the id; CLINC's oos_val), then the held-out split is
// reported. The operating point is the gate's own: the most StackFAQ questions resolved while
// StackFAQ's wrong-answer rate stays <= 10% and >= 85% of CLINC's out-of-scope queries are handed
// off (each set's rate on its own: the gate reads them apart); COVID-FAQ at wrong <= 10%. Prints progress on stderr and, last, one JSON line:
// {"metrics", "by_lang", "risk_coverage", "cases"} for StackFAQ + CLINC150 (the gated pair), plus
// "suites": the metrics of each set and the threshold it was run at.
import { evaluate, type EvaluationReport } from '../eval/evaluate.js';
import { answeredAt, suiteMetrics } from '../eval/metrics/suite.js';
import type { CaseResult } from '../eval/run.js';
import { clincOutOfScope, faqSuite } from '../eval/external.js';
import type { SuiteCase } from '../eval/suite.js';
import { loadConfig, type Config } from '../src/config.js';

const MAX_WRONG = 0.1;
const MIN_OOS_HANDOFF = 0.85;
const base = loadConfig();
const config: Config = { ...base, policy: { ...base.policy, scope: 'knowledge' } };
const ds = config.datasetsDir;
const log = (m: string) => process.stderr.write(`${m}\n`);

/**
 * The threshold, among those the dev run saw, that resolves the most answerable cases while the
 * answerable cases' wrong-answer rate stays within MAX_WRONG and at least MIN_OOS_HANDOFF of the
 * out-of-scope cases (`isOutOfScope`) would be handed off. 1 when none qualifies.
 */
function chooseThreshold(dev: readonly CaseResult[], isOutOfScope: (c: CaseResult) => boolean): number {
  const answerable = dev.filter((c) => !isOutOfScope(c));
  const oos = dev.filter(isOutOfScope);
  let best = { threshold: 1, resolved: -1 };
  for (const t of new Set([0, ...dev.map((c) => c.confidence)])) {
    const { answered, resolved } = answeredAt(answerable, t);
    const wrong = answered ? (answered - resolved) / answered : 0;
    const handedOff = oos.length ? 1 - answeredAt(oos, t).answered / oos.length : 1;
    if (wrong <= MAX_WRONG && handedOff >= MIN_OOS_HANDOFF && (resolved > best.resolved || (resolved === best.resolved && t > best.threshold))) best = { threshold: t, resolved };
  }
  return best.threshold;
}

/** Chooses the threshold on `dev`, then runs `test` at it. */
async function calibrated(name: string, kb: string, dev: SuiteCase[], test: SuiteCase[], isOutOfScope: (c: CaseResult) => boolean): Promise<{ threshold: number; report: EvaluationReport }> {
  const progress = (label: string) => (d: number, t: number) => d % 200 === 0 && log(`${name} ${label}: ${d}/${t}`);
  log(`${name}: dev split, ${dev.length} cases`);
  const devReport = await evaluate({ ...config, policy: { ...config.policy, confidenceThreshold: 0 } }, { suites: [], cases: dev, kb: [kb], onCase: progress('dev') });
  const threshold = chooseThreshold(devReport.cases, isOutOfScope);
  log(`${name}: threshold ${threshold} (chosen on dev); test split, ${test.length} cases`);
  const report = await evaluate({ ...config, policy: { ...config.policy, confidenceThreshold: threshold } }, { suites: [], cases: test, kb: [kb], onCase: progress('test') });
  return { threshold, report };
}

const stack = await faqSuite(ds, 'stackfaq', 'queries.jsonl');
const oos = await clincOutOfScope(ds);
const fromClinc = (c: CaseResult) => c.id.startsWith('clinc-');
const gated = await calibrated('stackfaq+clinc150_oos', stack.kb, [...stack.dev, ...oos.dev], [...stack.test, ...oos.test], fromClinc);
const covid = await faqSuite(ds, 'covid_faq', 'queries_merged.jsonl');
const covidRun = await calibrated('covid_faq', covid.kb, covid.dev, covid.test, () => false);

const part = (report: EvaluationReport, prefix: string) => suiteMetrics(report.cases.filter((c) => c.id.startsWith(prefix)));
const suites = {
  stackfaq: { threshold: gated.threshold, ...part(gated.report, 'stackfaq-') },
  clinc150_oos: { threshold: gated.threshold, ...part(gated.report, 'clinc-') },
  covid_faq: { threshold: covidRun.threshold, ...covidRun.report.metrics },
};
for (const [name, m] of Object.entries(suites)) {
  log(`${name}: threshold ${m.threshold}, answerable resolution ${m.answerable_resolution_rate}, wrong ${m.wrong_answer_rate}, handoff recall ${m.handoff_recall} (${m.cases} cases)`);
}
console.log(JSON.stringify({ ...gated.report, suites }));
