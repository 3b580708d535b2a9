/** A clinical note as read from a CSV or JSONL export, before chunking. */
export interface Note {
  id: string;
  patientId?: string;
  encounterId?: string;
  category?: string;
  date?: string;
  text: string;
  /** Other fields of the record (e.g. MTSamples' `description`), never indexed. */
  fields: Record<string, string>;
  /** `file:line` of the record, for errors that must not quote the text. */
  where: string;
}

/** Which column (CSV) or key (JSONL) holds each field of a note. */
export interface NoteColumns {
  id: string;
  patient: string;
  encounter: string;
  category: string;
  date: string;
  text: string;
}

/** MIMIC-III `NOTEEVENTS.csv`: the defaults, so a credentialed user passes no column flags. */
export const MIMIC_III_COLUMNS: NoteColumns = {
  id: 'ROW_ID',
  patient: 'SUBJECT_ID',
  encounter: 'HADM_ID',
  category: 'CATEGORY',
  date: 'CHARTDATE',
  text: 'TEXT',
};

/** Columns every note needs; the others may be absent from a file unless named explicitly. */
const REQUIRED_COLUMNS: readonly (keyof NoteColumns)[] = ['id', 'text'];

/** The columns in use: MIMIC-III defaults overridden by the explicit ones, which must then exist. */
export interface ColumnChoice {
  columns: NoteColumns;
  /** Fields whose column must be present: id, text and every one named explicitly. */
  required: ReadonlySet<keyof NoteColumns>;
  /** The column names in use; every other column of a record goes to `Note.fields`. */
  used: ReadonlySet<string>;
}

export function chooseColumns(explicit: Partial<NoteColumns> = {}): ColumnChoice {
  const given = Object.fromEntries(Object.entries(explicit).filter(([, v]) => v !== undefined)) as Partial<NoteColumns>;
  const columns = { ...MIMIC_III_COLUMNS, ...given };
  return {
    columns,
    required: new Set([...REQUIRED_COLUMNS, ...(Object.keys(given) as (keyof NoteColumns)[])]),
    used: new Set(Object.values(columns)),
  };
}

function asText(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  return typeof value === 'string' ? value : String(value);
}

/**
 * Turns one parsed record into a note, or `undefined` when its text is empty (counted by the caller).
 * A record without an id is an error; errors name `where`, never the note's text.
 */
export function noteFromRecord(record: Record<string, unknown>, choice: ColumnChoice, where: string, fail: (what: string) => Error): Note | undefined {
  const { columns } = choice;
  const text = asText(record[columns.text]);
  if (text === undefined || text.trim() === '') return undefined;
  const id = asText(record[columns.id]);
  if (id === undefined || id === '') throw fail(`missing note id (column '${columns.id}')`);
  const fields: Record<string, string> = {};
  for (const [key, value] of Object.entries(record)) {
    const s = asText(value);
    if (!choice.used.has(key) && s !== undefined) fields[key] = s;
  }
  const optional = (key: keyof NoteColumns) => {
    const v = asText(record[columns[key]]);
    return v === undefined || v === '' ? undefined : v;
  };
  return {
    id,
    patientId: optional('patient'),
    encounterId: optional('encounter'),
    category: optional('category'),
    date: optional('date'),
    text,
    fields,
    where,
  };
}
