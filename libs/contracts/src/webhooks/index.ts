// Payloads and replies of the webhooks service's subjects.
export {};
