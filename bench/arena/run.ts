/**
 * Arena figures: the golden Bradley–Terry fit against choix, and the surrogate judge on a seeded
 * synthetic set with known weights (plus a pure-noise feature).
 *   npx tsx bench/arena/run.ts
 * Prints tables and writes bench/results/arena.json.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FeatureName } from '../../src/arena/features/features.js';
import { readJudgments } from '../../src/arena/judgments.js';
import { buildLeaderboard } from '../../src/arena/leaderboard.js';
import { surrogateReport } from '../../src/arena/surrogate.js';
import { syntheticArena } from '../../src/arena/synthetic.js';
import { formatTable } from '../../src/core/table.js';
import { writeFileAtomic } from '../../src/io/atomic.js';
import { PACKAGE_ROOT, mirrorSearchPath } from '../../src/mirror/locations.js';

async function main() {
  const dir = mirrorSearchPath().map((m) => join(m, 'data', 'arena-synthetic')).find((d) => { try { readFileSync(join(d, 'judgments.jsonl')); return true; } catch { return false; } })!;
  const reference = JSON.parse(readFileSync(join(dir, 'bt_full_reference.json'), 'utf8')).strengths as Record<string, number>;
  const judgments = await readJudgments(join(dir, 'judgments.jsonl'));
  const board = buildLeaderboard(judgments, 'drop', { tournaments: 200, seed: 42 });
  const maxDiff = Math.max(...board.rows.map((r) => Math.abs(r.theta - reference[r.model])));
  console.log(`golden: ${board.rows.length} models, max |θ − choix ilsr_pairwise| = ${maxDiff.toExponential(2)}; bootstrap 200 × ${board.bootstrap!.queries}: ${board.bootstrap!.flagged} flagged`);

  const features: FeatureName[] = ['citation_precision', 'reference_f1', 'length', 'citation_support'];
  const weights = [1.2, -0.8, 0.5, 0];
  const { table, judgments: synthetic } = syntheticArena({ seed: 20260126, features, weights, queries: 150, systems: 6 });
  const r = surrogateReport(synthetic, table, features, { folds: 5, seed: 3, ties: 'drop' });
  console.log(
    formatTable(
      ['feature', 'true w', 'fitted w', '95% CI'],
      r.features.map((f, k) => {
        const scale = f.weight / f.perUnit;
        return [f.name, weights[k].toFixed(2), f.perUnit.toFixed(3), `${(f.low / scale).toFixed(3)} – ${(f.high / scale).toFixed(3)}`];
      }),
    ),
  );
  console.log(`surrogate: held-out agreement ${r.heldOut.agreement.toFixed(4)} (${r.heldOut.n} verdicts, 5 folds); shuffled features ${r.heldOut.shuffledAgreement.toFixed(4)}; Kendall τ-b vs judge ${r.tau.toFixed(4)}`);
  writeFileAtomic(join(PACKAGE_ROOT, 'bench', 'results', 'arena.json'), JSON.stringify({ golden: { maxDiff, models: board.rows.length }, surrogate: { weights, report: r } }, null, 2) + '\n');
}

await main();
