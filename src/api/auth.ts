import { createHash, timingSafeEqual } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import { DeskmateError } from '../errors.js';

export const ROLES = ['channel', 'agent', 'knowledge', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export interface Principal {
  /** Who acts (for the audit log and as the agent id of agent actions). */
  name: string;
  role: Role;
}

const sha256 = (s: string) => createHash('sha256').update(s).digest();

/**
 * API keys held only as SHA-256 hashes. Spec: "role:key" or "role:name:key", comma-separated
 * (e.g. DESKMATE_API_KEYS="channel:web:abc123,agent:ana:def456").
 */
export class ApiKeys {
  private readonly keys: Array<{ hash: Buffer; principal: Principal }> = [];

  constructor(spec: readonly string[]) {
    spec.forEach((entry, i) => {
      const parts = entry.split(':');
      const role = parts[0] as Role;
      if (!ROLES.includes(role) || parts.length < 2 || parts.length > 3 || !parts.at(-1)) {
        throw new Error(`DESKMATE_API_KEYS entry ${i + 1}: expected role:key or role:name:key with role one of ${ROLES.join(', ')}`);
      }
      this.keys.push({ hash: sha256(parts.at(-1)!), principal: { role, name: parts.length === 3 ? parts[1]! : `${role}-${i + 1}` } });
    });
  }

  get size(): number {
    return this.keys.length;
  }

  find(key: string): Principal | null {
    const h = sha256(key);
    return this.keys.find((k) => timingSafeEqual(k.hash, h))?.principal ?? null;
  }
}

/** A key of one of `roles` (admin may do anything): 401 without a valid key, 403 with the wrong role. */
export function requireRole(keys: ApiKeys, ...roles: Role[]): MiddlewareHandler {
  const handler: MiddlewareHandler = async (c, next) => {
    const header = c.req.header('authorization') ?? '';
    const key = /^Bearer\s+(.+)$/i.exec(header)?.[1] ?? c.req.header('x-api-key');
    if (!key) throw new DeskmateError('unauthorized', 'an API key is required (Authorization: Bearer <key>)');
    const principal = keys.find(key.trim());
    if (!principal) throw new DeskmateError('unauthorized', 'unknown API key');
    if (principal.role !== 'admin' && !roles.includes(principal.role)) {
      throw new DeskmateError('forbidden', `this route needs a ${roles.join(' or ')} key`, { role: principal.role });
    }
    c.set('principal', principal);
    await next();
  };
  return handler;
}
