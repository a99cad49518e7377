// Validates the event contract (platform/src/main/resources/contract/) with the ecosystem's own tools:
//
//   1. asyncapi  every **/asyncapi.yaml parsed by @asyncapi/parser (its default ruleset; relative file
//                references resolved from the document's own location): no error allowed; warnings and
//                infos are printed and counted.
//   2. schemas   every JSON Schema file (common/*.json, */schemas/*.json) compiled by ajv's draft 2020-12
//                class in strict mode, formats from ajv-formats; $id follows urn:jcm:schema:{Type}:v1.
//   3. messages  every message defined in an AsyncAPI document: its payload is a multi-format schema of
//                JSON Schema 2020-12, it has an example with a payload, and every example's payload and
//                headers are valid against the message's payload and headers schemas (relative $refs
//                resolved by ajv against the document's location, exactly as the parser resolves them);
//                a CloudEvent's data is also valid against the schema its dataschema names, and its
//                subject against the message's Kafka key schema.
//   4. golden    every golden example (*/examples/{Type}.json, a complete CloudEvent in structured mode) is
//                the example of a message {Type}, valid against that message's whole-CloudEvent payload
//                schema, and its data against */schemas/{Type}.json; every schema has its golden example.
//   5. rules     what the parser accepts but integrators need: servers local and production (with security),
//                a Kafka binding (bindingVersion) on every channel and a key schema on every message, headers
//                described, an operation for every channel, each service's dead-letter channel with its
//                message, and the partner topics described once (partner/asyncapi.yaml) and referred to.
//
// Usage: node validate.mjs [contract directory]   (exit status 1 on any error)
// Called by validate.sh, which installs the pinned tools first.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createRequire } from 'node:module';

import { Parser, fromFile } from '@asyncapi/parser';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import YAML from 'yaml';

const require = createRequire(import.meta.url);
const here = path.dirname(fileURLToPath(import.meta.url));
const version = (pkg) => require(`${pkg}/package.json`).version;
const root = path.resolve(process.argv[2] ?? path.join(here, '../../platform/src/main/resources/contract'));
const rel = (file) => path.relative(root, file) || '.';

const JSON_SCHEMA_2020 = 'application/schema+json;version=draft-2020-12';
const META_2020 = 'https://json-schema.org/draft/2020-12/schema';
const SEVERITY = ['error', 'warning', 'info', 'hint'];

let totalErrors = 0;

if (!fs.existsSync(root) || !fs.statSync(root).isDirectory()) {
  console.error(`validate: no contract directory ${root}`);
  process.exit(2);
}
console.log(`validate: contract ${root}`);

const files = walk(root).sort();
const asyncapiFiles = files.filter((f) => path.basename(f) === 'asyncapi.yaml');
const schemaFiles = files.filter((f) => f.endsWith('.json') && path.basename(path.dirname(f)) !== 'examples');
const exampleFiles = files.filter((f) => f.endsWith('.json') && path.basename(path.dirname(f)) === 'examples');

// ---------------------------------------------------------------------------------------------------
// 1. AsyncAPI documents, with the parser partner integrators use.
const parsed = new Map(); // file -> parsed document (undefined when it could not be read at all)
{
  const parser = new Parser();
  const sums = [0, 0, 0, 0];
  for (const file of asyncapiFiles) {
    // Errors are counted here; the document is kept anyway, so that the house rules below can say more.
    const { document, diagnostics } = await fromFile(parser, file).parse({ validateOptions: { allowedSeverity: { error: true } } });
    parsed.set(file, document);
    const counts = [0, 0, 0, 0];
    for (const d of diagnostics) {
      counts[d.severity] += 1;
      const where = `${d.source && path.resolve(d.source) !== path.resolve(file) ? `${rel(d.source)}#/` : ''}${d.path.join('/')}`;
      console.log(`  ${SEVERITY[d.severity].padEnd(7)} ${rel(file)}: ${d.code}  ${where || '(root)'}  ${d.message}`);
    }
    counts.forEach((c, i) => { sums[i] += c; });
    console.log(`asyncapi: ${rel(file)}: ${counts[0]} errors, ${counts[1]} warnings, ${counts[2]} infos`);
  }
  totalErrors += sums[0];
  console.log(`asyncapi: ${asyncapiFiles.length} documents parsed (@asyncapi/parser ${version('@asyncapi/parser')}, default ruleset): `
    + `${sums[0]} errors, ${sums[1]} warnings, ${sums[2]} infos${sums[0] ? '  FAILED' : ''}`);
}

// ---------------------------------------------------------------------------------------------------
// 2. JSON Schema files, each registered under its file URL (what relative $refs resolve to) and its $id.
const ajv = new Ajv2020({ strict: true, allowUnionTypes: true, allErrors: true, addUsedSchema: false });
addFormats(ajv);
const schemaIdByFile = new Map(); // file -> $id
{
  let errors = 0;
  const perFolder = new Map();
  const fail = (file, msg) => {
    errors += 1;
    console.log(`  error   ${rel(file)}: ${msg}`);
  };
  for (const file of schemaFiles) {
    const folder = path.dirname(rel(file));
    perFolder.set(folder, perFolder.get(folder) ?? { schemas: 0, errors: 0 });
    const before = errors;
    perFolder.get(folder).schemas += 1;
    let schema;
    try {
      schema = JSON.parse(fs.readFileSync(file, 'utf8'));
    } catch (e) {
      fail(file, `not JSON: ${e.message}`);
      perFolder.get(folder).errors += errors - before;
      continue;
    }
    if (schema.$schema !== META_2020) fail(file, `$schema is ${JSON.stringify(schema.$schema)}, expected ${META_2020}`);
    const type = path.basename(file, '.json');
    if (path.basename(path.dirname(file)) === 'schemas') {
      if (schema.$id !== `urn:jcm:schema:${type}:v1`) fail(file, `$id is ${JSON.stringify(schema.$id)}, expected urn:jcm:schema:${type}:v1`);
      if (schema.title !== type) fail(file, `title is ${JSON.stringify(schema.title)}, expected ${type}`);
    } else if (!/^urn:jcm:schema:[A-Za-z][A-Za-z0-9]*:v[1-9][0-9]*$/.test(schema.$id ?? '')) {
      fail(file, `$id is ${JSON.stringify(schema.$id)}, expected urn:jcm:schema:{Name}:v{n}`);
    }
    try {
      ajv.addSchema(schema, fileUrl(file));
      schemaIdByFile.set(file, schema.$id);
    } catch (e) {
      fail(file, e.message);
    }
    perFolder.get(folder).errors += errors - before;
  }
  // Compiled once all are registered, so that references between files resolve.
  for (const file of schemaIdByFile.keys()) {
    const before = errors;
    try {
      ajv.getSchema(fileUrl(file));
    } catch (e) {
      fail(file, `does not compile: ${e.message}`);
    }
    perFolder.get(path.dirname(rel(file))).errors += errors - before;
  }
  for (const [folder, c] of perFolder) console.log(`schemas: ${folder}: ${c.schemas} schemas, ${c.errors} errors`);
  totalErrors += errors;
  console.log(`schemas: ${schemaFiles.length} JSON Schemas compiled (ajv ${version('ajv')} draft 2020-12 strict, ajv-formats ${version('ajv-formats')}): `
    + `${errors} errors${errors ? '  FAILED' : ''}`);
}

// ---------------------------------------------------------------------------------------------------
// 3. Messages and their examples.
const messagesByName = new Map(); // name -> [{doc, key, message, payload validator}]
const goldenUse = new Map(); // golden example file -> [message names whose examples use it]
{
  let errors = 0;
  let messageCount = 0;
  let exampleCount = 0;
  for (const file of asyncapiFiles) {
    let docErrors = 0;
    let docMessages = 0;
    let docExamples = 0;
    const fail = (where, msg) => {
      docErrors += 1;
      console.log(`  error   ${rel(file)}: ${where}: ${msg}`);
    };
    let doc;
    try {
      doc = YAML.parse(fs.readFileSync(file, 'utf8'));
    } catch (e) {
      fail('(document)', `not YAML: ${e.message}`);
      errors += docErrors;
      continue;
    }
    const defaultContentType = doc?.defaultContentType;
    const defined = [];
    for (const [key, m] of Object.entries(doc?.components?.messages ?? {})) defined.push([`components/messages/${key}`, key, m]);
    for (const [ck, ch] of Object.entries(doc?.channels ?? {})) {
      for (const [key, m] of Object.entries(ch?.messages ?? {})) defined.push([`channels/${ck}/messages/${key}`, key, m]);
    }
    for (const [where, key, message] of defined) {
      if (!message || typeof message !== 'object' || '$ref' in message) continue; // described where it is defined
      docMessages += 1;
      const name = message.name ?? key;
      const contentType = message.contentType ?? defaultContentType;
      const payload = compileSchemaOf(message.payload, file, `${where}/payload`, fail, true);
      const headers = compileSchemaOf(message.headers, file, `${where}/headers`, fail, false);
      const kafkaKey = compileSchemaOf(message.bindings?.kafka?.key, file, `${where}/bindings/kafka/key`, fail, false);
      const entry = { doc: file, where, name, contentType, payload };
      messagesByName.set(name, [...(messagesByName.get(name) ?? []), entry]);

      const examples = Array.isArray(message.examples) ? message.examples : [];
      if (!examples.some((x) => x && 'payload' in x)) fail(where, 'no example with a payload');
      examples.forEach((example, i) => {
        const at = `${where}/examples/${i}`;
        docExamples += 1;
        if (!example || typeof example !== 'object') return;
        let value;
        if ('payload' in example) {
          try {
            const { value: v, file: target } = resolve(example.payload, file);
            value = v;
            if (target && path.basename(path.dirname(target)) === 'examples' && !/#./.test(example.payload.$ref)) {
              goldenUse.set(target, [...(goldenUse.get(target) ?? []), name]);
            }
          } catch (e) {
            fail(`${at}/payload`, e.message);
            return;
          }
          if (payload) check(payload, value, `${at}/payload`, 'payload schema', fail);
        }
        const exHeaders = example.headers ?? {};
        if (headers && 'headers' in example) check(headers, exHeaders, `${at}/headers`, 'headers schema', fail);
        const binary = typeof exHeaders.ce_type === 'string';
        const isCloudEvent = value && typeof value === 'object' && value.specversion !== undefined;
        if (isCloudEvent) {
          checkData(value.type, value.data, `${at}/payload/data`, fail);
          if (kafkaKey) check(kafkaKey, value.subject, `${at}/payload/subject`, 'Kafka key schema (key = subject)', fail);
        } else if (binary) {
          checkData(exHeaders.ce_type, value, `${at}/payload`, fail);
          if (kafkaKey) check(kafkaKey, exHeaders.ce_subject, `${at}/headers/ce_subject`, 'Kafka key schema (key = subject)', fail);
        }
      });
    }
    messageCount += docMessages;
    exampleCount += docExamples;
    errors += docErrors;
    console.log(`messages: ${rel(file)}: ${docMessages} messages defined, ${docExamples} examples, ${docErrors} errors`);
  }
  totalErrors += errors;
  console.log(`messages: ${messageCount} messages, ${exampleCount} examples validated (ajv ${version('ajv')}): ${errors} errors${errors ? '  FAILED' : ''}`);
}

// ---------------------------------------------------------------------------------------------------
// 4. Golden examples: complete structured-mode CloudEvents, read by tests on both sides.
{
  let errors = 0;
  const perFolder = new Map();
  for (const file of exampleFiles) {
    const folder = path.dirname(path.dirname(rel(file)));
    perFolder.set(folder, perFolder.get(folder) ?? { examples: 0, errors: 0 });
    perFolder.get(folder).examples += 1;
    let n = 0;
    const fail = (msg) => {
      n += 1;
      console.log(`  error   ${rel(file)}: ${msg}`);
    };
    const type = path.basename(file, '.json');
    let event;
    try {
      event = JSON.parse(fs.readFileSync(file, 'utf8'));
    } catch (e) {
      fail(`not JSON: ${e.message}`);
    }
    if (event) {
      if (event.type !== type) fail(`type is ${JSON.stringify(event.type)}, expected ${type} (the file's name)`);
      if (event.dataschema !== `urn:jcm:schema:${type}:v1`) fail(`dataschema is ${JSON.stringify(event.dataschema)}, expected urn:jcm:schema:${type}:v1`);
      const schemaFile = path.join(path.dirname(path.dirname(file)), 'schemas', `${type}.json`);
      if (!schemaIdByFile.has(schemaFile)) {
        fail(`no schema ${rel(schemaFile)} for its data`);
      } else {
        check(ajv.getSchema(fileUrl(schemaFile)), event.data, 'data', rel(schemaFile), (w, m) => fail(`${w}: ${m}`));
      }
      const structured = (messagesByName.get(type) ?? []).filter((m) => m.contentType === 'application/cloudevents+json');
      if (structured.length === 0) {
        fail(`no AsyncAPI message ${type} (content type application/cloudevents+json) describes it`);
      }
      for (const m of structured) {
        if (m.payload) check(m.payload, event, '(event)', `payload schema of ${rel(m.doc)}#/${m.where}`, (w, msg) => fail(`${w}: ${msg}`));
      }
      if (structured.length > 0 && !(goldenUse.get(file) ?? []).includes(type)) {
        fail(`not the example of message ${type} (examples: - payload: {$ref: ...examples/${type}.json})`);
      }
    }
    perFolder.get(folder).errors += n;
    errors += n;
  }
  for (const file of schemaIdByFile.keys()) {
    if (path.basename(path.dirname(file)) !== 'schemas') continue;
    const golden = path.join(path.dirname(path.dirname(file)), 'examples', path.basename(file));
    if (!fs.existsSync(golden)) {
      errors += 1;
      console.log(`  error   ${rel(file)}: no golden example ${rel(golden)}`);
    }
  }
  for (const [folder, c] of perFolder) console.log(`golden: ${folder}: ${c.examples} examples, ${c.errors} errors`);
  totalErrors += errors;
  console.log(`golden: ${exampleFiles.length} golden examples validated (envelope + data): ${errors} errors${errors ? '  FAILED' : ''}`);
}

// ---------------------------------------------------------------------------------------------------
// 5. House rules, on the parsed documents (references followed): what the parser accepts but our
//    integrators need, so that it does not come back.
{
  let errors = 0;
  for (const file of asyncapiFiles) {
    const doc = parsed.get(file);
    let n = 0;
    const fail = (where, msg) => {
      n += 1;
      console.log(`  error   ${rel(file)}: ${where}: ${msg}`);
    };
    if (!doc) {
      fail('(document)', 'does not parse (see asyncapi above)');
      errors += n;
      console.log(`rules: ${rel(file)}: ${n} errors`);
      continue;
    }
    const servers = new Map(doc.servers().all().map((s) => [s.id(), s]));
    if (servers.get('local')?.protocol() !== 'kafka') fail('servers', 'no server local (protocol kafka)');
    const production = servers.get('production');
    if (production?.protocol() !== 'kafka-secure') fail('servers', 'no server production (protocol kafka-secure)');
    else if (production.security().length === 0) fail('servers/production', 'no security');
    for (const ch of doc.channels().all()) {
      const kafka = ch.bindings().get('kafka');
      if (!kafka?.json('bindingVersion')) fail(`channels/${ch.id()}`, 'no Kafka binding with a bindingVersion');
      if (ch.operations().length === 0) fail(`channels/${ch.id()}`, 'no operation sends or receives on it');
      for (const m of ch.messages().all()) {
        const mk = m.bindings().get('kafka');
        if (!mk?.json('bindingVersion') || !mk.value().key) fail(`channels/${ch.id()}/messages/${m.id()}`, 'no Kafka binding with a key schema and a bindingVersion');
        if (!m.hasHeaders()) fail(`channels/${ch.id()}/messages/${m.id()}`, 'no headers schema');
      }
    }
    const raw = YAML.parse(fs.readFileSync(file, 'utf8'));
    const owner = path.basename(path.dirname(file));
    if (owner !== 'partner') {
      const dl = doc.channels().all().find((c) => c.address() === `jcm.${owner}.dead-letter.v1`);
      if (!dl) fail('channels', `no dead-letter channel jcm.${owner}.dead-letter.v1`);
      else if (dl.messages().length === 0) fail(`channels/${dl.id()}`, 'the dead-letter channel has no message');
      for (const [id, ch] of Object.entries(raw?.channels ?? {})) {
        if (/^jcm\.partner\./.test(ch?.address ?? '')) {
          fail(`channels/${id}`, `describes ${ch.address} again: refer to ../partner/asyncapi.yaml#/channels/... instead`);
        }
      }
    }
    errors += n;
    console.log(`rules: ${rel(file)}: ${n} errors`);
  }
  totalErrors += errors;
  console.log(`rules: ${asyncapiFiles.length} documents (servers and security, Kafka bindings, operations, headers, dead letters, partner topics described once): `
    + `${errors} errors${errors ? '  FAILED' : ''}`);
}

console.log(totalErrors ? `validate: the contract has ${totalErrors} errors` : 'validate: the contract is valid');
process.exit(totalErrors ? 1 : 0);

// ---------------------------------------------------------------------------------------------------

function walk(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? walk(p) : [p];
  });
}

function fileUrl(file) {
  return pathToFileURL(file).href;
}

/**
 * An AsyncAPI payload, headers or key schema, compiled by ajv with the AsyncAPI document as base URI, so that its
 * relative $refs resolve to the registered schema files exactly as the parser resolves them. A payload must be a
 * multi-format schema object of JSON Schema 2020-12 (`strictFormat`); headers and keys may be AsyncAPI schemas,
 * which for what they use (type, properties, required, const, enum, pattern, format) read the same.
 */
function compileSchemaOf(value, docFile, where, fail, strictFormat) {
  if (value === undefined) {
    if (strictFormat) fail(where, 'missing');
    return undefined;
  }
  // A reference to another part of an AsyncAPI document (components/schemas, say) is followed here; references
  // to JSON Schema files are left to ajv.
  if (value && typeof value === 'object' && typeof value.$ref === 'string' && /^(#|[^#]*\.ya?ml(#|$))/.test(value.$ref)) {
    try {
      const target = resolve(value, docFile);
      value = target.value;
      docFile = target.file;
    } catch (e) {
      fail(where, e.message);
      return undefined;
    }
  }
  let schema = value;
  if (value && typeof value === 'object' && 'schema' in value && !('type' in value)) {
    if (value.schemaFormat !== JSON_SCHEMA_2020) {
      fail(where, `schemaFormat is ${JSON.stringify(value.schemaFormat)}, expected ${JSON_SCHEMA_2020}`);
    }
    schema = value.schema;
  } else if (strictFormat) {
    fail(where, `not a multi-format schema object {schemaFormat: ${JSON_SCHEMA_2020}, schema: ...}: the schemas are JSON Schema 2020-12`);
  }
  if (schema === true || schema === false) return ajv.compile(schema);
  try {
    return ajv.compile({ ...schema, $id: fileUrl(docFile) });
  } catch (e) {
    fail(where, `does not compile: ${e.message}`);
    return undefined;
  }
}

/** Resolves a {$ref: 'relative/file.json#/pointer'} (JSON or YAML) against the document it is in; other values are themselves. */
function resolve(value, docFile, depth = 0) {
  if (!value || typeof value !== 'object' || typeof value.$ref !== 'string') return { value, file: undefined };
  if (depth > 10) throw new Error(`too many references at ${value.$ref}`);
  const [target, pointer = ''] = value.$ref.split('#');
  const file = target ? path.resolve(path.dirname(docFile), decodeURI(target)) : docFile;
  if (!fs.existsSync(file)) throw new Error(`$ref ${value.$ref}: no file ${rel(file)}`);
  const text = fs.readFileSync(file, 'utf8');
  let node = file.endsWith('.json') ? JSON.parse(text) : YAML.parse(text);
  for (const token of pointer.split('/').slice(1)) {
    const key = decodeURIComponent(token).replace(/~1/g, '/').replace(/~0/g, '~');
    if (node === null || typeof node !== 'object' || !(key in node)) throw new Error(`$ref ${value.$ref}: no ${pointer} in ${rel(file)}`);
    node = node[key];
  }
  const next = resolve(node, file, depth + 1);
  return { value: next.value, file: next.file ?? file };
}

function check(validate, value, where, against, fail) {
  if (!validate(value)) {
    for (const e of validate.errors) {
      const extra = e.params && Object.keys(e.params).length ? ` ${JSON.stringify(e.params)}` : '';
      fail(where, `not valid against the ${against}: ${e.instancePath || '(root)'} ${e.message}${extra}`);
    }
  }
}

/** A CloudEvent's data against the schema its type's dataschema names (urn:jcm:schema:{type}:v1). */
function checkData(type, data, where, fail) {
  const id = `urn:jcm:schema:${type}:v1`;
  const validate = ajv.getSchema(id);
  if (!validate) {
    fail(where, `dataschema ${id} points at no schema of the contract`);
    return;
  }
  check(validate, data, where, id, fail);
}
