// Summarises a V8 sampling heap profile (bench/embed/memory-trace.mjs with MEDIR_HEAP_PROFILE, or `node --heap-prof`): the
// allocation sites holding the most sampled memory, for bench/embed/README.md's memory profile.
//   npx tsx bench/embed/heap-top.ts FILE.heapprofile [--top 15]
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

interface ProfileNode {
  callFrame: { functionName: string; url: string; lineNumber: number };
  selfSize: number;
  children: ProfileNode[];
}

const { values, positionals } = parseArgs({ allowPositionals: true, options: { top: { type: 'string', default: '15' } } });
const profile = JSON.parse(readFileSync(positionals[0], 'utf8')) as { head: ProfileNode };
const bySite = new Map<string, number>();
let total = 0;
const walk = (node: ProfileNode, caller: string) => {
  const { functionName, url, lineNumber } = node.callFrame;
  const here = `${functionName || '(anonymous)'} ${url.replace(/^.*\/(src|node_modules)\//, '$1/')}:${lineNumber + 1}`;
  // allocations inside V8 builtins are charged to the nearest JS caller
  const site = url ? here : `${functionName || '(native)'} ← ${caller}`;
  if (node.selfSize > 0) {
    bySite.set(site, (bySite.get(site) ?? 0) + node.selfSize);
    total += node.selfSize;
  }
  for (const child of node.children) walk(child, url ? here : caller);
};
walk(profile.head, '(root)');
const rows = [...bySite].sort((a, b) => b[1] - a[1]).slice(0, Number(values.top));
process.stdout.write(`sampled live memory: ${(total / 2 ** 20).toFixed(0)} MB\n\n| MB | share | allocation site |\n|---:|---:|---|\n`);
for (const [site, bytes] of rows) process.stdout.write(`| ${(bytes / 2 ** 20).toFixed(0)} | ${((100 * bytes) / total).toFixed(0)}% | \`${site}\` |\n`);
