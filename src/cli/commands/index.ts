import type { Command } from 'commander';
import { registerCatalog } from './catalog.js';
import { registerDemo } from './demo.js';
import { registerRetrieval } from './retrieval.js';

/** Every CLI command, in `--help` order. Adding a command = its file + one line here. */
export const COMMANDS: ReadonlyArray<(program: Command) => void> = [
  registerDemo,
  registerRetrieval,
  registerCatalog,
];
