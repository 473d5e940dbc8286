import { randomUUID } from 'node:crypto';
import type { PolicySettings } from '../config.js';
import { ValidationError } from '../errors.js';
import { firstResponseDue, type SlaPolicy } from '../handoff/sla.js';
import type { Webhooks } from '../handoff/webhooks.js';
import { claimsNotFixed, isAcknowledgement, isIndirectHumanMention, mentionsPersonOrContact, namesOtherMaker, withoutAsides } from '../intents/signals.js';
import type { MessageUnderstanding, Understander } from '../intents/understand.js';
import type { Logger } from '../logger.js';
import { maskPii } from '../pii.js';
import type { Glossary } from '../retrieval/glossary.js';
import { tokenize } from '../retrieval/tokenizer.js';
import type { KnowledgeBase } from '../retrieval/knowledge-base.js';
import type { SearchHit } from '../retrieval/types.js';
import type { ConversationRepository } from '../store/conversations.js';
import type { ConversationRecord, TurnRecord } from '../store/types.js';
import type { ChatModel } from './chat-model.js';
import { candidatesFor } from './candidates.js';
import { isFollowUp, mayContinue, readings } from './condense.js';
import { questionPart } from './focus.js';
import { citationOf, extractiveAnswer } from './extractive.js';
import { KnowledgeAnswers } from './entry-classifier.js';
import { condensePrompt, groundedPrompt, parseGroundedAnswer } from './grounded.js';
import { decide } from './policy.js';
import { CandidateRanker, errorCodes, namesCode, KNOWLEDGE_RANKER_WEIGHTS, RANKER_WEIGHTS, type RankedHit } from './ranker.js';
import { chitchatReply, clarifyReply, handoffReply, waitingReply } from './replies.js';
import { AnswerRequestSchema, type AnswerEvent, type AnswerRequest, type AnswerResult, type Citation, type Decision, type DecisionReason } from './types.js';

export interface AgentOptions {
  kb: KnowledgeBase;
  understander: Understander;
  conversations: ConversationRepository;
  /** First-response targets for the tickets of handoffs (default: P1 15 min … P4 24 h, VIP 5 min). */
  sla?: SlaPolicy;
  /** Tells the channel's webhook (if any) that a conversation was handed to a person. */
  webhooks?: Webhooks;
  /** Tells a short new question from a follow-up in Chinese (condense.ts). */
  glossary?: Glossary;
  /** Without one, answers are extractive (the embedded default). */
  chat?: ChatModel | null;
  policy: PolicySettings;
  logger?: Logger;
  /** Mask phones, emails, card and ID numbers before anything is stored (default true). */
  redactPii?: boolean;
  /** A customer's open conversation idle longer than this is not continued. */
  conversationIdleMs?: number;
  now?: () => Date;
}

export interface Suggestion {
  text: string;
  citations: Citation[];
  confidence: number;
  composer: 'extractive' | 'llm';
}

export interface AnswerCallOptions {
  signal?: AbortSignal;
  onEvent?: (event: AnswerEvent) => void;
}

const PASSAGES = 5;
// A classifier "out of scope" is overruled only by a knowledge-base match this strong.
const OUT_OF_SCOPE_OVERRIDE = 0.8;
// Two different documents this close in probability, both at least this likely, are worth asking about.
const TIE = 0.03;
const TIE_MIN_PROBABILITY = 0.4;
const CHITCHAT_MIN_PROBABILITY = 0.6;
const HUMAN_INTENT_MIN_PROBABILITY = 0.6;
// Each invented citation costs this share of the confidence; an answer citing nothing real, half.
const INVENTED_CITATION_FACTOR = 0.7;
const UNGROUNDED_FACTOR = 0.5;

interface Composed {
  reply: string;
  citations: Citation[];
  confidence: number;
  notCovered: boolean;
  composer: AnswerResult['composer'];
}

/**
 * The previous turn's standalone query, kept on the bot turn that answered it, or on the customer's
 * turn when the bot tried it again while a ticket waited (no bot turn is written then).
 */
function previousQuery(turns: readonly TurnRecord[]): string | null {
  for (let i = turns.length - 1; i >= 0; i--) {
    const t = turns[i]!;
    if ((t.role === 'bot' || i === turns.length - 1) && t.understanding && typeof (t.understanding as { standaloneQuery?: unknown }).standaloneQuery === 'string') {
      return (t.understanding as { standaloneQuery: string }).standaloneQuery;
    }
    if (t.role === 'customer' && i < turns.length - 1) return t.text;
  }
  return null;
}

/**
 * How likely the best passage's answer is right. The ranker splits its belief between passages
 * that say the same thing; those that all explain the error code the customer quoted (the FAQ
 * entry and the manual's error table for E1042) are one answer, so their probabilities add up. A
 * product model ("XR-100") is no such topic: many passages name it for different reasons.
 */
function answerProbability(query: string, hits: readonly RankedHit[]): number {
  const [top] = hits;
  if (!top) return 0;
  const codes = errorCodes(query);
  const explains = (h: RankedHit) => namesCode(h.chunk, codes);
  if (!codes.length || !explains(top)) return top.probability;
  return Math.min(1, hits.reduce((sum, h) => sum + (explains(h) ? h.probability : 0), 0));
}

/** The bot's latest turn answered the customer (rather than asking, or handing off). */
// The bot answered earlier and no person has spoken since: "still not working" is about that answer,
// even when a later turn was handed off for low confidence and the bot is trying again.
function botAnswerStands(turns: readonly TurnRecord[]): boolean {
  const i = turns.findLastIndex((t) => t.role === 'bot' && (t.decision as { type?: string } | null | undefined)?.type === 'answered');
  return i >= 0 && !turns.slice(i + 1).some((t) => t.role === 'agent');
}

/**
 * One customer message in, one decision out: understand, retrieve, compose, decide, persist.
 * The API and the offline evaluation both call `answer`; there is no second pipeline.
 */
export class Agent {
  private readonly now: () => Date;
  private readonly ranker: CandidateRanker;
  private readonly answers: KnowledgeAnswers | null;

  constructor(private readonly options: AgentOptions) {
    this.now = options.now ?? (() => new Date());
    const weights = options.policy.scope === 'knowledge' ? KNOWLEDGE_RANKER_WEIGHTS : RANKER_WEIGHTS;
    // Trained only where the ranker reads it (not in the knowledge scope: see KNOWLEDGE_RANKER_WEIGHTS).
    this.answers = weights.entryClass || weights.entryTop ? new KnowledgeAnswers(options.kb, options.glossary) : null;
    this.ranker = new CandidateRanker(options.understander.classifier, { weights, corpus: options.kb, glossary: options.glossary, entries: this.answers });
  }

  /** Learns the knowledge base's answers now (about a second for the demo KB), not on the first customer's message. */
  async prepare(): Promise<void> {
    await this.answers?.current();
  }

  async answer(request: AnswerRequest, call: AnswerCallOptions = {}): Promise<AnswerResult> {
    const parsed = AnswerRequestSchema.safeParse(request);
    if (!parsed.success) {
      throw new ValidationError('invalid answer request', parsed.error.issues.map((i) => ({ field: i.path.join('.'), message: i.message })));
    }
    const req = parsed.data;
    const { conversations, understander } = this.options;
    const now = this.now();
    const started = performance.now();
    const message = this.options.redactPii === false ? req.message : maskPii(req.message);

    const conversation = await this.conversationFor(req.conversationId, req.customer.id, now);
    const conversationId = conversation?.id ?? req.conversationId ?? randomUUID();
    const history = conversation ? await conversations.turns(conversation.id) : [];
    const customerTurns = [...history.filter((t) => t.role === 'customer').map((t) => t.text), message];

    const u = await understander.analyze(customerTurns, { tier: req.customer.tier });
    const language = u.language === 'other' && req.locale?.toLowerCase().startsWith('zh') ? 'zh' : u.language;
    call.onEvent?.({ type: 'understanding', language, intents: u.intents, priority: u.priority, frustration: u.frustration });

    // A person owns the conversation: the bot records the message and stays silent.
    const chitchat = this.chitchat(u, message);
    // A thank-you while a question waits for a person answers nothing: the ticket stays (it is not
    // withdrawn as answered by the bot), and the customer hears that someone will reply.
    const retrying = conversation?.state === 'handed_off' && !chitchat && (await this.mayKeepTrying(conversation, history));
    if (conversation && (conversation.state === 'handed_off' || conversation.state === 'human') && !retrying) {
      return this.whileHumanOwns(conversation, req, message, u, language, now, call);
    }

    const { query: standaloneQuery, hits } = await this.search(history, message, u, PASSAGES, call.signal);
    const retrievalConfidence = answerProbability(standaloneQuery, hits);
    const composed = chitchat ? { reply: chitchatReply(language, chitchat.name), citations: [], confidence: chitchat.probability, notCovered: false, composer: 'none' as const } : await this.compose(standaloneQuery, hits, retrievalConfidence, language, call);

    const ambiguous = !chitchat && !composed.notCovered && this.isTie(hits);
    const humanRequested = this.humanRequested(u, message);
    const repeated = u.frustration.signals.some((s) => s.name === 'repeated_question');
    // "Restarted it, still offline" after an answer: that answer did not resolve the problem, and
    // this turn is the same problem again. Both count towards unresolved turns in a row.
    const notFixed = botAnswerStands(history) && claimsNotFixed(message);
    const priorUnresolved = (conversation?.unresolvedTurns ?? 0) + (notFixed ? 1 : 0);
    const decision = decide(
      {
        // A thank-you or a greeting has its own bar (CHITCHAT_MIN_PROBABILITY): the threshold is
        // calibrated for answers from the knowledge base, and a customer saying thanks at 0.66 is
        // no reason to fetch a person.
        confidence: composed.notCovered ? 0 : chitchat ? 1 : composed.confidence,
        frustration: u.frustration.score,
        humanRequested,
        priority: u.priority.priority,
        // A code the customer quoted that the knowledge base explains (E1042) is the business's own.
        outOfScope: this.scopedByIntents && !chitchat && ((u.outOfScope && retrievalConfidence < OUT_OF_SCOPE_OVERRIDE) || this.aboutOtherMaker(message)) && !hits.some((h) => h.codeMatches),
        unresolvedTurns: priorUnresolved,
        unresolvedNow: ambiguous || repeated || notFixed,
        ambiguous,
      },
      this.options.policy,
    );

    if (retrying && decision.type === 'handed_off') {
      // Still not answerable: the customer keeps their place in the queue (no second ticket).
      // Reasons beyond "could not answer" (the answer given earlier did not work, twice) make the wait urgent.
      const urgent = decision.reasons.filter((r) => r !== 'low_confidence' && r !== 'out_of_scope');
      const waiting = await this.whileHumanOwns(conversation!, req, message, u, language, now, call, urgent, { reasons: decision.reasons, standaloneQuery });
      return { ...waiting, confidence: round(composed.confidence), standaloneQuery, retrievedDocIds: [...new Set(hits.map((h) => h.chunk.docId))], ...(composed.reply ? { draft: { reply: composed.reply, citations: composed.citations } } : {}) };
    }
    const clarifyOptions = ambiguous ? this.tiedDocuments(hits) : [];
    const reply = decision.type === 'handed_off' ? handoffReply(language) : decision.type === 'clarify' ? clarifyReply(language, clarifyOptions) : composed.reply;
    const citations = decision.type === 'answered' ? composed.citations : decision.type === 'clarify' ? clarifyOptions : [];
    const handedOff = decision.type === 'handed_off';
    const skill = u.topIntent && !u.outOfScope ? u.topIntent.skill : 'general';

    const stored = await conversations.recordExchange({
      conversationId,
      customer: { id: req.customer.id, tier: req.customer.tier },
      channel: req.channel,
      now,
      language,
      state: handedOff ? 'handed_off' : 'bot',
      // Answered after all: nobody needs to pick the waiting ticket up any more.
      ...(retrying ? { withdraw: 'answered_by_bot' } : {}),
      // This turn counts once its fate is known: a clarifying question or a repeat is unresolved now;
      // an answer is judged by the customer's next message.
      unresolvedTurns: handedOff ? 0 : decision.type === 'clarify' || repeated ? priorUnresolved + 1 : notFixed ? priorUnresolved : 0,
      turns: [
        { role: 'customer', text: message, understanding: u },
        {
          role: 'bot',
          text: reply,
          decision,
          citations,
          confidence: round(composed.confidence),
          understanding: { standaloneQuery, signals: hits[0]?.features ?? null, composer: composed.composer, latencyMs: Math.round(performance.now() - started), draft: decision.type === 'answered' ? undefined : { reply: composed.reply, citations: composed.citations } },
        },
      ],
      handoff: handedOff ? { reasons: decision.reasons, priority: u.priority.priority, language, skill, firstResponseDue: firstResponseDue(now, u.priority.priority, req.customer.tier, this.options.sla) } : undefined,
    });

    const result: AnswerResult = {
      conversationId,
      reply,
      citations,
      confidence: round(composed.confidence),
      language,
      ...understood(u),
      decision,
      standaloneQuery,
      retrievedDocIds: [...new Set(hits.map((h) => h.chunk.docId))],
      composer: composed.composer,
      ...(stored.handoff ? { handoffId: stored.handoff.id } : {}),
      ...(stored.ticket ? { ticketId: stored.ticket.id } : {}),
      ...(decision.type !== 'answered' && composed.reply ? { draft: { reply: composed.reply, citations: composed.citations } } : {}),
    };
    if (stored.ticket && this.options.webhooks) {
      void this.options.webhooks.notify(req.channel, { type: 'conversation.handed_off', conversationId, ticketId: stored.ticket.id, at: now.toISOString() });
    }
    this.options.logger?.info(
      { conversationId, decision, confidence: result.confidence, priority: u.priority.priority, language, composer: composed.composer, citations: citations.map((c) => c.docId) },
      'answered message',
    );
    call.onEvent?.({ type: 'citations', citations });
    call.onEvent?.({ type: 'decision', decision, confidence: result.confidence, reply });
    return result;
  }

  /**
   * Suggested replies for the person handling a conversation: the best knowledge-base answers to
   * the customer's latest message (made standalone), each with its sources; the first is
   * polished by the LLM when one is configured.
   */
  async suggestions(conversationId: string, options: { n?: number; signal?: AbortSignal } = {}): Promise<Suggestion[]> {
    const turns = await this.options.conversations.turns(conversationId);
    const lastCustomer = turns.findLastIndex((t) => t.role === 'customer');
    if (lastCustomer < 0) return [];
    const message = turns[lastCustomer]!.text;
    const before = turns.slice(0, lastCustomer);
    const u = await this.options.understander.analyze(turns.filter((t) => t.role === 'customer').map((t) => t.text));
    const { query, hits: ranked } = await this.search(before, message, u, options.n ?? 3, options.signal);
    const suggestions: Suggestion[] = ranked.map((h) => ({ ...extractiveAnswer(h, query), confidence: round(h.probability), composer: 'extractive' }));
    const { chat } = this.options;
    if (chat && suggestions.length) {
      try {
        const parsed = parseGroundedAnswer(await chat.complete(groundedPrompt(query, ranked.slice(0, 1), u.language), { signal: options.signal }), ranked.slice(0, 1));
        if (!parsed.notCovered && parsed.citations.length) suggestions[0] = { ...suggestions[0]!, text: parsed.text, composer: 'llm' };
      } catch (err) {
        this.options.logger?.warn({ err: (err as Error).message, model: chat.id }, 'LLM polishing of a suggestion failed; keeping the extractive one');
      }
    }
    return suggestions;
  }

  /** The best `n` documents for the query: hybrid search's candidates, re-ranked with the message's intents. */
  private async retrieve(message: string, u: MessageUnderstanding, n: number): Promise<RankedHit[]> {
    const query = withoutAsides(message);
    const candidates = await candidatesFor(this.options.kb, query);
    // Scoped by the knowledge base alone, the business's intents say nothing about its passages.
    const ctx = this.scopedByIntents ? { query, intents: u.intents, outOfScope: u.outOfScope } : { query, intents: [], outOfScope: false };
    return (await this.ranker.rank(candidates, ctx)).slice(0, n);
  }

  private get scopedByIntents(): boolean {
    return this.options.policy.scope !== 'knowledge';
  }

  private async conversationFor(id: string | undefined, customerId: string, now: Date): Promise<ConversationRecord | null> {
    const { conversations } = this.options;
    if (id) return conversations.conversation(id);
    const idle = this.options.conversationIdleMs ?? 24 * 3_600_000;
    return conversations.openConversationOf(customerId, new Date(now.getTime() - idle));
  }

  /** An explicit request for a person, or the classifier's confident reading of one that is not a mention in passing. */
  private humanRequested(u: MessageUnderstanding, message: string): boolean {
    return u.humanRequested || (u.intents.some((i) => i.name === 'contact_human' && i.probability >= HUMAN_INTENT_MIN_PROBABILITY) && !isIndirectHumanMention(message) && mentionsPersonOrContact(message));
  }

  /**
   * Handed off only because the bot could not answer, and nobody has picked it up: the customer's
   * next message may be one it can (an opening statement, then the question).
   */
  private async mayKeepTrying(conversation: ConversationRecord, history: readonly TurnRecord[]): Promise<boolean> {
    const ticket = await this.options.conversations.waitingTicket(conversation.id);
    // Its reasons, not the handoff's: a wait that grew urgent (escalated) is a person's to answer.
    return !!ticket && ticket.reasons.every((r) => r === 'low_confidence' || r === 'out_of_scope') && !history.some((t) => t.role === 'agent');
  }

  private async whileHumanOwns(
    conversation: ConversationRecord,
    req: ReturnType<typeof AnswerRequestSchema.parse>,
    message: string,
    u: MessageUnderstanding,
    language: AnswerResult['language'],
    now: Date,
    call: AnswerCallOptions,
    also: readonly DecisionReason[] = [],
    // When the bot tried this message again: why it could not answer it (the ticket keeps its own
    // reasons), and what it searched for, for the next message to follow on from.
    tried?: { reasons: readonly DecisionReason[]; standaloneQuery: string },
  ): Promise<AnswerResult> {
    const { conversations } = this.options;
    const last = (await conversations.handoffs(conversation.id)).at(-1);
    // The wait can make it more urgent: the policy's reasons that hold now (not the knowledge
    // base's: the bot is not answering) join the open ticket, with a higher priority if there is one.
    const urgent = decide(
      { confidence: 1, frustration: u.frustration.score, humanRequested: this.humanRequested(u, message), priority: u.priority.priority, outOfScope: false, unresolvedTurns: 0, unresolvedNow: false, ambiguous: false },
      this.options.policy,
    );
    const reasons = [...new Set([...urgent.reasons, ...also])];
    const stored = await conversations.recordExchange({
      conversationId: conversation.id,
      customer: { id: req.customer.id, tier: req.customer.tier },
      channel: req.channel,
      now,
      language,
      state: conversation.state,
      unresolvedTurns: 0,
      turns: [{ role: 'customer', text: message, understanding: tried ? { ...u, standaloneQuery: tried.standaloneQuery } : u }],
      ...(reasons.length ? { escalate: { reasons, priority: u.priority.priority, firstResponseDue: firstResponseDue(now, u.priority.priority, req.customer.tier, this.options.sla) } } : {}),
    });
    const decision: Decision = { type: 'handed_off', reasons: [...(tried?.reasons ?? stored.escalated?.reasons ?? last?.reasons ?? [])] as Decision['reasons'] };
    const reply = waitingReply(language);
    call.onEvent?.({ type: 'decision', decision, confidence: 0, reply });
    return {
      conversationId: conversation.id,
      reply,
      citations: [],
      confidence: 0,
      language,
      ...understood(u),
      decision,
      standaloneQuery: message,
      retrievedDocIds: [],
      composer: 'none',
      ...(last ? { handoffId: last.id } : {}),
    };
  }

  /**
   * The message made standalone and its best passages. Of the readings a short message may have
   * (on its own, or with the previous topic), the one the knowledge base answers most confidently.
   */
  private async search(history: readonly TurnRecord[], message: string, u: MessageUnderstanding, n: number, signal?: AbortSignal): Promise<{ query: string; hits: RankedHit[] }> {
    let best: { query: string; hits: RankedHit[] } | null = null;
    const focus = questionPart(message);
    for (const query of [...(await this.condense(history, message, signal)), ...(focus ? [focus] : [])]) {
      // A reading with the previous topic is ranked with what it, not the bare message, is about.
      const reading = query === message ? u : { ...u, ...(await this.options.understander.intentsOf(query)) };
      const hits = await this.retrieve(query, reading, n);
      if (!best || (hits[0]?.probability ?? 0) > (best.hits[0]?.probability ?? 0)) best = { query, hits };
    }
    return best!;
  }

  /** A follow-up made standalone: by the LLM when there is one, else by carrying key terms. */
  private async condense(history: readonly TurnRecord[], message: string, signal?: AbortSignal): Promise<string[]> {
    const previous = previousQuery(history);
    if (!previous) return [message];
    const { chat, glossary } = this.options;
    if (chat && (isFollowUp(message, glossary) || mayContinue(message, glossary))) {
      try {
        const earlier = history.filter((t) => t.role === 'customer').slice(-3).map((t) => t.text);
        const rewritten = (await chat.complete(condensePrompt(earlier, message), { signal })).trim();
        if (rewritten && rewritten.length <= 500) return [rewritten];
      } catch (err) {
        this.options.logger?.warn({ err: (err as Error).message, model: chat.id }, 'LLM condensing failed; carrying key terms instead');
      }
    }
    return readings(previous, message, glossary);
  }

  /** Another maker's appliance or service, and none of the business's own products named (by word or by a model code the KB uses). */
  private aboutOtherMaker(message: string): boolean {
    if (!namesOtherMaker(message)) return false;
    const { kb } = this.options;
    const unknown = kb.idf('\u0000');
    const known = (t: string) => kb.idf(t) < unknown;
    // Ours only if the knowledge base speaks of it: the glossary's "doorbell" is a product word, but
    // not one this business sells when no passage says it ("my Ring doorbell battery dies").
    if (this.options.glossary?.match(message).some((m) => m.group.kind === 'product' && tokenize(m.term).every(known))) return false;
    return !tokenize(message).some((t) => /\d/.test(t) && /\p{L}/u.test(t) && known(t));
  }

  /**
   * A greeting or a thank-you, or the customer saying it works now ("摄像头装好了 画面很清楚 谢谢啊"):
   * acknowledged, not searched for and not handed to a person for want of an answer.
   */
  private chitchat(u: MessageUnderstanding, message: string): { name: string; probability: number } | null {
    const top = u.intents[0];
    if (top && top.category === 'chitchat' && top.probability >= CHITCHAT_MIN_PROBABILITY && u.intents.length === 1) return top;
    return isAcknowledgement(message) ? { name: 'thanks_goodbye', probability: 1 } : null;
  }

  private async compose(query: string, hits: SearchHit[], retrievalConfidence: number, language: string, call: AnswerCallOptions): Promise<Composed> {
    if (hits.length === 0) return { reply: '', citations: [], confidence: 0, notCovered: true, composer: 'none' };
    const extractive = extractiveAnswer(hits[0]!, query);
    const fallback: Composed = { reply: extractive.text, citations: extractive.citations, confidence: retrievalConfidence, notCovered: false, composer: 'extractive' };
    const { chat } = this.options;
    if (!chat) return fallback;
    try {
      const raw = await chat.complete(groundedPrompt(query, hits, language), { signal: call.signal, onToken: (text) => call.onEvent?.({ type: 'token', text }) });
      const parsed = parseGroundedAnswer(raw, hits);
      if (parsed.notCovered) return { reply: '', citations: [], confidence: 0, notCovered: true, composer: 'llm' };
      let conf = retrievalConfidence * INVENTED_CITATION_FACTOR ** parsed.invented.length;
      if (parsed.citations.length === 0) conf *= UNGROUNDED_FACTOR;
      if (parsed.invented.length) this.options.logger?.warn({ invented: parsed.invented, model: chat.id }, 'LLM cited passages it was not given; dropped');
      return { reply: parsed.text, citations: parsed.citations, confidence: conf, notCovered: false, composer: 'llm' };
    } catch (err) {
      if (call.signal?.aborted) throw err;
      this.options.logger?.warn({ err: (err as Error).message, model: chat.id }, 'LLM answer failed; answering extractively');
      return fallback;
    }
  }

  /**
   * Two different documents, in one language, each about as likely to be the answer, and likely.
   * Two that both explain the error code the customer quoted are one topic, not a choice to offer.
   */
  private isTie(hits: readonly RankedHit[]): boolean {
    const [a] = hits;
    const b = hits.find((h) => h.chunk.docId !== a?.chunk.docId);
    if (!a || !b || (a.codeMatches && b.codeMatches)) return false;
    return a.chunk.language === b.chunk.language && b.probability >= TIE_MIN_PROBABILITY && a.probability - b.probability < TIE;
  }

  private tiedDocuments(hits: readonly RankedHit[]): Citation[] {
    const out: Citation[] = [];
    for (const h of hits) {
      if (out.some((c) => c.docId === h.chunk.docId)) continue;
      if (out.length && hits[0]!.probability - h.probability >= TIE) break;
      out.push(citationOf(h.chunk));
    }
    return out;
  }
}

const round = (x: number) => Math.round(x * 1000) / 1000;

/** What the result reports of the understanding layer's reading. */
function understood(u: MessageUnderstanding): Pick<AnswerResult, 'intents' | 'outOfScope' | 'sentiment' | 'frustration' | 'priority'> {
  return { intents: u.intents, outOfScope: u.outOfScope, sentiment: u.sentiment, frustration: u.frustration, priority: u.priority };
}
