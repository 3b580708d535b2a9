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

/** The arena's charts: the leaderboard's Elo with its bootstrap interval, and the win-rate heatmap. */
export function arenaCharts(model: ReportModel): Chart[] {
  const r = model.arena?.report;
  if (!r) return [];
  const models = r.leaderboard.rows.map((x) => x.model);
  const rows = r.leaderboard.rows.map((x) => ({ model: x.model, elo: x.elo, low: x.eloCi?.low, high: x.eloCi?.high }));
  const cells = r.winRate.models.flatMap((row, i) => r.winRate.models.flatMap((col, k) => (r.winRate.rate[i][k] === null ? [] : [{ row, col, rate: r.winRate.rate[i][k], games: r.winRate.games[i][k] }])));
  const y = { field: 'model', type: 'nominal', sort: models, title: null };
  return [
    {
      id: 'arena-leaderboard',
      title: `arena leaderboard: Elo with its bootstrap 2.5–97.5% interval (ties ${r.leaderboard.ties})`,
      spec: {
        width: WIDTH,
        data: { values: rows },
        encoding: { y },
        layer: [
          { transform: [{ filter: 'isValid(datum.low)' }], mark: 'rule', encoding: { x: { field: 'low', type: 'quantitative', scale: { zero: false }, title: 'Elo' }, x2: { field: 'high' } } },
          { mark: { type: 'point', filled: true, size: 60 }, encoding: { x: { field: 'elo', type: 'quantitative' }, tooltip: [{ field: 'model' }, { field: 'elo', format: '.1f' }, { field: 'low', format: '.1f', title: '2.5%' }, { field: 'high', format: '.1f', title: '97.5%' }] } },
        ],
      },
    },
    {
      id: 'arena-win-rate',
      title: `arena win rate: row beats column (ties ${r.leaderboard.ties === 'drop' ? 'left out' : 'count half'}; blank: never met)`,
      spec: {
        width: 420,
        height: 420,
        data: { values: cells },
        mark: 'rect',
        encoding: {
          x: { field: 'col', type: 'nominal', sort: models, title: null },
          y: { field: 'row', type: 'nominal', sort: models, title: null },
          color: { field: 'rate', type: 'quantitative', scale: { domain: [0, 1], scheme: 'redblue' }, title: 'win rate' },
          tooltip: [{ field: 'row', title: 'model' }, { field: 'col', title: 'against' }, { field: 'rate', format: '.3f' }, { field: 'games' }],
        },
      },
    },
  ];
}

/**
 * The report's charts, each only where its data is there (a chart with no data is never drawn:
 * the page says what is missing instead); the arena's last.
 */
export function charts(model: ReportModel): Chart[] {
  return [...mainCharts(model), ...arenaCharts(model)];
}

function mainCharts(model: ReportModel): Chart[] {
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
