import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, sep } from 'node:path';
import { PACKAGE_ROOT } from '../mirror/locations.js';
import { leaderboardNote } from '../arena/format.js';
import { arenaCharts, charts, type Chart } from './charts.js';
import type { ReportModel } from './model.js';

// One self-contained HTML file: Vega, Vega-Lite and vega-embed inlined from node_modules, the data
// inlined as JSON, no request to anything once opened (an air-gapped laptop shows the same page).

const LIBRARIES = [
  ['vega', 'build/vega.min.js'],
  ['vega-lite', 'build/vega-lite.min.js'],
  ['vega-embed', 'build/vega-embed.min.js'],
] as const;

/** A file of an installed package (its `exports` hide the browser builds from require.resolve). */
function library([name, path]: readonly [string, string]): string {
  let dir = dirname(createRequire(join(PACKAGE_ROOT, 'package.json')).resolve(name));
  while (!dir.endsWith(`${sep}node_modules${sep}${name}`) && dirname(dir) !== dir) dir = dirname(dir);
  const file = join(dir, path);
  // A literal `</script` inside a script would end it early.
  return readFileSync(file, 'utf8').replace(/<\/script/gi, '<\\/script');
}

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** JSON safe inside a <script> element. */
function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c');
}

const SIG_MARK = { 1: '▲', [-1]: '▼', 0: '' } as const;

function mainTable(model: ReportModel): string {
  const measures = model.measures.filter((m) => model.rows.some((r) => r.cells[m]));
  const head = `<tr><th data-type="text">variant</th>${measures.map((m) => `<th data-type="number">${escapeHtml(m)}</th>`).join('')}</tr>`;
  const body = model.rows
    .map((row) => {
      const cells = measures.map((m) => {
        const c = row.cells[m];
        if (!c) return '<td data-value="">–</td>';
        const text = c.value.toFixed(4);
        const mark = c.sig ? `<sup class="sig" title="Holm-adjusted p=${c.p!.toPrecision(2)} vs ${escapeHtml(model.baseline)}">${SIG_MARK[c.sig]}</sup>` : '';
        return `<td data-value="${c.value}" data-measure="${escapeHtml(m)}"><span class="v">${c.best ? `<b>${text}</b>` : text}</span>${mark}<span class="n">n=${c.n}</span></td>`;
      });
      const base = row.label === model.baseline ? ' <span class="base">baseline</span>' : '';
      return `<tr data-variant="${escapeHtml(row.label)}"><td data-value="${escapeHtml(row.label)}">${escapeHtml(row.label)}${base}</td>${cells.join('')}</tr>`;
    })
    .join('\n');
  return `<table id="main" class="sortable"><thead>${head}</thead><tbody>\n${body}\n</tbody></table>`;
}

function details(model: ReportModel): string {
  const d = model.details;
  const versions = Object.entries(d.versions).map(([k, v]) => `<tr><td>${escapeHtml(k)}</td><td>${escapeHtml(v)}</td></tr>`).join('');
  const sums = d.checksums.map((c) => `<tr><td>${escapeHtml(c.kind)}</td><td>${escapeHtml(c.name)}</td><td><code>${escapeHtml(c.sha256)}</code></td></tr>`).join('');
  const machine = d.machine ? `<pre>${escapeHtml(JSON.stringify(d.machine, null, 2))}</pre>` : '<p>not recorded</p>';
  return `<details id="details"><summary>config, versions, checksums, machine</summary>
<h3>config</h3><pre>${escapeHtml(d.config ?? 'not recorded')}</pre>
<h3>versions</h3><table>${versions}</table>
<h3>checksums</h3>${sums ? `<table class="sortable"><thead><tr><th>kind</th><th>name</th><th>sha256</th></tr></thead><tbody>${sums}</tbody></table>` : '<p>none recorded</p>'}
<h3>machine</h3>${machine}</details>`;
}

const fixed = (x: number | undefined, digits: number) => (x === undefined || !Number.isFinite(x) ? '–' : x.toFixed(digits));

function chartSection(c: Chart): string {
  return `<section class="chart"><h2>${escapeHtml(c.title)}</h2><div id="chart-${c.id}" class="vega"></div></section>`;
}

/** The arena: leaderboard (Elo, θ, bootstrap interval, n), its charts and the position-bias figures; or why there is no fit. */
function arenaHtml(model: ReportModel): string {
  const a = model.arena;
  if (!a) return '';
  const head = `<h2 id="arena">arena: ${escapeHtml(a.file)}</h2>`;
  if (!a.report) return `${head}<p class="warn" id="arena-error">No leaderboard: ${escapeHtml(a.error ?? '')}</p>`;
  const { leaderboard: b, positionBias: p } = a.report;
  const rows = b.rows
    .map((r, i) => {
      const num = (x: number | undefined, d: number, cls = '') => `<td data-value="${x ?? ''}"${cls ? ` class="${cls}"` : ''}>${fixed(x, d)}</td>`;
      return `<tr data-model="${escapeHtml(r.model)}"><td data-value="${i + 1}">${i + 1}</td><td data-value="${escapeHtml(r.model)}">${escapeHtml(r.model)}</td>${num(r.elo, 1, 'elo')}${num(r.theta, 4)}${num(r.eloCi?.low, 1)}${num(r.eloCi?.high, 1)}${num(r.wins + r.losses + r.ties, 0)}</tr>`;
    })
    .join('\n');
  const table = `<table id="arena-leaderboard" class="sortable"><thead><tr><th data-type="number">rank</th><th data-type="text">model</th><th data-type="number">Elo</th><th data-type="number">strength θ</th><th data-type="number">Elo 2.5%</th><th data-type="number">Elo 97.5%</th><th data-type="number">n</th></tr></thead><tbody>\n${rows}\n</tbody></table>`;
  const flagged = b.bootstrap?.flagged ? `<p class="warn" id="arena-flagged">${b.bootstrap.flagged} of ${b.bootstrap.tournaments} bootstrap resamples had no fit (a model never won or never lost) and are left out of the intervals.</p>` : '';
  const bias = [
    ['share of A (first-shown) wins among non-ties', `${fixed(p.firstShare, 4)} (${p.firstWins} of ${p.nonTies}; Wilson 95% ${fixed(p.low, 4)}–${fixed(p.high, 4)}; 0.5 = no bias)`],
    ['ties', String(p.ties)],
    ['pairs judged in both orders', String(p.bothOrders.pairs)],
    ['order flips (same position won both orders)', `${p.bothOrders.flipped} (rate ${fixed(p.bothOrders.flipRate, 4)}); consistent ${p.bothOrders.consistent}; one order tied ${p.bothOrders.halfTie}`],
  ];
  const biasTable = `<h3>position bias</h3><table id="arena-bias">${bias.map(([k, v]) => `<tr><td>${escapeHtml(k)}</td><td>${escapeHtml(v)}</td></tr>`).join('')}</table>`;
  return `${head}\n${table}\n<p class="policy">n = judgments of the model. ${escapeHtml(leaderboardNote(b))}.</p>${flagged}\n${arenaCharts(model).map(chartSection).join('\n')}\n${biasTable}`;
}

const STYLE = `body{font:14px/1.45 system-ui,sans-serif;max-width:1000px;margin:2em auto;padding:0 1em;color:#222}
table{border-collapse:collapse;margin:.5em 0}th,td{padding:.25em .6em;border-bottom:1px solid #ddd;text-align:right}
th:first-child,td:first-child{text-align:left}th{cursor:pointer;user-select:none}th.asc::after{content:" ↑"}th.desc::after{content:" ↓"}
.n{display:block;font-size:11px;color:#888}.sig{color:#06c}.base{font-size:11px;color:#888}.warn{background:#fff4d6;border-left:4px solid #e0a000;padding:.5em 1em}
#arena-leaderboard td:nth-child(2),#arena-leaderboard th:nth-child(2),#arena-bias td{text-align:left}
.policy{color:#555;font-size:12px}pre{background:#f6f6f6;padding:.5em;overflow:auto;max-height:24em}.chart{margin:1em 0 2em}`;

/** Sorts a table by the clicked column (numbers by data-value), ascending then descending. */
const SORT_SCRIPT = `document.querySelectorAll('table.sortable th').forEach((th,i)=>th.addEventListener('click',()=>{
const tb=th.closest('table').tBodies[0],asc=!th.classList.contains('asc');th.closest('tr').querySelectorAll('th').forEach(h=>h.classList.remove('asc','desc'));th.classList.add(asc?'asc':'desc');
const key=r=>{const c=r.cells[i],v=c.dataset.value??c.textContent;const x=parseFloat(v);return th.dataset.type==='number'&&!isNaN(x)?x:v};
[...tb.rows].sort((a,b)=>{const x=key(a),y=key(b);return (x<y?-1:x>y?1:0)*(asc?1:-1)}).forEach(r=>tb.appendChild(r))}));`;

/** Embeds every chart as SVG; body[data-rendered] says how many rendered, medirRenderedMs when (ms from navigation start). */
const EMBED_SCRIPT = `Promise.all(CHARTS.map(c=>vegaEmbed('#chart-'+c.id,c.spec,{actions:false,renderer:'svg',mode:'vega-lite'})))
.then(r=>{window.medirRenderedMs=performance.now();document.body.dataset.rendered=String(r.length)}).catch(e=>{document.body.dataset.rendered='error';console.error(e)});`;

/** The report as one self-contained HTML page. */
export function renderHtml(model: ReportModel): string {
  const list = charts(model);
  const warnings = model.warnings.length ? `<div class="warn" id="warnings"><b>Read before trusting this report:</b><ul>${model.warnings.map((w) => `<li>${escapeHtml(w)}</li>`).join('')}</ul></div>` : '';
  const arenaIds = new Set(arenaCharts(model).map((c) => c.id));
  const sections = list.filter((c) => !arenaIds.has(c.id)).map(chartSection).join('\n');
  const missing = !model.rows.length ? [] : [
    !model.curves.length ? 'recall@k and nDCG@k curves: no run files to draw them from' : '',
    !model.languages.length ? 'per-language bars: the queries have no lang field (or no per-query values)' : '',
    !model.scatter ? 'per-query scatter: fewer than two variants with per-query values' : '',
    !model.timings.length ? 'stage timings: none recorded' : '',
  ].filter(Boolean);
  const specs = list.map((c) => ({ id: c.id, spec: c.spec }));
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>medir report: ${escapeHtml(model.title)}</title><style>${STYLE}</style>
${LIBRARIES.map((l) => `<script>${library(l)}</script>`).join('\n')}
</head><body>
<h1>medir report: ${escapeHtml(model.title)}</h1>
${warnings}
${model.rows.length ? `<h2>results</h2>
${mainTable(model)}
<p class="policy">Best of each measure in bold. ▲/▼: significantly better/worse than the baseline <b>${escapeHtml(model.baseline)}</b> (${escapeHtml(model.correction)}); n = queries each mean is over; hover a marker for its p-value. Click a column to sort.</p>
<p class="policy" id="policy">policy: ${escapeHtml(model.policy)}</p>` : ''}
${sections}
${missing.length ? `<p class="policy" id="not-drawn">Not drawn: ${missing.map(escapeHtml).join('; ')}.</p>` : ''}
${arenaHtml(model)}
${details(model)}
<script>const CHARTS=${scriptJson(specs)};${EMBED_SCRIPT}${SORT_SCRIPT}</script>
</body></html>
`;
}
