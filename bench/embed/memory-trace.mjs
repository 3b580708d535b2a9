// Preload for bench/embed/README.md's memory profile: `node --import ./bench/embed/memory-trace.mjs bin/medir …`
// writes the process's memory (RSS, V8 heap used, external and ArrayBuffer memory, MB) to stderr
// every second, between the command's own progress lines, and the sample at peak RSS at exit.
// With MEDIR_HEAP_PROFILE=FILE it also runs V8's sampling heap profiler and writes its live
// allocations to FILE each time RSS reaches a new high (100 MB above the last written): the
// profile at the peak, which a profile taken at exit (`--heap-prof`) no longer shows.
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';

const start = Date.now();
const mb = (n) => Math.round(n / 2 ** 20);
const profileFile = process.env.MEDIR_HEAP_PROFILE;
const session = profileFile ? new Session() : undefined;
if (session) {
  session.connect();
  session.post('HeapProfiler.startSampling', { samplingInterval: 256 * 1024 });
}
let peak = { rss: 0 };
let written = 0;
const timer = setInterval(() => {
  const m = process.memoryUsage();
  const sample = { t: (Date.now() - start) / 1000, rss: mb(m.rss), heapUsed: mb(m.heapUsed), external: mb(m.external), arrayBuffers: mb(m.arrayBuffers) };
  if (sample.rss > peak.rss) peak = sample;
  process.stderr.write(`MEM ${JSON.stringify(sample)}\n`);
  if (session && sample.rss > written + 100) {
    written = sample.rss;
    session.post('HeapProfiler.getSamplingProfile', (err, result) => {
      if (!err) writeFileSync(profileFile, JSON.stringify({ ...result.profile, atRssMb: sample.rss, atSeconds: sample.t }));
    });
  }
}, 1000);
timer.unref();
process.on('exit', () => process.stderr.write(`MEMPEAK ${JSON.stringify(peak)}\n`));
