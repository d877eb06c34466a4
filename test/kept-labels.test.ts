// Which labels an alert expression's series keep (src/rules/promql/kept-labels.ts), as Prometheus's
// evaluation would give them: one row per expression shape, with the labels asked about and the answer.

import { expect, test } from 'vitest';
import { keepsLabel } from '../src/rules/promql/index.js';

test.each([
  ['up{job="node"} == 0', { instance: true, job: true }],
  ['rate(haproxy_backend_connection_errors_total[1m]) > 100', { instance: true, job: true }],
  ['sum by (fqdn, backend) (rate(haproxy_backend_connection_errors_total[1m])) > 100', { fqdn: true, backend: true, instance: false }],
  ['sum(rate(x[5m])) by (instance) > 1', { instance: true, job: false }],
  ['sum without (cpu) (rate(node_cpu_seconds_total[5m]))', { instance: true, cpu: false }],
  ['count(up) > 0', { instance: false, job: false }],
  ['topk(3, up) offset 5m', { instance: true }],
  ['count_values("version", build_info)', { version: true, instance: false }],
  ['a / on(instance) b', { instance: true, job: false }],
  ['a / ignoring(code) b', { code: false, instance: true }],
  ['sum without (cpu) (rate(node_cpu[5m])) / on(instance) group_left(nodename) node_uname_info', { instance: true, nodename: true, cpu: false }],
  ['sum by (job) (x) / on(job) group_right sum by (job, instance) (y)', { instance: true, job: true }],
  ['up == 0 and on(job) vector(1)', { instance: true }],
  ['sum by (job) (a) or sum by (job, instance) (b)', { job: true, instance: false }],
  ['histogram_quantile(0.99, sum by (le, job) (rate(h_bucket[5m]))) > 1', { job: true, le: false, instance: false }],
  ['label_replace(sum by (job) (up), "host", "$1", "job", "(.*)")', { host: true, job: true, instance: false }],
  ['absent(up{job="node", instance=~"db.*"})', { job: true, instance: false }],
  ['absent_over_time(up{job="node"}[5m])', { job: true }],
  ['vector(1)', { instance: false }],
  ['time() - node_boot_time_seconds > 3600', { instance: true }],
  ['-(max_over_time(up[5m:1m]))', { instance: true }],
  ['max_over_time(up[5m]:1m)', { instance: false }],
  ['hour() > 20', { instance: false }],
  ['(node_filesystem_avail_bytes * 100) / node_filesystem_size_bytes < 10', { instance: true, mountpoint: true }],
  ['sum by (', { instance: false }],
])('%s', (expr, expected) => {
  const kept = Object.fromEntries(Object.keys(expected).map((name) => [name, keepsLabel(expr, name)]));
  expect(kept).toEqual(expected);
});
