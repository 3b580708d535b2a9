import { MedirError } from '../core/errors.js';

/** zlib and fs codes in words: the raw messages ("incorrect header check") do not say which file or what to do. */
const WHAT: Record<string, string> = {
  Z_BUF_ERROR: 'the gzip stream is truncated',
  Z_DATA_ERROR: 'not a valid gzip file (or a damaged one)',
  EISDIR: 'is a folder, not a file',
  EACCES: 'permission denied',
};

/**
 * An I/O failure while reading a notes file, as a MedirError naming the file. The message comes
 * from the error's code, never from the bytes read (they are note text).
 */
export function notesReadError(file: string, err: unknown): Error {
  if (err instanceof MedirError) return err;
  const code = (err as NodeJS.ErrnoException).code ?? '';
  return new MedirError('BAD_INPUT', `${file}: cannot read the notes file: ${WHAT[code] ?? (code || 'read error')}`);
}
