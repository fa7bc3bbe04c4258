// Preloaded by the benches (`node --import ./scripts/lib/peak-rss.mjs …`): when the process
// ends, its peak resident set size (MB) is written to the file named by BENCH_RSS_FILE.
import { writeFileSync } from 'node:fs';

const file = process.env.BENCH_RSS_FILE;
if (file)
  process.on('exit', () => {
    writeFileSync(file, String(process.resourceUsage().maxRSS / 1024));
  });
