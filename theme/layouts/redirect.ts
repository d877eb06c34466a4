// The redirect layout: plain HTML that works on any static host (GitHub Pages has no server redirects).
// A redirect is a one-line script that goes on to the target keeping the link's query and fragment (a
// firing alert's labels ride there: `?instance=db1:9100#diagnosis`), a meta refresh for when scripts are
// off (it drops them), a canonical link and a visible link; an alert name with several runbooks gets
// instead a short list of them with rule file and group, each link given the query and fragment too.

import type { Root } from 'hast';
import { h } from 'hastscript';
import type { RedirectData } from '../../src/theme-api/redirect-data.js';

// The query and fragment come from whoever made the link: they are only ever appended to a URL of the
// site's own (`?` and `#` start them, so they cannot change its scheme or host), never parsed or drawn.
// The target is the script's own attribute, written by the build.
const REDIRECT_SCRIPT = 'location.replace(document.currentScript.dataset.target + location.search + location.hash);';
const CANDIDATES_SCRIPT = "document.querySelectorAll('a[data-candidate]').forEach(function (link) {"
  + ' link.href = link.getAttribute(\'href\') + location.search + location.hash; });';

export default function redirect(data: RedirectData): Root {
  const { site } = data;
  if (data.kind === 'redirect') {
    const { target } = data;
    return document(site.languageCode, `${target.title} | ${site.title}`, [
      h('meta', { name: 'robots', content: 'noindex' }),
      h('script', { dataTarget: target.url }, REDIRECT_SCRIPT),
      // Inside <noscript>, so it cannot win a race with the script's redirect and drop the query.
      h('noscript', [h('meta', { 'http-equiv': 'refresh', content: `0; url=${target.url}` })]),
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
        h('a', { href: candidate.url, dataCandidate: true }, candidate.title),
        ' — ', h('code', candidate.ruleFile), `, group ${candidate.group}`,
      ]))),
      h('p', [h('a', { href: site.homeUrl }, site.title)]),
    ]),
    h('script', CANDIDATES_SCRIPT),
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
