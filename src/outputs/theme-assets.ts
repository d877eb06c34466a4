// Writes the theme's assets (CSS, scripts, icons) at their fingerprinted paths.

import type { OutputGenerator } from './types.js';

export const themeAssets: OutputGenerator = (model) =>
  [...model.theme.assets.values()].map((asset) => ({ path: asset.outputPath, content: asset.content }));
