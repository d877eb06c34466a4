// Reading and writing the build cache's files so that a damaged one (truncated, scrambled, replaced by a
// folder, half-written by a killed build) reads as missing, never as content: HTML files are checked
// against the content hash they are named by, JSON files carry the hash of their own text on their first
// line and are written to a temporary name and renamed, so a reader sees the old file or the new one;
// so do values kept in V8's serialization format (a large table of strings reads and writes in a
// fraction of JSON's time: no UTF-8 transcoding, no escaping).
// The cache treats anything missing as a miss and renders again, so it can never change the output.

import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { deserialize, serialize } from 'node:v8';
import { contentHash } from '../util/content-hash.js';

/** The file's text when its contentHash is `hash`, else undefined (unreadable, a folder, other content). */
export function readVerifiedText(file: string, hash: string): string | undefined {
  try {
    const bytes = readFileSync(file);
    return contentHash(bytes) === hash ? bytes.toString('utf8') : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The value writeVerifiedJson wrote to `file`, or undefined when it is missing or damaged; `legacy` also
 * reads plain JSON, as versions before this one wrote it (unverified: the caller checks what it uses).
 */
export function readVerifiedJson<T>(file: string, legacy = false): T | undefined {
  try {
    const text = readFileSync(file, 'utf8');
    if (legacy && text.startsWith('{')) return JSON.parse(text) as T;
    const newline = text.indexOf('\n');
    const json = text.slice(newline + 1);
    return newline > 0 && contentHash(json) === text.slice(0, newline) ? (JSON.parse(json) as T) : undefined;
  } catch {
    return undefined;
  }
}

/** Writes `value` as JSON after the hash of its text, replacing `file` in one rename. */
export function writeVerifiedJson(file: string, value: unknown): void {
  const json = JSON.stringify(value);
  const pending = `${file}.${process.pid}.pending`;
  writeFileSync(pending, `${contentHash(json)}\n${json}`);
  renameSync(pending, file);
}

/** The value writeVerifiedValue wrote to `file`, or undefined when it is missing or damaged. */
export function readVerifiedValue(file: string): unknown {
  try {
    const bytes = readFileSync(file);
    const newline = bytes.indexOf(0x0a);
    const payload = bytes.subarray(newline + 1);
    return newline > 0 && contentHash(payload) === bytes.toString('latin1', 0, newline) ? deserialize(payload) : undefined;
  } catch {
    return undefined;
  }
}

/** Writes `value` in V8's serialization format after the hash of those bytes, replacing `file` in one rename. */
export function writeVerifiedValue(file: string, value: unknown): void {
  const payload = serialize(value);
  const pending = `${file}.${process.pid}.pending`;
  writeFileSync(pending, Buffer.concat([Buffer.from(`${contentHash(payload)}\n`, 'latin1'), payload]));
  renameSync(pending, file);
}
