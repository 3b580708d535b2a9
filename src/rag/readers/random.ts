import { SEED } from '../../generate/shared-params.js';
import { seededUniform } from '../seeded.js';
import type { ReaderDefinition } from './reader.js';

export const random: ReaderDefinition = {
  kind: 'reader',
  usesContext: false,
  name: 'random',
  description: 'baseline: a uniformly random option per question, reproducible from --seed',
  params: [{ ...SEED, default: 0 }],
  async create(params) {
    const seed = params.seed as number;
    return {
      id: 'random',
      config: { seed },
      choose: async (items) =>
        new Map(items.map((item) => {
          const keys = Object.keys(item.options).sort();
          return [item.id, keys.length ? keys[Math.floor(seededUniform(seed, item.id) * keys.length)] : null];
        })),
    };
  },
};
