import { join } from 'node:path';
import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { citedAnswer, citedNumbers, citedSentences, resolveCitations, stripCitations } from '../../src/rag/citations.js';
import type { Passage } from '../../src/rag/item.js';
import { resolveLocations } from '../../src/mirror/locations.js';
import { startFakeOpenAI } from '../generate/fake-openai.js';
import { spawnMedir } from './spawn-medir.js';
import { tempDir } from '../helpers/tmp.js';

const shown: Passage[] = ['d10', 'd20', 'd30'].map((id) => ({ id, title: '', text: `text of ${id}` }));

describe('citations in free-text answers', () => {
  it('reads [i], [i, j], [i][j] and [i-j] markers, in order of first citation', () => {
    expect(citedNumbers('Aspirin helps [2]. It bleeds [1, 3][2]. See [1-3].')).toEqual([2, 1, 3]);
    expect(citedNumbers('No citation here, only [a] and [ ].')).toEqual([]);
  });

  it('maps numbers to the passages shown; numbers past them are unknown citations', () => {
    expect(resolveCitations('x [3] y [1] z [7]', shown)).toEqual({ ids: ['d30', 'd10'], unknown: [7] });
  });

  it('strips markers for scoring and splits sentences with their own citations', () => {
    expect(stripCitations('Aspirin helps [2]. It bleeds [1, 3] .')).toBe('Aspirin helps. It bleeds.');
    expect(citedSentences('Aspirin helps [2]. It bleeds. [1][3] Done.', shown)).toEqual([
      { sentence: 'Aspirin helps.', ids: ['d20'] },
      { sentence: 'It bleeds.', ids: ['d10', 'd30'] },
      { sentence: 'Done.', ids: [] },
    ]);
    expect(citedAnswer('q?', 'a [2]', shown)).toEqual({ question: 'q?', passages: shown, citations: ['d20'], unknownCitations: [] });
  });
});

describe('medir rag --prompt cited (free-text answers with citations, end to end)', () => {
  it('rows keep the question, the passages shown and the cited ids; the arena judge reads them', async () => {
    const server = await startFakeOpenAI([], { reply: (prompt) => (prompt.includes('Document [2]') ? 'Yes, it does [2]. Mitochondria move [1][9].\nAnswer: A' : 'Yes [1].\nAnswer: A') });
    const dir = tempDir();
    const env = { MEDIR_CACHE: join(dir, 'cache'), MEDIR_INDEXES: join(dir, 'indexes') };
    const r = await spawnMedir(['rag', '--dataset', 'pubmedqa-pqal', '--generator', 'openai-compatible', '--base-url', server.baseUrl, '--llm-model', 'fake', '--prompt', 'cited', '--setting', 'rag', '--retriever', 'bm25', '--passages', '1,3', '--limit', '3', '--out', join(dir, 'out')], env).exited;
    expect(r.code, r.stderr).toBe(0);
    expect(server.received[0].body.messages.at(-1)!.content).toMatch(/cite it by its number in square brackets[\s\S]*Document \[1\][\s\S]*Options:\nA\. yes/);
    const files = (readdirSync(join(dir, 'out'), { recursive: true }) as string[]).filter((f) => f.endsWith('predictions.jsonl')).sort();
    expect(files).toHaveLength(2);
    const k3 = readFileSync(join(dir, 'out', files.find((f) => f.includes('k3'))!), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(k3).toHaveLength(3);
    for (const row of k3) {
      expect(row.passages.map((p: Passage) => p.id)).toEqual(row.context);
      expect(row.citations).toEqual([row.context[1], row.context[0]]);
      expect(row.unknownCitations).toEqual([9]);
      expect(row.question).toMatch(/\?$/);
      expect(row.choice).toBe('A');
    }
    const judged = await spawnMedir(
      ['arena', 'judge', '--answers', ...files.map((f) => join(dir, 'out', f)), '--base-url', server.baseUrl, '--llm-model', 'judge', '--out', join(dir, 'j.jsonl')],
      env,
    ).exited;
    expect(judged.code, judged.stderr).toBe(0);
    expect(judged.stdout).toMatch(/over 3 queries/);
    // Citation precision against the real qrels (the question's own abstract is its one relevant passage):
    // the k3 rows cite their 2nd and 1st passages; precision = gold among those / 2, recall = gold among those.
    const qrels = join(resolveLocations().mirrors[0], 'data', 'pubmedqa-pqal', 'qrels', 'test.tsv');
    const feats = join(dir, 'features.jsonl');
    const f = await spawnMedir(['arena', 'features', '--answers', ...files.map((x) => join(dir, 'out', x)), '--qrels', qrels, '--out', feats], env).exited;
    expect(f.code, f.stderr).toBe(0);
    const k3system = files.find((x) => x.includes('k3'))!.split('/').at(-2)!;
    const featureRows = readFileSync(feats, 'utf8').trim().split('\n').map((l) => JSON.parse(l)).filter((r) => r.system === k3system);
    expect(featureRows).toHaveLength(3);
    for (const row of k3) {
      const hits = row.citations.filter((id: string) => id === row.id).length;
      const fr = featureRows.find((r) => r.query_id === row.id);
      expect(fr.citation_precision).toBeCloseTo(hits / 2, 12);
      expect(fr.citation_recall).toBe(hits);
      expect(fr.lang_match).toBe(1);
    }
    // The judge saw each system's own passages, numbered as it cited them.
    const judgePrompt = server.received.at(-1)!.body.messages.at(-1)!.content;
    expect(judgePrompt).toMatch(/Shown to answer A:\nDocument \[1\]/);
    expect(judgePrompt).toMatch(/Shown to answer B:\nDocument \[1\]/);
  });
});
