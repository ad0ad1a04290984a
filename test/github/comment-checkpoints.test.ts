import { describe, expect, it } from 'vitest';
import { renderComment, type CommentPlan } from '../../src/github/comment-body.js';

const runsOn = ['self-hosted', 'gpu-h200'];

function plan(overrides: Partial<CommentPlan> = {}): CommentPlan {
  return {
    matrixPath: 'matrices/models.yml',
    engines: [{ id: 'llama-70b/h100/fp8/tp2/b1-64', status: 'build', reason: 'no artifact yet', runsOn: ['gpu-h100'] }],
    images: [
      { id: 'llama-70b/fp8/nvidia', status: 'waiting', reason: 'waiting for checkpoint llama-70b/fp8 (0123456789ab); the plan after it is stored builds this image', runsOn: ['ubuntu-latest'] },
      { id: 'llama-70b/int4_awq/nvidia', status: 'unsupported', reason: 'vLLM cannot serve int4_awq', runsOn: ['ubuntu-latest'] },
    ],
    checkpoints: [
      { id: 'llama-70b/fp8', status: 'build', reason: 'no artifact yet', runsOn },
      { id: 'llama-70b/nvfp4', status: 'unsupported', reason: 'no GPU family of its cells can calibrate nvfp4', runsOn: [] },
    ],
    changes: { note: 'workflow_dispatch plans without a base' },
    guard: { allowed: true },
    ...overrides,
  };
}

describe('renderComment with checkpoints', () => {
  it('counts and lists checkpoints to build, images waiting for one, and unsupported checkpoints', () => {
    const body = renderComment(plan());
    expect(body).toContain('**0 images to build**, 0 up to date, 1 unsupported, 1 waiting for a checkpoint · **1 checkpoint to build**, 0 up to date, 1 unsupported');
    expect(body).toContain('#### Checkpoints to build');
    expect(body).toContain('| `llama-70b/fp8` | self-hosted, gpu-h200 | no artifact yet |');
    expect(body).toContain('#### Images waiting for their checkpoint');
    expect(body).toContain('| `llama-70b/fp8/nvidia` | waiting for checkpoint llama-70b/fp8 (0123456789ab); the plan after it is stored builds this image |');
    expect(body).toContain('<details><summary>2 unsupported (never sent to a runner)</summary>');
    expect(body).toContain('| `llama-70b/nvfp4` | no GPU family of its cells can calibrate nvfp4 |');
  });

  it('says nothing about checkpoints when the matrix has none', () => {
    const body = renderComment(plan({ checkpoints: [], images: [] }));
    expect(body).not.toContain('checkpoint');
  });
});
