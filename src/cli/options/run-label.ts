import { basename } from 'node:path';

/** A run's label in reports: its file name without the run extensions (`runs/nfcorpus.bm25.trec` → nfcorpus.bm25). */
export function runLabel(file: string, all: readonly string[]): string {
  const short = (f: string) => basename(f).replace(/\.gz$/, '').replace(/\.(trec|run|txt|tsv)$/, '');
  return all.filter((f) => short(f) === short(file)).length > 1 ? file : short(file);
}
