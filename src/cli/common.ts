import { Command, Option } from 'commander';
import { MedirError } from '../core/errors.js';
import { flagName, type ParamSpec } from '../core/params.js';
import { loadDataset, type Dataset } from '../data/datasets.js';
import { resolveLocations, type Locations } from '../mirror/locations.js';

/** Options every command that reads the mirror takes. */
export interface LocationFlags {
  mirror?: string;
  offline?: boolean;
}

export interface DatasetFlags extends LocationFlags {
  dataset?: string;
  split: string;
  queries?: string;
  qrels?: string;
}

/**
 * Puts the options `add` adds to `cmd` under one heading of `--help` ("bm25 options:"), so a
 * command's help reads by component: its own options, then common, each plug-in's, notes,
 * generation, policy. Options an inner helper already grouped keep their heading.
 */
export function optionGroup(cmd: Command, heading: string, add: (cmd: Command) => Command): Command {
  const before = new Set(cmd.options);
  add(cmd);
  for (const option of cmd.options) if (!before.has(option) && option.helpGroupHeading === undefined) option.helpGroup(heading);
  return cmd;
}

export function addLocationOptions(cmd: Command): Command {
  return optionGroup(cmd, 'Common options:', (c) =>
    c
      .option('--mirror <dir>', 'mirror folder with data/ and models/ (default: $MEDIR_MIRROR, else ../shared beside the repo or the working directory)')
      .option('--offline', 'never download (same as MEDIR_OFFLINE=1)'),
  );
}

export function addDatasetOptions(cmd: Command, required = true): Command {
  const dataset = new Option('--dataset <name|path>', 'dataset name (see `medir datasets`) or a BEIR/R2MED folder');
  if (required) dataset.makeOptionMandatory();
  return optionGroup(cmd, 'Common options:', (c) =>
    addLocationOptions(
      c
        .addOption(dataset)
        .option('--split <name>', 'qrels split', 'test')
        .option('--queries <file>', "queries.jsonl to use instead of the dataset's")
        .option('--qrels <file>', "qrels (TREC or BEIR tsv) to use instead of the dataset's"),
    ),
  );
}

/** Adds one flag per plug-in parameter (`efSearch` → `--ef-search <value>`), help from the spec; a flag two plug-ins share is added once. */
export function addParamOptions(cmd: Command, specs: readonly ParamSpec[]): Command {
  const seen = new Set(cmd.options.map((o) => o.long));
  for (const spec of specs) {
    const flag = flagName(spec.key);
    if (seen.has(flag)) continue;
    seen.add(flag);
    // `(default: …)` as commander writes its own defaults: one notation in every help.
    const help = `${spec.help}${spec.choices ? ` (${spec.choices.join('|')})` : ''}${spec.default !== undefined ? ` (default: ${JSON.stringify(spec.default)})` : ''}`;
    cmd.option(spec.type === 'boolean' ? flag : `${flag} <${spec.type === 'string' ? 'value' : 'n'}>`, help);
  }
  return cmd;
}

/** A plug-in as the CLI sees it: a name and the parameters it reads. */
interface PluginParams {
  name: string;
  params: readonly ParamSpec[];
}

/** Each plug-in's parameter flags under its own heading ("bm25 options:", "dense options:"). */
export function addPluginOptions(cmd: Command, plugins: readonly PluginParams[]): Command {
  for (const p of plugins) optionGroup(cmd, `${p.name} options:`, (c) => addParamOptions(c, p.params));
  return cmd;
}

/** One kind of plug-in a command takes (`retriever`), the ones the user chose and all there are. */
export interface PluginChoice {
  kind: string;
  /** The flag that chooses them, when not `--<kind>` (ehr's `--retrievers`). */
  flag?: string;
  chosen: readonly PluginParams[];
  all: readonly PluginParams[];
}

/**
 * A parameter flag given on the command line that none of the chosen plug-ins reads
 * (`--ef-search` with `--retriever bm25`) is an error naming it and who reads it, never silently ignored.
 */
export function rejectUnusedParams(cmd: Command, choices: readonly PluginChoice[]): void {
  const read = new Set(choices.flatMap((c) => c.chosen.flatMap((p) => p.params.map((s) => s.key))));
  for (const { kind, chosen, all, flag = `--${kind}` } of choices) {
    for (const spec of all.flatMap((p) => p.params)) {
      if (read.has(spec.key) || cmd.getOptionValueSource(spec.key) !== 'cli') continue;
      const readers = all.filter((p) => p.params.some((s) => s.key === spec.key)).map((p) => p.name);
      const chose = chosen.length ? `not ${chosen.map((p) => p.name).join(', ')}` : `and no ${flag} was given`;
      const either = readers.length > 1 ? `${readers.slice(0, -1).join(', ')} or ${readers.at(-1)}` : readers[0];
      throw new MedirError('BAD_OPTION', `${flagName(spec.key)} applies to ${kind} ${either}, ${chose}`, `drop ${flagName(spec.key)}, or choose ${flag} ${either}`);
    }
  }
}

export function locationsFrom(flags: LocationFlags): Locations {
  return resolveLocations({ mirror: flags.mirror, offline: flags.offline });
}

export async function datasetFrom(flags: DatasetFlags, loc: Locations): Promise<Dataset> {
  if (!flags.dataset) throw new MedirError('BAD_OPTION', '--dataset is required');
  return loadDataset(flags.dataset, { split: flags.split, queries: flags.queries, qrels: flags.qrels }, loc);
}

/** Parses a positive integer flag, naming the flag on error. */
export function positiveInt(flag: string) {
  return (value: string): number => {
    const n = Number(value);
    if (!Number.isInteger(n) || n <= 0) throw new MedirError('BAD_OPTION', `${flag}: expected a positive integer, got '${value}'`);
    return n;
  };
}
