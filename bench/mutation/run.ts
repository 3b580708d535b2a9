/**
 * Mutation score of the suite, per folder: StrykerJS 9 (vitest runner) mutates each folder's code
 * and runs the tests that cover it; a mutant no test fails on "survived".
 *   npx tsx bench/mutation/run.ts [folder ...]        (default: every folder below; hours on 2 cores)
 *   npx tsx bench/mutation/run.ts src/fuse/           (the smallest: minutes)
 *   npx tsx bench/mutation/run.ts src/evaluate/ --part stats/,files   only those parts of the folder
 *   --fresh                                           retest every mutant (default: only what changed)
 *   --last                                            run nothing: the table of each part's last report
 * Prints the score per folder and every survivor (file:line, mutator, replacement), writes
 * bench/results/mutation.json. Not in CI. Target: ≥ 90% per folder.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import { formatTable } from '../../src/core/table.js';
import { writeFileAtomic } from '../../src/io/atomic.js';
import { mirrorSearchPath, PACKAGE_ROOT } from '../../src/mirror/locations.js';

/**
 * Each folder with the tests that exercise it (the runner narrows further to the tests covering each
 * mutant); a glob starting with `!` leaves files out. Left out: tests over real corpora from
 * ../shared, which take seconds per mutant and are not what kills them (small corpora built in the
 * tests, checked against references computed in the tests, do), and tests that only spawn the built
 * CLI: the child process runs dist/, never the active mutant, so they can kill nothing and cost the
 * most time when a static mutant reruns every test.
 */
const FOLDERS: Record<string, string[]> = {
  'src/evaluate/': ['test/evaluate/**/*.test.ts', '!test/evaluate/run-file-scale.test.ts', 'test/fuzz/trec.fuzz.test.ts', 'test/cli/options/policy.test.ts'],
  'src/fuse/': ['test/fuse/**/*.test.ts'],
  'src/retrieve/bm25/': ['test/retrieve/bm25/**/*.test.ts', '!test/retrieve/bm25/real-corpora.test.ts'],
  'src/rag/': ['test/rag/**/*.test.ts', '!test/rag/pipeline.test.ts', '!test/rag/cli-errors.test.ts'],
  'src/crosslingual/': ['test/crosslingual/**/*.test.ts', '!test/crosslingual/xling-cli.test.ts'],
};

interface Mutant {
  status: string;
  mutatorName: string;
  replacement?: string;
  /** run at import, outside any test: Stryker reruns every related test file for it */
  static?: boolean;
  location: { start: { line: number; column: number } };
}
interface Report {
  files: Record<string, { mutants: Mutant[] }>;
}

const work = join(PACKAGE_ROOT, 'bench', 'results', 'mutation');
mkdirSync(work, { recursive: true });
/** The name of a part's files under bench/results/mutation: src/evaluate/ + stats/ → src-evaluate-stats. */
function partTag(folder: string, part: string): string {
  return `${folder.replace(/[/]+/g, '-').replace(/-$/, '')}-${part.replace(/\/$/, '')}`;
}

/** The flags, checked before any run starts (an error an hour in would waste the hour). */
function parseFlags() {
  // parseArgs rejects an unknown flag and a --part without its list, naming the option.
  const { values, positionals } = parseArgs({ allowPositionals: true, options: { fresh: { type: 'boolean', default: false }, last: { type: 'boolean', default: false }, part: { type: 'string' } } });
  const folders = positionals.length ? positionals : Object.keys(FOLDERS);
  const unknown = folders.filter((f) => !FOLDERS[f]);
  if (unknown.length) throw new Error(`unknown folder ${unknown.join(', ')}; valid: ${Object.keys(FOLDERS).join(', ')}`);
  const onlyParts = values.part?.split(',');
  if (onlyParts && folders.length !== 1) throw new Error('--part needs exactly one folder');
  const parts = partsOf(folders[0]!).map((p) => p.name);
  const strangers = (onlyParts ?? []).filter((p) => !parts.includes(p));
  if (strangers.length) throw new Error(`--part ${strangers.join(',')}: not a part of ${folders[0]}; its parts: ${parts.join(', ')}`);
  if (values.last) {
    const unrun = folders.flatMap((f) => partsOf(f).filter((p) => !onlyParts || onlyParts.includes(p.name)).map((p) => partTag(f, p.name))).filter((tag) => !existsSync(join(work, `${tag}.json`)));
    if (unrun.length) throw new Error(`--last: no report yet for ${unrun.join(', ')} (in ${relative(PACKAGE_ROOT, work)}); run those parts without --last`);
  }
  return { fresh: values.fresh, last: values.last, onlyParts, folders };
}
let flags: ReturnType<typeof parseFlags>;
try {
  flags = parseFlags();
} catch (e) {
  console.error(`bench/mutation: ${(e as Error).message}`);
  process.exit(2);
}
const { fresh, last, onlyParts, folders } = flags;

/**
 * A folder runs in parts — its own files, then each subfolder — one Stryker run each with its own
 * incremental record, so an interrupted folder run loses only the part in flight and a rerun reuses
 * every finished part's verdicts. Every part runs against the folder's whole test list, so the
 * parts add up to exactly the folder's run.
 */
function partsOf(folder: string): { name: string; mutate: string }[] {
  const entries = readdirSync(join(PACKAGE_ROOT, folder), { withFileTypes: true });
  const own = entries.some((e) => e.isFile() && e.name.endsWith('.ts')) ? [{ name: 'files', mutate: `${folder}*.ts` }] : [];
  const subfolders = entries.filter((e) => e.isDirectory()).map((e) => e.name).sort();
  return [...own, ...subfolders.map((d) => ({ name: `${d}/`, mutate: `${folder}${d}/**/*.ts` }))];
}

/** Stryker over `mutate` with the folder's tests; its report's mutants, each with its file. */
function runStryker(tag: string, mutate: string, tests: string[]) {
  const reportFile = join(work, `${tag}.json`);
  rmSync(reportFile, { force: true });
  const strykerConfig = join(work, `${tag}.stryker.config.json`);
  writeFileSync(
    strykerConfig,
    JSON.stringify(
      {
        testRunner: 'vitest',
        vitest: { configFile: 'bench/mutation/vitest.config.mjs' },
        mutate: [mutate],
        coverageAnalysis: 'perTest',
        // the machine is shared: MEDIR_MUTATION_CONCURRENCY=1 halves the load (and doubles the time)
        concurrency: Number(process.env.MEDIR_MUTATION_CONCURRENCY ?? 2),
        // a mutant that loops forever costs this much beyond its tests' usual time (and counts as killed);
        // on an idle machine MEDIR_MUTATION_TIMEOUT_MS=5000 halves what each such mutant costs
        timeoutMS: Number(process.env.MEDIR_MUTATION_TIMEOUT_MS ?? 10000),
        // the first run of every test with coverage instrumented (Stryker stops at 5 minutes by default)
        dryRunTimeoutMinutes: 30,
        reporters: ['json', 'clear-text', 'progress-append-only'],
        jsonReporter: { fileName: relative(PACKAGE_ROOT, reportFile) },
        tempDirName: relative(PACKAGE_ROOT, join(work, `.stryker-tmp-${tag}`)),
        cleanTempDir: 'always',
        // Stryker's incremental mode: a rerun retests only the mutants whose code or covering tests
        // changed since the last run of this part and reuses the other verdicts (it prints how many);
        // --fresh retests every mutant and starts a new record.
        incremental: true,
        force: fresh,
        incrementalFile: relative(PACKAGE_ROOT, join(work, `${tag}.incremental.json`)),
        ignorePatterns: ['bench/results', 'indexes', 'runs', '.medir-cache'],
      },
      null,
      2,
    ),
  );
  // The sandbox is a copy of the repository elsewhere: point it at this checkout's mirror.
  const env = { ...process.env, MEDIR_MIRROR: mirrorSearchPath().join(':'), MEDIR_MUTATION_TESTS: tests.join(',') };
  const run = spawnSync('npx', ['stryker', 'run', relative(PACKAGE_ROOT, strykerConfig)], { cwd: PACKAGE_ROOT, env, stdio: ['ignore', 'inherit', 'inherit'] });
  if (run.status !== 0 || !existsSync(reportFile)) throw new Error(`stryker failed on ${mutate} (exit ${run.status})`);
  return mutantsOf(tag);
}

/** The mutants of a part's last Stryker report, each with its file. */
function mutantsOf(tag: string): (Mutant & { file: string })[] {
  const reportFile = join(work, `${tag}.json`);
  const report = JSON.parse(readFileSync(reportFile, 'utf8')) as Report;
  return Object.entries(report.files).flatMap(([file, f]) => f.mutants.map((m) => ({ file, ...m })));
}

type Row = { folder: string; mutants: number; killed: number; survived: number; noCoverage: number; timeout: number; static: number; ignored: number; score: number; minutes: number; survivors: string[] };
function rowOf(folder: string, all: ReturnType<typeof runStryker>, minutes: number): Row {
  const count = (s: string) => all.filter((m) => m.status === s).length;
  const killed = count('Killed') + count('Timeout');
  const survivedList = all.filter((m) => m.status === 'Survived' || m.status === 'NoCoverage');
  const valid = all.filter((m) => !['CompileError', 'RuntimeError', 'Ignored'].includes(m.status)).length;
  return {
    folder,
    mutants: valid,
    killed,
    survived: count('Survived'),
    noCoverage: count('NoCoverage'),
    timeout: count('Timeout'),
    static: all.filter((m) => m.static).length,
    // marked equivalent in the source (`// Stryker disable next-line <mutator>: why`): left out of the score, as Stryker does
    ignored: count('Ignored'),
    score: valid ? killed / valid : NaN,
    minutes,
    survivors: survivedList.map((m) => `${m.file}:${m.location.start.line}:${m.location.start.column} ${m.mutatorName}${m.status === 'NoCoverage' ? ' (no test covers it)' : ''}: ${(m.replacement ?? '').replace(/\s+/g, ' ').slice(0, 80)}`),
  };
}

const rows: Row[] = [];
for (const folder of folders) {
  const tests = FOLDERS[folder];
  const parts = partsOf(folder);
  const chosen = parts.filter((p) => !onlyParts || onlyParts.includes(p.name));
  const all: ReturnType<typeof runStryker> = [];
  let minutes = 0;
  for (const part of chosen) {
    const started = Date.now();
    const tag = partTag(folder, part.name);
    const mutants = last ? mutantsOf(tag) : runStryker(tag, part.mutate, tests);
    // --last times nothing: its minutes column stays empty
    const row = rowOf(`${folder}${part.name === 'files' ? '*.ts' : part.name}`, mutants, last ? NaN : (Date.now() - started) / 60000);
    if (parts.length > 1) rows.push(row);
    all.push(...mutants);
    minutes += row.minutes;
  }
  // The folder's score only when every part ran (reused verdicts included).
  if (chosen.length === parts.length) rows.push(rowOf(folder, all, minutes));
}

console.log(`load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}\n`);
console.log(
  formatTable(
    ['folder', 'mutants', 'killed', 'of them timeouts', 'survived', 'no coverage', 'static', 'marked equivalent', 'score', 'minutes'],
    rows.map((r) => [r.folder, String(r.mutants), String(r.killed), String(r.timeout), String(r.survived), String(r.noCoverage), String(r.static), String(r.ignored), `${(100 * r.score).toFixed(1)}%`, Number.isNaN(r.minutes) ? '' : r.minutes.toFixed(1)]),
  ),
);
for (const r of rows.filter((r) => folders.includes(r.folder) || onlyParts)) {
  console.log(`\nsurvivors in ${r.folder} (${r.survivors.length}):`);
  for (const s of r.survivors) console.log(`  ${s}`);
}
writeFileAtomic(join(PACKAGE_ROOT, 'bench', 'results', 'mutation.json'), JSON.stringify({ loadavg: loadavg(), rows }, null, 2) + '\n');
