// Rewrites the README's CLI reference from the compiled CLI definitions (run by `npm run docs`).
import { readFileSync, writeFileSync } from 'node:fs';
import { withCliReference } from '../dist/src/cli/help.js';

const readme = new URL('../README.md', import.meta.url);
writeFileSync(readme, withCliReference(readFileSync(readme, 'utf8')));
