// Lints each service's live OpenAPI document, */target/openapi.json (the services' tests write it from /q/openapi
// during ./mvnw verify), with the ecosystem's own linters:
//
//   spectral lint --ruleset build/contract-tools/.spectral.yaml   (extends spectral:oas; errors fail)
//   redocly lint --config build/contract-tools/redocly.yaml       (recommended ruleset; errors fail)
//
// Prints every finding (linter, severity, rule id, JSON path) and one summary line per document and linter.
// Usage: node lint-openapi.mjs [repository root]   (exit status 1 on any error, or when there is no document)
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(process.argv[2] ?? path.join(here, '../..'));
const bin = (name) => path.join(here, 'node_modules', '.bin', name);
const version = (pkg) => require(`${pkg}/package.json`).version;

const documents = (fs.existsSync(root) ? fs.readdirSync(root, { withFileTypes: true }) : [])
  .filter((e) => e.isDirectory() && !e.name.startsWith('.') && e.name !== 'node_modules')
  .map((e) => path.join(e.name, 'target', 'openapi.json'))
  .filter((f) => fs.existsSync(path.join(root, f)))
  .sort();

if (documents.length === 0) {
  console.log('openapi: no documents (run ./mvnw verify first)  FAILED');
  process.exit(1);
}

let errors = 0;
const SPECTRAL_SEVERITY = ['error', 'warning', 'info', 'hint'];

for (const doc of documents) {
  // Spectral: JSON results on stdout; exit status 1 when an error is found, 2 when it could not run.
  const s = spawnSync(bin('spectral'), ['lint', '--quiet', '--format', 'json', '--fail-severity', 'error',
    '--ruleset', path.join(here, '.spectral.yaml'), doc], { cwd: root, encoding: 'utf8', maxBuffer: 64 << 20 });
  let results;
  try {
    results = JSON.parse(s.stdout);
  } catch {
    console.log(`${s.stdout}${s.stderr}`);
    console.log(`openapi: spectral: ${doc}: could not run (exit ${s.status})  FAILED`);
    errors += 1;
    results = undefined;
  }
  if (results) {
    const counts = [0, 0, 0, 0];
    for (const r of results) {
      counts[r.severity] += 1;
      console.log(`  ${SPECTRAL_SEVERITY[r.severity].padEnd(7)} ${doc}: spectral ${r.code}  ${jsonPath(r.path)}  ${r.message}`);
    }
    errors += counts[0];
    console.log(`openapi: spectral ${version('@stoplight/spectral-cli')} (spectral:oas): ${doc}: ${counts[0]} errors, ${counts[1]} warnings, `
      + `${counts[2]} infos${counts[0] ? '  FAILED' : ''}`);
  }

  // Redocly: JSON report on stdout (its notices go to stderr); exit status 1 when an error is found.
  const r = spawnSync(bin('redocly'), ['lint', '--format', 'json', '--config', path.join(here, 'redocly.yaml'), doc], {
    cwd: root, encoding: 'utf8', maxBuffer: 64 << 20,
    env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
  });
  let report;
  try {
    report = JSON.parse(r.stdout);
  } catch {
    console.log(`${r.stdout}${r.stderr}`);
    console.log(`openapi: redocly: ${doc}: could not run (exit ${r.status})  FAILED`);
    errors += 1;
    continue;
  }
  for (const p of report.problems) {
    const where = p.location?.[0]?.pointer ?? '';
    console.log(`  ${(p.severity === 'warn' ? 'warning' : p.severity).padEnd(7)} ${doc}: redocly ${p.ruleId}  ${where}  ${p.message}`);
  }
  errors += report.totals.errors;
  console.log(`openapi: redocly ${version('@redocly/cli')} (recommended): ${doc}: ${report.totals.errors} errors, ${report.totals.warnings} warnings`
    + `${report.totals.errors ? '  FAILED' : ''}`);
}

console.log(errors ? `openapi: ${documents.length} documents, ${errors} errors  FAILED` : `openapi: ${documents.length} documents valid`);
process.exit(errors ? 1 : 0);

function jsonPath(segments) {
  return segments.length ? `#/${segments.map((s) => String(s).replace(/~/g, '~0').replace(/\//g, '~1')).join('/')}` : '#';
}
