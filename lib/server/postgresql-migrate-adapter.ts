import pg from "pg";
import { PrismaPg } from "@prisma/adapter-pg";

/** PostgreSQL type OIDs of the catalog's `name` (identifiers) and `"char"` columns, and of `text`. */
const NAME_OID = 19;
const CHAR_OID = 18;
const TEXT_OID = 25;

type Result = { fields?: { dataTypeID: number }[] };
const asText = <T>(result: T): T => {
  for (const field of (result as Result)?.fields ?? []) if (field.dataTypeID === NAME_OID || field.dataTypeID === CHAR_OID) field.dataTypeID = TEXT_OID;
  return result;
};

/**
 * A pg client that reports catalog `name` and `"char"` columns as `text`. Prisma 6.19's schema engine reads the
 * catalog through the driver adapter, and @prisma/adapter-pg cannot map those types ("Column type 'name' could not
 * be deserialized", prisma/orm#27403), so `migrate deploy` / `migrate diff` fail without this. Values are unchanged:
 * both types arrive as strings on the text protocol. Used by prisma.config.ts only, never by the application.
 */
class CatalogAsTextClient extends pg.Client {
  // pg's overloads cannot be restated one by one; the result is passed through untouched except for field types.
  override query(...args: unknown[]): never {
    const last = args[args.length - 1];
    if (typeof last === "function") {
      args[args.length - 1] = (error: unknown, result: unknown) => (last as (e: unknown, r: unknown) => void)(error, result && asText(result));
    }
    const out = (super.query as (...a: unknown[]) => unknown)(...args);
    return (out instanceof Promise ? out.then(asText) : out) as never;
  }
}

/** The driver adapter `prisma migrate` uses on PostgreSQL (see {@link CatalogAsTextClient}). */
export function postgresqlMigrateAdapter(connectionString: string): PrismaPg {
  return new PrismaPg({ connectionString, Client: CatalogAsTextClient } as pg.PoolConfig);
}
