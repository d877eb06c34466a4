// A highlight.js grammar for PromQL, so `expr:` values and ```promql blocks are highlighted at build time.
// It marks functions, aggregation operators and modifiers, label matchers, durations and numbers; it
// does not validate queries.

import type { LanguageFn } from 'lowlight';

const aggregations = 'sum min max avg group stddev stdvar count count_values bottomk topk quantile limitk limit_ratio';
const keywords = 'by without on ignoring group_left group_right offset bool and or unless';
const functions = [
  'abs absent absent_over_time avg_over_time ceil changes clamp clamp_max clamp_min count_over_time',
  'day_of_month day_of_week day_of_year days_in_month delta deriv exp floor histogram_avg histogram_count',
  'histogram_fraction histogram_quantile histogram_sum holt_winters hour idelta increase irate label_join',
  'label_replace last_over_time ln log10 log2 max_over_time min_over_time minute month predict_linear',
  'present_over_time quantile_over_time rate resets round scalar sgn sort sort_desc sqrt stddev_over_time',
  'stdvar_over_time sum_over_time time timestamp vector year',
].join(' ');

export const promql: LanguageFn = () => ({
  name: 'PromQL',
  aliases: ['prometheus'],
  case_insensitive: false,
  keywords: { keyword: keywords, built_in: `${aggregations} ${functions}` },
  contains: [
    { scope: 'comment', begin: /#/, end: /$/ },
    { scope: 'string', begin: /"/, end: /"/, contains: [{ begin: /\\./ }] },
    { scope: 'string', begin: /'/, end: /'/, contains: [{ begin: /\\./ }] },
    { scope: 'string', begin: /`/, end: /`/ },
    // Label matchers inside braces: name, operator, quoted value.
    { scope: 'attr', begin: /[a-zA-Z_][a-zA-Z0-9_]*(?=\s*(=~|!~|!=|=)\s*["'`])/ },
    // Range and offset durations such as [5m] or [1h30m:1m].
    { scope: 'number', begin: /\b\d+(ms|s|m|h|d|w|y)\b/ },
    { scope: 'number', begin: /\b\d+(\.\d+)?([eE][+-]?\d+)?\b/ },
    { scope: 'operator', begin: /=~|!~|!=|==|<=|>=|[-+*/%^<>]/ },
  ],
});
