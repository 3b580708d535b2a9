import { existsSync, readFileSync } from 'node:fs';
import { MedirError, type ErrorCode } from '../core/errors.js';

/**
 * A JSON file of medir's own (a manifest, a sidecar) or of a model folder; undefined where there is
 * none. Invalid JSON or an unreadable path (a folder, no permission) is a MedirError naming the file,
 * never a bare SyntaxError.
 */
export function readJsonFile<T>(file: string, code: ErrorCode, hint?: string): T | undefined {
  if (!existsSync(file)) return undefined;
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as T;
  } catch (err) {
    throw new MedirError(code, `${file}: ${err instanceof SyntaxError ? 'invalid JSON' : 'cannot read'} (${(err as Error).message})`, hint);
  }
}
