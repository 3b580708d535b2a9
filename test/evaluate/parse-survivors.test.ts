import { describe, expect, it } from 'vitest';
import { MedirError } from '../../src/core/errors.js';
import { parseMeasures } from '../../src/evaluate/parse.js';

// The number grammar (-?digits[.digits] or .digits), pairs, and which token a misspelt measure names.

const parsed = (spec: string) => parseMeasures(spec).map((r) => [r.family.name, r.outputs, r.params]);
/** The MedirError a spec gives (anything else, a TypeError included, fails the test). */
const failure = (spec: string): MedirError => {
  try {
    parseMeasures(spec);
  } catch (err) {
    expect(err).toBeInstanceOf(MedirError);
    return err as MedirError;
  }
  throw new Error(`'${spec}' parsed`);
};

describe('numbers in parameter lists', () => {
  it('two digits before the point and two after a bare point are numbers', () => {
    expect(parsed('Rprec_mult.12.5')).toEqual([['Rprec_mult', ['Rprec_mult_12.50'], { list: [12.5], pairs: {} }]]);
    expect(parsed('utility.10.5,-1,0,0')[0][2]).toEqual({ list: [10.5, -1, 0, 0], pairs: {} });
    expect(parsed('iprec_at_recall.0.1 .25')[0][1]).toEqual(['iprec_at_recall_0.10', 'iprec_at_recall_0.25']);
  });

  it('a number followed by anything is not one: P.5x, and a fractional list with a word in it', () => {
    expect(failure('P.5x').message).toBe("--measures: 'P.5x': parameters must be numbers");
    // 'x' is the group's first part, '0.5' continues it: the whole list must be numbers.
    expect(failure('iprec_at_recall.x 0.5').message).toBe("--measures: 'iprec_at_recall.x,0.5': parameters must be numbers");
  });
});

describe('pairs', () => {
  it('a value given keeps the other defaults: rbp.q=2 keeps p 0.9', () => {
    expect(parsed('rbp.q=2')).toEqual([['rbp', ['rbp'], { list: [], pairs: { p: 0.9, q: 2 } }]]);
  });

  it('values with several digits after the point, with or without a leading 0, across a space', () => {
    expect(parsed('rbp.p=0.85')[0][2]).toEqual({ list: [], pairs: { p: 0.85 } });
    expect(parsed('rbp.p=.25')[0][2]).toEqual({ list: [], pairs: { p: 0.25 } });
    expect(parsed('rbp.p=0.5 q=.75')[0][2]).toEqual({ list: [], pairs: { p: 0.5, q: 0.75 } });
    expect(parsed('rbp.q=2 p=0.85')[0][2]).toEqual({ list: [], pairs: { p: 0.85, q: 2 } });
  });

  it('a pair is one name, one = and one number (bug: p=0.5=7 read as p=0.5, =5 as a pair named "")', () => {
    expect(failure('rbp.p=0.5=7').message).toBe("--measures: 'rbp.p=0.5=7': expected name=number, got 'p=0.5=7'");
    expect(failure('rbp.=5').message).toBe("--measures: 'rbp.=5': expected name=number, got '=5'");
    expect(failure('rbp.p=0.5x').message).toBe("--measures: 'rbp.p=0.5x': expected name=number, got 'p=0.5x'");
  });

  it('a pair not quite a pair does not continue the group: it is named as an unknown measure', () => {
    expect(failure('rbp.p=0.5 q=2x').message).toMatch(/^unknown measure 'q=2x'/);
  });
});

describe('the token a misspelt measure is named by', () => {
  it.each([
    ['nosuch@10', 'nosuch@10'], // @ on no family
    ['nosuch_10', 'nosuch_10'], // an output-name shape of no family
    ['P5', 'P5'], // no dot: not P with parameter 5
    ['map 5', '5'], // a number after a name without a dot starts its own token
  ])('%s: unknown measure %s', (spec, named) => {
    expect(failure(spec).message).toMatch(new RegExp(`^unknown measure '${named}';`));
  });
});
