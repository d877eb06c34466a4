// The `figure` shortcode (Hugo's): an image (`src`, `alt`, `width`, `height`, `loading`), optionally a link
// (`link`, `target`, `rel`), with a caption (`title`, `caption`, `attr`, `attrlink`) and a `class`.
// A root-relative `src` or `link` is put under the base URL's path, so it works on a sub-path site.

import { h } from 'hastscript';
import { serialise, urlArgument } from '../src/shortcodes/markup.js';
import type { Shortcode } from '../src/shortcodes/types.js';

const figure: Shortcode = (args, _inner, context) => {
  const get = (key: string): string | undefined => args.named[key];
  const src = get('src') ?? args.positional[0];
  if (!src) {
    context.fail({ reason: 'Missing `src` in `figure`', hint: 'write {{< figure src="/images/diagram.png" alt="..." caption="..." >}}', ruleId: 'figure/bad-arguments' });
  }
  const caption = get('caption');
  const attr = get('attr');
  const attrlink = get('attrlink');
  const link = get('link');
  const image = h('img', {
    src: urlArgument(src, context),
    alt: get('alt') ?? caption,
    width: get('width'),
    height: get('height'),
    loading: get('loading'),
  });
  const credit = attr === undefined ? [] : [caption ? ' ' : '', attrlink ? h('a', { href: urlArgument(attrlink, context) }, attr) : attr];
  const captionLine = caption !== undefined || attr !== undefined ? h('p', [caption ?? '', ...credit]) : undefined;
  const title = get('title');
  return serialise(
    h('figure', { className: get('class') }, [
      link ? h('a', { href: urlArgument(link, context), target: get('target'), rel: get('rel') }, [image]) : image,
      title !== undefined || captionLine ? h('figcaption', [title !== undefined ? h('h4', title) : undefined, captionLine]) : undefined,
    ]),
  );
};

export default figure;
