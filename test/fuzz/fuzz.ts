import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect } from 'vitest';
import fc from 'fast-check';
import { MedirError } from '../../src/core/errors.js';

/**
 * Cases per property: a bounded number in CI (the whole fuzz suite stays under about a minute),
 * more with MEDIR_FUZZ_RUNS=N. Failures print fast-check's seed and path to replay them.
 */
export const RUNS = Number(process.env.MEDIR_FUZZ_RUNS ?? 40);

/** Time allowed to one case: a loader that hangs on some input fails the property. */
export const CASE_MS = Number(process.env.MEDIR_FUZZ_CASE_MS ?? 5000);

export function params(runs = RUNS): fc.Parameters<unknown> {
  return { numRuns: runs, endOnFailure: true };
}

/** `work` within CASE_MS, or a failure saying it hung. */
export async function bounded<T>(work: () => Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const hang = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`no result within ${CASE_MS} ms (a hang)`)), CASE_MS)));
  try {
    return await Promise.race([work(), hang]);
  } finally {
    clearTimeout(timer);
  }
}

/** The outcome of `work`: its value, or the error it threw. */
export async function outcome<T>(work: () => Promise<T>): Promise<{ value: T } | { error: unknown }> {
  try {
    return { value: await bounded(work) };
  } catch (error) {
    if (error instanceof Error && error.message.includes('(a hang)')) throw error;
    return { error };
  }
}

/**
 * What an invalid input may give: a MedirError whose message begins with the file and, when
 * `line` is given, that line — never another error, a stack in the message, or success.
 */
export function expectCleanError(result: { value: unknown } | { error: unknown }, file: string, line?: number | RegExp): void {
  expect('error' in result, `accepted an invalid input of ${file}`).toBe(true);
  const error = (result as { error: unknown }).error;
  if (!(error instanceof MedirError)) throw error;
  expect(error.message.startsWith(`${file}:`) || error.message.startsWith(`${file} `), error.message).toBe(true);
  if (typeof line === 'number') expect(error.message.startsWith(`${file}:${line}:`), error.message).toBe(true);
  if (line instanceof RegExp) expect(error.message.slice(file.length)).toMatch(line);
  expect(error.message).not.toMatch(/\n\s+at /);
}

/** Ids TREC files and BEIR loaders accept: no whitespace, non-empty. */
export const idArb = fc.stringMatching(/^[A-Za-z0-9_.:-]{1,12}$/);

/** Free text: any Unicode, quotes, commas, tabs and newlines included. */
export const textArb = fc.string({ unit: 'grapheme', maxLength: 60 });

/** One temp folder for every case of a file (cases overwrite their files), removed after all. */
export function scratch(): string {
  const dir = mkdtempSync(join(tmpdir(), 'medir-fuzz-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}
