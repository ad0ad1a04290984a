// One esbuild pass: unminified ESM with sourcemaps, so the committed dist/ stays reviewable.
import { build } from 'esbuild';
import { rm } from 'node:fs/promises';

await rm('dist', { recursive: true, force: true });
await build({
  entryPoints: { index: 'src/index.ts', cli: 'src/cli.ts' },
  outdir: 'dist',
  bundle: true,
  splitting: true, // the S3 SDK lands in its own chunk, loaded only when an s3:// store is used
  format: 'esm',
  platform: 'node',
  target: 'node24',
  sourcemap: true,
  minify: false,
  legalComments: 'linked',
  chunkNames: 'chunks/[name]-[hash]',
  // CommonJS dependencies call require() for Node built-ins; give the ESM bundle one.
  banner: { js: "import { createRequire as __efCreateRequire } from 'node:module';\nconst require = __efCreateRequire(import.meta.url);" },
  logLevel: 'warning',
});
