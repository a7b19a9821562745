/** Delay before the retry that follows attempt number `attempt` (1-based); undefined when none is left. */
export function retryDelayMs(schedule: readonly number[], attempt: number): number | undefined {
  return schedule[attempt - 1];
}

export function parseSchedule(text: string): number[] {
  return text.split(',').map((part) => Number(part.trim()));
}
