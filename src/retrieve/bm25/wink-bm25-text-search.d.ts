/** The part of wink-bm25-text-search's API medir uses (the package ships no types). */
declare module 'wink-bm25-text-search' {
  interface WinkBm25 {
    defineConfig(config: { fldWeights: Record<string, number>; bm25Params?: { k1?: number; b?: number; k?: number } }): boolean;
    definePrepTasks(tasks: Array<(input: string) => string[]>, field?: string): number;
    addDoc(doc: Record<string, string>, id: string): number;
    consolidate(freqPrecision?: number): boolean;
    search(text: string, limit?: number): Array<[string, number]>;
    exportJSON(): string;
    importJSON(json: string): boolean;
  }
  export default function bm25(): WinkBm25;
}
