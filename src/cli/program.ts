import { Command } from 'commander';
import { MEDIR_VERSION } from '../provenance/provenance.js';
import { COMMANDS } from './commands/index.js';

/** Builds the `medir` program from the command registry. */
export function buildProgram(): Command {
  const program = new Command('medir')
    .description('Benchmark retrieval and RAG on medical text, offline: BM25 and dense indexes, TREC runs, trec_eval-exact evaluation.')
    .version(MEDIR_VERSION)
    .option('--debug', 'print stack traces on errors')
    .showHelpAfterError()
    .exitOverride();
  for (const register of COMMANDS) register(program);
  return program;
}
