import { defineMeasure, NO_PARAMS } from './measure.js';

/** The run's tag, printed once in the summary (trec_eval's `runid`). */
export default defineMeasure({
  name: 'runid',
  trec: true,
  params: 'none',
  defaults: NO_PARAMS,
  value: 'text',
  summary: 'runid',
  perQuery: false,
  outputs: () => ['runid'],
  depth: () => 0,
  compute() {},
});
