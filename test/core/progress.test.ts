import { afterEach, describe, expect, it, vi } from 'vitest';
import { Progress, setProgressMode, setProgressShard, type ProgressEvent } from '../../src/core/progress.js';

afterEach(() => vi.restoreAllMocks());

function capture(): string[] {
  const lines: string[] = [];
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    lines.push(String(chunk));
    return true;
  });
  return lines;
}

describe('progress for jobs (--progress json)', () => {
  it('writes one JSON object per line with stage, shard, counts, rate and ETA', () => {
    setProgressMode('json');
    setProgressShard('2/8');
    const lines = capture();
    const p = new Progress('embed scifact', 10);
    p.tick(4);
    p.tick(6);
    p.finish();
    const events = lines.map((l) => JSON.parse(l) as ProgressEvent);
    expect(lines.every((l) => l.endsWith('\n'))).toBe(true);
    expect(events[0]).toMatchObject({ stage: 'embed scifact', shard: '2/8', done: 4, total: 10, finished: false });
    expect(events[0].docsPerSecond).toBeGreaterThan(0);
    expect(events[0].etaSeconds).toBeGreaterThanOrEqual(0);
    expect(events.at(-1)).toMatchObject({ done: 10, total: 10, finished: true, etaSeconds: 0 });
  });

  it('refuses an unknown mode, naming the option', () => {
    expect(() => setProgressMode('xml')).toThrow(/--progress: expected one of bar, json, none, got 'xml'/);
  });

  it('writes nothing with --progress none', () => {
    setProgressMode('none');
    const lines = capture();
    const p = new Progress('x', 2);
    p.tick(2);
    p.finish();
    expect(lines).toEqual([]);
  });
});
