import { existsSync } from 'node:fs';
import type { Browser } from 'playwright-core';

/** Where a Chromium may be: $MEDIR_CHROMIUM first, then Debian's and the usual names. */
const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

export function findChromium(): string | undefined {
  const given = process.env.MEDIR_CHROMIUM;
  if (given) return existsSync(given) ? given : undefined;
  return CANDIDATES.find((c) => existsSync(c));
}

/** Launches the local Chromium headless (no sandbox: CI runs as root); undefined when there is none. */
export async function launchChromium(): Promise<Browser | undefined> {
  const executablePath = findChromium();
  if (!executablePath) return undefined;
  const { chromium } = await import('playwright-core');
  return chromium.launch({ executablePath, args: ['--no-sandbox'], headless: true });
}
