import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { medir } from '../helpers/cli.js';
import { tempDir } from '../helpers/tmp.js';

describe('medir demo', () => {
  it('adds an RRF row and significance against BM25, writes its report and prints its path; a warm run says nothing of indexing', () => {
    const cwd = tempDir();
    const cold = medir(['demo'], { cwd });
    expect(cold.status, cold.stderr).toBe(0);
    const warm = medir(['demo'], { cwd });
    expect(warm.status, warm.stderr).toBe(0);
    expect(warm.stderr).toBe('');
    expect(warm.stdout).not.toMatch(/indexing|rerun to see/);
    const rows = warm.stdout.split('\n');
    expect(rows.find((l) => l.startsWith('bm25 '))).toMatch(/^bm25\s+0\.3208\s+0\.2466\s/);
    expect(rows.find((l) => l.startsWith('rrf (bm25 + dense)'))).toMatch(/\d\.\d{4} [▲▼]/);
    expect(warm.stdout).toContain('▲/▼: significantly better/worse than bm25 (paired-t, Holm over the 2 variants of each measure, alpha=0.05)');
    expect(warm.stdout.trim().split('\n').at(-1)).toBe('report: runs/demo/report.html');
    const html = readFileSync(join(cwd, 'runs/demo/report.html'), 'utf8');
    expect(html).toContain('<tr data-variant="rrf (bm25 + dense)">');
    expect(existsSync(join(cwd, 'runs/demo/nfcorpus.rrf.trec'))).toBe(true);
  });
});
