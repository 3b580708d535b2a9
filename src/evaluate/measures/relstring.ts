import { NONPOOL } from '../ranking.js';
import { defineMeasure, listParams } from './measure.js';

/**
 * One character per top document: its relevance 0-9, '>' above 9, '-' not judged, '.' judged negative.
 * trec_eval's '<' (any other value) cannot occur: the ranking maps every negative judgment to UNJUDGED.
 */
function relChar(rel: number): string {
  if (rel > 9) return '>';
  if (rel >= 0) return String(rel);
  return rel === NONPOOL ? '-' : '.';
}

/** Relevance of the first N (10) documents as a string (per query only). */
export default defineMeasure({
  name: 'relstring',
  trec: true,
  params: 'list',
  defaults: listParams(10),
  value: 'text',
  summary: 'mean',
  perQuery: true,
  outputs: () => ['relstring'],
  depth: (p) => p.list[0],
  compute() {},
  text(r, p) {
    const n = Math.max(0, Math.min(p.list[0], r.depth));
    let s = '';
    for (let i = 0; i < n; i++) s += relChar(r.rels[i]);
    return s;
  },
});
