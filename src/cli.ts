import { Command, InvalidArgumentError, Option } from 'commander';
import cliProgress from 'cli-progress';
import { ConfigError, loadConfig, type Config } from './config.js';
import { DeskmateError } from './errors.js';
import path from 'node:path';
import { calibrate, checkGate, evaluate } from '../eval/evaluate.js';
import { compareReports, readReport, renderComparison } from '../eval/compare.js';
import { writeReport } from '../eval/report/index.js';
import { startServer } from './api/server.js';
import { ingest, type IngestProgress, type IngestSummary } from './ingest/pipeline.js';
import { createLogger } from './logger.js';
import { INTENT_DATASETS, loadIntentDataset, type IntentDatasetName } from './intents/eval/datasets.js';
import { evaluateIntents } from './intents/eval/intents-eval.js';
import { evaluateSentiment, evenly, SENTIMENT_DATASETS, type SentimentDatasetName } from './intents/eval/sentiment-eval.js';
import { CachedEmbeddings } from './retrieval/embeddings/cached.js';
import { createEmbeddings } from './retrieval/embeddings/index.js';
import { defaultGlossary } from './retrieval/glossary.js';
import { openKnowledgeBase } from './retrieval/open.js';
import { FILTER_KEYS, SearchFieldSchema, type FilterKey, type SearchFilters, type SearchHit } from './retrieval/types.js';

const print = (line: string) => process.stdout.write(`${line}\n`);

function positiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 1000) throw new InvalidArgumentError('expected a whole number from 1 to 1000');
  return n;
}

function filterOption(value: string, previous: SearchFilters = {}): SearchFilters {
  const m = /^([a-z_]+)=(.+)$/.exec(value);
  if (!m || !(FILTER_KEYS as readonly string[]).includes(m[1]!)) {
    throw new InvalidArgumentError(`expected key=value with key one of ${FILTER_KEYS.join(', ')}`);
  }
  return { ...previous, [m[1] as FilterKey]: m[2] };
}

/** A progress bar on a terminal; nothing when output is piped or --json is asked for. */
function progressReporter(enabled: boolean): { onProgress?: (e: IngestProgress) => void; stop: () => void } {
  if (!enabled || !process.stderr.isTTY) return { stop: () => undefined };
  const bar = new cliProgress.SingleBar(
    { format: '{phase} [{bar}] {value}/{total} {file}', stream: process.stderr, clearOnComplete: true, hideCursor: true },
    cliProgress.Presets.shades_classic,
  );
  let phase = '';
  return {
    onProgress(e) {
      if (e.phase !== phase) {
        if (phase) bar.stop();
        phase = e.phase;
        bar.start(e.total, e.done, { phase: e.phase === 'load' ? 'reading  ' : 'embedding', file: '' });
      }
      bar.update(e.done, { file: e.phase === 'load' ? e.file : '' });
    },
    stop: () => phase && bar.stop(),
  };
}

function describeSummary(s: IngestSummary): string {
  const d = s.documents;
  const lines = [
    `files: ${s.files.seen} read, ${s.files.ingested} ingested, ${s.files.failed} failed`,
    `documents: ${d.added} added, ${d.updated} updated, ${d.unchanged} unchanged, ${d.removed} removed`,
    `chunks: ${s.chunks.total} in the knowledge base, ${s.chunks.embedded} embedded now`,
  ];
  for (const e of s.errors) lines.push(`error: ${e.file}: ${e.reason}`);
  return lines.join('\n');
}

function hitJson(h: SearchHit, i: number) {
  return {
    rank: i + 1,
    score: Number(h.score.toFixed(6)),
    docId: h.chunk.docId,
    chunkId: h.chunk.id,
    kind: h.chunk.kind,
    title: h.chunk.title,
    headingPath: h.chunk.headingPath,
    language: h.chunk.language,
    source: h.chunk.source,
    text: h.chunk.text,
    lexicalRank: h.lexical?.rank ?? null,
    denseRank: h.dense?.rank ?? null,
  };
}

export function buildProgram(config: () => Config): Command {
  const program = new Command('deskmate')
    .description('Deskmate: a customer-support agent that answers from your knowledge base and hands off to people.')
    // Each command parses its own options, so `eval compare a b --json` is compare's --json, not eval's.
    .enablePositionalOptions()
    .showHelpAfterError();

  program
    .command('ingest')
    .description('add or update documents (Markdown, HTML, text, PDF, FAQ CSV/TSV/JSON/JSONL) in the knowledge base')
    .argument('<paths...>', 'files or folders')
    .option('--prune', 'remove documents whose source file under these paths is gone')
    .option('--rebuild', 'start from an empty knowledge base (after changing the embedder)')
    .option('--json', 'print a JSON summary')
    .action(async (paths: string[], opts: { prune?: boolean; rebuild?: boolean; json?: boolean }) => {
      const cfg = config();
      const kb = await openKnowledgeBase(cfg, { rebuild: opts.rebuild });
      const progress = progressReporter(!opts.json);
      const summary = await ingest(kb, paths, { ...cfg.ingest, prune: opts.prune, batchSize: cfg.embeddings.openai.batchSize, onProgress: progress.onProgress });
      progress.stop();
      print(opts.json ? JSON.stringify(summary) : describeSummary(summary));
      if (summary.files.ingested === 0 && summary.files.seen + summary.errors.length > 0) process.exitCode = 1;
    });

  program
    .command('search')
    .description('search the knowledge base (hybrid BM25 + vectors)')
    .argument('<query>', 'what a customer would write')
    .option('-k, --k <n>', 'number of results', positiveInt, 5)
    .addOption(new Option('--field <field>', 'search the question, the answer or both').choices(SearchFieldSchema.options).default('all'))
    .addOption(new Option('--mode <mode>', 'ranking').choices(['hybrid', 'lexical', 'dense']).default('hybrid'))
    .option('--filter <key=value>', `filter on ${FILTER_KEYS.join(', ')} (repeatable)`, filterOption)
    .option('--json', 'print JSON')
    .action(async (query: string, opts: { k: number; field: 'all'; mode: 'hybrid'; filter?: SearchFilters; json?: boolean }) => {
      const kb = await openKnowledgeBase(config());
      const hits = await kb.search(query, { k: opts.k, field: opts.field, mode: opts.mode, filters: opts.filter });
      if (opts.json) {
        print(JSON.stringify({ query, hits: hits.map(hitJson) }));
        return;
      }
      if (hits.length === 0) print('no results');
      hits.forEach((h, i) => {
        const where = [h.chunk.title, ...h.chunk.headingPath].join(' > ');
        const snippet = h.chunk.text.replace(/\s+/g, ' ').slice(0, 160);
        print(`${i + 1}. ${h.chunk.docId}  ${where}  (score ${h.score.toFixed(4)})\n   ${snippet}${h.chunk.text.length > 160 ? '…' : ''}`);
      });
    });

  program
    .command('stats')
    .description('what the knowledge base holds')
    .option('--json', 'print JSON')
    .action(async (opts: { json?: boolean }) => {
      const kb = await openKnowledgeBase(config());
      const s = kb.stats();
      if (opts.json) {
        print(JSON.stringify(s));
        return;
      }
      print(`documents: ${s.documents}  chunks: ${s.chunks}  vectors: ${s.vectors}  embedder: ${s.embedder ?? 'none (lexical only)'}`);
      print(`by kind: ${JSON.stringify(s.byKind)}  by language: ${JSON.stringify(s.byLanguage)}`);
    });

  const embeddersFor = (cfg: Config) => {
    const live = createEmbeddings(cfg.embeddings);
    // Datasets are tens of thousands of sentences: each is embedded once, then read from disk.
    return { cached: live ? new CachedEmbeddings(live, path.join(cfg.cacheDir, 'embeddings')) : null, live };
  };
  const progressLog = (json?: boolean) => (m: string) => (json ? undefined : process.stderr.write(`${m}\n`));

  program
    .command('intents')
    .description('intent classification')
    .command('eval')
    .description('train on a public dataset\'s train split and score its test split (reads DESKMATE_DATASETS_DIR)')
    .addOption(new Option('--dataset <name>', 'dataset').choices(INTENT_DATASETS).makeOptionMandatory())
    .addOption(new Option('--peer <peer>', 'also train and score a reference library on the same splits').choices(['nlpjs']))
    .option('--sample <n>', 'smoke test: n test rows and at most 4n train rows, taken evenly', (v) => positiveInt(v))
    .option('--json', 'print only the JSON result')
    .action(async (opts: { dataset: IntentDatasetName; peer?: 'nlpjs'; sample?: number; json?: boolean }) => {
      const cfg = config();
      const ds = await loadIntentDataset(opts.dataset, cfg.datasetsDir);
      if (opts.sample) {
        ds.test = evenly(ds.test, opts.sample);
        ds.train = evenly(ds.train, opts.sample * 4);
        if (ds.dev) ds.dev = evenly(ds.dev, opts.sample);
      }
      const { cached, live } = embeddersFor(cfg);
      const result = await evaluateIntents(ds, { embedder: cached, latencyEmbedder: live, glossary: defaultGlossary(), peer: opts.peer, log: progressLog(opts.json) });
      print(JSON.stringify(result));
    });

  program
    .command('sentiment')
    .description('message sentiment')
    .command('eval')
    .description('binary sentiment accuracy on a public dataset (reads DESKMATE_DATASETS_DIR)')
    .addOption(new Option('--dataset <name>', 'dataset').choices(SENTIMENT_DATASETS).makeOptionMandatory())
    .addOption(new Option('--peer <peer>', 'also score a reference library on the same rows').choices(['nlpjs']))
    .option('--sample <n>', 'smoke test: n dev and n test rows, taken evenly', (v) => positiveInt(v))
    .option('--json', 'print only the JSON result')
    .action(async (opts: { dataset: SentimentDatasetName; peer?: 'nlpjs'; sample?: number; json?: boolean }) => {
      print(JSON.stringify(await evaluateSentiment(opts.dataset, config().datasetsDir, { peer: opts.peer, sample: opts.sample })));
    });

  program
    .command('serve')
    .description('start the HTTP API (port DESKMATE_PORT); an empty knowledge base gets the demo one')
    .action(async () => {
      const cfg = config();
      const logger = createLogger({ level: cfg.log.level, redactPii: cfg.log.redactPii });
      const server = await startServer(cfg, logger);
      print(`Deskmate is listening on ${server.url}`);
      if (server.demoKey) print(`Local demo API key (admin), also in ${path.join(cfg.dataDir, 'demo-key')}: ${server.demoKey}`);
      const stop = async (signal: string) => {
        logger.info({ signal }, 'shutting down: finishing in-flight requests');
        await server.stop();
        process.exit(0);
      };
      process.once('SIGINT', () => void stop('SIGINT'));
      process.once('SIGTERM', () => void stop('SIGTERM'));
    });

  const evalCommand = program
    .command('eval')
    .description('run QA suites through the agent, offline, and report resolution and wrong-answer rates')
    .enablePositionalOptions()
    // Checked in the action: commander checks a required option of `eval` for `eval compare` too.
    .option('--suite <file...>', 'JSONL suite file(s) (required)')
    .option('--kb <path...>', 'build a temporary knowledge base from these paths (./data is not touched)')
    .option('--repeat <k>', 'run every case k times (pass^k)', positiveInt)
    .option('--gate <conditions>', 'fail unless e.g. "resolution>=0.8,wrong<=0.05"')
    .option('--report <dir>', 'also write report.md, report.html and report.json into this folder')
    .option('--json', 'print only the JSON report')
    .action(async (opts: { suite?: string[]; kb?: string[]; repeat?: number; gate?: string; report?: string; json?: boolean }) => {
      if (!opts.suite?.length) return evalCommand.error("error: required option '--suite <file...>' not specified");
      const cfg = config();
      const report = await evaluate(cfg, { suites: opts.suite, kb: opts.kb, repeat: opts.repeat, onCase: opts.json ? undefined : (d, t) => process.stderr.write(`\r${d}/${t}`) });
      if (!opts.json) process.stderr.write('\n');
      print(JSON.stringify(report));
      const failed = opts.gate ? checkGate(opts.gate, report.metrics) : [];
      if (opts.report) {
        const meta = { suites: opts.suite, kb: opts.kb, repeat: opts.repeat, confidenceThreshold: cfg.policy.confidenceThreshold, gate: opts.gate ? { conditions: opts.gate, failed } : undefined, generatedAt: new Date().toISOString() };
        const files = await writeReport(opts.report, report, meta);
        if (!opts.json) process.stderr.write(`report: ${files.markdown}, ${files.html}, ${files.json}\n`);
      }
      if (failed.length) {
        process.stderr.write(`deskmate: gate failed: ${failed.join('; ')}\n`);
        process.exitCode = 1;
      }
    });

  evalCommand
    .command('compare')
    .description('compare two evaluation reports (report.json, or saved `eval --json` output): metric deltas and cases that changed outcome')
    .argument('<a>', 'the baseline report')
    .argument('<b>', 'the report to compare with it')
    .option('--json', 'print one JSON object')
    .action(async (a: string, b: string, opts: { json?: boolean }) => {
      const comparison = compareReports(await readReport(a), await readReport(b));
      print(opts.json ? JSON.stringify(comparison) : renderComparison(comparison, { a, b }));
    });

  program
    .command('calibrate')
    .description('choose the confidence threshold that resolves most at a target wrong-answer rate')
    .requiredOption('--suite <file...>', 'JSONL suite file(s) (a development suite, never the test suite)')
    .option('--kb <path...>', 'build a temporary knowledge base from these paths')
    .option('--max-wrong <rate>', 'highest acceptable wrong-answer rate', (v) => Number(v), 0.05)
    .action(async (opts: { suite: string[]; kb?: string[]; maxWrong: number }) => {
      const cfg = config();
      // Every case is answered or handed off by the other rules; the threshold is then read off the curve.
      const report = await evaluate({ ...cfg, policy: { ...cfg.policy, confidenceThreshold: 0 } }, { suites: opts.suite, kb: opts.kb });
      const best = calibrate(report, opts.maxWrong);
      print(JSON.stringify({ max_wrong: opts.maxWrong, recommended: best, env: best ? `DESKMATE_CONFIDENCE_THRESHOLD=${best.threshold}` : null }));
    });

  return program;
}

/** Entry point of the `deskmate` bin. Expected failures print one clear line, not a stack. */
export async function main(argv: string[]): Promise<void> {
  let cached: Config | undefined;
  const program = buildProgram(() => (cached ??= loadConfig()));
  try {
    await program.parseAsync(argv);
  } catch (err) {
    if (err instanceof ConfigError || err instanceof DeskmateError) {
      process.stderr.write(`deskmate: ${err.message}\n`);
      process.exitCode = 1;
      return;
    }
    throw err;
  }
}
