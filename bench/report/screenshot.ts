// The README's screenshot of a report, taken by the local Chromium the browser test uses:
//   npx tsx bench/report/screenshot.ts runs/demo/report.html docs/report-nfcorpus.png
import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';
import { launchChromium } from '../../src/report/browser.js';

const [html, png] = process.argv.slice(2);
if (!html || !png) throw new Error('usage: screenshot.ts REPORT.html OUT.png');
const browser = await launchChromium();
if (!browser) throw new Error('no Chromium found (apt-get install chromium, or set MEDIR_CHROMIUM)');
const page = await browser.newPage({ viewport: { width: 1000, height: 1150 } });
await page.goto(pathToFileURL(resolve(html)).href);
await page.waitForSelector('body[data-rendered]');
await page.screenshot({ path: png });
await browser.close();
console.log(`${png}: first screen of ${html}`);
