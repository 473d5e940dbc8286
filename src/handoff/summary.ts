import type { ConversationRecord, CustomerRecord, TicketRecord, TurnRecord } from '../store/types.js';

// The handoff summary: everything the person taking over needs, so the customer never repeats
// themselves. Built from the stored turns when asked, so it is as durable as the turns are.

export interface HandoffSummary {
  customer: CustomerRecord;
  channel: string;
  language: string;
  priority: TicketRecord['priority'];
  reasons: string[];
  intents: string[];
  /** Sentiment of each customer turn, oldest first, in [-1, 1]. */
  sentimentTrend: number[];
  frustration: { score: number; level: string; signals: string[] } | null;
  /** What the bot said and the documents it cited. */
  botAnswers: Array<{ text: string; citations: string[] }>;
  /** The customer's own words, oldest first. */
  customerWords: string[];
  /** The question still open: the last customer message, made standalone. */
  openQuestion: string;
  /** One paragraph for the agent's screen. */
  text: string;
}

interface StoredUnderstanding {
  intents?: Array<{ name: string }>;
  sentiment?: number;
  frustration?: { score: number; level: string; signals: Array<{ name: string }> };
}

/** The customer's last question, as the bot made it standalone (or as written). */
export function openQuestion(turns: readonly TurnRecord[]): string {
  const bot = turns.filter((t) => t.role === 'bot').at(-1)?.understanding as { standaloneQuery?: string } | undefined;
  return bot?.standaloneQuery ?? turns.filter((t) => t.role === 'customer').at(-1)?.text ?? '';
}

export function summarize(ticket: TicketRecord, conversation: ConversationRecord, customer: CustomerRecord, turns: readonly TurnRecord[]): HandoffSummary {
  const customerTurns = turns.filter((t) => t.role === 'customer');
  const understood = customerTurns.map((t) => (t.understanding ?? {}) as StoredUnderstanding);
  const intents = [...new Set(understood.flatMap((u) => (u.intents ?? []).map((i) => i.name)))];
  const last = understood.at(-1);
  const botTurns = turns.filter((t) => t.role === 'bot');
  const botAnswers = botTurns
    .filter((t) => (t.decision as { type?: string } | null)?.type === 'answered')
    .map((t) => ({ text: t.text, citations: ((t.citations as Array<{ docId: string }> | null) ?? []).map((c) => c.docId) }));
  const open = openQuestion(turns);
  const frustration = last?.frustration ? { score: last.frustration.score, level: last.frustration.level, signals: last.frustration.signals.map((s) => s.name) } : null;
  const text = [
    `${customer.tier === 'vip' ? 'VIP customer' : 'Customer'} ${customer.id} on ${conversation.channel} (${ticket.language}), ${ticket.priority}.`,
    `Handed over because: ${ticket.reasons.join(', ') || 'requested'}.`,
    intents.length ? `Wants: ${intents.join(', ')}.` : '',
    frustration && frustration.level !== 'low' ? `Frustration ${frustration.level} (${frustration.signals.join(', ')}).` : '',
    botAnswers.length ? `The bot answered ${botAnswers.length} time(s), citing ${[...new Set(botAnswers.flatMap((b) => b.citations))].join(', ') || 'nothing'}.` : 'The bot gave no answer.',
    `Open question: "${open}"`,
  ]
    .filter(Boolean)
    .join(' ');
  return {
    customer,
    channel: conversation.channel,
    language: ticket.language,
    priority: ticket.priority,
    reasons: ticket.reasons,
    intents,
    sentimentTrend: understood.map((u) => u.sentiment ?? 0),
    frustration,
    botAnswers,
    customerWords: customerTurns.map((t) => t.text),
    openQuestion: open,
    text,
  };
}
