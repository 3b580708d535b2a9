import type { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { medir } from '../helpers/cli.js';
import { tempDir, writeTree } from '../helpers/tmp.js';
import { join } from 'node:path';

// Bad input from the command line: a clear message naming the option or file:line, a non-zero exit, no stack.
describe('CLI errors', () => {
  it('an unknown dataset names the valid ones and exits 2', () => {
    const r = medir(['run', '--dataset', 'nfcorpsu', '--retriever', 'bm25']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/unknown dataset 'nfcorpsu'; valid: .*nfcorpus/);
    expect(r.stderr).toMatch(/hint: run `medir datasets`/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('an unknown retriever lists the registry', () => {
    const r = medir(['run', '--dataset', 'nfcorpus', '--retriever', 'splade']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/--retriever <name>' argument 'splade' is invalid\nhint: valid: bm25, dense, opensearch, elasticsearch/);
  });

  it('a bad number names its flag', () => {
    const r = medir(['run', '--dataset', 'nfcorpus', '--retriever', 'bm25', '--top-k', 'ten']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/--top-k: expected a positive integer, got 'ten'/);
  });

  it('a missing split names the qrels file it looked for', () => {
    const r = medir(['run', '--dataset', 'scifact', '--split', 'dev', '--retriever', 'bm25']);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/scifact\/qrels\/dev\.tsv: no qrels for split 'dev'/);
  });

  it('a malformed corpus line in a local dataset gives file:line', () => {
    const dir = writeTree(tempDir(), {
      'corpus.jsonl': '{"_id":"d1","text":"fine"}\n{"_id":"d2","text":"broken\n',
      'queries.jsonl': '{"_id":"q1","text":"fine"}\n',
      'qrels/test.tsv': 'query-id\tcorpus-id\tscore\nq1\td1\t1\n',
    });
    const r = medir(['index', '--dataset', dir, '--retriever', 'bm25'], { env: { MEDIR_INDEXES: join(dir, 'indexes') } });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`${join(dir, 'corpus.jsonl')}:2: invalid JSON`);
  });

  it('every command and command group has --help with an example, options grouped by component, one default notation', async () => {
    const { buildProgram } = await import('../../src/cli/program.js');
    const all = (cmd: Command): Command[] => [cmd, ...cmd.commands.flatMap(all)];
    const commands = all(await buildProgram()).slice(1);
    expect(commands.length).toBeGreaterThan(5);
    const helpOf = (cmd: Command) => {
      let help = '';
      cmd.configureOutput({ writeOut: (s) => (help += s) });
      cmd.outputHelp();
      return help;
    };
    for (const cmd of commands) {
      const help = helpOf(cmd);
      expect(help, cmd.name()).toMatch(/Examples?:\n\s+(npx )?medir /);
      expect(help, cmd.name()).not.toMatch(/\[default: /);
    }
    const run = helpOf(commands.find((c) => c.name() === 'run')!);
    for (const heading of ['Common options:', 'Notes options:', 'bm25 options:', 'dense options:']) expect(run).toContain(`\n${heading}\n`);
    expect(run.indexOf('--k1')).toBeGreaterThan(run.indexOf('bm25 options:'));
    expect(run.indexOf('--ef-search')).toBeGreaterThan(run.indexOf('dense options:'));
    const compare = helpOf(commands.find((c) => c.name() === 'compare')!);
    expect(compare).toContain('\nEvaluation policy options:\n');
    // rag's help lists its own and the generators' flags; the retrievers' are those of `medir run`.
    const rag = helpOf(commands.find((c) => c.name() === 'rag')!);
    expect(rag).toContain('\nGeneration options:\n');
    expect(rag).not.toContain('--ef-search');
    expect(rag.split('\n').length).toBeLessThan(125);
  });
});
