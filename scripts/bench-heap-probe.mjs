// Loaded only by `npm run bench:pages` into the server it starts (`node --expose-gc --import
// ./scripts/bench-heap-probe.mjs dist/server.js`), never by `npm start`: on SIGUSR2 the server
// collects garbage fully and prints its live heap, so the benchmark can compare the heap after 100
// and after 1,500 page views. A preload and a signal need no change to the server, no open
// inspector port and no heap snapshot (which would itself take hundreds of megabytes).
process.on("SIGUSR2", () => {
  globalThis.gc();
  globalThis.gc();
  const { heapUsed, rss } = process.memoryUsage();
  process.stdout.write(`keyward-bench-heap ${heapUsed} ${rss}\n`);
});
