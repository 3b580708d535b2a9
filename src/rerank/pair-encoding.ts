import type { PreTrainedTokenizer } from '@huggingface/transformers';
import { MedirError } from '../core/errors.js';

/** One (query, passage) pair as the model sees it. */
export interface EncodedPair {
  inputIds: number[];
  tokenTypeIds: number[];
  truncated: boolean;
}

/**
 * How many tokens each side keeps under Hugging Face tokenizers' `longest_first` strategy: when the
 * pair does not fit in `budget`, the shorter side keeps all its tokens up to half the budget (the
 * first text gets the smaller half of an odd budget on a tie) and the longer side takes the rest.
 * Both sides keep their head.
 */
export function longestFirst(n1: number, n2: number, budget: number): [number, number] {
  if (n1 + n2 <= budget) return [n1, n2];
  const firstIsSmall = n1 <= n2;
  const small = Math.min(Math.min(n1, n2), Math.floor(budget / 2));
  const large = budget - small;
  return firstIsSmall ? [small, large] : [large, small];
}

/**
 * Encodes pairs exactly as sentence-transformers' CrossEncoder does through a fast tokenizer:
 * each text tokenized without special tokens, `longest_first` truncation to `maxLength` counting
 * the template's special tokens, then the tokenizer's own pair template ([CLS] q [SEP] p [SEP] for
 * BERT, with token_type_ids 0/1). transformers.js 3.8 cannot do this itself: its truncation cuts
 * the joined sequence's tail, dropping the final [SEP] and never shortening the query.
 */
export class PairEncoder {
  private readonly specials: number;

  constructor(
    private readonly tokenizer: PreTrainedTokenizer,
    private readonly maxLength: number,
  ) {
    if (!tokenizer.post_processor) throw new MedirError('MODEL', 'the cross-encoder tokenizer has no pair template (post_processor in tokenizer.json)');
    this.specials = tokenizer.post_processor.post_process([], [], { add_special_tokens: true }).tokens.length;
    if (this.specials >= maxLength) throw new MedirError('BAD_OPTION', `--max-length: ${maxLength} leaves no room for text beside ${this.specials} special tokens`);
  }

  /** Tokens of one text, without special tokens (cacheable per text: a passage recurs across queries). */
  tokens(text: string): string[] {
    return this.tokenizer.tokenize(text);
  }

  encode(query: string[], passage: string[]): EncodedPair {
    const [n1, n2] = longestFirst(query.length, passage.length, this.maxLength - this.specials);
    const truncated = n1 < query.length || n2 < passage.length;
    const { tokens, token_type_ids } = this.tokenizer.post_processor.post_process(query.slice(0, n1), passage.slice(0, n2), { add_special_tokens: true });
    const inputIds = this.tokenizer.model.convert_tokens_to_ids(tokens);
    return { inputIds, tokenTypeIds: token_type_ids ?? new Array<number>(inputIds.length).fill(0), truncated };
  }
}
