import { rm } from 'node:fs/promises';
import { openRuntime } from '../src/agent/runtime.js';
import type { Config } from '../src/config.js';
import { ValidationError } from '../src/errors.js';
import { migrate } from '../src/store/migrations.js';
import { openPglite } from '../src/store/pglite.js';
import { chooseThreshold, metricsByLanguage, riskCoverage, suiteMetrics, type SuiteMetrics } from './metrics/suite.js';
import { runSuite, type CaseResult } from './run.js';
import { loadSuite, type SuiteCase } from './suite.js';
import { buildTemporaryKb } from './temporary-kb.js';

export interface EvaluationReport {
  metrics: SuiteMetrics;
  by_lang: Record<string, SuiteMetrics>;
  risk_coverage: Array<[number, number, number]>;
  cases: CaseResult[];
}

/**
 * Runs suites through the same agent the API uses, in process, on a throwaway in-memory database
 * (and, with `kb`, a throwaway knowledge base built from those paths): `./data` is never touched.
 */
export async function evaluate(
  config: Config,
  options: { suites: string[]; cases?: SuiteCase[]; kb?: string[]; repeat?: number; onCase?: (done: number, total: number) => void },
): Promise<EvaluationReport> {
  const cases = [...(await Promise.all(options.suites.map(loadSuite))).flat(), ...(options.cases ?? [])];
  const kbDir = options.kb?.length ? await buildTemporaryKb(config, options.kb) : undefined;
  const db = await openPglite();
  try {
    await migrate(db);
    const rt = await openRuntime(config, { kbDir, db });
    const results = await runSuite(rt.agent, cases, { repeat: options.repeat, onCase: options.onCase });
    await rt.close();
    return { metrics: suiteMetrics(results), by_lang: metricsByLanguage(results), risk_coverage: riskCoverage(results), cases: results };
  } finally {
    await db.close();
    if (kbDir) await rm(kbDir, { recursive: true, force: true });
  }
}

const ALIASES: Record<string, keyof SuiteMetrics> = {
  resolution: 'self_service_resolution_rate',
  answerable: 'answerable_resolution_rate',
  wrong: 'wrong_answer_rate',
};

/** Checks "resolution>=0.8,wrong<=0.05" against the metrics; returns the failed conditions. */
export function checkGate(gate: string, metrics: SuiteMetrics): string[] {
  const failed: string[] = [];
  for (const part of gate.split(',').map((s) => s.trim()).filter(Boolean)) {
    const m = /^([a-z_@0-9^]+)\s*(>=|<=)\s*([0-9.]+)$/.exec(part);
    const key = m ? (ALIASES[m[1]!] ?? (m[1] as keyof SuiteMetrics)) : undefined;
    const value = key ? metrics[key] : undefined;
    if (!m || typeof value !== 'number') throw new ValidationError(`bad gate condition "${part}": expected <metric>>=<number> or <metric><=<number>`, { field: 'gate' });
    const limit = Number(m[3]);
    if (m[2] === '>=' ? value < limit : value > limit) failed.push(`${part} (got ${value})`);
  }
  return failed;
}

/** The threshold that maximises resolution at a wrong-answer rate of at most `maxWrong`. */
export function calibrate(report: EvaluationReport, maxWrong: number) {
  return chooseThreshold(report.risk_coverage, maxWrong);
}
