/**
 * A query-string integer ("20") becomes a number; anything else (booleans, "1e1", " 5") is left
 * as is for the validators to refuse, so nothing is coerced silently.
 */
export const webhooksQueryInteger = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' && /^\d{1,6}$/.test(value) ? Number(value) : value;
