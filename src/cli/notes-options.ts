import { basename } from 'node:path';
import { Option, type Command } from 'commander';
import { MedirError } from '../core/errors.js';
import { flagName, readParams } from '../core/params.js';
import type { Dataset } from '../data/datasets.js';
import { readQueriesJsonl } from '../formats/beir.js';
import { readQrels } from '../formats/qrels.js';
import type { Locations } from '../mirror/locations.js';
import { CHUNKERS, chunkerDefinition } from '../notes/chunkers/registry.js';
import type { ChunkerDefinition } from '../notes/chunkers/chunker.js';
import { DEDUPE_MODES, type DedupeMode } from '../notes/dedupe.js';
import { MIMIC_III_COLUMNS, type NoteColumns } from '../notes/note.js';
import { buildNotesCorpus, type NotesCorpus } from '../notes/notes-corpus.js';
import { PASSAGE_ID_SOURCES, type PassageIdSource } from '../notes/passages.js';
import { NOTE_FORMATS, type NoteFormat } from '../notes/read-notes.js';
import { addParamOptions, optionGroup } from './common.js';

/** Flags of a command that reads clinical notes (`--notes FILE` and how to read and chunk it). */
export interface NotesFlags {
  notes?: string;
  notesFormat?: NoteFormat;
  idColumn?: string;
  patientColumn?: string;
  encounterColumn?: string;
  categoryColumn?: string;
  dateColumn?: string;
  textColumn?: string;
  category?: string[];
  dedupe: DedupeMode;
  passageIds: PassageIdSource;
  chunker: string;
  queries?: string;
  qrels?: string;
  [param: string]: unknown;
}

const COLUMN_FLAGS: Record<keyof NoteColumns, keyof NotesFlags> = {
  id: 'idColumn',
  patient: 'patientColumn',
  encounter: 'encounterColumn',
  category: 'categoryColumn',
  date: 'dateColumn',
  text: 'textColumn',
};

const chunkers = () => Object.values(CHUNKERS) as ChunkerDefinition[];

/** The reading and chunking flags alone, for commands whose notes file is fixed (`medir ehr mtsamples`). */
export function addChunkingOptions(cmd: Command): Command {
  return optionGroup(cmd, 'Notes options:', (c) =>
    addParamOptions(
      c.addOption(new Option('--chunker <name>', `how notes are cut into passages: ${chunkers().map((d) => `${d.name} (${d.description})`).join('; ')}`).choices(chunkers().map((d) => d.name)).default('words')),
      chunkers().flatMap((d) => d.params),
    ),
  );
}

/**
 * Adds `--notes FILE` (CSV or JSONL clinical notes; defaults fit MIMIC-III NOTEEVENTS.csv) and the
 * flags that say how to read, filter, de-duplicate and chunk it, to any command that takes a dataset.
 */
export function addNotesOptions(cmd: Command): Command {
  return optionGroup(cmd, 'Notes options:', addNotesFileOptions);
}

function addNotesFileOptions(cmd: Command): Command {
  cmd
    .option('--notes <file>', 'clinical notes (.csv or .jsonl, optionally .gz) to index as passages instead of a dataset')
    .addOption(new Option('--notes-format <format>', 'notes file format (default: from the extension)').choices(NOTE_FORMATS));
  for (const [field, flag] of Object.entries(COLUMN_FLAGS)) {
    cmd.option(`${flagName(flag as string)} <name>`, `column (CSV) or key (JSONL) of the note's ${field} (default: ${MIMIC_III_COLUMNS[field as keyof NoteColumns]})`);
  }
  cmd
    .option('--category <name...>', "keep only notes of these categories (e.g. 'Discharge summary')")
    .addOption(new Option('--dedupe <mode>', 'drop repeated notes: by identical text, keeping the first note per encounter, or not at all').choices(DEDUPE_MODES).default('text'))
    .addOption(new Option('--passage-ids <from>', "passage ids '<id>_<i>' from the note id or the encounter id (CliniQ: encounter)").choices(PASSAGE_ID_SOURCES).default('note'));
  return addChunkingOptions(cmd);
}

/** The chunker chosen by `--chunker` and its validated parameters. */
export function chunkingFrom(flags: { chunker: string; [param: string]: unknown }): { chunker: string; chunkerParams: ReturnType<typeof readParams> } {
  const def = chunkerDefinition(flags.chunker);
  return { chunker: def.name, chunkerParams: readParams(def.params, flags) };
}

/** The chunked corpus of `--notes`, with `--queries`/`--qrels` written beside it; stats for the report. */
export async function notesCorpusFrom(flags: NotesFlags & { notes: string }, loc: Locations): Promise<NotesCorpus> {
  if (Boolean(flags.queries) !== Boolean(flags.qrels)) throw new MedirError('BAD_OPTION', '--notes takes --queries and --qrels together (or neither, to index only)');
  const columns = Object.fromEntries(Object.entries(COLUMN_FLAGS).map(([field, flag]) => [field, flags[flag] as string | undefined])) as Partial<NoteColumns>;
  return buildNotesCorpus(
    {
      name: basename(flags.notes).replace(/\.(csv|jsonl|ndjson)(\.gz)?$/, ''),
      source: { file: flags.notes, format: flags.notesFormat, columns, categories: flags.category, dedupe: flags.dedupe },
      ...chunkingFrom(flags),
      idFrom: flags.passageIds,
      task: flags.queries && flags.qrels ? { queries: await readQueriesJsonl(flags.queries), qrels: await readQrels(flags.qrels) } : undefined,
    },
    loc,
  );
}

/** One line on stderr: what reading the notes kept and dropped, and where the passages are. */
export function describeNotesCorpus(c: NotesCorpus): string {
  const s = c.stats;
  const dropped = [
    s.duplicates && `${s.duplicates} duplicates`,
    s.otherCategory && `${s.otherCategory} of other categories`,
    s.otherEncounter && `${s.otherEncounter} of other encounters`,
    s.emptyText && `${s.emptyText} with empty text`,
  ].filter(Boolean);
  return `notes: ${s.records} read, ${s.kept} kept${dropped.length ? ` (dropped: ${dropped.join(', ')})` : ''}; ${s.passages} passages in ${c.dataset.dir}${c.reused ? ' (reused)' : ''}\n`;
}

/**
 * The Dataset for `--notes FILE`: the notes chunked into a BEIR folder under the cache (reused while
 * nothing changed) with `--queries`/`--qrels` beside it, ready for any retriever. Reports what was
 * dropped on stderr; never prints note text.
 */
export async function notesDatasetFrom(flags: NotesFlags & { notes: string }, loc: Locations): Promise<Dataset> {
  const corpus = await notesCorpusFrom(flags, loc);
  process.stderr.write(describeNotesCorpus(corpus));
  return corpus.dataset;
}
