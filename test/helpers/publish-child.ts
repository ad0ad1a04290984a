// A publishing process for the kill tests: `tsx publish-child.ts <endpoint> <store-url> <dir> <cell-id>`.
// It publishes with the real signal handling a CLI run has, and exits as a signalled process would.
import { publishArtifact } from '../../src/store/publish-artifact.js';
import { S3Store } from '../../src/store/s3/s3-store.js';
import { abortOnSignals, signalExitCode } from '../../src/store/transfer/signals.js';
import { target } from './fixtures.js';

const [endpoint, url, dir, id] = process.argv.slice(2);
const store = new S3Store({
  url: url!,
  endpoint: endpoint!,
  forcePathStyle: true,
  maxAttempts: 1,
  tuning: { minPartSize: 5 * 1024 * 1024, uploadMemory: 10 * 1024 * 1024, retry: { attempts: 3, baseDelayMs: 20, maxDelayMs: 100 } },
});
const interrupt = abortOnSignals();
try {
  const result = await publishArtifact(store, target({ id: id! }), dir!, { signal: interrupt.signal });
  console.log(result.created ? 'published' : 'not published');
} catch (error) {
  const signal = interrupt.received();
  console.error(`publish failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = signal ? signalExitCode(signal) : 1;
} finally {
  interrupt.dispose();
}
