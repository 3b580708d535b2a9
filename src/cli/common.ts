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

export function addLocationOptions(cmd: Command): Command {
  return cmd
    .option('--mirror <dir>', 'mirror folder with data/ and models/ (default: $MEDIR_MIRROR, else ../shared beside the repo or the working directory)')
    .option('--offline', 'never download (same as MEDIR_OFFLINE=1)');
}

export function addDatasetOptions(cmd: Command, required = true): Command {
  const dataset = new Option('--dataset <name|path>', 'dataset name (see `medir datasets`) or a BEIR/R2MED folder');
  if (required) dataset.makeOptionMandatory();
  return addLocationOptions(
    cmd
      .addOption(dataset)
      .option('--split <name>', 'qrels split', 'test')
      .option('--queries <file>', "queries.jsonl to use instead of the dataset's")
      .option('--qrels <file>', "qrels (TREC or BEIR tsv) to use instead of the dataset's"),
  );
}

/** Adds one flag per plug-in parameter (`efSearch` → `--ef-search <value>`), help from the spec. */
export function addParamOptions(cmd: Command, specs: readonly ParamSpec[]): Command {
  const seen = new Set(cmd.options.map((o) => o.long));
  for (const spec of specs) {
    const flag = flagName(spec.key);
    if (seen.has(flag)) continue;
    seen.add(flag);
    const help = `${spec.help}${spec.choices ? ` (${spec.choices.join('|')})` : ''}${spec.default !== undefined ? ` [default: ${spec.default}]` : ''}`;
    cmd.option(spec.type === 'boolean' ? flag : `${flag} <${spec.type === 'string' ? 'value' : 'n'}>`, help);
  }
  return cmd;
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
