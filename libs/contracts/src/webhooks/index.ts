// Payloads and replies of the webhooks service's subjects.
export * from './webhook-subjects.js';
export * from './webhook-events.js';
export * from './endpoint-requests.js';
export * from './webhook-dtos.js';
