// The name of the build cache's folder in the site (DESIGN.md, cache layout): every cache lives below it.

export const CACHE_FOLDER = '.runbook-site-cache';
