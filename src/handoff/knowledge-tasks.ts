import { ConflictError, NotFoundError } from '../errors.js';
import type { Database } from '../store/database.js';
import { KnowledgeRepository, type KnowledgeTaskRecord } from '../store/knowledge.js';
import { clusterGaps, type KnowledgeGap } from './gaps.js';

/** Puts an accepted entry into the knowledge base; returns its document id. */
export type Publish = (entry: { id: string; question: string; answer: string; language: string }) => Promise<string>;

const GAP_REASONS = ['low_confidence', 'out_of_scope'] as const;

/** What resolved tickets teach the bot, and what it was asked but could not answer. */
export class KnowledgeTasks {
  private readonly repo: KnowledgeRepository;

  constructor(
    db: Database,
    private readonly options: { publish: Publish; now?: () => Date },
  ) {
    this.repo = new KnowledgeRepository(db);
  }

  list(state?: KnowledgeTaskRecord['state']): Promise<KnowledgeTaskRecord[]> {
    return this.repo.tasks(state);
  }

  /** Publishes the draft as an FAQ entry (id `kt-…`), then marks it accepted. */
  async accept(id: string, by: string, edits: { question?: string; answer?: string } = {}): Promise<KnowledgeTaskRecord> {
    const task = await this.draft(id);
    const docId = await this.options.publish({ id: `kt-${task.id.slice(0, 8)}`, question: edits.question ?? task.question, answer: edits.answer ?? task.answer, language: task.language });
    return this.repo.decideTask(id, 'accepted', by, docId, this.now());
  }

  async dismiss(id: string, by: string): Promise<KnowledgeTaskRecord> {
    await this.draft(id);
    return this.repo.decideTask(id, 'dismissed', by, null, this.now());
  }

  /** Escalations for low confidence or out of scope, clustered into questions to write answers for. */
  async gaps(since: Date | null = null): Promise<KnowledgeGap[]> {
    return clusterGaps(await this.repo.escalatedQuestions(GAP_REASONS, since));
  }

  private async draft(id: string): Promise<KnowledgeTaskRecord> {
    const task = await this.repo.task(id);
    if (!task) throw new NotFoundError('knowledge task', id);
    if (task.state !== 'draft') throw new ConflictError(`knowledge task ${id} is already ${task.state}`, { id, state: task.state });
    return task;
  }

  private now(): Date {
    return this.options.now?.() ?? new Date();
  }
}
