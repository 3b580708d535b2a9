import { Command } from 'commander';
import { MEDIR_VERSION } from '../provenance/provenance.js';
import { COMMANDS, type CommandEntry } from './commands/index.js';
import { PROGRESS_MODES, setProgressMode } from '../core/progress.js';

/** Options of the program itself; none takes a value, so the first other word is the command. */
const GLOBAL_FLAGS = new Set(['--debug', '-V', '--version', '-h', '--help']);

/**
 * The command files a command line needs: none for `--version`, the one naming its command,
 * else all of them (`--help`, no command, or an unknown one, which commander answers from the full list).
 */
function needed(args: readonly string[]): readonly CommandEntry[] {
  const word = args.find((a) => !GLOBAL_FLAGS.has(a));
  if (word === undefined && (args.includes('-V') || args.includes('--version'))) return [];
  const entry = word === undefined ? undefined : COMMANDS.find((c) => c.names.includes(word));
  return entry ? [entry] : COMMANDS;
}

/**
 * Builds the `medir` program from the command registry: for `argv` (process.argv), only the
 * commands it names; without it, every command.
 */
export async function buildProgram(argv?: readonly string[]): Promise<Command> {
  const program = new Command('medir')
    .description('Benchmark retrieval and RAG on medical text, offline: BM25 and dense indexes, TREC runs, trec_eval-exact evaluation.')
    .version(MEDIR_VERSION)
    .option('--debug', 'print stack traces on errors')
    .option('--progress <mode>', `progress on stderr: ${PROGRESS_MODES.join('|')} (json: one line per update, for job schedulers) (default: bar, or $MEDIR_PROGRESS)`)
    .hook('preAction', (cmd) => cmd.opts().progress && setProgressMode(cmd.opts().progress as string))
    // main.ts prints usage errors itself, short, with a hint (not commander's line + the whole help).
    .configureOutput({ outputError: () => {} })
    .exitOverride();
  const entries = argv ? needed(argv.slice(2)) : COMMANDS;
  const registers = await Promise.all(entries.map((e) => e.load()));
  for (const register of registers) register(program);
  return program;
}
