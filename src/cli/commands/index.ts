import type { Command } from 'commander';
import { registerArena } from './arena.js';
import { registerCatalog } from './catalog.js';
import { registerCompare } from './compare.js';
import { registerDemo } from './demo.js';
import { registerEhr } from './ehr.js';
import { registerEval } from './eval.js';
import { registerFuse } from './fuse.js';
import { registerRag } from './rag.js';
import { registerRetrieval } from './retrieval.js';
import { registerRewrite } from './rewrite.js';
import { registerXling } from './xling.js';

/** Every CLI command, in `--help` order. Adding a command = its file + one line here. */
export const COMMANDS: ReadonlyArray<(program: Command) => void> = [
  registerDemo,
  registerRetrieval,
  registerEval,
  registerCompare,
  registerFuse,
  registerXling,
  registerRewrite,
  registerRag,
  registerEhr,
  registerArena,
  registerCatalog,
];
