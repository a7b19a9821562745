import { Transform } from 'class-transformer';
import {
  ArrayMaxSize, ArrayNotEmpty, ArrayUnique, IsArray, IsBoolean, IsIn, IsInt, IsISO8601, IsNotEmpty, IsOptional, IsString,
  Max, MaxLength, Min, ValidateIf,
} from 'class-validator';
import { ListQuery } from '../pagination.js';
import { webhooksQueryInteger } from './query-integer.js';
import { WEBHOOK_EVENT_CHOICES, WildcardAlone } from './webhook-events.js';

const eventsMessage = { message: `each event must be one of: ${WEBHOOK_EVENT_CHOICES.join(', ')}` };

/** `POST /webhooks`. The URL is checked further by the service (400 `invalid_webhook_url`). */
export class CreateWebhookEndpointRequest {
  @IsString() @IsNotEmpty() @MaxLength(2048) url!: string;
  @IsArray() @ArrayNotEmpty() @ArrayMaxSize(WEBHOOK_EVENT_CHOICES.length) @ArrayUnique() @IsIn(WEBHOOK_EVENT_CHOICES, { each: true, ...eventsMessage }) @WildcardAlone()
  events!: string[];
  @IsOptional() @IsString() @MaxLength(500) description?: string | null;
  @IsOptional() @IsBoolean() enabled?: boolean;
}

/** `PATCH /webhooks/{id}`: the path id merged with the body. `description: null` clears it. */
export class UpdateWebhookEndpointRequest {
  @IsString() @MaxLength(100) id!: string;
  @ValidateIf((o: UpdateWebhookEndpointRequest) => o.url !== undefined) @IsString() @IsNotEmpty() @MaxLength(2048) url?: string;
  @ValidateIf((o: UpdateWebhookEndpointRequest) => o.events !== undefined)
  @IsArray() @ArrayNotEmpty() @ArrayMaxSize(WEBHOOK_EVENT_CHOICES.length) @ArrayUnique() @IsIn(WEBHOOK_EVENT_CHOICES, { each: true, ...eventsMessage }) @WildcardAlone()
  events?: string[];
  @IsOptional() @IsString() @MaxLength(500) description?: string | null;
  @ValidateIf((o: UpdateWebhookEndpointRequest) => o.enabled !== undefined) @IsBoolean() enabled?: boolean;
}

/** `GET|DELETE /webhooks/{id}`, `POST /webhooks/{id}/test`. */
export class WebhookEndpointIdRequest {
  @IsString() @MaxLength(100) id!: string;
}

/** `POST /webhooks/{id}/rotate-secret`: the old secret keeps signing (alongside the new one) for `overlapSeconds` (default 86400, 0 = none). */
export class RotateWebhookSecretRequest {
  @IsString() @MaxLength(100) id!: string;
  @IsOptional() @IsInt() @Min(0) @Max(7 * 86400) overlapSeconds?: number;
}

/** `GET /webhooks`. */
export class ListWebhookEndpointsRequest extends ListQuery {
  @IsOptional() @Transform(webhooksQueryInteger) @IsInt() @Min(1) @Max(100) override limit?: number;
}

export const WEBHOOK_MESSAGE_STATUSES = ['pending', 'delivered', 'failed'] as const;
export type WebhookMessageStatus = (typeof WEBHOOK_MESSAGE_STATUSES)[number];

/** `GET /webhooks/{id}/messages`: `id` is the endpoint. */
export class ListWebhookMessagesRequest extends ListQuery {
  @IsString() @MaxLength(100) id!: string;
  @IsOptional() @Transform(webhooksQueryInteger) @IsInt() @Min(1) @Max(100) override limit?: number;
  @IsOptional() @IsIn(WEBHOOK_MESSAGE_STATUSES) status?: WebhookMessageStatus;
}

/** `POST /webhooks/{id}/messages/{msgId}/retry`. */
export class RetryWebhookMessageRequest {
  @IsString() @MaxLength(100) id!: string;
  @IsString() @MaxLength(100) msgId!: string;
}

/** `POST /webhooks/{id}/recover {since}`. */
export class RecoverWebhookMessagesRequest {
  @IsString() @MaxLength(100) id!: string;
  @IsISO8601({ strict: true }) since!: string;
}
