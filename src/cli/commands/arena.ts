import { Option, type Command } from 'commander';
import { ARENA_FORMATS, ARENA_SECTIONS, formatArena, type ArenaFormat, type ArenaReport, type ArenaSection } from '../../arena/format.js';
import { readJudgments } from '../../arena/judgments.js';
import { leaderboardTau } from '../../arena/kendall.js';
import { buildLeaderboard, leaderboardsBy, TIE_POLICIES, type TiePolicy } from '../../arena/leaderboard.js';
import { positionBias } from '../../arena/position-bias.js';
import { winRateMatrix } from '../../arena/win-rate.js';
import { positiveInt } from '../common.js';
import { emit } from './eval.js';

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

export function registerArena(program: Command): void {
  const arena = program.command('arena').description('RAG arena: pairwise LLM judging of answers, Bradley–Terry leaderboards, heuristic features and a surrogate judge');
  arena
    .command('leaderboard <judgments>')
    .description("Bradley–Terry leaderboard (strength, Elo, bootstrap interval) of pairwise judgments in MIRAGE-Bench's schema, with the win-rate matrix and position bias")
    .addOption(new Option('--ties <policy>', 'ties: drop (MIRAGE-Bench) or half a win each (Chatbot Arena)').choices(TIE_POLICIES).default('drop'))
    .option('--bootstrap <n>', 'bootstrap tournaments over queries (0: none)', nonNegativeInt('--bootstrap'), 200)
    .option('--bootstrap-queries <m>', 'queries drawn with replacement per tournament [default: all of them]', positiveInt('--bootstrap-queries'))
    .option('--seed <n>', 'bootstrap seed', positiveInt('--seed'), 42)
    .option('--by <field>', 'also one leaderboard per value of this judgment field (e.g. lang)')
    .option('--compare <judgments>', "Kendall τ-b between this leaderboard and another judgments file's")
    .addOption(new Option('--show <sections...>', 'sections to print').choices(ARENA_SECTIONS).default([...ARENA_SECTIONS]))
    .addOption(new Option('--format <format>', 'output format').choices(ARENA_FORMATS).default('table'))
    .option('--out <file>', 'write the report here instead of stdout')
    .addHelpText('after', '\nExamples:\n  medir arena leaderboard judgments.jsonl --ties half --format markdown\n  medir arena leaderboard judgments.jsonl --show leaderboard --format csv --by lang')
    .action(leaderboardCommand);
}
