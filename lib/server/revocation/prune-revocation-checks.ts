import { db } from "../db";
import { readSettings } from "../settings/get-settings";

/**
 * Retention of the RevocationCheck history: deletes rows older than `Setting.revocationCheckRetentionDays`, except
 * each certificate's most recent row (the last result always stays visible). Works in chunks of certificates so no
 * statement carries an unbounded list. Returns how many rows were deleted.
 */
export async function pruneRevocationChecks(now = new Date(), chunkSize = 500): Promise<number> {
  const { revocationCheckRetentionDays } = await readSettings();
  const cutoff = new Date(now.getTime() - revocationCheckRetentionDays * 86_400_000);
  const stale = await db.revocationCheck.findMany({ where: { checkedAt: { lt: cutoff } }, distinct: ["certificateId"], select: { certificateId: true } });
  let deleted = 0;
  for (let i = 0; i < stale.length; i += chunkSize) {
    const certificateIds = stale.slice(i, i + chunkSize).map((s) => s.certificateId);
    const newest = await db.revocationCheck.findMany({
      where: { certificateId: { in: certificateIds } },
      distinct: ["certificateId"],
      orderBy: [{ certificateId: "asc" }, { checkedAt: "desc" }],
      select: { id: true },
    });
    const result = await db.revocationCheck.deleteMany({
      where: { certificateId: { in: certificateIds }, checkedAt: { lt: cutoff }, id: { notIn: newest.map((n) => n.id) } },
    });
    deleted += result.count;
  }
  return deleted;
}
