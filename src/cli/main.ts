import { CommanderError, type Command } from 'commander';
import { MedirError } from '../core/errors.js';
import { buildProgram } from './program.js';
import { quietOnClosedPipe } from './pipes.js';

/** The subcommand an argument list names (`rag score …` → the `score` command under `rag`), for the help hint. */
function commandPath(program: Command, args: readonly string[]): string {
  let cmd = program;
  const path = [program.name()];
  for (const word of args) {
    if (word.startsWith('-')) break;
    const sub = cmd.commands.find((c) => c.name() === word || c.aliases().includes(word));
    if (!sub) break;
    cmd = sub;
    path.push(sub.name());
  }
  return path.join(' ');
}

/**
 * Commander's usage error as two short lines: what was wrong, and where to look
 * (the valid choices when it names them) — never the whole help.
 */
function usageError(err: CommanderError, path: string): string {
  const text = err.message.replace(/^error: /, '');
  const choices = /^(.*?)\.? Allowed choices are (.*?)\.?$/s.exec(text);
  const [what, valid] = choices ? [choices[1], `valid: ${choices[2]}; `] : [text, ''];
  return `medir: error: ${what}\nhint: ${valid}see \`${path} --help\`\n`;
}

/** Runs the CLI: MedirErrors print message + hint and exit non-zero (2 for usage errors); stacks only with --debug. */
async function main(argv: string[]): Promise<number> {
  quietOnClosedPipe();
  let program: Command | undefined;
  try {
    program = await buildProgram(argv);
    await program.parseAsync(argv);
    return 0;
  } catch (err) {
    if (err instanceof CommanderError) {
      if (err.exitCode === 0) return 0;
      process.stderr.write(usageError(err, program ? commandPath(program, argv.slice(2)) : 'medir'));
      return 2;
    }
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
