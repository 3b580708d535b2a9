import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../src/mirror/locations.js';

/**
 * The README tells the truth: every `$ npx medir …` transcript in it is run, and each line it
 * shows must be a line medir prints now (whitespace aside; a line ending in `…` is a prefix).
 * A quality figure or count that drifts from the tool fails here, not in a reader's terminal.
 */
const readme = readFileSync(join(PACKAGE_ROOT, 'README.md'), 'utf8');

interface Transcript {
  command: string;
  expected: string[];
}

/** The `$ npx medir …` commands of the README's code blocks (continued lines joined) and the lines shown under each. */
function transcripts(text: string): Transcript[] {
  const out: Transcript[] = [];
  for (const block of text.matchAll(/^```[^\n]*\n([\s\S]*?)^```/gm)) {
    const lines = block[1].split('\n');
    for (let i = 0; i < lines.length; i++) {
      if (!lines[i].startsWith('$ npx medir ')) continue;
      let command = lines[i].slice('$ npx medir '.length);
      while (command.endsWith('\\')) command = command.slice(0, -1) + ' ' + lines[++i].trim();
      const expected: string[] = [];
      while (i + 1 < lines.length && !lines[i + 1].startsWith('$ ')) expected.push(lines[++i]);
      out.push({ command, expected: expected.filter((l) => l.trim()) });
    }
  }
  return out;
}

const squash = (line: string) => line.trim().replace(/\s+/g, ' ');
const cwd = mkdtempSync(join(tmpdir(), 'medir-readme-'));

function medir(command: string): string {
  const r = spawnSync(process.execPath, [join(PACKAGE_ROOT, 'bin', 'medir'), ...command.split(/\s+/).filter(Boolean)], { cwd, encoding: 'utf8', env: { ...process.env, MEDIR_QUIET: '1' }, timeout: 300_000 });
  expect(r.status, `medir ${command}\n${r.stderr}`).toBe(0);
  return `${r.stderr}\n${r.stdout}`;
}

const shown = transcripts(readme);
const outputs = new Map<string, string>();

describe('README transcripts', () => {
  beforeAll(() => {
    // The runs the transcripts read, made as the README says (`medir run --retriever bm25|dense`, top 1000).
    mkdirSync(join(cwd, 'runs'), { recursive: true });
    const runs = new Set([...readme.matchAll(/runs\/nfcorpus\.(bm25|dense)\.trec/g)].map((m) => m[1]));
    for (const retriever of runs) if (!existsSync(join(cwd, 'runs', `nfcorpus.${retriever}.trec`))) medir(`run --dataset nfcorpus --retriever ${retriever}`);
  });
  afterAll(() => rmSync(cwd, { recursive: true, force: true }));

  it('the README has transcripts to check', () => {
    expect(shown.length).toBeGreaterThanOrEqual(5);
  });

  it.each(shown.map((t) => [t.command, t] as const))('medir %s prints what the README shows', (_, t) => {
    const printed = medir(t.command);
    outputs.set(t.command, printed);
    const lines = printed.split('\n').map(squash);
    for (const line of t.expected) {
      const want = squash(line);
      const found = want.endsWith('…') ? lines.some((l) => l.startsWith(want.slice(0, -1).trimEnd())) : lines.includes(want);
      expect(found, `README line not printed by \`medir ${t.command}\`:\n  ${want}\nprinted:\n${printed}`).toBe(true);
    }
  });

  it('summary lines the README quotes in prose are what compare prints', () => {
    const quoted = [...squash(readme.replace(/\n/g, ' ')).matchAll(/"(\S+ beats \S+ on \S+ by [^"]+)"/g)].map((m) => m[1]);
    expect(quoted.length).toBeGreaterThan(0);
    const printed = [...outputs.entries()].filter(([c]) => c.startsWith('compare ')).map(([, o]) => o.split('\n').map(squash)).flat();
    for (const q of quoted) expect(printed, q).toContain(`- ${q}`);
  });
});
