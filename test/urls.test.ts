import { describe, expect, test } from 'vitest';
import { outputFileOf, pagePath, sanitizePathSegment, siteLinks } from '../src/content/urls.js';

describe('pagePath: Hugo-compatible URLs', () => {
  test.each([
    ['runbooks/haproxy-x/HaproxyBackendConnectionErrors.md', {}, '/runbooks/haproxy-x/haproxybackendconnectionerrors/'],
    ['runbooks/mysqld-exporter/MysqlTooManyConnections(>80%).md', {}, '/runbooks/mysqld-exporter/mysqltoomanyconnections80/'],
    ['runbooks/ssl/SslCertificateExpiry(<7Days).md', {}, '/runbooks/ssl/sslcertificateexpiry7days/'],
    ['runbooks/x/Disk   Full Now.md', {}, '/runbooks/x/disk-full-now/'],
    ['runbooks/x/a%2Fb%zz.md', {}, '/runbooks/x/a%2fbzz/'],
    ['runbooks/x/Ünïcode_Ok+~@#.md', {}, '/runbooks/x/ünïcode_ok+~@#/'],
    ['runbooks/haproxy-x/_index.md', {}, '/runbooks/haproxy-x/'],
    ['_index.md', {}, '/'],
    ['runbooks/x/Foo.md', { slug: 'Bar' }, '/runbooks/x/bar/'],
    ['runbooks/x/Foo.md', { url: '/custom/Place/' }, '/custom/Place/'],
    ['runbooks/x/Foo.md', { url: 'custom/place' }, '/custom/place/'],
    ['runbooks/x/Foo.md', { url: '/legacy/page.html' }, '/legacy/page.html'],
  ])('%s %o → %s', (contentPath, frontMatter, expected) => {
    expect(pagePath({ contentPath, ...frontMatter })).toBe(expected);
  });

  test('sanitising keeps an explicit hyphen without doubling it', () => {
    expect(sanitizePathSegment('a - b')).toBe('a-b');
  });

  test.each([
    ['Kafka_Exporter-v2.1#x+y~z@w', 'Kafka_Exporter-v2.1#x+y~z@w'],
    ['50%25-off', '50%25-off'],
    ['100%', '100'],
    ['a%zz', 'azz'],
    ['a$b:c!d?e', 'abcde'],
    ['Ünïcode ok', 'Ünïcode-ok'],
  ])('sanitising %s gives %s, as Hugo', (segment, expected) => {
    expect(sanitizePathSegment(segment)).toBe(expected);
  });
});

describe('outputFileOf', () => {
  test.each([
    ['/', 'index.html'],
    ['/runbooks/x/foo/', 'runbooks/x/foo/index.html'],
    ['/legacy/page.html', 'legacy/page.html'],
  ])('%s → %s', (sitePath, expected) => expect(outputFileOf(sitePath)).toBe(expected));
});

describe('siteLinks under a sub-path base URL', () => {
  const links = siteLinks('https://org.github.io/repo/');
  test('relative links carry the base path', () => {
    expect(links.basePath).toBe('/repo/');
    expect(links.relative('/runbooks/x/')).toBe('/repo/runbooks/x/');
    expect(links.absolute('/runbooks/x/')).toBe('https://org.github.io/repo/runbooks/x/');
  });
  test('a path-only base URL works too', () => {
    expect(siteLinks('/').relative('/a/')).toBe('/a/');
  });
});
