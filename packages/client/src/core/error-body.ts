/** Small readers for untrusted error bodies: never throw, never guess a type. */

export function asRecord(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

export function stringField(record: Record<string, unknown> | undefined, key: string): string | undefined {
  const value = record?.[key];
  return typeof value === 'string' ? value : undefined;
}

/** A code sent as a string, or as an integer (OpenStack-style bodies carry the HTTP status so), as its decimal string. */
export function codeField(record: Record<string, unknown> | undefined, key: string): string | undefined {
  const value = record?.[key];
  return Number.isSafeInteger(value) ? String(value) : stringField(record, key);
}

export const unknownBodyMessage = (status: number): string => `the service answered HTTP ${status} without a recognised error body`;
