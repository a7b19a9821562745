// Payloads and replies of the tenancy service's subjects.
export {};
