import { describe, expect, it } from 'vitest';
import { flagName, readParams, type ParamSpec } from '../../src/core/params.js';

const specs: ParamSpec[] = [
  { key: 'efSearch', type: 'integer', default: 200, min: 1, help: 'candidates' },
  { key: 'k1', type: 'number', default: 1.5, help: 'saturation' },
  { key: 'variant', type: 'string', default: 'lucene', choices: ['lucene', 'atire'], help: 'formula' },
];

describe('plug-in parameters', () => {
  it('derives kebab-case flags', () => {
    expect(flagName('efSearch')).toBe('--ef-search');
  });

  it('fills defaults and converts strings from the command line', () => {
    expect(readParams(specs, { k1: '1.2' })).toEqual({ efSearch: 200, k1: 1.2, variant: 'lucene' });
  });

  it.each([
    [{ efSearch: '2.5' }, /--ef-search: expected an integer, got '2.5'/],
    [{ efSearch: '0' }, /--ef-search: must be at least 1, got 0/],
    [{ k1: 'high' }, /--k1: expected a number, got 'high'/],
    [{ variant: 'bm26' }, /--variant: unknown value 'bm26'; valid: lucene, atire/],
  ])('names the flag of a bad value %o', (raw, message) => {
    expect(() => readParams(specs, raw)).toThrow(message);
  });
});
