/**
 * Just enough to assemble a small WebAssembly module by hand (no toolchain, no binary in the
 * repository): LEB128 numbers, sections, names, and the runtime's classes, which the project's
 * lib (ES2023, no DOM) does not declare.
 */
export declare namespace Wasm {
  class Module {
    constructor(bytes: Uint8Array);
  }
  class Memory {
    constructor(descriptor: { initial: number; maximum: number });
    readonly buffer: ArrayBuffer;
  }
  class Instance {
    constructor(module: Module, imports: Record<string, Record<string, unknown>>);
    readonly exports: Record<string, unknown>;
  }
}

/** The runtime's WebAssembly object, typed with the members above. */
export const wasm = (globalThis as unknown as { WebAssembly: typeof Wasm }).WebAssembly;

export const PAGE = 65536;
/** wasm32: 4 GiB. */
export const MAX_PAGES = 65536;

/** Unsigned LEB128. */
export const leb = (n: number): number[] => {
  const out = [];
  do {
    let byte = n & 0x7f;
    n >>>= 7;
    if (n) byte |= 0x80;
    out.push(byte);
  } while (n);
  return out;
};
export const section = (id: number, body: number[]) => [id, ...leb(body.length), ...body];
export const name = (s: string) => [s.length, ...Buffer.from(s)];

/** A module importing `env.memory`, its functions given as [name, type (params, results), locals, body]. */
export function moduleBytes(functions: { name: string; params: number[]; results: number[]; locals: number[]; body: number[] }[]): Uint8Array {
  const types = functions.map((f) => [0x60, f.params.length, ...f.params, f.results.length, ...f.results]);
  const bodies = functions.map((f) => {
    const locals = f.locals.length ? [f.locals.length, ...f.locals.flatMap((t) => [1, t])] : [0];
    const code = [...locals, ...f.body, 0x0b];
    return [...leb(code.length), ...code];
  });
  return new Uint8Array([
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    ...section(1, [functions.length, ...types.flat()]),
    ...section(2, [1, ...name('env'), ...name('memory'), 0x02, 0x00, 0]),
    ...section(3, [functions.length, ...functions.map((_, i) => i)]),
    ...section(7, [functions.length, ...functions.flatMap((f, i) => [...name(f.name), 0x00, i])]),
    ...section(10, [functions.length, ...bodies.flat()]),
  ]);
}
