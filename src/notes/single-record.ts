import type { ScoredDoc } from '../core/types.js';
import type { PassageGroups } from './passage-groups.js';
import { restrictRanking } from './restrict.js';

/** One (query, record) case of single-record retrieval: the record's passages ranked, and its relevant ones. */
export interface RecordCase {
  qid: string;
  record: string;
  ranking: ScoredDoc[];
  relevant: Set<string>;
}

/** Why cases were left out, as CliniQ's eval skips them. */
export interface SkipCounts {
  /** Records with fewer than `minPassages` passages (ranking them says little). */
  fewPassages: number;
  /** Records whose every passage is relevant (any ranking is perfect). */
  allRelevant: number;
}

/** The record a judged passage id belongs to: its prefix before the last '_' (`HADM_ID_i` → `HADM_ID`). */
function recordOfPassageId(id: string): string {
  const cut = id.lastIndexOf('_');
  return cut < 0 ? id : id.slice(0, cut);
}

/**
 * The single-record cases of one query: every record holding a relevant passage, its ranking cut from
 * the query's run over all passages. Skipped, and counted: records with fewer than `minPassages`
 * passages (CliniQ: 5) and records whose passages are all relevant.
 */
export function recordCases(qid: string, ranking: readonly ScoredDoc[], relevant: Iterable<string>, groups: PassageGroups, skipped: SkipCounts, minPassages = 5): RecordCase[] {
  const byRecord = new Map<string, Set<string>>();
  for (const id of relevant) {
    const record = groups.level === 'note' ? recordOfPassageId(id) : groups.of.get(id);
    if (record === undefined) continue;
    const set = byRecord.get(record);
    if (set) set.add(id);
    else byRecord.set(record, new Set([id]));
  }
  // One pass over the full ranking for all records at once: it may hold every passage of the corpus.
  const returned = new Map<string, ScoredDoc[]>([...byRecord.keys()].map((r) => [r, []]));
  for (const d of ranking) {
    const record = groups.of.get(d.docId);
    if (record !== undefined) returned.get(record)?.push(d);
  }
  const cases: RecordCase[] = [];
  for (const [record, rel] of byRecord) {
    const members = groups.members.get(record) ?? [];
    if (members.length < minPassages) {
      skipped.fewPassages++;
      continue;
    }
    if (members.length === rel.size) {
      skipped.allRelevant++;
      continue;
    }
    cases.push({ qid, record, ranking: restrictRanking(returned.get(record)!, members), relevant: rel });
  }
  return cases;
}
