// Payloads and replies of the runs service's subjects.
export {};
