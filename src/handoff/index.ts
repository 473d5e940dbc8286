export { HandoffDesk, type QueueEntry } from './desk.js';
export { DEFAULT_SLA, firstResponseDue, firstResponseTarget, slaState, type SlaPolicy, type SlaState } from './sla.js';
export { summarize, type HandoffSummary } from './summary.js';
export { clusterGaps, type KnowledgeGap } from './gaps.js';
export { KnowledgeTasks, type Publish } from './knowledge-tasks.js';
