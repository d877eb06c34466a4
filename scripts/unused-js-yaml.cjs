// What the bundle gives gray-matter for `require('js-yaml')` (scripts/bundle.mjs): gray-matter binds its
// default YAML engine to js-yaml 3 when it loads, but runbook-site hands it engines of its own
// (src/content/front-matter.ts), so js-yaml, and esprima with it, would be 300 KB of code parsed and
// evaluated in every build for nothing.
const unused = () => {
  throw new Error("gray-matter's default YAML engine is not bundled: give it runbook-site's (src/content/front-matter.ts)");
};
module.exports = { safeLoad: unused, safeDump: unused };
