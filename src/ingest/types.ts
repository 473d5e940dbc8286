import type { ChunkMetadata } from '../retrieval/types.js';

/** A manual, reduced to what chunking needs: headings, text and tables in reading order. */
export type Block =
  | { type: 'heading'; level: number; text: string }
  | { type: 'text'; text: string }
  /** `header` and each row are one line of cells joined by " | ". */
  | { type: 'table'; header: string; rows: string[] };

export interface FaqEntry {
  id?: string;
  question: string;
  /** Other ways customers ask the same question. */
  alternate_questions?: string[];
  answer: string;
  category?: string;
  module?: string;
  fault_type?: string;
  language?: string;
  tags?: string[];
  url?: string;
  translation_of?: string;
}

export interface ManualSource {
  kind: 'manual';
  id?: string;
  title?: string;
  language?: string;
  metadata: ChunkMetadata;
  blocks: Block[];
  /** Example questions by section heading: what customers ask that the section answers (section-questions.ts). */
  questions?: Record<string, string[]>;
}

export interface FaqSource {
  kind: 'faq';
  entries: FaqEntry[];
  /** Entries that failed validation, by position; the rest of the file is still ingested. */
  invalid: Array<{ where: string; reason: string }>;
}

export type LoadedSource = ManualSource | FaqSource;

export interface SourceFile {
  path: string;
  bytes: Buffer;
  /** Decoded UTF-8 text (BOM removed) for text formats; undefined for binary formats (PDF). */
  text?: string;
}

/** One loader per format. `binary` loaders get raw bytes; the others get validated UTF-8 text. */
export interface Loader {
  readonly format: string;
  readonly extensions: readonly string[];
  readonly binary?: boolean;
  load(file: SourceFile): Promise<LoadedSource>;
}

/** A file that could not be ingested, and why: reported by name in the summary. */
export class IngestFileError extends Error {
  constructor(
    readonly file: string,
    readonly reason: string,
    options?: { cause?: unknown },
  ) {
    super(`${file}: ${reason}`, options);
    this.name = 'IngestFileError';
  }
}
