import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { isMainThread } from 'node:worker_threads';
import type { Run } from '../core/types.js';
import type { Dataset } from '../data/datasets.js';
import { compareCanonical } from '../formats/run.js';

/** True for a corpus built from clinical notes by medir (its folder carries `notes.json`). */
function isNotesDataset(dataset: Pick<Dataset, 'dir'>): boolean {
  return existsSync(join(dataset.dir, 'notes.json'));
}

/**
 * From here on, this process creates files 0600 and folders 0700: the notes corpus, every index
 * over it (BM25's terms.json holds the note vocabulary) and every run file name or quote patients'
 * data. A umask covers all writers at once, including ones added later. Worker threads cannot set
 * it; they share the main thread's, which a command sets before it starts them.
 */
export function keepFilesPrivate(): void {
  if (isMainThread) process.umask(0o077);
}

/**
 * The warning a command prints before sending passages of a notes corpus to a remote generator;
 * undefined when nothing leaves the process. medir never sends notes anywhere unless a remote
 * generator is configured explicitly.
 */
export function remoteGeneratorWarning(dataset: Pick<Dataset, 'name' | 'dir'>, generatorUrl: string | undefined): string | undefined {
  if (!generatorUrl || !isNotesDataset(dataset)) return undefined;
  return `warning: passages of the clinical notes corpus '${dataset.name}' will be sent to the remote generator ${generatorUrl}; make sure your data use agreement allows it\n`;
}

/**
 * A few queries with their top passages, for a look at what a retriever found. Lines name passage
 * ids, records and scores; note text only with `showText` (`--show-text`): reports and logs stay
 * free of patient text by default.
 */
export async function exampleLines(dataset: Dataset, run: Run, count: number, showText: boolean, perQuery = 3): Promise<string> {
  const queries = dataset.queries.queries.filter((q) => run.has(q.id)).slice(0, count);
  const tops = new Map(queries.map((q) => [q.id, [...run.get(q.id)!].sort(compareCanonical).slice(0, perQuery)]));
  const wanted = new Set([...tops.values()].flat().map((d) => d.docId));
  const passages = new Map<string, { text: string; record: unknown }>();
  for await (const doc of dataset.corpus.docs()) if (wanted.has(doc.id)) passages.set(doc.id, { text: doc.text, record: doc.meta?.record });
  const lines: string[] = [];
  for (const q of queries) {
    lines.push(`query ${q.id}: ${q.text}`);
    for (const d of tops.get(q.id)!) {
      const p = passages.get(d.docId);
      lines.push(`  ${d.docId} (record ${String(p?.record)}, score ${d.score.toFixed(4)})${showText ? `: ${p?.text ?? ''}` : ''}`);
    }
  }
  if (!showText && lines.length) lines.push('(passage text hidden; pass --show-text to print it)');
  return lines.join('\n') + '\n';
}
