import type { IntentExample } from './datasets.js';

// NLP.js (node-nlp, a devDependency) as the reference peer: trained and tested on the same
// splits in the same run. Loaded lazily so production installs never need it.

export interface PeerPrediction {
  labels: string[];
}

export async function nlpjsIntentPeer(train: readonly IntentExample[], multiLabel: boolean) {
  const { NlpManager } = (await import('node-nlp')) as unknown as { NlpManager: new (o: object) => NlpManagerLike };
  const manager = new NlpManager({ languages: ['en'], forceNER: false, autoSave: false, nlu: { log: false }, ner: { builtins: [] } });
  for (const e of train) for (const l of e.labels.length ? e.labels : ['None']) manager.addDocument('en', e.text, l);
  const started = performance.now();
  await manager.train();
  const trainS = (performance.now() - started) / 1000;
  return {
    trainS,
    async predict(text: string): Promise<PeerPrediction> {
      const r = await manager.process('en', text);
      if (multiLabel) return { labels: (r.classifications ?? []).filter((c) => c.score >= 0.5 && c.intent !== 'None').map((c) => c.intent) };
      return { labels: r.intent && r.intent !== 'None' ? [r.intent] : [] };
    },
  };
}

export async function nlpjsSentimentPeer(language: 'en' | 'zh') {
  const { SentimentAnalyzer } = (await import('node-nlp')) as unknown as { SentimentAnalyzer: new (o: object) => { getSentiment(t: string): Promise<{ score: number; vote: string }> } };
  const analyzer = new SentimentAnalyzer({ language });
  return (text: string) => analyzer.getSentiment(text);
}

interface NlpManagerLike {
  addDocument(locale: string, text: string, intent: string): void;
  train(): Promise<void>;
  process(locale: string, text: string): Promise<{ intent?: string; score?: number; classifications?: Array<{ intent: string; score: number }> }>;
}
