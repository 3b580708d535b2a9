import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { MedirError } from '../core/errors.js';

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Takes `<dir>/experiment.lock` (holding our pid) or refuses: a second `experiment run` on the same
 * folder would interleave writes. A lock whose process is gone (killed) is stale and taken over.
 * Returns the release function.
 */
export function lockFolder(dir: string): () => void {
  const file = join(dir, 'experiment.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(file, 'wx');
      writeSync(fd, `${process.pid}\n`);
      closeSync(fd);
      return () => rmSync(file, { force: true });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const pid = Number.parseInt(readFileSync(file, 'utf8'), 10);
      if (Number.isInteger(pid) && pid > 0 && alive(pid)) {
        throw new MedirError('BAD_INPUT', `${dir}: another experiment run (pid ${pid}) is using this folder`, `wait for it to finish, or pass another --out`);
      }
      rmSync(file, { force: true }); // stale: its process is gone
    }
  }
  throw new MedirError('BAD_INPUT', `${file}: could not take the lock`);
}
