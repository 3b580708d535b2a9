import { renderRows, type TableFormat } from '../evaluate/format/render.js';
import type { AnswerRow } from './answer.js';
import { accuracy, macroAverage, type Accuracy } from './metrics/accuracy.js';
import { mcnemar, type McNemar } from './metrics/mcnemar.js';
import { retrievalLink, type RetrievalLink } from './metrics/retrieval-link.js';

/** One table line: a condition's answers on one group (sub-dataset) and language. */
export interface ReportLine {
  condition: string;
  group: string;
  lang: string;
  accuracy: Accuracy;
  /** Mean token F1 (free-text questions only; accuracy is then exact match). */
  f1?: number;
  unparsed: number;
  link: RetrievalLink | null;
  /** Accuracy minus the English accuracy of the same condition and group. */
  gapToEnglish: number | null;
  /** Paired test against the reference condition on the same items. */
  versus?: { condition: string; test: McNemar };
}

export interface Labelled {
  label: string;
  rows: readonly AnswerRow[];
}

function cells(rows: readonly AnswerRow[]): Map<string, AnswerRow[]> {
  const out = new Map<string, AnswerRow[]>();
  for (const r of rows) {
    const key = `${r.group}\0${r.lang}`;
    out.set(key, [...(out.get(key) ?? []), r]);
  }
  return out;
}

/**
 * Per condition × group × language: accuracy with SE and Wilson interval, unparsed replies, how often
 * gold reached the context and accuracy either way, the gap to English, and McNemar against the
 * condition `referenceOf(label)` names (closed-book, for RAG conditions).
 */
export function buildReport(results: readonly Labelled[], referenceOf: (label: string) => string | undefined): ReportLine[] {
  const lines: ReportLine[] = [];
  for (const { label, rows } of results) {
    const reference = referenceOf(label);
    const refCells = cells(results.find((r) => r.label === reference && r.label !== label)?.rows ?? []);
    const byCell = cells(rows);
    for (const [key, cellRows] of byCell) {
      const [group, lang] = key.split('\0');
      const acc = accuracy(cellRows.filter((r) => r.correct).length, cellRows.length);
      const en = byCell.get(`${group}\0en`);
      const refRows = refCells.get(key);
      let versus: ReportLine['versus'];
      if (refRows) {
        const refById = new Map(refRows.map((r) => [r.id, r.correct]));
        const paired = cellRows.filter((r) => refById.has(r.id));
        versus = { condition: reference!, test: mcnemar(paired.map((r) => refById.get(r.id)!), paired.map((r) => r.correct)) };
      }
      const f1s = cellRows.flatMap((r) => (r.f1 === undefined ? [] : [r.f1]));
      lines.push({
        condition: label,
        group,
        lang,
        accuracy: acc,
        ...(f1s.length ? { f1: macroAverage(f1s) } : {}),
        unparsed: cellRows.filter((r) => !r.parsed).length,
        link: retrievalLink(cellRows),
        gapToEnglish: en && lang !== 'en' ? acc.accuracy - en.filter((r) => r.correct).length / en.length : null,
        ...(versus ? { versus } : {}),
      });
    }
  }
  return lines;
}

/** MIRAGE's headline: the unweighted mean of the groups' accuracies, per condition and language. */
export function macroLines(lines: readonly ReportLine[]): { condition: string; lang: string; groups: number; accuracy: number }[] {
  const by = new Map<string, ReportLine[]>();
  for (const l of lines) by.set(`${l.condition}\0${l.lang}`, [...(by.get(`${l.condition}\0${l.lang}`) ?? []), l]);
  return [...by]
    .filter(([, ls]) => ls.length > 1)
    .map(([key, ls]) => {
      const [condition, lang] = key.split('\0');
      return { condition, lang, groups: ls.length, accuracy: macroAverage(ls.map((l) => l.accuracy.accuracy)) };
    });
}

const f4 = (x: number) => (Number.isNaN(x) ? '' : x.toFixed(4));
const pct = (x: number) => `${(100 * x).toFixed(1)}%`;

export function formatReport(lines: readonly ReportLine[], format: TableFormat = 'table'): string {
  const withF1 = lines.some((l) => l.f1 !== undefined);
  const rows = lines.map((l) => [
    l.condition,
    l.group,
    l.lang,
    String(l.accuracy.n),
    f4(l.accuracy.accuracy),
    ...(withF1 ? [l.f1 === undefined ? '' : f4(l.f1)] : []),
    f4(l.accuracy.se),
    `${f4(l.accuracy.wilson[0])}–${f4(l.accuracy.wilson[1])}`,
    String(l.unparsed),
    l.link ? pct(l.link.goldRate) : '',
    l.link ? f4(l.link.withGold.accuracy) : '',
    l.link ? f4(l.link.withoutGold.accuracy) : '',
    l.gapToEnglish === null ? '' : (l.gapToEnglish >= 0 ? '+' : '') + l.gapToEnglish.toFixed(4),
    l.versus ? `${l.versus.test.onlyA}/${l.versus.test.onlyB} p=${l.versus.test.p.toPrecision(3)}` : '',
  ]);
  const header = ['condition', 'group', 'lang', 'n', withF1 ? 'acc (EM)' : 'acc', ...(withF1 ? ['F1'] : []), 'SE', 'Wilson 95%', 'unparsed', 'gold in ctx', 'acc|gold', 'acc|no gold', 'Δ vs en', 'McNemar (ref only/this only)'];
  // A column no line fills (no retrieval link when scoring stored replies, no English reference) is left out.
  const kept = header.map((_, i) => rows.some((r) => r[i] !== ''));
  const keep = <T>(cells: readonly T[]) => cells.filter((_, i) => kept[i]);
  const table = renderRows(format, keep(header), rows.map(keep)).trimEnd();
  const macro = macroLines(lines);
  return macro.length ? `${table}\n\n${renderRows(format, ['condition', 'lang', 'groups', 'macro avg'], macro.map((m) => [m.condition, m.lang, String(m.groups), f4(m.accuracy)])).trimEnd()}` : table;
}
