/** The TypeScript source of src/io/pair-search-module.ts for the WebAssembly text `wat` (default: src/io/pair-search.wat). */
export function pairSearchModuleSource(wat?: string): Promise<string>;
