import type { ChunkMetadata } from '../../retrieval/types.js';

/** Reads the optional metadata keys shared by manuals (front matter, HTML meta tags). */
export function metadataFrom(data: Record<string, unknown>): ChunkMetadata {
  const str = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim() : typeof v === 'number' ? String(v) : undefined);
  const tags = Array.isArray(data.tags)
    ? data.tags.map(str).filter((t): t is string => t !== undefined)
    : str(data.tags)?.split(/[;,]/).map((t) => t.trim()).filter(Boolean);
  return {
    module: str(data.module),
    fault_type: str(data.fault_type),
    category: str(data.category),
    tags: tags?.length ? tags : undefined,
    url: str(data.url),
  };
}

export function stringField(data: Record<string, unknown>, key: string): string | undefined {
  const v = data[key];
  return typeof v === 'string' && v.trim() ? v.trim() : typeof v === 'number' ? String(v) : undefined;
}
