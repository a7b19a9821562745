import { registerDecorator, type ValidationOptions } from 'class-validator';
import { PUBLIC_EVENT_TYPES } from '../events.js';

/** `["*"]` subscribes to every public event type. */
export const WEBHOOK_WILDCARD = '*';
export const WEBHOOK_EVENT_CHOICES: readonly string[] = [...PUBLIC_EVENT_TYPES, WEBHOOK_WILDCARD];

/** `events` is either `["*"]` alone or public event types without the wildcard. */
export function WildcardAlone(options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) => {
    registerDecorator({
      name: 'wildcardAlone',
      target: target.constructor,
      propertyName: propertyName as string,
      options: { message: 'events must be ["*"] or a list of event types, not both', ...options },
      validator: {
        validate: (value: unknown) => !Array.isArray(value) || value.length <= 1 || !value.includes(WEBHOOK_WILDCARD),
      },
    });
  };
}
