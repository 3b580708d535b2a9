import { CommanderError } from 'commander';
import { MedirError } from '../core/errors.js';
import { buildProgram } from './program.js';

/** Runs the CLI: MedirErrors print message + hint and exit non-zero (2 for usage errors); stacks only with --debug. */
async function main(argv: string[]): Promise<number> {
  try {
    const program = await buildProgram(argv);
    await program.parseAsync(argv);
    return 0;
  } catch (err) {
    if (err instanceof CommanderError) return err.exitCode === 0 ? 0 : 2;
    const debug = argv.includes('--debug');
    if (err instanceof MedirError) {
      process.stderr.write(`medir: error: ${err.message}\n${err.hint ? `hint: ${err.hint}\n` : ''}`);
      if (debug) process.stderr.write(`${err.stack}\n`);
      return err.code === 'BAD_OPTION' || err.code === 'UNKNOWN_NAME' ? 2 : 1;
    }
    process.stderr.write(`medir: unexpected error: ${(err as Error).message}\n${debug ? `${(err as Error).stack}\n` : 'hint: rerun with --debug for the stack trace\n'}`);
    return 1;
  }
}

process.exitCode = await main(process.argv);
