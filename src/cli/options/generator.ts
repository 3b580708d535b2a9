import { Option, type Command } from 'commander';
import { createCachedGenerator } from '../../generate/cache.js';
import type { Generator, GeneratorDefinition } from '../../generate/generator.js';
import { GENERATORS } from '../../generate/registry.js';
import type { Locations } from '../../mirror/locations.js';
import { addParamOptions, optionGroup } from '../common.js';

const textGenerators = () => Object.values(GENERATORS) as GeneratorDefinition[];

/** `--generator` (from the registry) and every generator's flags. */
export function addGeneratorOptions(cmd: Command, purpose: string): Command {
  const defs = textGenerators();
  return optionGroup(cmd, 'Generation options:', (c) =>
    addParamOptions(c.addOption(new Option('--generator <name>', `${purpose}: ${defs.map((d) => `${d.name} (${d.description})`).join('; ')}`).choices(defs.map((d) => d.name))), defs.flatMap((d) => d.params)),
  );
}

/** The configured generator behind medir's reply cache, or undefined when no --generator was given. */
export async function generatorFrom(flags: { generator?: string } & Record<string, unknown>, loc: Locations): Promise<Generator | undefined> {
  return flags.generator ? createCachedGenerator(flags.generator, flags, loc) : undefined;
}

