import type { ReportModel } from './model.js';

/** A chart of the report: a Vega-Lite spec and the heading it goes under. */
export interface Chart {
  id: string;
  title: string;
  spec: Record<string, unknown>;
}

const WIDTH = 560;

function lines(model: ReportModel, field: 'recall' | 'ndcg', title: string): Chart {
  return {
    id: `${field}-at-k`,
    title,
    spec: {
      width: WIDTH,
      height: 280,
      data: { values: model.curves },
      mark: { type: 'line', point: true },
      encoding: {
        x: { field: 'k', type: 'quantitative', scale: { type: 'log' }, title: 'k (log scale)' },
        y: { field, type: 'quantitative', title: field === 'recall' ? 'recall@k' : 'nDCG@k' },
        color: { field: 'variant', type: 'nominal' },
        tooltip: [{ field: 'variant' }, { field: 'k' }, { field, format: '.4f' }],
      },
    },
  };
}

/**
 * The report's charts, each only where its data is there (a chart with no data is never drawn:
 * the page says what is missing instead).
 */
export function charts(model: ReportModel): Chart[] {
  const out: Chart[] = [];
  if (model.languages.length) {
    out.push({
      id: 'languages',
      title: `${model.langMeasure} per language`,
      spec: {
        width: WIDTH,
        height: 240,
        data: { values: model.languages },
        mark: 'bar',
        encoding: {
          x: { field: 'lang', type: 'nominal', title: 'language' },
          xOffset: { field: 'variant' },
          y: { field: 'mean', type: 'quantitative', title: model.langMeasure },
          color: { field: 'variant', type: 'nominal' },
          tooltip: [{ field: 'variant' }, { field: 'lang' }, { field: 'mean', format: '.4f' }, { field: 'n' }],
        },
      },
    });
    const gaps = model.languages.filter((l) => l.gap !== undefined);
    if (gaps.length) {
      out.push({
        id: 'language-gaps',
        title: `gap to English (${model.langMeasure}, 95% CI)`,
        spec: {
          width: WIDTH,
          height: 240,
          data: { values: gaps },
          encoding: { y: { field: 'lang', type: 'nominal', title: 'language' }, yOffset: { field: 'variant' }, color: { field: 'variant', type: 'nominal' } },
          layer: [
            { mark: 'rule', encoding: { x: { field: 'low', type: 'quantitative', title: 'difference to English' }, x2: { field: 'high' } } },
            { mark: { type: 'point', filled: true }, encoding: { x: { field: 'gap', type: 'quantitative' }, tooltip: [{ field: 'variant' }, { field: 'lang' }, { field: 'gap', format: '+.4f' }, { field: 'low', format: '.4f' }, { field: 'high', format: '.4f' }] } },
            { data: { values: [{ zero: 0 }] }, mark: { type: 'rule', strokeDash: [4, 4], color: 'gray' }, encoding: { x: { field: 'zero', type: 'quantitative' }, y: {}, yOffset: {}, color: {} } },
          ],
        },
      });
    }
  }
  if (model.curves.length) {
    out.push(lines(model, 'recall', 'recall@k'));
    out.push(lines(model, 'ndcg', 'nDCG@k'));
  }
  const retrieved = model.rag.filter((r) => r.mode === 'retrieved');
  if (retrieved.length) {
    const refs = model.rag.filter((r) => r.mode !== 'retrieved');
    out.push({
      id: 'rag-accuracy',
      title: 'RAG accuracy vs passages k (dashed: closed-book and oracle)',
      spec: {
        width: WIDTH,
        height: 280,
        layer: [
          {
            data: { values: retrieved },
            mark: { type: 'line', point: true },
            encoding: {
              x: { field: 'k', type: 'quantitative', title: 'passages k' },
              y: { field: 'accuracy', type: 'quantitative', title: 'accuracy' },
              color: { field: 'variant', type: 'nominal' },
              tooltip: [{ field: 'variant' }, { field: 'k' }, { field: 'accuracy', format: '.4f' }],
            },
          },
          ...(refs.length
            ? [
                {
                  data: { values: refs },
                  mark: { type: 'rule', strokeDash: [6, 4] },
                  encoding: { y: { field: 'accuracy', type: 'quantitative' }, color: { field: 'variant', type: 'nominal' }, tooltip: [{ field: 'variant' }, { field: 'mode' }, { field: 'accuracy', format: '.4f' }] },
                },
              ]
            : []),
        ],
      },
    });
  }
  if (model.scatter) {
    const s = model.scatter;
    out.push({
      id: 'per-query',
      title: `per-query ${s.measure}: ${s.y} vs ${s.x} (${s.wins} wins, ${s.ties} ties, ${s.losses} losses for ${s.y})`,
      spec: {
        width: 420,
        height: 420,
        layer: [
          {
            data: { values: s.points },
            mark: { type: 'point', opacity: 0.6 },
            encoding: {
              x: { field: 'x', type: 'quantitative', title: s.x, scale: { domain: [0, 1] } },
              y: { field: 'y', type: 'quantitative', title: s.y, scale: { domain: [0, 1] } },
              tooltip: [{ field: 'qid', title: 'query' }, { field: 'text', title: 'text' }, { field: 'x', title: s.x, format: '.4f' }, { field: 'y', title: s.y, format: '.4f' }],
            },
          },
          { data: { values: [{ v: 0 }, { v: 1 }] }, mark: { type: 'line', color: 'gray', strokeDash: [4, 4] }, encoding: { x: { field: 'v', type: 'quantitative' }, y: { field: 'v', type: 'quantitative' } } },
        ],
      },
    });
  }
  if (model.timings.length) {
    out.push({
      id: 'timings',
      title: 'stage timings per variant (seconds; hover: cached or not)',
      spec: {
        width: WIDTH,
        data: { values: model.timings },
        mark: 'bar',
        encoding: {
          y: { field: 'variant', type: 'nominal', title: null },
          x: { field: 'seconds', type: 'quantitative', title: 'seconds' },
          color: { field: 'stage', type: 'nominal' },
          tooltip: [{ field: 'variant' }, { field: 'stage' }, { field: 'seconds', format: '.2f' }, { field: 'cached' }],
        },
      },
    });
  }
  return out;
}
