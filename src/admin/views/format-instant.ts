/** "2026-11-23 12:00 UTC": one unambiguous form for every date on the admin pages. */
export function formatInstant(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 16).replace("T", " ")} UTC`;
}
