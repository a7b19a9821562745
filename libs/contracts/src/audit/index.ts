// Payloads and replies of the audit service's subjects.
export {};
