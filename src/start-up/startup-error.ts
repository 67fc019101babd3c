// A start-up failure the person who started the app can fix: its message is the one line main.ts
// prints, naming the setting to change. Anything else is explained by explain-startup-failure.ts.

export class StartupError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "StartupError";
  }
}

/** The error's system code (EADDRINUSE, SQLITE_NOTADB, ...), if it has one. */
export function errorCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "string" ? code : undefined;
}

/** DATABASE_URL without the password it may carry. */
function withoutPassword(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = "***";
    return parsed.href;
  } catch {
    return url.replace(/\/\/[^@/]*@/, "//***@");
  }
}

/** A store behind DATABASE_URL that would not open, as the line that says what to change. */
export function databaseError(databaseUrl: string, error: unknown): Error {
  if (error instanceof StartupError) return error;
  const message = error instanceof Error ? error.message : String(error);
  const code = errorCode(error);
  const why = code && !message.includes(code) ? `${code}: ${message}` : message;
  return new StartupError(
    `DATABASE_URL ${withoutPassword(databaseUrl)} cannot be opened (${why.replace(/^DATABASE_URL: /, "")}): set DATABASE_URL to a database this app can reach and write`,
    { cause: error },
  );
}
