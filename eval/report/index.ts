export { renderHtml } from './html.js';
export { renderMarkdown } from './markdown.js';
export type { ReportMeta } from './sections.js';
export { writeReport } from './write.js';
