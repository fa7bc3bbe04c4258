// Preloaded by the benches (`node --import ./scripts/lib/peak-rss.mjs …`): when the process
// ends, its peak resident set size (MB) is written to the file named by BENCH_RSS_FILE.
//
// On Linux the peak is VmHWM of /proc/self/status: the high-water mark of this process's own
// memory. `resourceUsage().maxRSS` is not used there, because Linux keeps it across fork and
// exec: a bench that has just written a large list in its own process would see that peak in
// every run it spawns.
import { readFileSync, writeFileSync } from 'node:fs';

const file = process.env.BENCH_RSS_FILE;

/** The peak resident set size of this process, in MB. */
function peakMB() {
  try {
    const m = /^VmHWM:\s*(\d+)\s*kB/m.exec(readFileSync('/proc/self/status', 'utf8'));
    if (m) return Number(m[1]) / 1024;
  } catch {
    // Not Linux: the resource usage says it.
  }
  return process.resourceUsage().maxRSS / 1024;
}

if (file)
  process.on('exit', () => {
    writeFileSync(file, String(peakMB()));
  });
