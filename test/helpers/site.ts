// Whole-site test support (as Hugo's hugolib tests): a site written from one string of `-- path --`
// sections into a temporary folder, built with the programmatic API. Every temporary folder made here is
// removed when the test file that made it is done, so a run leaves nothing in the system's temp folder.

import { mkdtempSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll } from 'vitest';

const temporaryFolders: string[] = [];

// Registered when a test file imports this module (vitest runs each file with its own module instances).
afterAll(() => {
  for (const folder of temporaryFolders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

/** A new empty folder under the system's temp folder, removed after the test file (`prefix` names it). */
export function temporaryFolder(prefix = 'test'): string {
  const folder = mkdtempSync(path.join(tmpdir(), `runbook-site-${prefix}-`));
  temporaryFolders.push(folder);
  return folder;
}

/** Writes `-- path --` sections of `files` under a new temporary folder and returns the folder. */
export function writeSite(files: string): string {
  const root = temporaryFolder();
  const sections = files.split(/^-- (.+?) --$/m).slice(1);
  for (let index = 0; index < sections.length; index += 2) {
    const file = path.join(root, sections[index]!.trim());
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, sections[index + 1]!.replace(/^\n/, ''));
  }
  return root;
}

/** Every file under `folder` (relative posix path → bytes), to compare a folder before and after. */
export function snapshotFiles(folder: string): Record<string, Buffer> {
  const files: Record<string, Buffer> = {};
  const entries = readdirSync(folder, { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile());
  for (const entry of entries) {
    const file = path.join(entry.parentPath, entry.name);
    files[path.relative(folder, file).split(path.sep).join('/')] = readFileSync(file);
  }
  return files;
}

/** The site's own files (its sources), without the build cache runbook-site keeps beside them. */
export function snapshotSources(site: string): Record<string, Buffer> {
  return Object.fromEntries(Object.entries(snapshotFiles(site)).filter(([file]) => !file.startsWith('.runbook-site-cache/')));
}
