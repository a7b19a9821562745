import { ValidateBy, type ValidationOptions } from 'class-validator';

/** A plain object with at most `max` keys, each at most `maxKeyLength` characters. */
export function MaxKeys(max: number, maxKeyLength = 40, options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'maxKeys',
      constraints: [max, maxKeyLength],
      validator: {
        validate: (value: unknown) =>
          typeof value === 'object' && value !== null && !Array.isArray(value) &&
          Object.keys(value).length <= max && Object.keys(value).every((key) => key.length >= 1 && key.length <= maxKeyLength),
        defaultMessage: (args) => `${args?.property ?? "value"} must be an object with at most ${max} keys of 1..${maxKeyLength} characters`,
      },
    },
    options,
  );
}

/** `agentId` is an `agt_` id or a slug. */
export const AGENT_REF_MAX_LENGTH = 64;
export const SLUG_PATTERN = /^[a-z0-9][a-z0-9-]{0,62}$/;

/**
 * Size ceilings that keep a run, and any page of runs, inside one NATS message (1 MiB): a run
 * carries its input, output and metadata on every read, event and webhook.
 */
export const MAX_RUN_INPUT_BYTES = 256 * 1024;
export const MAX_RUN_OUTPUT_BYTES = 256 * 1024;
export const MAX_RUN_METADATA_BYTES = 16 * 1024;
export const MAX_SCHEMA_BYTES = 64 * 1024;

/** Serialized (JSON, UTF-8) at most `max` bytes. */
export function MaxJsonBytes(max: number, options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'maxJsonBytes',
      constraints: [max],
      validator: {
        validate: (value: unknown) => value === undefined || value === null || Buffer.byteLength(JSON.stringify(value)) <= max,
        defaultMessage: (args) => `${args?.property ?? 'value'} must be at most ${max} bytes as JSON`,
      },
    },
    options,
  );
}

export function jsonBytes(value: unknown): number {
  return value === undefined ? 0 : Buffer.byteLength(JSON.stringify(value) ?? '');
}
