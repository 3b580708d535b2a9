import type { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import type { Query, Run } from '../../src/core/types.js';
import { conditionContext } from '../../src/crosslingual/context.js';
import { formatReport } from '../../src/crosslingual/format.js';
import { DEFAULT_GAP } from '../../src/crosslingual/gap.js';
import { CONDITIONS } from '../../src/crosslingual/registry.js';
import { crossLingualReport } from '../../src/crosslingual/xling.js';
import { loadDataset } from '../../src/data/datasets.js';
import type { Generator } from '../../src/generate/generator.js';
import { resolveLocations } from '../../src/mirror/locations.js';
import { tempDir, writeTree } from '../helpers/tmp.js';

describe('what the reader sees of each condition', () => {
  it('`medir xling --help` describes every condition by name', async () => {
    const { buildProgram } = await import('../../src/cli/program.js');
    const xling = (await buildProgram(['node', 'medir', 'xling'])).commands.find((c: Command) => c.name() === 'xling')!;
    const help = xling.helpInformation().replace(/\s+/g, ' ');
    for (const def of Object.values(CONDITIONS)) {
      expect(def.description.split(' ').length, def.name).toBeGreaterThanOrEqual(4);
      expect(help).toContain(`${def.name} (${def.description})`);
    }
  });

  it('every condition has its row label in the report tables', async () => {
    // Two questions in en and es; every retriever returns the relevant document, so each condition applies and scores 1.
    const dir = writeTree(tempDir(), {
      'corpus.jsonl': '{"_id": "d1", "text": "pain"}\n{"_id": "d2", "text": "fever"}\n',
      'corpus.es.jsonl': '{"_id": "d1", "text": "dolor"}\n{"_id": "d2", "text": "fiebre"}\n',
      'queries.jsonl': ['1-en pain', '1-es dolor', '2-en fever', '2-es fiebre'].map((s) => s.split(' ')).map(([id, text]) => JSON.stringify({ _id: id, text, lang: id.slice(2), group: id[0] })).join('\n') + '\n',
      'qrels/test.tsv': 'query-id\tcorpus-id\tscore\n1-en\td1\t1\n1-es\td1\t1\n2-en\td2\t1\n2-es\td2\t1\n',
    });
    const loc = resolveLocations();
    const dataset = await loadDataset(dir, {}, loc);
    const generator: Generator = { id: 'fake', config: {}, generate: async () => 'pain' };
    const ctx = {
      ...conditionContext(dataset, loc, {}, 10, { loc, generator }),
      retriever: async (name: string) => ({ name, config: {}, retrieve: async (qs: readonly Query[]) => new Map(qs.map((q) => [q.id, [{ docId: `d${q.meta.group}`, score: 1 }]])) as Run }),
    };
    const r = await crossLingualReport(ctx, { conditions: Object.values(CONDITIONS), reference: 'en', runsDir: tempDir(), gap: { ...DEFAULT_GAP, samples: 100 } });
    const md = formatReport(r, 'markdown');
    const labels = {
      'bm25-english': 'BM25 (English analyzer)',
      'bm25-native': "BM25 (query language's analyzer)",
      'bm25-monolingual': 'BM25 monolingual (corpus in the query language)',
      'bm25-dictionary': 'BM25 + dictionary translation',
      'bm25-llm': 'BM25 + LLM translation',
      dense: 'dense',
    };
    expect(r.summaries.map((s) => [s.condition, s.label])).toEqual(Object.entries(labels));
    for (const label of Object.values(labels)) {
      expect(md).toContain(`| ${label} | es | 2 | 1.0000 | 1.0000 | 1.0000 | +0.0000 | +0.0% |`);
      expect(md).toContain(`| ${label} | en es | en 1.0000 | es 1.0000 | 0.0000 | 0.1000 | 1.0000 | 2 |`);
    }
  });
});
