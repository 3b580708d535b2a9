import { Option, type Command } from 'commander';
import { answerFeatures, FEATURE_NAMES, FEATURES, systemMeans, type AnswerFeatures, type FeatureName } from '../../arena/features/features.js';
import { loadSupportScorer } from '../../arena/features/support.js';
import { predictUnjudged, surrogateReport, usableFeatures } from '../../arena/surrogate.js';
import { readQrels } from '../../formats/qrels.js';
import { MedirError } from '../../core/errors.js';
import { renderRows } from '../../evaluate/format/render.js';
import { ARENA_FORMATS, ARENA_SECTIONS, formatArena, formatSurrogate, type ArenaFormat, type ArenaReport, type ArenaSection } from '../../arena/format.js';
import { parseJudgment, readJudgments } from '../../arena/judgments.js';
import { leaderboardTau } from '../../arena/kendall.js';
import { buildLeaderboard, leaderboardsBy, TIE_POLICIES, type TiePolicy } from '../../arena/leaderboard.js';
import { positionBias } from '../../arena/position-bias.js';
import { winRateMatrix } from '../../arena/win-rate.js';
import { parseBudget } from '../../arena/pairs.js';
import { readAnswers } from '../../arena/answers.js';
import { judgeAnswers, ORDER_CONFLICTS, ORDERS, type JudgeRun } from '../../arena/judge.js';
import { JUDGE_PROMPT_VERSION, judgePrompt } from '../../arena/prompt.js';
import { createCachedGenerator } from '../../generate/cache.js';
import { GENERATORS } from '../../generate/registry.js';
import type { GeneratorDefinition } from '../../generate/generator.js';
import { readQueriesJsonl } from '../../formats/beir.js';
import { MEDIR_VERSION } from '../../provenance/provenance.js';
import { writeFileAtomic } from '../../io/atomic.js';
import { addLocationOptions, addParamOptions, locationsFrom, positiveInt, type LocationFlags } from '../common.js';
import { emit } from '../output.js';

interface LeaderboardFlags {
  ties: TiePolicy;
  bootstrap: number;
  bootstrapQueries?: number;
  seed: number;
  by?: string;
  compare?: string;
  show: ArenaSection[];
  format: ArenaFormat;
  out?: string;
}

function nonNegativeInt(flag: string) {
  return (value: string): number => (value === '0' ? 0 : positiveInt(flag)(value));
}

async function leaderboardCommand(file: string, flags: LeaderboardFlags): Promise<void> {
  const judgments = await readJudgments(file);
  const boot = flags.bootstrap > 0 ? { tournaments: flags.bootstrap, queries: flags.bootstrapQueries, seed: flags.seed } : undefined;
  const leaderboard = buildLeaderboard(judgments, flags.ties, boot, file);
  const report: ArenaReport = {
    leaderboard,
    winRate: winRateMatrix(judgments, leaderboard.rows.map((r) => r.model), flags.ties),
    positionBias: positionBias(judgments),
  };
  if (flags.by) report.slices = { by: flags.by, boards: leaderboardsBy(judgments, flags.by, flags.ties, boot) };
  if (flags.compare) {
    const other = buildLeaderboard(await readJudgments(flags.compare), flags.ties, undefined, flags.compare);
    const strengths = (rows: typeof leaderboard.rows) => new Map(rows.map((r) => [r.model, r.theta]));
    report.tau = { other: flags.compare, ...leaderboardTau(strengths(leaderboard.rows), strengths(other.rows)) };
  }
  emit(formatArena(report, flags.format, flags.show), flags.out);
}

interface JudgeFlags extends LocationFlags {
  answers: string[];
  queries?: string;
  generator: string;
  pairs: string;
  sampleSeed: number;
  orders: JudgeRun['orders'];
  orderConflict: JudgeRun['orderConflict'];
  out: string;
  [param: string]: unknown;
}

/** `judgments.jsonl` → `judgments.manifest.json`. */
function manifestPath(out: string): string {
  return out.replace(/(\.jsonl)?$/, '.manifest.json');
}

async function judgeCommand(flags: JudgeFlags): Promise<void> {
  const loc = locationsFrom(flags);
  const answers = await readAnswers(flags.answers);
  const questions = flags.queries ? new Map((await readQueriesJsonl(flags.queries)).map((q) => [q.id, q.text])) : undefined;
  const generator = await createCachedGenerator(flags.generator, flags, loc);
  const budget = parseBudget(flags.pairs);
  const result = await judgeAnswers(answers, { generator, budget, seed: flags.sampleSeed, orders: flags.orders, orderConflict: flags.orderConflict, questions });
  const s = result.stats;
  writeFileAtomic(flags.out, result.lines.map((l) => l + '\n').join(''));
  const calls = generator.stats?.() ?? {};
  const bias = positionBias(result.lines.map((l, i) => parseJudgment(JSON.parse(l) as Record<string, unknown>, flags.out, i + 1)));
  const manifest = {
    medirVersion: MEDIR_VERSION,
    createdAt: new Date().toISOString(),
    answers: flags.answers,
    judge: { name: result.judge, generator: generator.id, config: generator.config },
    prompt: { version: JUDGE_PROMPT_VERSION, path: judgePrompt().path, sha256: judgePrompt().sha256 },
    pairs: flags.pairs,
    sampleSeed: flags.sampleSeed,
    orders: flags.orders,
    orderConflict: flags.orderConflict,
    stats: { ...s, calls: calls.calls ?? 0, cacheHits: calls.cacheHits ?? 0 },
    positionBias: bias,
  };
  writeFileAtomic(manifestPath(flags.out), JSON.stringify(manifest, null, 2) + '\n');
  const single = s.singleSystemQueries.length ? `; skipped ${s.singleSystemQueries.length} queries with a single system (${s.singleSystemQueries.slice(0, 5).join(', ')}${s.singleSystemQueries.length > 5 ? ', …' : ''})` : '';
  process.stdout.write(
    `${s.judgments} judgments of ${s.pairs} pairs over ${s.queries} queries → ${flags.out}\n` +
      `judge ${result.judge}, prompt ${JUDGE_PROMPT_VERSION} (sha256 ${judgePrompt().sha256.slice(0, 12)}); ${s.replies} replies: ${calls.calls ?? 0} calls, ${calls.cacheHits ?? 0} from cache; ` +
      `${s.unparsable} unparsable (${s.pairsWithoutVerdict} pairs without a verdict)${single}\n` +
      `position bias: the first-shown answer won ${bias.firstWins} of ${bias.nonTies} non-tie verdicts` +
      (bias.bothOrders.pairs ? `; ${bias.bothOrders.flipped} of ${bias.bothOrders.pairs} pairs judged in both orders flipped with the order\n` : '\n'),
  );
}

interface FeatureFlags extends LocationFlags {
  answers: string[];
  qrels?: string;
  supportModel?: string;
  format: ArenaFormat;
  out?: string;
}

/** Every answer's features, with the qrels and the support model the flags name. */
async function featuresFrom(flags: FeatureFlags): Promise<AnswerFeatures[]> {
  const answers = await readAnswers(flags.answers);
  const qrels = flags.qrels ? await readQrels(flags.qrels) : undefined;
  const support = flags.supportModel ? await loadSupportScorer(flags.supportModel, locationsFrom(flags)) : undefined;
  return answerFeatures(answers, { qrels, support });
}

async function featuresCommand(flags: FeatureFlags): Promise<void> {
  const table = await featuresFrom(flags);
  if (flags.out) writeFileAtomic(flags.out, table.map((f) => JSON.stringify({ query_id: f.queryId, system: f.system, detected_lang: f.detectedLang, ...f.values }) + '\n').join(''));
  const rows = systemMeans(table);
  if (flags.format === 'json') {
    const systems = Object.fromEntries(rows.map((r) => [r.system, Object.fromEntries(FEATURE_NAMES.map((n) => [n, Number.isNaN(r.means[n]) ? null : r.means[n]]))]));
    return emit(JSON.stringify({ systems, features: FEATURES }, null, 2) + '\n');
  }
  emit(renderRows(flags.format, ['system', 'answers', ...FEATURE_NAMES], rows.map((r) => [r.system, String(r.answers), ...FEATURE_NAMES.map((n) => (Number.isNaN(r.means[n]) ? '' : r.means[n].toFixed(4)))])));
}

interface SurrogateFlags extends FeatureFlags {
  judgments: string;
  features?: string;
  folds: number;
  seed: number;
  ties: TiePolicy;
}

function featureList(text: string | undefined, table: readonly AnswerFeatures[]): FeatureName[] {
  if (!text) return usableFeatures(table, FEATURE_NAMES);
  const names = text.split(',').map((s) => s.trim());
  const bad = names.filter((n) => !(n in FEATURES));
  if (bad.length) throw new MedirError('BAD_OPTION', `--features: unknown feature '${bad[0]}'; valid: ${FEATURE_NAMES.join(', ')}`);
  // A feature with no value, or one value for every answer, has no weight to learn: its fit would be a number with no meaning.
  const usable = usableFeatures(table, names as FeatureName[]);
  const flat = names.find((n) => !usable.includes(n as FeatureName));
  if (flat) throw new MedirError('BAD_OPTION', `--features: '${flat}' has no value or the same value for every answer, so it cannot be weighed (citation features need --qrels)`);
  return usable;
}

async function surrogateCommand(flags: SurrogateFlags): Promise<void> {
  const table = await featuresFrom(flags);
  const judgments = await readJudgments(flags.judgments);
  const names = featureList(flags.features, table);
  const report = surrogateReport(judgments, table, names, { folds: flags.folds, seed: flags.seed, ties: flags.ties });
  if (flags.out) writeFileAtomic(flags.out, predictUnjudged(judgments, table, names).map((l) => l + '\n').join(''));
  emit(formatSurrogate(report, flags.format));
}

const textGenerators = () => (Object.values(GENERATORS) as GeneratorDefinition[]).filter((d) => d.kind === 'text');

export function registerArena(program: Command): void {
  const arena = program.command('arena').description('RAG arena: pairwise LLM judging of answers, Bradley–Terry leaderboards, heuristic features and a surrogate judge')
    .addHelpText('after', '\nExamples:\n  medir arena leaderboard ../shared/data/arena-synthetic/judgments.jsonl\n  medir arena judge --help');
  arena
    .command('leaderboard <judgments>')
    .description("Bradley–Terry leaderboard (strength, Elo, bootstrap interval) of pairwise judgments in MIRAGE-Bench's schema, with the win-rate matrix and position bias")
    .addOption(new Option('--ties <policy>', 'ties: drop (MIRAGE-Bench) or half a win each (Chatbot Arena)').choices(TIE_POLICIES).default('drop'))
    .option('--bootstrap <n>', 'bootstrap tournaments over queries (0: none)', nonNegativeInt('--bootstrap'), 200)
    .option('--bootstrap-queries <m>', 'queries drawn with replacement per tournament (default: all of them)', positiveInt('--bootstrap-queries'))
    .option('--seed <n>', 'bootstrap seed', positiveInt('--seed'), 42)
    .option('--by <field>', 'also one leaderboard per value of this judgment field (e.g. lang)')
    .option('--compare <judgments>', "Kendall τ-b between this leaderboard and another judgments file's")
    .addOption(new Option('--show <sections...>', 'sections to print').choices(ARENA_SECTIONS).default([...ARENA_SECTIONS]))
    .addOption(new Option('--format <format>', 'output format').choices(ARENA_FORMATS).default('table'))
    .option('--out <file>', 'write the report here instead of stdout')
    .addHelpText('after', '\nExamples:\n  medir arena leaderboard judgments.jsonl --ties half --format markdown\n  medir arena leaderboard judgments.jsonl --show leaderboard --format csv --by lang')
    .action(leaderboardCommand);
  const judge = arena
    .command('judge')
    .description("asks an LLM judge to compare the answers of two or more systems pair by pair (both orders by default); writes judgments in MIRAGE-Bench's schema")
    .requiredOption('--answers <files...>', 'answers: `medir rag` predictions.jsonl or JSONL with query_id, system, answer (name=path names the system)')
    .option('--queries <file>', 'queries.jsonl (_id, text) for answers without a "question" field')
    .addOption(new Option('--generator <name>', 'the judge').choices(textGenerators().map((d) => d.name)).default('openai-compatible'))
    .option('--pairs <budget>', 'all | sample:N (N seeded pairs per query) | tournament (seeded single elimination)', 'all')
    .option('--sample-seed <n>', 'seed of the pair sample, the single order and the tournament draw', positiveInt('--sample-seed'), 42)
    .addOption(new Option('--orders <which>', 'judge each pair in both orders, or in one seeded order').choices(ORDERS).default('both'))
    .addOption(new Option('--order-conflict <how>', 'a verdict that flips with the order: a tie, or one line per order').choices(ORDER_CONFLICTS).default('tie'))
    .requiredOption('--out <file>', 'judgments.jsonl to write (its manifest goes beside it)')
    .addHelpText('after', '\nExample:\n  medir arena judge --answers bm25=runs/a/predictions.jsonl dense=runs/b/predictions.jsonl --queries queries.jsonl \\\n    --base-url http://127.0.0.1:8000/v1 --llm-model Qwen/Qwen2.5-7B-Instruct --out judgments.jsonl');
  addParamOptions(addLocationOptions(judge), textGenerators().flatMap((d) => d.params)).action(judgeCommand);

  const featureOptions = (cmd: Command) =>
    addLocationOptions(cmd)
      .requiredOption('--answers <files...>', 'answers, as for `arena judge`')
      .option('--qrels <file>', 'qrels for citation precision/recall/MAP (TREC or BEIR tsv)')
      .option('--support-model <name|dir>', 'cross-encoder for citation support (tiny-random-bert-cross-encoder: code path only)')
      .addOption(new Option('--format <format>', 'output format').choices(ARENA_FORMATS).default('table'));
  featureOptions(arena.command('features').description(`heuristic features of each answer, no LLM: ${FEATURE_NAMES.join(', ')}`))
    .option('--out <file>', 'write every answer\'s features as JSONL')
    .addHelpText('after', '\nExample:\n  medir arena features --answers bm25=a/predictions.jsonl dense=b/predictions.jsonl --qrels qrels/test.tsv --support-model tiny-random-bert-cross-encoder')
    .action(featuresCommand);
  featureOptions(arena.command('surrogate').description('surrogate judge: logistic regression of judged verdicts on answer feature differences; held-out agreement and Kendall τ with the judge\'s leaderboard'))
    .requiredOption('--judgments <file>', 'judgments of (some of) the answers\' pairs')
    .option('--features <list>', 'features to use, comma-separated (default: those that vary)')
    .option('--folds <n>', 'query folds for held-out agreement', positiveInt('--folds'), 5)
    .option('--seed <n>', 'seed of the folds and the shuffled control', positiveInt('--seed'), 42)
    .addOption(new Option('--ties <policy>', "ties in the judge's leaderboard").choices(TIE_POLICIES).default('drop'))
    .option('--out <file>', 'write surrogate verdicts for the pairs the judge did not judge (JSONL, judge "surrogate")')
    .addHelpText('after', '\nExample:\n  medir arena surrogate --answers bm25=a/predictions.jsonl dense=b/predictions.jsonl --judgments judgments.jsonl --qrels qrels/test.tsv --out predicted.jsonl')
    .action(surrogateCommand);
}
