// The redirect layout: plain HTML that works on any static host (GitHub Pages has no server redirects).
// A redirect is a meta refresh, a canonical link to the target and a visible link for when refresh is
// off; an alert name with several runbooks gets instead a short list of them with rule file and group.

import type { Root } from 'hast';
import { h } from 'hastscript';
import type { RedirectData } from '../../src/theme-api/redirect-data.js';

export default function redirect(data: RedirectData): Root {
  const { site } = data;
  if (data.kind === 'redirect') {
    const { target } = data;
    return document(site.languageCode, `${target.title} | ${site.title}`, [
      h('meta', { name: 'robots', content: 'noindex' }),
      h('meta', { 'http-equiv': 'refresh', content: `0; url=${target.url}` }),
      h('link', { rel: 'canonical', href: target.permalink }),
    ], [
      h('main', [h('p', ['This page has moved to ', h('a', { href: target.url }, target.title), '.'])]),
    ]);
  }
  return document(site.languageCode, `${data.alert} | ${site.title}`, [h('meta', { name: 'robots', content: 'noindex' })], [
    h('main', [
      h('h1', data.alert),
      h('p', `Several rule files hold an alert named ${data.alert}. Pick the runbook of the rule that fired:`),
      h('ul', data.candidates.map((candidate) => h('li', [
        h('a', { href: candidate.url }, candidate.title),
        ' — ', h('code', candidate.ruleFile), `, group ${candidate.group}`,
      ]))),
      h('p', [h('a', { href: site.homeUrl }, site.title)]),
    ]),
  ]);
}

function document(languageCode: string, title: string, head: ReturnType<typeof h>[], body: ReturnType<typeof h>[]): Root {
  return {
    type: 'root',
    children: [
      { type: 'doctype' },
      h('html', { lang: languageCode }, [
        h('head', [h('meta', { charset: 'utf-8' }), h('title', title), ...head]),
        h('body', body),
      ]),
    ],
  };
}
