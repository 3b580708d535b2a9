import type { PreTrainedTokenizer } from '@huggingface/transformers';
import { MedirError } from '../core/errors.js';

/** A text's tokens (no special tokens); `complete` is false for a head cut at a word boundary. */
export interface Tokenized {
  tokens: string[];
  complete: boolean;
}

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
    if (this.specials >= maxLength) throw new MedirError('BAD_OPTION', `--rerank-max-length: ${maxLength} leaves no room for text beside ${this.specials} special tokens`);
  }

  /** Tokens of one text, without special tokens (cacheable per text: a passage recurs across queries). */
  tokens(text: string): Tokenized {
    return { tokens: this.tokenizer.tokenize(text), complete: true };
  }

  /**
   * Tokens of a passage's first `maxLength` words only (original characters kept): tokenizers split
   * words apart before the model sees them, so a head gives the same first tokens as the whole
   * text, and each word gives at least one. Saves tokenizing the long tail a pair never keeps.
   */
  head(text: string): Tokenized {
    let words = 0;
    for (const m of text.matchAll(/\S+/g)) {
      if (++words === this.maxLength) {
        const end = m.index + m[0].length;
        if (end < text.trimEnd().length) return { tokens: this.tokenizer.tokenize(text.slice(0, end)), complete: false };
        break;
      }
    }
    return this.tokens(text);
  }

  /**
   * The pair cut `longest_first`. A passage head stands for the whole text when it is longer than
   * both the query and the budget: the cut then keeps the same tokens; otherwise `whole()` is asked for.
   */
  encode(query: string[], passage: Tokenized, whole: () => string[]): EncodedPair {
    const budget = this.maxLength - this.specials;
    const head = passage.tokens;
    const p = passage.complete || (head.length > query.length && head.length >= budget) ? head : whole();
    const [n1, n2] = longestFirst(query.length, p.length, budget);
    const truncated = n1 < query.length || n2 < p.length || (p === head && !passage.complete);
    const { tokens, token_type_ids } = this.tokenizer.post_processor.post_process(query.slice(0, n1), p.slice(0, n2), { add_special_tokens: true });
    const inputIds = this.tokenizer.model.convert_tokens_to_ids(tokens);
    return { inputIds, tokenTypeIds: token_type_ids ?? new Array<number>(inputIds.length).fill(0), truncated };
  }
}
