// Column decoding shared by the repositories: PGlite and node-postgres both return timestamptz as
// Date, but JSON paths and some drivers give strings.
export const toDate = (v: unknown): Date => (v instanceof Date ? v : new Date(String(v)));
export const toDateOrNull = (v: unknown): Date | null => (v === null || v === undefined ? null : toDate(v));
