export const SOURCE: string;
export const DERIVED: string;
export function derivePostgresqlSchema(source: string): string;
