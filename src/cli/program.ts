import { Command } from 'commander';
import { MEDIR_VERSION } from '../index/manifest.js';
import { COMMANDS } from './commands/index.js';
import { PROGRESS_MODES, setProgressMode } from '../core/progress.js';

/** Builds the `medir` program from the command registry. */
export function buildProgram(): Command {
  const program = new Command('medir')
    .description('Benchmark retrieval and RAG on medical text, offline: BM25 and dense indexes, TREC runs, trec_eval-exact evaluation.')
    .version(MEDIR_VERSION)
    .option('--debug', 'print stack traces on errors')
    .option('--progress <mode>', `progress on stderr: ${PROGRESS_MODES.join('|')} (json: one line per update, for job schedulers) [default: bar, or $MEDIR_PROGRESS]`)
    .hook('preAction', (cmd) => cmd.opts().progress && setProgressMode(cmd.opts().progress as string))
    .showHelpAfterError()
    .exitOverride();
  for (const register of COMMANDS) register(program);
  return program;
}
