import type { Command } from 'commander';
import { registerCatalog } from './catalog.js';

/** Every CLI command, in `--help` order. Adding a command = its file + one line here. */
export const COMMANDS: ReadonlyArray<(program: Command) => void> = [
  registerCatalog,
];
