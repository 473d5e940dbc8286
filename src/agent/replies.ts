import type { MessageLanguage } from '../intents/language.js';
import type { Citation } from './types.js';

// What the bot itself says (not from the knowledge base), in the customer's language.

type Lang = 'en' | 'zh';
const lang = (l: MessageLanguage): Lang => (l === 'zh' ? 'zh' : 'en');

const HANDOFF: Record<Lang, string> = {
  en: "I'm passing you to a member of our support team. They will see this whole conversation, so you won't need to repeat yourself.",
  zh: '正在为您转接人工客服。客服会看到我们的完整对话记录，您无需重复说明。',
};
const WAITING: Record<Lang, string> = {
  en: 'A member of our support team has your conversation and will reply here.',
  zh: '人工客服已收到您的对话，会在这里回复您。',
};
const GREETING: Record<Lang, string> = {
  en: 'Hi! How can I help you today?',
  zh: '您好！请问有什么可以帮您？',
};
const THANKS: Record<Lang, string> = {
  en: "You're welcome! Anything else I can help with?",
  zh: '不客气！还有其他可以帮您的吗？',
};

export const handoffReply = (l: MessageLanguage) => HANDOFF[lang(l)];
export const waitingReply = (l: MessageLanguage) => WAITING[lang(l)];
export const chitchatReply = (l: MessageLanguage, intent: string) => (intent === 'greeting' ? GREETING : THANKS)[lang(l)];

export function clarifyReply(l: MessageLanguage, options: readonly Citation[]): string {
  const titles = options.map((c, i) => `${i + 1}. ${c.title}`).join('\n');
  return lang(l) === 'zh' ? `请问您指的是以下哪一项？\n${titles}` : `Which of these did you mean?\n${titles}`;
}
