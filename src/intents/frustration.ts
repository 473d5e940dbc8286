import { tokenize } from '../retrieval/tokenizer.js';
import { affect } from './sentiment/index.js';
import { claimsRepeat, hasProfanity, isBotComplaint, isChurnThreat, isExasperated, isHumanRequest, isSarcastic, isShouting } from './signals.js';

export const FRUSTRATION_SIGNALS = [
  'negative_sentiment',
  'worsening_sentiment',
  'repeated_question',
  'human_request',
  'bot_complaint',
  'profanity',
  'shouting',
  'churn_threat',
  'sarcasm',
  'exasperation',
] as const;
export type FrustrationSignalName = (typeof FRUSTRATION_SIGNALS)[number];

export interface FrustrationSignal {
  name: FrustrationSignalName;
  /** This signal's share of the score, in [0, 1]. */
  weight: number;
  /** The customer's words (or the numbers) that raised it. */
  evidence: string;
}

export interface Frustration {
  score: number;
  level: 'low' | 'medium' | 'high';
  signals: FrustrationSignal[];
  /** An explicit request for a person anywhere in the conversation. */
  humanRequested: boolean;
  /** Sentiment of each turn, oldest first. */
  sentiments: number[];
}

// Anger signals (profanity, shouting, threats to leave, complaints about the bot) make a
// conversation "high" on their own, as does asking for a person after asking the same again.
// Annoyance signals (negative or worsening sentiment, a repeated question) make it "medium".
// The score combines signal weights by noisy-OR, kept inside the band of the level.
const ANGER = new Set<FrustrationSignalName>(['bot_complaint', 'profanity', 'shouting', 'churn_threat', 'sarcasm', 'exasperation']);
const WEIGHTS: Record<FrustrationSignalName, number> = {
  negative_sentiment: 0.35,
  worsening_sentiment: 0.2,
  repeated_question: 0.3,
  human_request: 0.15,
  bot_complaint: 0.62,
  profanity: 0.65,
  shouting: 0.62,
  churn_threat: 0.62,
  sarcasm: 0.6,
  exasperation: 0.6,
};
const BANDS = { low: [0, 0.29], medium: [0.3, 0.59], high: [0.6, 1] } as const;
const NEGATIVE = -0.4; // latest turns at or below this affect score
const SAME_QUESTION = 0.5; // Jaccard overlap of terms above which a turn repeats an earlier one

function jaccard(a: Set<string>, b: Set<string>): number {
  let inter = 0;
  for (const x of a) if (b.has(x)) inter++;
  return inter / (a.size + b.size - inter || 1);
}

export interface FrustrationOptions {
  /** The intent classifier is confident the latest message complains about the bot (feedback_bot). */
  botComplaint?: boolean;
}

/**
 * Conversation-level frustration in [0, 1] from the customer's turns (oldest first), with the
 * named signals that produced it. Sentiment here is affect only: "my order is late" states a
 * problem, "this is a joke" is a customer losing patience.
 */
export function assessFrustration(turns: readonly string[], options: FrustrationOptions = {}): Frustration {
  const scores = turns.map((t) => affect(t).score);
  const signals: FrustrationSignal[] = [];
  const add = (name: FrustrationSignalName, evidence: string) => {
    if (!signals.some((s) => s.name === name)) signals.push({ name, weight: WEIGHTS[name], evidence });
  };
  const last = turns.length - 1;
  const lastScore = scores[last] ?? 0;

  // The latest turns matter most: an early complaint that was resolved is not frustration now.
  const recent = turns.slice(-3);
  for (const t of recent) {
    if (isBotComplaint(t)) add('bot_complaint', t);
    if (hasProfanity(t)) add('profanity', t);
    if (isShouting(t)) add('shouting', t);
    if (isChurnThreat(t)) add('churn_threat', t);
    if (isSarcastic(t)) add('sarcasm', t);
    if (isExasperated(t)) add('exasperation', t);
  }
  // The intent classifier read the latest message as a complaint about the bot, in words the cues above do not list.
  if (options.botComplaint && last >= 0) add('bot_complaint', turns[last]!);
  const humanTurn = turns.find(isHumanRequest);
  if (humanTurn) add('human_request', humanTurn);

  const worst = Math.min(...scores.slice(-2));
  if (worst <= NEGATIVE) add('negative_sentiment', `sentiment ${worst.toFixed(2)}`);
  if (turns.length >= 2) {
    const first = scores.slice(0, -1).reduce((a, b) => Math.max(a, b), -1);
    if (lastScore <= -0.3 && lastScore - first <= -0.5) add('worsening_sentiment', `sentiment ${first.toFixed(2)} → ${lastScore.toFixed(2)}`);
  }
  if (last >= 0) {
    const latest = new Set(tokenize(turns[last]!));
    const repeated = latest.size >= 2 && turns.slice(0, -1).some((t) => jaccard(latest, new Set(tokenize(t))) >= SAME_QUESTION);
    const claimed = turns.slice(-2).find(claimsRepeat);
    if (repeated || claimed) add('repeated_question', claimed ?? turns[last]!);
  }

  const names = new Set(signals.map((s) => s.name));
  const annoyed = signals.some((s) => !ANGER.has(s.name) && s.name !== 'human_request');
  // Asking for a person because the bot keeps failing (the same question again) is high.
  const gaveUpOnBot = names.has('human_request') && names.has('repeated_question');
  const level: Frustration['level'] = signals.some((s) => ANGER.has(s.name)) || gaveUpOnBot ? 'high' : annoyed ? 'medium' : 'low';
  const [lo, hi] = BANDS[level];
  const score = Math.min(hi, Math.max(lo, 1 - signals.reduce((p, s) => p * (1 - s.weight), 1)));
  return {
    score: Math.round(score * 1000) / 1000,
    level,
    signals,
    humanRequested: humanTurn !== undefined,
    sentiments: scores,
  };
}
