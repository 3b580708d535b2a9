import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { GENERATORS } from '../../src/generate/registry.js';
import { EXTRACTORS, extractorDefinition } from '../../src/rag/extractors/registry.js';
import { MEDEXPQA_CUES } from '../../src/rag/extractors/medexpqa.js';
import type { QaItem } from '../../src/rag/item.js';
import { hasContentlessOptions } from '../../src/rag/item.js';
import { PROMPTS, promptDefinition } from '../../src/rag/prompts/registry.js';
import { contextText, fill, PROMPTS_DIR, template } from '../../src/rag/prompts/template.js';
import { answererDefinition, ANSWERERS, READERS } from '../../src/rag/readers/registry.js';
import { SETTINGS, settingDefinition } from '../../src/rag/settings/registry.js';

const item = (lang: string, options: Record<string, string> = { '1': 'aspirin', '2': 'heparin' }): QaItem => ({ id: 'q', question: 'Which drug?', options, answer: '1', lang, group: 'g', gold: ['g1'], oracle: [{ id: 'o1', title: '', text: 'oracle' }] });
const passages = [{ id: 'a', title: 'T', text: 'first' }, { id: 'b', title: '', text: 'second' }];
const text = (rendered: string | { role: string; content: string }[]) => (typeof rendered === 'string' ? rendered : rendered.map((m) => `${m.role}: ${m.content}`).join('\n'));

describe('prompts', () => {
  it('templates are read once and hashed with sha256 of their text', () => {
    const t = template('generic/v1/user.txt');
    expect(template('generic/v1/user.txt')).toBe(t);
    const raw = readFileSync(join(PROMPTS_DIR, 'generic/v1/user.txt'), 'utf8');
    expect(t.text).toBe(raw);
    expect(t.sha256).toBe(createHash('sha256').update(raw).digest('hex'));
  });

  it('numbers passages from 1, with the title only when there is one', () => {
    expect(contextText(passages)).toBe('Document [1] (Title: T) first\nDocument [2] second');
    expect(contextText([])).toBe('');
  });

  it('an unknown placeholder is an input error', () => {
    expect(() => fill({ path: 'x/v1/t.txt', text: '{{nope}}', sha256: '' }, {})).toThrow(expect.objectContaining({ code: 'BAD_INPUT' }));
  });

  it('a section with an empty value disappears; only one final newline is dropped', () => {
    const t = { path: 'x/v1/t.txt', text: '{{#a}}A={{a}};{{/a}}{{#b}}B={{b}};{{/b}}end\n\n', sha256: '' };
    expect(fill(t, { a: '1', b: '' })).toBe('A=1;end\n');
  });

  it('medrag: a system and a user message, the options as "KEY. text" lines and the numbered passages', () => {
    const m = promptDefinition('medrag').render(item('en', { A: 'aspirin', B: 'heparin' }), passages) as { role: string; content: string }[];
    expect(m.map((x) => x.role)).toEqual(['system', 'user']);
    expect(m[1].content).toContain('A. aspirin\nB. heparin');
    expect(promptDefinition('medrag').templates().map((t) => t.path)).toEqual(['medrag/v1/system.txt', 'medrag/v1/user.txt']);
    expect(text(m)).toContain('Document [1] (Title: T) first');
    expect(text(m)).toContain('Which drug?');
  });

  it("medexpqa: the question's language, English for any other; its templates are the four languages", () => {
    const p = promptDefinition('medexpqa');
    for (const lang of Object.keys(MEDEXPQA_CUES)) expect(text(p.render(item(lang), []))).toContain(MEDEXPQA_CUES[lang].replace(/:$/, ''));
    expect(text(p.render(item('de'), []))).toContain(MEDEXPQA_CUES.en.replace(/:$/, ''));
    expect(p.templates().map((t) => t.path)).toEqual(['medexpqa/v1/en.txt', 'medexpqa/v1/es.txt', 'medexpqa/v1/it.txt', 'medexpqa/v1/fr.txt']);
  });

  it.each(['generic', 'cited', 'longhealth'])('%s: one user template, filled with the question, options and passages', (name) => {
    const p = promptDefinition(name);
    const rendered = p.render(item('en'), passages);
    expect(typeof rendered).toBe('string');
    expect(rendered).toContain('Which drug?');
    expect(rendered).toContain('1. aspirin\n2. heparin');
    expect(rendered).toContain('Document [2] second');
    expect(p.templates().map((t) => t.path)).toEqual([`${name}/v1/user.txt`]);
    expect(text(p.render(item('en'), []))).not.toContain('Document [');
  });

  it('each prompt names the extractor that reads its answers; only cited keeps citations', () => {
    expect(Object.fromEntries(Object.values(PROMPTS).map((p) => [p.name, p.extractor]))).toEqual({ medrag: 'strict', medexpqa: 'medexpqa', longhealth: 'longhealth', generic: 'generic', cited: 'generic' });
    expect(Object.values(PROMPTS).filter((p) => p.citations).map((p) => p.name)).toEqual(['cited']);
  });
});

describe('plug-in registries', () => {
  it('every plug-in says what it does (the help text lists these)', () => {
    for (const registry of [EXTRACTORS, PROMPTS, SETTINGS, READERS]) for (const def of Object.values(registry)) expect(def.description.length, def.name).toBeGreaterThan(20);
  });

  it('settings: where passages come from, and which may be shown', () => {
    const i = item('en');
    expect(Object.fromEntries(Object.values(SETTINGS).map((s) => [s.name, s.passages]))).toEqual({ 'closed-book': 'none', rag: 'retrieved', oracle: 'oracle', distractors: 'retrieved' });
    expect(['g1', 'o1', 'x'].map((id) => settingDefinition('closed-book').allows(i, id))).toEqual([false, false, false]);
    expect(['g1', 'o1', 'x'].map((id) => settingDefinition('rag').allows(i, id))).toEqual([true, true, true]);
    expect(['g1', 'o1', 'x'].map((id) => settingDefinition('oracle').allows(i, id))).toEqual([false, true, false]);
    expect(['g1', 'o1', 'x'].map((id) => settingDefinition('distractors').allows(i, id))).toEqual([false, true, true]);
  });

  it('readers: which use passages; answerers are the generators then the readers; unknown names list them', () => {
    expect(Object.fromEntries(Object.values(READERS).map((r) => [r.name, r.usesContext]))).toEqual({ 'ir-solver': true, majority: false, random: false });
    expect(Object.keys(ANSWERERS)).toEqual([...Object.keys(GENERATORS), 'ir-solver', 'majority', 'random']);
    expect(answererDefinition('majority')).toBe(READERS.majority);
    expect(() => answererDefinition('gpt')).toThrow(/unknown generator 'gpt'; valid: openai-compatible, onnx, ir-solver, majority, random/);
    expect(() => settingDefinition('open-book')).toThrow(/unknown setting 'open-book'/);
    expect(() => promptDefinition('chat')).toThrow(/unknown prompt 'chat'/);
    expect(extractorDefinition('strict').name).toBe('strict');
  });

  it('yes/no/maybe options carry no content, whatever their case and spacing; no options is not contentless', () => {
    expect(hasContentlessOptions(item('en', { A: ' Yes', B: 'NO', C: 'maybe ' }))).toBe(true);
    expect(hasContentlessOptions(item('en', { A: 'yes', B: 'aspirin' }))).toBe(false);
    expect(hasContentlessOptions(item('en', {}))).toBe(false);
  });
});
