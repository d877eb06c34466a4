// Every output generator of a build, in the order they are written (later files win on a clash).

import { themeAssets } from './theme-assets.js';
import type { OutputGenerator } from './types.js';

export const outputGenerators: readonly OutputGenerator[] = [themeAssets];
