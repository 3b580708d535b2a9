import { MedirError } from '../../core/errors.js';
import type { ReaderDefinition } from './reader.js';

export const majority: ReaderDefinition = {
  kind: 'reader',
  usesContext: false,
  name: 'majority',
  description: "baseline: always the train split's most frequent answer key (ties: the smallest key)",
  params: [],
  async create(_params, ctx) {
    if (ctx.train.length === 0) throw new MedirError('BAD_OPTION', '--generator majority: the data set has no train split to count answers in');
    const counts = new Map<string, number>();
    for (const item of ctx.train) counts.set(item.answer, (counts.get(item.answer) ?? 0) + 1);
    const [answer] = [...counts].sort(([a, n], [b, m]) => m - n || (a < b ? -1 : 1))[0];
    return {
      id: 'majority',
      config: { answer, trainItems: ctx.train.length },
      choose: async (items) => new Map(items.map((item) => [item.id, answer])),
    };
  },
};
