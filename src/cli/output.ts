import { writeFileAtomic } from '../io/atomic.js';

/** Writes a report to `out` (atomically) or stdout. */
export function emit(text: string, out?: string): void {
  if (out) writeFileAtomic(out, text);
  else process.stdout.write(text);
}
