import { type Browser, chromium } from "playwright-core";

/** Debian's headless Chromium (installed by .ci/run with apt-get when missing), as the admin suites run it. */
export const launchChromium = (): Promise<Browser> =>
  chromium.launch({
    executablePath: "/usr/bin/chromium",
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--no-first-run",
    ],
  });
