// Preloaded into a measured child: reports its own peak RSS on exit, on stderr, in one tagged line.
process.on('exit', () => {
  process.stderr.write(`\nEF_BENCH_MAXRSS_KIB=${process.resourceUsage().maxRSS}\n`);
});
