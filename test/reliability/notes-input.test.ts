import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { resolveLocations } from '../../src/mirror/locations.js';
import { jsonErrorColumn } from '../../src/notes/jsonl-notes.js';
import { buildNotesCorpus, type NotesCorpusSpec } from '../../src/notes/notes-corpus.js';
import { tempDir, writeTree } from '../helpers/tmp.js';
import { medirErrorOf } from '../helpers/errors.js';

const SECRET = 'Patient Jones';

function spec(file: string): NotesCorpusSpec {
  return {
    name: 'notes',
    source: { file, columns: { id: 'id', text: 'text' }, dedupe: 'none' },
    chunker: 'words',
    chunkerParams: { passageWords: 50, passageOverlap: 0, clean: 'none' },
    idFrom: 'note',
  };
}

const csv = 'id,text\n' + Array.from({ length: 400 }, (_, i) => `${i},"${SECRET} note ${i} ${'lorem ipsum dolor '.repeat(20)}"`).join('\n') + '\n';
const jsonl = Array.from({ length: 400 }, (_, i) => JSON.stringify({ id: String(i), text: `${SECRET} note ${i} ${'lorem ipsum '.repeat(20)}` })).join('\n') + '\n';

describe('broken notes files: an error naming the file, no temp copy of note text left in the cache', () => {
  const zipped = (text: string) => gzipSync(text);
  const half = (bytes: Buffer) => bytes.subarray(0, bytes.length >> 1);
  const cases: [string, Buffer | string][] = [
    ['trunc.csv.gz', half(zipped(csv))],
    ['plain.csv.gz', csv],
    ['trunc.jsonl.gz', half(zipped(jsonl))],
    ['plain.jsonl.gz', jsonl],
  ];
  for (const [name, bytes] of cases) {
    it(name, async () => {
      const dir = tempDir();
      const file = join(dir, name);
      writeFileSync(file, bytes);
      const loc = { ...resolveLocations(), cache: join(dir, `cache-${name}`) };
      const err = await medirErrorOf(() => buildNotesCorpus(spec(file), loc));
      expect(err.message).toContain(file);
      expect(err.message).not.toContain(SECRET);
      expect(readdirSync(join(loc.cache, 'notes'))).toEqual([]);
    });
  }

  it('a folder given as the notes file', async () => {
    const dir = tempDir();
    const folder = join(dir, 'folder.csv');
    mkdirSync(folder, { recursive: true });
    const err = await medirErrorOf(() => buildNotesCorpus(spec(folder), { ...resolveLocations(), cache: join(dir, 'cache-dir') }));
    expect(err.message).toContain(folder);
  });
});

describe('JSON errors in notes name file, line and column, never the text', () => {
  it('bare text on line 6', async () => {
    const lines = Array.from({ length: 5 }, (_, i) => JSON.stringify({ id: `n${i}`, text: 'fine' }));
    const dir = writeTree(tempDir(), { 'bare.jsonl': [...lines, `${SECRET} was seen`, ''].join('\n') });
    const file = join(dir, 'bare.jsonl');
    const err = await medirErrorOf(() => buildNotesCorpus(spec(file), { ...resolveLocations(), cache: join(dir, 'cache') }));
    expect(err.message).toBe(`${file}:6: invalid JSON at column 1`);
  });

  it('columns, worked by hand, for each kind of V8 message', () => {
    const column = (text: string) => {
      try {
        JSON.parse(text);
      } catch (err) {
        return jsonErrorColumn(text, (err as Error).message);
      }
      throw new Error('valid JSON');
    };
    expect(column('{"text":"Patient Jo')).toBe(20); // unterminated string: the end
    expect(column('{"text":nul}')).toBe(12); // Unexpected token '}' (no position in the message)
    expect(column('{"text":Patient}')).toBe(9); // Unexpected token 'P'
    expect(column('{"a":1} Patient')).toBe(9);
    expect(column('{"a":tr')).toBe(8); // unexpected end
  });
});
