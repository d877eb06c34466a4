// The static server behind `serve` never hands out a file outside the folder it serves, however the path
// is spelled, and listens on 127.0.0.1 unless told otherwise. Requests are written on a raw socket, so
// no client normalises `..` or decodes `%2e` before the server sees them. Fingerprinted assets may be
// kept by the browser; everything else is asked for again.

import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { connect, type AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startStaticServer, type RunningServer } from '../src/serve/static-server.js';
import { temporaryFolder } from './helpers/site.js';

const SECRET = 'secret-outside-the-output-folder';

/** `GET target` on a raw socket; the status code and body of the response. */
function rawGet(port: number, target: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => {
      socket.write(`GET ${target} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`);
    });
    const chunks: Buffer[] = [];
    socket.on('data', (chunk) => chunks.push(chunk));
    socket.on('error', reject);
    socket.on('end', () => {
      const response = Buffer.concat(chunks).toString('latin1');
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(response)?.[1]);
      resolve({ status, body: response.slice(response.indexOf('\r\n\r\n') + 4) });
    });
  });
}

/** A site folder with a public/ to serve, a secret next to it to try to reach, and symlinks from inside to it. */
function siteWithSecrets(): { site: string; secretPath: string } {
  const site = temporaryFolder('serve');
  mkdirSync(path.join(site, 'public', 'runbooks'), { recursive: true });
  writeFileSync(path.join(site, 'public', 'index.html'), '<h1>home</h1>');
  writeFileSync(path.join(site, 'public', 'runbooks', 'index.html'), '<h1>runbooks</h1>');
  writeFileSync(path.join(site, 'public', '404.html'), '<h1>not found</h1>');
  mkdirSync(path.join(site, 'public', 'assets'));
  writeFileSync(path.join(site, 'public', 'assets', 'style.e70587f455.css'), 'body {}');
  writeFileSync(path.join(site, 'public', 'assets', 'extra.css'), 'p {}');
  writeFileSync(path.join(site, 'secret.txt'), SECRET);
  symlinkSync(path.join(site, 'secret.txt'), path.join(site, 'public', 'linked-secret.txt'));
  symlinkSync(site, path.join(site, 'public', 'linked-folder'));
  const secretPath = path.join(site, 'secret.txt');
  return { site, secretPath };
}

const escapes = (secretPath: string): string[] => [
  '/../secret.txt',
  '/runbooks/../../secret.txt',
  '/%2e%2e/secret.txt',
  '/%2E%2E/secret.txt',
  '/.%2e/secret.txt',
  '/%2e%2e%2fsecret.txt',
  '/runbooks/..%2f..%2fsecret.txt',
  '/%252e%252e/secret.txt',
  '/..%5csecret.txt',
  `/${secretPath}`,
  `/%2F${encodeURIComponent(secretPath.slice(1))}`,
  `//${secretPath.slice(1)}`,
  `http://127.0.0.1/../secret.txt`,
  '/linked-secret.txt',
  '/linked-folder/secret.txt',
  '/index.html%00.txt',
  '/secret.txt%00',
  '/%00../secret.txt',
  '/%c0%ae%c0%ae/secret.txt',
  '/%e0%80%ae%e0%80%ae/secret.txt',
];

describe.each([
  ['/', ''],
  ['/repo/', '/repo'],
])('static server under base path %s', (basePath, prefix) => {
  const { site, secretPath } = siteWithSecrets();
  let server: RunningServer;
  let port: number;
  beforeAll(async () => {
    server = await startStaticServer({ root: path.join(site, 'public'), basePath });
    port = (server.server.address() as AddressInfo).port;
  });
  afterAll(() => server.close());

  test('serves the files inside the folder', async () => {
    for (const [target, body] of [['/', '<h1>home</h1>'], ['/runbooks/', '<h1>runbooks</h1>'], ['/runbooks/./../runbooks/index.html', '<h1>runbooks</h1>']]) {
      const response = await rawGet(port, `${prefix}${target}`);
      expect(response.status).toBe(200);
      expect(response.body).toContain(body);
    }
  });

  test.each(escapes(secretPath).map((target) => [target]))('never serves a file outside the folder: %s', async (target) => {
    for (const request of [target, `${prefix}${target}`]) {
      const response = await rawGet(port, request);
      expect([400, 404], request).toContain(response.status);
      expect(response.body, request).not.toContain(SECRET);
    }
  });

  test('lets the browser keep fingerprinted assets, and asks again for everything else', async () => {
    const cacheControl = async (target: string) => (await fetch(`http://127.0.0.1:${port}${prefix}${target}`)).headers.get('cache-control');
    expect(await cacheControl('/assets/style.e70587f455.css')).toBe('public, max-age=31536000, immutable');
    for (const target of ['/', '/runbooks/', '/assets/extra.css']) expect(await cacheControl(target), target).toBe('no-cache');
  });

  test('listens on 127.0.0.1 by default', () => {
    expect((server.server.address() as AddressInfo).address).toBe('127.0.0.1');
  });
});
