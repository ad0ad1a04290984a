// A long-running service like trtllm-serve: answers /health on 127.0.0.1:<port> once ready.
// With CRASH_AFTER_START=1 it prints an error and exits 1 instead of serving (a failed load).
import http from 'node:http';

const port = Number(process.argv[2]);
if (process.env.CRASH_AFTER_START === '1') {
  console.error('RuntimeError: failed to load engine: rank0.engine not found');
  process.exit(1);
}
const server = http.createServer((req, res) => {
  res.writeHead(req.url === '/health' ? 200 : 404).end();
});
server.listen(port, '127.0.0.1', () => console.log(`listening on 127.0.0.1:${port}`));
