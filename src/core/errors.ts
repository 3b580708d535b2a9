/**
 * The one error type medir throws on purpose. `code` is stable (scripts may match on it);
 * `message` names the file and line or the option; `hint` says what to do next.
 * The CLI prints message + hint and exits non-zero; stacks only with --debug.
 */
export type ErrorCode =
  | 'BAD_INPUT'
  | 'MISSING_FILE'
  | 'UNKNOWN_NAME'
  | 'BAD_OPTION'
  | 'OFFLINE'
  | 'CHECKSUM'
  | 'DOWNLOAD'
  | 'MODEL'
  | 'INDEX'
  | 'GENERATOR'
  | 'STORAGE';

export class MedirError extends Error {
  readonly code: ErrorCode;
  readonly hint?: string;

  constructor(code: ErrorCode, message: string, hint?: string) {
    super(message);
    this.name = 'MedirError';
    this.code = code;
    this.hint = hint;
  }
}

/** `file:line: what was expected` — the shape of every malformed-input error. */
export function inputError(file: string, line: number, what: string): MedirError {
  return new MedirError('BAD_INPUT', `${file}:${line}: ${what}`);
}

/** "unknown X 'y'; valid: a, b, c" built from a registry's keys, never a hand-kept list. */
export function unknownName(kind: string, name: string, valid: readonly string[], hint?: string): MedirError {
  return new MedirError('UNKNOWN_NAME', `unknown ${kind} '${name}'; valid: ${valid.join(', ')}`, hint);
}
