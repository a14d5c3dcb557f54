import type { Db, Tx } from "./db";
import type { Actor } from "./auth/actor";

/** One audit record: who did what to which target, with what result. */
export interface AuditRecord {
  action: string;
  targetType: string;
  targetId: string;
  details?: Record<string, unknown>;
  outcome?: "success" | "refused" | "failed";
}

const SECRET_KEYS = /password|passphrase|secret|privatekey|pkcs8|token/i;

/** Removes anything that looks like a secret from audit details, recursively. */
export function redactSecrets(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redactSecrets);
  if (value && typeof value === "object" && !(value instanceof Date)) {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, SECRET_KEYS.test(k) ? "[redacted]" : redactSecrets(v)]),
    );
  }
  return value;
}

type AuditActor = Actor | { username: string; role: string; userId?: null };

function auditRow(actor: AuditActor, record: AuditRecord) {
  return {
    actorId: actor.userId ?? null,
    actorName: actor.username,
    actorRole: actor.role,
    action: record.action,
    targetType: record.targetType,
    targetId: record.targetId,
    // An API token acts as its creator: the row names the token as well.
    details: (redactSecrets({ ...(record.details ?? {}), ...("token" in actor && actor.token ? { credential: { kind: "api-token", id: actor.token.id, name: actor.token.name } } : {}) }) ?? {}) as object,
    outcome: record.outcome ?? "success",
  };
}

/**
 * Writes an audit event. Pass the transaction client of the mutation so the event commits (or rolls back)
 * together with the change it describes.
 */
export async function writeAudit(tx: Tx | Db, actor: AuditActor, record: AuditRecord) {
  return tx.auditEvent.create({ data: auditRow(actor, record) });
}

/** Writes several audit events of one actor in one statement (a batch of changes, in the transaction of that batch). */
export async function writeAudits(tx: Tx | Db, actor: AuditActor, records: AuditRecord[]): Promise<number> {
  if (!records.length) return 0;
  return (await tx.auditEvent.createMany({ data: records.map((r) => auditRow(actor, r)) })).count;
}
