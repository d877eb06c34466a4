// A static file server for a built site: serves the output folder under the base URL's path, with
// `index.html` for folder URLs and the site's 404.html for misses. It never serves a file outside the
// folder (`..`, encoded `%2e%2e`, absolute paths) and never redirects off its origin (`//host/...`).
// It does not build or watch; `serve` adds that through two hooks: its own routes (`handle`) and a
// snippet put at the end of every HTML page (`htmlSnippet`).

import { createReadStream, existsSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
};

export interface StaticServerOptions {
  /** Folder to serve. */
  root: string;
  /** URL path the site lives under, e.g. `/runbooks-site/` (default `/`). */
  basePath?: string;
  host?: string;
  /** 0 picks a free port. */
  port?: number;
  /** Handles a request itself and returns true, or returns false to let the static files answer. */
  handle?: (request: IncomingMessage, response: ServerResponse) => boolean;
  /** HTML put before `</body>` of every HTML page served (the live-reload client under `serve`). */
  htmlSnippet?: () => string;
}

export interface RunningServer {
  readonly server: Server;
  /** `http://host:port` + base path. */
  readonly url: string;
  close(): Promise<void>;
}

/** The file a request path maps to inside `root`, or undefined when it is outside or malformed. */
export function resolveRequestPath(root: string, basePath: string, requestUrl: string): string | undefined {
  const pathname = requestUrl.split(/[?#]/, 1)[0] ?? '';
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return undefined;
  }
  // `//host/...` (or `/\host`) is no path of the site: a folder redirect to it would leave the origin.
  if (/^\/[/\\]/.test(pathname) || /^\/[/\\]/.test(decoded)) return undefined;
  if (!decoded.startsWith(basePath) || decoded.includes('\0')) return undefined;
  const relative = decoded.slice(basePath.length);
  const absoluteRoot = path.resolve(root);
  const target = path.resolve(absoluteRoot, `.${path.posix.sep}${relative}`);
  if (!isInside(absoluteRoot, target)) return undefined;
  // A symlink in the folder can still lead out of it, so the real path decides.
  if (existsSync(target) && !isInside(realpathSync(absoluteRoot), realpathSync(target))) return undefined;
  return target;
}

/** The output file (`/`-separated, `index.html` for a folder URL) a request path names, or undefined (see resolveRequestPath). */
export function requestedOutputFile(root: string, basePath: string, requestUrl: string): string | undefined {
  const target = resolveRequestPath(root, basePath, requestUrl);
  if (target === undefined) return undefined;
  const relative = path.relative(path.resolve(root), target).split(path.sep).join('/');
  const folderUrl = (requestUrl.split(/[?#]/, 1)[0] ?? '').endsWith('/');
  return folderUrl ? path.posix.join(relative, 'index.html') : relative;
}

function isInside(folder: string, target: string): boolean {
  return target === folder || target.startsWith(folder + path.sep);
}

export function handleStaticRequest(
  root: string,
  basePath: string,
  request: IncomingMessage,
  response: ServerResponse,
  htmlSnippet?: () => string,
): void {
  const target = resolveRequestPath(root, basePath, request.url ?? '/');
  let file = target;
  if (file && existsSync(file) && statSync(file).isDirectory()) {
    if (!request.url?.split('?')[0]?.endsWith('/')) {
      response.writeHead(301, { location: `${request.url?.split('?')[0]}/` }).end();
      return;
    }
    file = path.join(file, 'index.html');
  }
  if (file && existsSync(file) && statSync(file).isFile()) {
    writeFileHead(response, file);
    sendFile(file, response, htmlSnippet);
    return;
  }
  const notFound = path.join(root, '404.html');
  response.writeHead(404, { 'content-type': 'text/html; charset=utf-8' });
  if (existsSync(notFound)) sendFile(notFound, response, htmlSnippet);
  else response.end('Not found');
}

/** A theme asset named by its content hash (`style.e70587f455.css`): what that URL answers never changes. */
const FINGERPRINTED = /\.[0-9a-f]{10}\.(css|js)$/;

/**
 * Fingerprinted assets may be kept (a reload under `serve` then fetches only the page); everything else
 * is asked for again every time, so an edit shows.
 */
function cacheControlOf(file: string): string {
  return FINGERPRINTED.test(file) ? 'public, max-age=31536000, immutable' : 'no-cache';
}

/** The 200 head of a file's answer: its type by extension, and whether the browser may keep it. */
function writeFileHead(response: ServerResponse, file: string): void {
  response.writeHead(200, { 'content-type': contentTypes[path.extname(file)] ?? 'application/octet-stream', 'cache-control': cacheControlOf(file) });
}

function sendFile(file: string, response: ServerResponse, htmlSnippet: (() => string) | undefined): void {
  if (!htmlSnippet || path.extname(file) !== '.html') {
    createReadStream(file).pipe(response);
    return;
  }
  response.end(withSnippet(readFileSync(file, 'utf8'), htmlSnippet));
}

function withSnippet(html: string, htmlSnippet: () => string): string {
  const end = html.lastIndexOf('</body>');
  return end === -1 ? html + htmlSnippet() : html.slice(0, end) + htmlSnippet() + html.slice(end);
}

/** Answers with a file's content not (yet) on disk, as a file at `file` (an output path) would be answered. */
export function sendContent(file: string, content: string | Uint8Array, response: ServerResponse, htmlSnippet?: () => string): void {
  writeFileHead(response, file);
  response.end(htmlSnippet && path.extname(file) === '.html' && typeof content === 'string' ? withSnippet(content, htmlSnippet) : content);
}

export function startStaticServer(options: StaticServerOptions): Promise<RunningServer> {
  const basePath = options.basePath ?? '/';
  const host = options.host ?? '127.0.0.1';
  const server = createServer((request, response) => {
    if (options.handle?.(request, response)) return;
    handleStaticRequest(options.root, basePath, request, response, options.htmlSnippet);
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        server,
        url: `http://${host}:${port}${basePath}`,
        close: () => new Promise((done) => {
          server.closeAllConnections();
          server.close(() => done());
        }),
      });
    });
  });
}
