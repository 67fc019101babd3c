import type { Response } from "express";

/** An admin HTML page: never cached, since it carries the session's CSRF token. */
export function sendPage(res: Response, status: number, html: string): void {
  res.status(status).type("html").set("Cache-Control", "no-store").send(html);
}
