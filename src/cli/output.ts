import { Option } from 'commander';
import { writeFileAtomic } from '../io/atomic.js';

/** Writes a report to `out` (atomically) or stdout. */
export function emit(text: string, out?: string): void {
  if (out) writeFileAtomic(out, text);
  else process.stdout.write(text);
}

/** The formats every command that prints results takes; JSON is the plain result object, its schema in schemas/. */
export const OUTPUT_FORMATS = ['table', 'markdown', 'csv', 'json'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

/**
 * The one `--format` option: table (the default), markdown, csv, json, plus a command's own
 * extras (`trec_eval` for eval, `latex` for compare).
 */
export function formatOption(extra: readonly string[] = []): Option {
  return new Option('--format <format>', `output format; json follows schemas/<command>.schema.json`).choices([...OUTPUT_FORMATS, ...extra]).default('table');
}

/** A plain result object as the JSON the schemas describe: two-space indented, newline-terminated. */
export function toJson(value: unknown): string {
  return JSON.stringify(value, null, 2) + '\n';
}

/** A command's older `--json` flag, kept for scripts, is `--format json`. */
export function withJsonAlias<T extends { format: string; json?: boolean }>(flags: T): T {
  return flags.json ? { ...flags, format: 'json' } : flags;
}
