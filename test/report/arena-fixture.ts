import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { mirrorSearchPath } from '../../src/mirror/locations.js';

/** The synthetic arena judgments of the offline mirror (../shared/data/arena-synthetic). */
export const SYNTHETIC_JUDGMENTS = mirrorSearchPath().map((m) => join(m, 'data', 'arena-synthetic', 'judgments.jsonl')).find((f) => existsSync(f))!;
