import { ARENA_SECTIONS, formatArena, type ArenaReport } from '../arena/format.js';
import { readJudgments } from '../arena/judgments.js';
import { buildLeaderboard, type BootstrapSpec, type TiePolicy } from '../arena/leaderboard.js';
import { positionBias } from '../arena/position-bias.js';
import { winRateMatrix } from '../arena/win-rate.js';
import { MedirError } from '../core/errors.js';

// The arena section of a report: the numbers of `medir arena leaderboard` (same functions, same
// defaults), so the page and the CLI never disagree.

/** The bootstrap of `medir arena leaderboard`'s defaults (200 tournaments over all queries, seed 42). */
export const REPORT_ARENA_BOOTSTRAP: BootstrapSpec = { tournaments: 200, seed: 42 };

export interface ArenaSectionData {
  file: string;
  ties: TiePolicy;
  /** Absent when the judgments give no fit; `error` says why (on the page and on stderr). */
  report?: ArenaReport;
  error?: string;
}

/**
 * Reads a judgments file and computes the leaderboard, win-rate matrix and position bias. A file
 * that does not parse is an error (file:line); one whose Bradley–Terry MLE does not exist is reported.
 */
export async function arenaSection(file: string, ties: TiePolicy, boot: BootstrapSpec = REPORT_ARENA_BOOTSTRAP): Promise<ArenaSectionData> {
  const judgments = await readJudgments(file);
  try {
    const leaderboard = buildLeaderboard(judgments, ties, boot, file);
    return { file, ties, report: { leaderboard, winRate: winRateMatrix(judgments, leaderboard.rows.map((r) => r.model), ties), positionBias: positionBias(judgments) } };
  } catch (err) {
    if (err instanceof MedirError && err.code === 'BAD_INPUT') return { file, ties, error: `arena: ${err.message}${err.hint ? ` (${err.hint})` : ''}` };
    throw err;
  }
}

/** The arena section as Markdown: `medir arena leaderboard --format markdown`'s tables, or why there are none. */
export function arenaMarkdown(a: ArenaSectionData): string {
  return `## Arena (${a.file})\n\n${a.report ? formatArena(a.report, 'markdown', ARENA_SECTIONS) : `_No leaderboard: ${a.error}_\n`}`;
}
