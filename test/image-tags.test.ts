import { describe, expect, it } from 'vitest';
import { UserError } from '../src/errors.js';
import { imageReferences, imageTags, parseRepository } from '../src/image/tags.js';

describe('parseRepository', () => {
  it.each(['ghcr.io/acme/models', 'acme/models', '127.0.0.1:5055/engine-forge/images', 'localhost:5000/a/b_c/d-e', 'registry.example.com/x__y'])(
    'accepts %s',
    (input) => expect(parseRepository(input)).toBe(input),
  );

  it('drops a trailing slash and surrounding space', () => {
    expect(parseRepository(' ghcr.io/acme/models/ ')).toBe('ghcr.io/acme/models');
  });

  it.each([
    ['ghcr.io/acme/models:latest', /without a tag or digest/],
    ['ghcr.io/acme/models@sha256:' + 'a'.repeat(64), /without a tag or digest/],
    ['ghcr.io/Acme/Models', /lower case/],
    ['', /empty/],
    ['ghcr.io/acme/models;rm -rf', /not a valid repository/],
  ])('refuses %j', (input, message) => {
    expect(() => parseRepository(input)).toThrow(UserError);
    expect(() => parseRepository(input)).toThrow(message);
  });
});

describe('imageTags', () => {
  const recipe = { model: 'llama-3.1-8b', version: '1.4.0', precision: 'fp8', vendor: 'nvidia', fingerprint: '0123456789abcdef'.repeat(4) } as const;

  it('has a moving tag and an immutable one ending in the fingerprint', () => {
    expect(imageTags(recipe)).toEqual({ moving: 'llama-3.1-8b-1.4.0-fp8-nvidia', immutable: 'llama-3.1-8b-1.4.0-fp8-nvidia-0123456789ab' });
    expect(imageReferences('ghcr.io/acme/models', recipe)).toEqual([
      'ghcr.io/acme/models:llama-3.1-8b-1.4.0-fp8-nvidia-0123456789ab',
      'ghcr.io/acme/models:llama-3.1-8b-1.4.0-fp8-nvidia',
    ]);
  });

  it('turns characters a tag cannot hold into underscores and stays within 128 characters', () => {
    const tags = imageTags({ ...recipe, version: '2.0.0-rc.1+build.5', model: 'x'.repeat(200) });
    expect(tags.immutable).toMatch(/^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/);
    expect(tags.immutable.endsWith('-0123456789ab')).toBe(true);
    expect(imageTags({ ...recipe, version: '2.0.0-rc.1+build.5' }).moving).toBe('llama-3.1-8b-2.0.0-rc.1_build.5-fp8-nvidia');
  });
});
