/**
 * Plan on a pull request shows the TensorRT-LLM vs vLLM comparison in its comment and summary
 * when the store holds benchmarks of the matrix's cells (committed bundle, fake GitHub API).
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commentMarker } from '../../src/github/comment-body.js';
import { saveBenchRecord } from '../../src/store/bench-records.js';
import { LocalArtifactStore } from '../../src/store/local-artifacts.js';
import { benchRecord } from '../helpers/bench-records.js';
import { runAction } from '../support/action-run.js';
import { createTempRepo, type TempRepo } from '../support/git-repo.js';
import { startFakeGitHub, type FakeGitHub } from '../support/github-api.js';

const MATRIX = 'matrices/models.yml';
const TEXT = `version: 1
toolchains:
  trtllm: { version: 1.2.0, image: nvcr.io/nvidia/tensorrt-llm/release:1.2.0, backend: pytorch }
  vllm: { version: 0.11.0, image: vllm/vllm-openai:v0.11.0 }
gpus:
  h100: { runs-on: [self-hosted, linux, gpu-h100], count: 8 }
models:
  llama-3.1-8b: { source: meta-llama/Llama-3.1-8B-Instruct, revision: 0e9e39f249a16976918f6564b8830bc894c89659, version: 1.4.0, max-input-len: 4096, max-seq-len: 8192 }
matrix:
  model: [llama-3.1-8b]
  gpu: [h100]
  precision: [fp8]
  batch: ["1-64"]
  tp: [1]
`;

let github: FakeGitHub;
let repo: TempRepo;
let work: string;
let sha: string;

beforeAll(async () => {
  github = await startFakeGitHub({ tokens: { ghs_write: 'write' } });
  repo = await createTempRepo('ef-plan-bench-');
  sha = await repo.commit({ [MATRIX]: TEXT }, 'matrix');
  work = await mkdtemp(path.join(tmpdir(), 'ef-plan-bench-work-'));
});
afterAll(async () => {
  await github.close();
  await rm(repo.dir, { recursive: true, force: true });
  await rm(work, { recursive: true, force: true });
});

describe('plan with benchmark records in the store', () => {
  it('the pull-request comment and the job summary carry the comparison and its verdict', async () => {
    const store = new LocalArtifactStore(path.join(work, 'store'));
    const curve = (scale: number): [number, number][] => [[1, 100 * scale], [32, 2000 * scale], [64, 2300 * scale]];
    await saveBenchRecord(store, benchRecord('trtllm', curve(1.23), { cell: 'llama-3.1-8b/h100/fp8/tp1/b1-64', coldStartS: 78 }));
    await saveBenchRecord(store, benchRecord('vllm', curve(1), { cell: 'llama-3.1-8b/h100/fp8/tp1/b1-64', coldStartS: 41 }));
    let payload = await readFile(path.join(import.meta.dirname, '../fixtures/events/pull_request.json'), 'utf8');
    payload = payload.replaceAll('1111111111111111111111111111111111111111', sha).replaceAll('2222222222222222222222222222222222222222', sha);
    const eventPath = path.join(work, 'event.json');
    await writeFile(eventPath, payload);
    const run = await runAction({ command: 'plan', matrix: MATRIX, store: path.join(work, 'store') }, {
      GITHUB_WORKSPACE: repo.dir, GITHUB_EVENT_NAME: 'pull_request', GITHUB_EVENT_PATH: eventPath, GITHUB_API_URL: github.url,
      GITHUB_REPOSITORY: 'acme/models', GITHUB_SERVER_URL: 'https://github.com', GITHUB_RUN_ID: '1', GITHUB_TOKEN: 'ghs_write',
    });
    expect(run.exitCode, run.log).toBe(0);
    const body = github.comments(17).find((c) => c.body.startsWith(commentMarker(MATRIX)))!.body;
    for (const text of [body, run.summary]) {
      expect(text).toContain('## TensorRT-LLM vs vLLM');
      expect(text).toContain('**Verdict: TensorRT-LLM for high, steady traffic: +23% tokens/s at 64 streams; vLLM where cold starts matter (vLLM starts in 41 s vs 78 s)**');
      expect(text).toContain('xychart-beta');
    }
  });
});
