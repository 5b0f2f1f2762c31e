/**
 * The version `raft-sheet --version` prints: package.json's own, never a copy. A JSON import
 * rather than a file read beside `import.meta.url`, so it holds wherever the code runs from:
 * tsc emits the JSON into dist/ next to the compiled bin, and a bundler inlines it.
 */
import pkg from '../package.json' with { type: 'json' };

export const VERSION: string = pkg.version;
