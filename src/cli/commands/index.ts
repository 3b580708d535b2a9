import type { Command } from 'commander';

/**
 * A CLI command file: the top-level command names it registers, and a loader for its register
 * function. Loaded only when the command line names one of them (or asks for the full help), so
 * `medir --version` and `medir eval --help` do not import every command's dependencies.
 */
export interface CommandEntry {
  names: readonly string[];
  load: () => Promise<(program: Command) => void>;
}

/** Every CLI command, in `--help` order. Adding a command = its file + one line here. */
export const COMMANDS: readonly CommandEntry[] = [
  { names: ['demo'], load: async () => (await import('./demo.js')).registerDemo },
  { names: ['index', 'run'], load: async () => (await import('./retrieval.js')).registerRetrieval },
  { names: ['worker'], load: async () => (await import('./worker.js')).registerWorker },
  { names: ['eval'], load: async () => (await import('./eval.js')).registerEval },
  { names: ['report'], load: async () => (await import('./report.js')).registerReport },
  { names: ['compare'], load: async () => (await import('./compare.js')).registerCompare },
  { names: ['fuse'], load: async () => (await import('./fuse.js')).registerFuse },
  { names: ['xling'], load: async () => (await import('./xling.js')).registerXling },
  { names: ['rewrite'], load: async () => (await import('./rewrite.js')).registerRewrite },
  { names: ['rag', 'score'], load: async () => (await import('./rag.js')).registerRag },
  { names: ['ehr'], load: async () => (await import('./ehr.js')).registerEhr },
  { names: ['arena'], load: async () => (await import('./arena.js')).registerArena },
  { names: ['experiment'], load: async () => (await import('./experiment.js')).registerExperiment },
  { names: ['qrels'], load: async () => (await import('./qrels.js')).registerQrels },
  { names: ['datasets', 'models'], load: async () => (await import('./catalog.js')).registerCatalog },
];
