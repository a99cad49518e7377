// Checks the Kubernetes manifests and their agreement with docker-compose.yml,
// the Dockerfiles and the topic contract, without a cluster or Docker.
// Called by deploy/validate-compose.sh, which installs the `yaml` package into
// the tools directory passed in JCM_TOOLS.
//
//   node deploy/validate-manifests.cjs <repo root>
'use strict';

const fs = require('fs');
const path = require('path');

const tools = process.env.JCM_TOOLS;
if (!tools) {
  console.error('JCM_TOOLS is not set: run deploy/validate-compose.sh');
  process.exit(2);
}
const YAML = require(path.join(tools, 'node_modules', 'yaml'));

const root = path.resolve(process.argv[2] || '.');
const k8sDir = path.join(root, 'deploy', 'k8s');
const NAMESPACE = 'jcm-registry';

// The deployment contract: ports, topics, partner examples (deploy/k8s/README.md).
const SERVICES = {
  'country-onboarding': 8081,
  'project-registry': 8082,
  'credit-issuance': 8083,
};
const PARTNERS = ['mn', 'vn', 'th'];
const TOPICS = [
  'jcm.country-onboarding.countries.v1',
  'jcm.project-registry.projects.v1',
  'jcm.project-registry.methodologies.v1',
  'jcm.credit-issuance.transactions.v1',
  'jcm.credit-issuance.accounts.v1',
  'jcm.country-onboarding.dead-letter.v1',
  'jcm.project-registry.dead-letter.v1',
  'jcm.credit-issuance.dead-letter.v1',
  ...PARTNERS.flatMap((cc) => [`jcm.partner.${cc}.inbound.v1`, `jcm.partner.${cc}.outbound.v1`]),
];
const K8S_PARTITIONS = 6;
const COMPOSE_PARTITIONS = 3;

const failures = [];
const fail = (msg) => failures.push(msg);
const rel = (file) => path.relative(root, file);

// Every document of a YAML file, as plain JS; syntax errors, duplicate keys
// and warnings count as failures.
function loadAll(file) {
  const src = fs.readFileSync(file, 'utf8');
  const docs = YAML.parseAllDocuments(src, { merge: true, prettyErrors: true });
  const out = [];
  for (const doc of docs) {
    for (const e of doc.errors) fail(`${rel(file)}: ${e.message}`);
    for (const w of doc.warnings) fail(`${rel(file)}: ${w.message}`);
    if (doc.errors.length) continue;
    const value = doc.toJS();
    if (value !== null && value !== undefined) out.push(value);
  }
  return out;
}

// 1. Every manifest is well-formed, names its kind, and sits in the namespace.
const yamlFiles = fs.readdirSync(k8sDir).filter((f) => /\.ya?ml$/.test(f)).sort();
const objects = [];
for (const f of yamlFiles) {
  const file = path.join(k8sDir, f);
  const docs = loadAll(file);
  if (f === 'kustomization.yaml') continue;
  if (docs.length === 0) fail(`${rel(file)}: no YAML document`);
  for (const d of docs) {
    const where = `${rel(file)}: ${d && d.kind}/${d && d.metadata && d.metadata.name}`;
    if (typeof d !== 'object' || Array.isArray(d)) { fail(`${rel(file)}: a document is not a mapping`); continue; }
    if (!d.apiVersion || !d.kind || !d.metadata || !d.metadata.name) {
      fail(`${where}: missing apiVersion, kind or metadata.name`);
      continue;
    }
    if (d.kind === 'Namespace') {
      if (d.metadata.name !== NAMESPACE) fail(`${where}: namespace should be ${NAMESPACE}`);
    } else if (d.metadata.namespace !== NAMESPACE) {
      fail(`${where}: metadata.namespace should be ${NAMESPACE}`);
    }
    objects.push(d);
  }
}

// 2. kustomization.yaml lists exactly the manifest files.
const kust = loadAll(path.join(k8sDir, 'kustomization.yaml'))[0] || {};
const listed = [...(kust.resources || [])].sort();
const manifests = yamlFiles.filter((f) => f !== 'kustomization.yaml');
for (const f of manifests) if (!listed.includes(f)) fail(`kustomization.yaml does not list ${f}`);
for (const f of listed) if (!manifests.includes(f)) fail(`kustomization.yaml lists ${f}, which does not exist`);

const byKind = (kind) => objects.filter((o) => o.kind === kind);
// Aggregate topics keep their events for ever, so a new consumer group rebuilds from the first event (KafkaAccess.keptForEver).
const KEPT_FOR_EVER = TOPICS.filter((t) => !t.startsWith('jcm.partner.') && !t.endsWith('.dead-letter.v1'));

// 3. Topics: exactly the contract's, each 6 partitions, 3 replicas, min ISR 2.
const topics = byKind('KafkaTopic');
const topicNames = topics.map((t) => (t.spec && t.spec.topicName) || t.metadata.name);
for (const t of TOPICS) if (!topicNames.includes(t)) fail(`KafkaTopic missing: ${t}`);
for (const t of topicNames) if (!TOPICS.includes(t)) fail(`KafkaTopic not in the contract: ${t}`);
for (const t of topics) {
  const s = t.spec || {};
  if (s.partitions !== K8S_PARTITIONS) fail(`KafkaTopic ${t.metadata.name}: partitions ${s.partitions}, want ${K8S_PARTITIONS}`);
  if (s.replicas !== 3) fail(`KafkaTopic ${t.metadata.name}: replicas ${s.replicas}, want 3`);
  if (!s.config || Number(s.config['min.insync.replicas']) !== 2) fail(`KafkaTopic ${t.metadata.name}: min.insync.replicas should be 2`);
  const name = s.topicName || t.metadata.name;
  if (KEPT_FOR_EVER.includes(name) && String((s.config || {})['retention.ms']) !== '-1') {
    fail(`KafkaTopic ${t.metadata.name}: an aggregate topic keeps its events for ever (retention.ms: -1)`);
  }
}

// 4. KafkaUsers: one per service, with the ACLs of KafkaAccess.java (test-support), and one per partner
// country, each in partner-<cc>.yaml with its two topics; every literal ACL names a real topic.
const users = byKind('KafkaUser');
for (const u of [...Object.keys(SERVICES), ...PARTNERS.map((cc) => `partner-${cc}`)]) {
  if (!users.some((x) => x.metadata.name === u)) fail(`KafkaUser missing: ${u}`);
}
const grantsOf = (u) => ((u.spec && u.spec.authorization && u.spec.authorization.acls) || [])
  .map((a) => `${a.resource.type} ${a.resource.name} ${a.resource.patternType}:${[...a.operations].sort().join('+')}`).sort();
for (const u of users) {
  if (!u.spec || !u.spec.authentication || u.spec.authentication.type !== 'scram-sha-512') {
    fail(`KafkaUser ${u.metadata.name}: authentication should be scram-sha-512`);
  }
  for (const acl of (u.spec && u.spec.authorization && u.spec.authorization.acls) || []) {
    const r = acl.resource || {};
    if (r.type === 'topic' && r.patternType === 'literal' && !TOPICS.includes(r.name)) {
      fail(`KafkaUser ${u.metadata.name}: ACL on unknown topic ${r.name}`);
    }
    if (!Array.isArray(acl.operations) || acl.operations.length === 0) {
      fail(`KafkaUser ${u.metadata.name}: ACL on ${r.name} without operations`);
    }
  }
}
// The services' grants, as KafkaAccess.Service#grants() describes them.
const COUNTRIES = 'jcm.country-onboarding.countries.v1';
const PROJECTS = 'jcm.project-registry.projects.v1';
const SERVICE_GRANTS = {
  'country-onboarding': { reads: [], partnerOps: 'Describe+Read+Write' },
  'project-registry': { reads: [COUNTRIES], partnerOps: 'Describe+Read+Write' },
  'credit-issuance': { reads: [COUNTRIES, PROJECTS], partnerOps: 'Describe+Read+Write' },
};
for (const [svc, g] of Object.entries(SERVICE_GRANTS)) {
  const u = users.find((x) => x.metadata.name === svc);
  if (!u) continue;
  const want = [
    `topic jcm.${svc}. prefix:Create+Describe+Write`,
    ...g.reads.map((t) => `topic ${t} literal:Describe+Read`),
    `topic jcm.partner. prefix:${g.partnerOps}`,
    `group ${svc} prefix:Describe+Read`,
  ].sort();
  const have = grantsOf(u);
  if (JSON.stringify(have) !== JSON.stringify(want)) fail(`KafkaUser ${svc}: ACLs ${have}, want ${want}`);
}
for (const cc of PARTNERS) {
  const file = path.join(k8sDir, `partner-${cc}.yaml`);
  if (!fs.existsSync(file)) { fail(`missing deploy/k8s/partner-${cc}.yaml`); continue; }
  const inFile = loadAll(file).map((d) => `${d.kind}/${d.metadata && d.metadata.name}`).sort();
  const wantInFile = [`KafkaTopic/jcm.partner.${cc}.inbound.v1`, `KafkaTopic/jcm.partner.${cc}.outbound.v1`, `KafkaUser/partner-${cc}`].sort();
  if (JSON.stringify(inFile) !== JSON.stringify(wantInFile)) fail(`partner-${cc}.yaml holds ${inFile}, want ${wantInFile}`);
  const partner = users.find((x) => x.metadata.name === `partner-${cc}`);
  if (!partner) continue;
  const want = [`group partner-${cc} prefix:Describe+Read`, `topic jcm.partner.${cc}.inbound.v1 literal:Describe+Write`,
    `topic jcm.partner.${cc}.outbound.v1 literal:Describe+Read`].sort();
  const have = grantsOf(partner);
  if (JSON.stringify(have) !== JSON.stringify(want)) fail(`KafkaUser partner-${cc}: ACLs ${have}, want ${want}`);
}
// Every listener authenticates with SCRAM over TLS.
for (const k of byKind('Kafka')) {
  for (const l of (k.spec && k.spec.kafka && k.spec.kafka.listeners) || []) {
    if (!l.tls || !l.authentication || l.authentication.type !== 'scram-sha-512') {
      fail(`Kafka ${k.metadata.name}: listener ${l.name} should be tls with scram-sha-512 authentication`);
    }
  }
  if (!((k.spec.kafka.listeners || []).some((l) => l.type !== 'internal'))) fail(`Kafka ${k.metadata.name}: no external listener for the partners`);
}

// 5. The services: Deployment, Service, HPA (max <= partitions), PDB, ports.
const compose = loadAll(path.join(root, 'docker-compose.yml'))[0] || {};
const composeServices = compose.services || {};
for (const [svc, port] of Object.entries(SERVICES)) {
  const dep = byKind('Deployment').find((d) => d.metadata.name === svc);
  if (!dep) { fail(`Deployment missing: ${svc}`); continue; }
  const c = dep.spec.template.spec.containers[0];
  if (!(c.ports || []).some((p) => p.containerPort === port)) fail(`Deployment ${svc}: containerPort should be ${port}`);
  const env = Object.fromEntries((c.env || []).map((e) => [e.name, e.value]));
  if (env.QUARKUS_HTTP_PORT !== String(port)) fail(`Deployment ${svc}: QUARKUS_HTTP_PORT should be "${port}"`);
  if (!c.readinessProbe || c.readinessProbe.httpGet.path !== '/q/health/ready') fail(`Deployment ${svc}: readiness probe should be /q/health/ready`);
  if (!c.livenessProbe || c.livenessProbe.httpGet.path !== '/q/health/live') fail(`Deployment ${svc}: liveness probe should be /q/health/live`);
  if (!c.resources || !c.resources.requests || !c.resources.limits) fail(`Deployment ${svc}: resources requests and limits`);
  if (dep.spec.replicas !== 2) fail(`Deployment ${svc}: replicas should be 2`);
  const kafkaPassword = (c.env || []).find((e) => e.name === 'JCM_KAFKA_PASSWORD');
  const ref = kafkaPassword && kafkaPassword.valueFrom && kafkaPassword.valueFrom.secretKeyRef;
  if (!ref || ref.name !== svc || ref.key !== 'password') fail(`Deployment ${svc}: JCM_KAFKA_PASSWORD should come from secret ${svc}, key password (its KafkaUser)`);
  for (const kind of ['Service', 'HorizontalPodAutoscaler', 'PodDisruptionBudget']) {
    if (!byKind(kind).some((o) => o.metadata.name === svc)) fail(`${kind} missing: ${svc}`);
  }
  const hpa = byKind('HorizontalPodAutoscaler').find((h) => h.metadata.name === svc);
  if (hpa && hpa.spec.maxReplicas > K8S_PARTITIONS) fail(`HPA ${svc}: maxReplicas ${hpa.spec.maxReplicas} exceeds the ${K8S_PARTITIONS} partitions`);

  const cs = composeServices[svc];
  if (!cs) { fail(`docker-compose.yml: service ${svc} missing`); continue; }
  if (String((cs.environment || {}).QUARKUS_HTTP_PORT) !== String(port)) fail(`docker-compose.yml ${svc}: QUARKUS_HTTP_PORT should be ${port}`);
  if (!(cs.ports || []).includes(`127.0.0.1:${port}:${port}`)) fail(`docker-compose.yml ${svc}: should publish 127.0.0.1:${port}:${port}`);
  if (!(cs.environment || {}).JCM_KAFKA_PASSWORD) fail(`docker-compose.yml ${svc}: JCM_KAFKA_PASSWORD missing (its Kafka user's password)`);
  const dockerfile = path.join(root, svc, 'src', 'main', 'docker', 'Dockerfile.jvm');
  if (!fs.existsSync(dockerfile)) fail(`missing ${rel(dockerfile)}`);
  else if (!new RegExp(`^EXPOSE ${port}$`, 'm').test(fs.readFileSync(dockerfile, 'utf8'))) fail(`${rel(dockerfile)}: should EXPOSE ${port}`);
  if (!fs.existsSync(path.join(root, svc, '.dockerignore'))) fail(`missing ${svc}/.dockerignore`);
}

// 6. docker-compose.yml creates the same topics, the partners' from its one list, and every listener authenticates.
const init = composeServices['kafka-init'];
const initScript = init ? [].concat(init.command || []).join('\n') : '';
const partnerList = /^\s*PARTNERS="([^"]*)"/m.exec(initScript);
const composePartners = partnerList ? partnerList[1].split(/\s+/).filter(Boolean).sort() : [];
if (JSON.stringify(composePartners) !== JSON.stringify([...PARTNERS].sort())) {
  fail(`docker-compose.yml kafka-init: PARTNERS="${composePartners.join(' ')}", want the example partners ${PARTNERS.join(' ')}`);
}
for (const t of TOPICS.filter((t) => !t.startsWith('jcm.partner.'))) if (!initScript.includes(t)) fail(`docker-compose.yml kafka-init does not create ${t}`);
{
  // The aggregate topics are created in one loop with retention.ms=-1, and only they.
  const loop = /for topic in \\\n([\s\S]*?)\n\s*do\n\s*topic "\$\$topic" --config retention\.ms=-1\n/.exec(initScript);
  const kept = loop ? loop[1].split(/[\s\\]+/).filter(Boolean).sort() : [];
  if (JSON.stringify(kept) !== JSON.stringify([...KEPT_FOR_EVER].sort())) {
    fail(`docker-compose.yml kafka-init should create exactly the aggregate topics with retention.ms=-1, not [${kept.join(' ')}]`);
  }
}
for (const dir of ['inbound', 'outbound']) {
  if (!initScript.includes(`topic "jcm.partner.$$cc.${dir}.v1"`)) fail(`docker-compose.yml kafka-init does not create jcm.partner.<cc>.${dir}.v1 for each partner`);
}
if (!initScript.includes(`--partitions ${COMPOSE_PARTITIONS}`)) fail(`docker-compose.yml kafka-init should use --partitions ${COMPOSE_PARTITIONS}`);
const kafkaEnv = (composeServices.kafka && composeServices.kafka.environment) || {};
for (const entry of String(kafkaEnv.KAFKA_LISTENER_SECURITY_PROTOCOL_MAP || '').split(',')) {
  if (!/^[A-Z_]+:SASL_(PLAINTEXT|SSL)$/.test(entry)) fail(`docker-compose.yml kafka: listener ${entry} does not authenticate`);
}
if (kafkaEnv.KAFKA_ALLOW_EVERYONE_IF_NO_ACL_FOUND !== 'false' || !kafkaEnv.KAFKA_AUTHORIZER_CLASS_NAME) {
  fail('docker-compose.yml kafka: an authorizer with allow.everyone.if.no.acl.found=false is required');
}

// 7. The Keycloak realm file is JSON with the four roles.
try {
  const realm = JSON.parse(fs.readFileSync(path.join(root, 'deploy', 'keycloak', 'jcm-realm.json'), 'utf8'));
  const roles = ((realm.roles && realm.roles.realm) || []).map((r) => r.name);
  for (const r of ['operator', 'partner', 'participant', 'auditor']) if (!roles.includes(r)) fail(`jcm-realm.json: realm role ${r} missing`);
} catch (e) {
  fail(`deploy/keycloak/jcm-realm.json: ${e.message}`);
}

if (failures.length) {
  for (const f of failures) console.error(`  FAIL ${f}`);
  console.error(`manifests: ${failures.length} problem(s)`);
  process.exit(1);
}
console.log(`manifests: ${yamlFiles.length} files in deploy/k8s, ${objects.length} objects, well-formed and consistent with docker-compose.yml and the Dockerfiles`);
