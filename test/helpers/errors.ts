import { MedirError } from '../../src/core/errors.js';

export async function collect<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}

/** The MedirError `work` fails with; any other outcome fails the test. */
export async function medirErrorOf(work: () => unknown): Promise<MedirError> {
  try {
    await work();
  } catch (err) {
    if (!(err instanceof MedirError)) throw err;
    return err;
  }
  throw new Error('expected a MedirError, got success');
}
