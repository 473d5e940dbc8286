export { Agent, type AgentOptions, type AnswerCallOptions } from './agent.js';
export type { ChatModel, ChatMessage, ChatCallOptions } from './chat-model.js';
export { OpenAIChatModel } from './openai-chat.js';
export { decide, type PolicyInput } from './policy.js';
export * from './types.js';
