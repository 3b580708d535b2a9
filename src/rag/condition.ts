import { MedirError } from '../core/errors.js';
import type { AnswererDefinition } from './readers/registry.js';
import { settingDefinition, type SettingName } from './settings/registry.js';

/** One cell of an experiment: where context comes from and how much of it a reader sees. */
export interface Condition {
  setting: SettingName;
  /** Retriever name (retrieving settings, and the IR solver's scoring). */
  retriever?: string;
  /** Passages to show (rag, distractors). */
  passages: number;
  /** Token budget: whole passages packed in rank order while they fit. */
  contextTokens?: number;
  /** Shuffles each item's passages with this seed (position bias). */
  shuffleSeed?: number;
}

/** A short, file-name-safe label: `closed-book`, `oracle`, `rag-bm25-k5-tok2000-shuffle7`. */
export function conditionLabel(c: Condition): string {
  const parts: string[] = [c.setting];
  if (settingDefinition(c.setting).passages === 'retrieved') parts.push(c.retriever ?? '', `k${c.passages}`);
  if (c.contextTokens !== undefined) parts.push(`tok${c.contextTokens}`);
  if (c.shuffleSeed !== undefined) parts.push(`shuffle${c.shuffleSeed}`);
  return parts.join('-');
}

/**
 * The cartesian product the CLI asks for: each retrieving setting × retriever × passages; closed-book
 * and oracle once each (the oracle keeps the first retriever, which only the IR solver uses).
 */
export function expandConditions(settings: readonly string[], retrievers: readonly string[], passages: readonly number[], extra: Pick<Condition, 'contextTokens' | 'shuffleSeed'>): Condition[] {
  const out: Condition[] = [];
  for (const name of settings) {
    const setting = settingDefinition(name);
    if (setting.passages !== 'retrieved') {
      out.push({ setting: name as SettingName, retriever: retrievers[0], passages: passages[0] ?? 1, ...extra });
      continue;
    }
    if (retrievers.length === 0) throw new MedirError('BAD_OPTION', `--setting ${name} retrieves passages: pass --retriever`);
    for (const retriever of retrievers) for (const k of passages) out.push({ setting: name as SettingName, retriever, passages: k, ...extra });
  }
  return out;
}

/**
 * The conditions one reader runs (`medir rag` and experiments alike): readers that ignore passages
 * run closed-book once; one that needs passages skips closed-book. The dropped settings go to `note`
 * rather than fail the whole table.
 */
export function conditionsFor(def: AnswererDefinition, all: readonly Condition[], note: (text: string) => void): Condition[] {
  if (def.kind === 'text') return [...all];
  if (!def.usesContext) {
    const dropped = [...new Set(all.filter((c) => c.setting !== 'closed-book').map((c) => c.setting))];
    if (dropped.length) note(`${def.name}: ${dropped.join(', ')} dropped (it ignores passages, so it answers closed-book once)`);
    return [{ setting: 'closed-book', passages: 1 }];
  }
  if (all.some((c) => c.setting === 'closed-book')) note(`${def.name}: closed-book skipped (it reads passages)`);
  return all.filter((c) => c.setting !== 'closed-book');
}
