// Checks the Kubernetes manifests and their agreement with docker-compose.yml,
// the Dockerfiles and the topic contract, without a cluster or Docker: topics
// (checkpoint topics included), ACLs, ports, probes, the two database roles
// of each service (managed roles, secrets, environment), the audit signing
// key secrets and their mounts, and that every secret a pod reads exists;
// and the public site (public-site): its port, probes and image, the two
// services it reads, and that it gets no database, Kafka or secret.
// Called by deploy/validate-compose.sh, which installs the `yaml` package into
// the tools directory passed in JCM_TOOLS (by default the same cache directory,
// so once that script has run this one also runs alone).
//
//   node deploy/validate-manifests.cjs [<repo root>, default .]
'use strict';

const fs = require('fs');
const path = require('path');

// Without JCM_TOOLS: the cache directory deploy/validate-compose.sh installs into, if it has run once.
const os = require('os');
const tools = process.env.JCM_TOOLS
  || path.join(process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache'), 'jcm-tools');
if (!fs.existsSync(path.join(tools, 'node_modules', 'yaml'))) {
  console.error(`the yaml package is not in ${tools}: run deploy/validate-compose.sh (or set JCM_TOOLS)`);
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
// The public pages: no data, no database, no Kafka, no secret; they read the public HTTP endpoints of these
// services (environment variable -> service).
const SITES = {
  'public-site': {
    port: 8084,
    reads: { JCM_SITE_PROJECT_REGISTRY_URL: 'project-registry', JCM_SITE_CREDIT_ISSUANCE_URL: 'credit-issuance' },
  },
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
  // Each service's signed tree heads (checkpoints of its event log).
  ...Object.keys(SERVICES).map((svc) => `jcm.${svc}.checkpoints.v1`),
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
const CHECKPOINT_TOPICS = TOPICS.filter((t) => t.endsWith('.checkpoints.v1'));
const KEPT_FOR_EVER = TOPICS.filter((t) => !t.startsWith('jcm.partner.') && !t.endsWith('.dead-letter.v1') && !CHECKPOINT_TOPICS.includes(t));

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
  // Checkpoint topics: auditors need every signed tree head, so delete (never compact) and keep for ever.
  if (CHECKPOINT_TOPICS.includes(name)
      && (String((s.config || {})['retention.ms']) !== '-1' || (s.config || {})['cleanup.policy'] !== 'delete')) {
    fail(`KafkaTopic ${t.metadata.name}: a checkpoint topic has cleanup.policy: delete and retention.ms: -1`);
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
  // Its checkpoint topic is covered (today by the prefix jcm.<service>.).
  const checkpoints = `jcm.${svc}.checkpoints.v1`;
  const covers = (a) => a.resource && a.resource.type === 'topic'
    && (a.resource.patternType === 'prefix' ? checkpoints.startsWith(a.resource.name) : a.resource.name === checkpoints);
  const ops = new Set(((u.spec.authorization && u.spec.authorization.acls) || []).filter(covers).flatMap((a) => a.operations));
  for (const op of ['Create', 'Write', 'Describe']) if (!ops.has(op)) fail(`KafkaUser ${svc}: no ${op} on ${checkpoints}`);
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

// 5. The services: Deployment, Service, HPA (max <= partitions), PDB, ports; their database roles, audit keys
// and every secret they read.
const compose = loadAll(path.join(root, 'docker-compose.yml'))[0] || {};
const composeServices = compose.services || {};
// Secrets the operators make: Strimzi one per KafkaUser and the cluster CA, CNPG its CA.
const OPERATOR_SECRETS = ['jcm-cluster-ca-cert', 'jcm-pg-ca', ...users.map((u) => u.metadata.name)];
const secretsByName = Object.fromEntries(byKind('Secret').map((s) => [s.metadata.name, s]));
const secretKeys = (name) => {
  const s = secretsByName[name];
  return s ? [...Object.keys(s.stringData || {}), ...Object.keys(s.data || {})] : null;
};
// Kubernetes reads manifests as YAML 1.1, where a mode like 0400 is octal; the `yaml` package defaults to 1.2.
const deploymentModes = {};
for (const f of manifests) {
  const docs = YAML.parseAllDocuments(fs.readFileSync(path.join(k8sDir, f), 'utf8'), { version: '1.1' });
  for (const doc of docs) {
    const d = doc.errors.length ? null : doc.toJS();
    if (!d || d.kind !== 'Deployment') continue;
    for (const v of (d.spec.template.spec.volumes || [])) if (v.secret) deploymentModes[`${d.metadata.name}/${v.name}`] = v.secret.defaultMode;
  }
}
const pgCluster = byKind('Cluster').find((c) => c.metadata.name === 'jcm-pg');
const managedRoles = (pgCluster && pgCluster.spec.managed && pgCluster.spec.managed.roles) || [];
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

  // Two database roles: the service runs as S (secret jcm-db-<svc>), its migrations as S_owner (jcm-db-<svc>-owner).
  const role = svc.replace(/-/g, '_');
  const envRef = (name) => {
    const e = (c.env || []).find((x) => x.name === name);
    return e && e.valueFrom && e.valueFrom.secretKeyRef;
  };
  for (const [prefix, secret, roleName] of [['QUARKUS_DATASOURCE', `jcm-db-${svc}`, role], ['QUARKUS_FLYWAY', `jcm-db-${svc}-owner`, `${role}_owner`]]) {
    for (const [suffix, key] of [['USERNAME', 'username'], ['PASSWORD', 'password']]) {
      const r = envRef(`${prefix}_${suffix}`);
      if (!r || r.name !== secret || r.key !== key) fail(`Deployment ${svc}: ${prefix}_${suffix} should come from secret ${secret}, key ${key}`);
    }
    const s = secretsByName[secret];
    if (s && (s.type !== 'kubernetes.io/basic-auth' || (s.stringData || {}).username !== roleName)) {
      fail(`Secret ${secret}: should be kubernetes.io/basic-auth with username ${roleName}`);
    }
    const mr = managedRoles.find((r) => r.name === roleName);
    if (!mr) fail(`Cluster jcm-pg: managed role ${roleName} missing`);
    else {
      if (mr.login !== true || mr.superuser !== false || mr.createdb !== false || mr.createrole !== false
          || mr.replication !== false || mr.bypassrls !== false) fail(`Cluster jcm-pg: managed role ${roleName} should be LOGIN and nothing else`);
      if (!mr.passwordSecret || mr.passwordSecret.name !== secret) fail(`Cluster jcm-pg: managed role ${roleName} should take its password from ${secret}`);
    }
  }

  // Its audit signing key pair: secret jcm-audit-<svc>, mounted read-only (0400) at /etc/jcm/audit.
  const AUDIT_DIR = '/etc/jcm/audit';
  if (env.JCM_AUDIT_SIGNING_KEY !== `${AUDIT_DIR}/signing-key.pem`) fail(`Deployment ${svc}: JCM_AUDIT_SIGNING_KEY should be ${AUDIT_DIR}/signing-key.pem`);
  if (env.JCM_AUDIT_PUBLIC_KEY !== `${AUDIT_DIR}/signing-key.pub.pem`) fail(`Deployment ${svc}: JCM_AUDIT_PUBLIC_KEY should be ${AUDIT_DIR}/signing-key.pub.pem`);
  const podVolumes = dep.spec.template.spec.volumes || [];
  const auditVolume = podVolumes.find((v) => v.secret && v.secret.secretName === `jcm-audit-${svc}`);
  const auditMount = auditVolume && (c.volumeMounts || []).find((m) => m.name === auditVolume.name);
  if (!auditVolume) fail(`Deployment ${svc}: no volume from secret jcm-audit-${svc}`);
  else if (!auditMount || auditMount.mountPath !== AUDIT_DIR || auditMount.readOnly !== true) fail(`Deployment ${svc}: secret jcm-audit-${svc} should be mounted read-only at ${AUDIT_DIR}`);
  else if (deploymentModes[`${svc}/${auditVolume.name}`] !== 0o400) fail(`Deployment ${svc}: volume ${auditVolume.name} should have defaultMode 0400`);
  const auditKeys = secretKeys(`jcm-audit-${svc}`) || [];
  for (const k of ['signing-key.pem', 'signing-key.pub.pem']) if (!auditKeys.includes(k)) fail(`Secret jcm-audit-${svc}: key ${k} missing`);

  // Every secret the pod reads exists: in these manifests (with the key read) or made by an operator.
  const refs = [
    ...(c.env || []).filter((e) => e.valueFrom && e.valueFrom.secretKeyRef).map((e) => [e.valueFrom.secretKeyRef.name, e.valueFrom.secretKeyRef.key]),
    ...(c.envFrom || []).filter((e) => e.secretRef).map((e) => [e.secretRef.name, null]),
    ...podVolumes.filter((v) => v.secret).flatMap((v) => (v.secret.items || [{ key: null }]).map((i) => [v.secret.secretName, i.key])),
  ];
  for (const [name, key] of refs) {
    if (OPERATOR_SECRETS.includes(name)) continue;
    const keys = secretKeys(name);
    if (!keys) fail(`Deployment ${svc}: reads secret ${name}, which no manifest defines`);
    else if (key && !keys.includes(key)) fail(`Deployment ${svc}: reads key ${key} of secret ${name}, which it does not have`);
  }
  for (const r of (c.env || []).filter((e) => e.valueFrom && e.valueFrom.configMapKeyRef)) {
    if (!byKind('ConfigMap').some((m) => m.metadata.name === r.valueFrom.configMapKeyRef.name)) fail(`Deployment ${svc}: reads missing ConfigMap ${r.valueFrom.configMapKeyRef.name}`);
  }
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
  const ce = cs.environment || {};
  if (ce.QUARKUS_DATASOURCE_USERNAME !== role) fail(`docker-compose.yml ${svc}: QUARKUS_DATASOURCE_USERNAME should be ${role}`);
  if (ce.QUARKUS_FLYWAY_USERNAME !== `${role}_owner` || !ce.QUARKUS_FLYWAY_PASSWORD) fail(`docker-compose.yml ${svc}: QUARKUS_FLYWAY_USERNAME should be ${role}_owner, with QUARKUS_FLYWAY_PASSWORD`);
  if (ce.JCM_AUDIT_SIGNING_KEY !== `${AUDIT_DIR}/signing-key.pem` || ce.JCM_AUDIT_PUBLIC_KEY !== `${AUDIT_DIR}/signing-key.pub.pem`) {
    fail(`docker-compose.yml ${svc}: JCM_AUDIT_SIGNING_KEY / JCM_AUDIT_PUBLIC_KEY should point into ${AUDIT_DIR}`);
  }
  const keyMount = (cs.volumes || []).find((v) => typeof v === 'object' && v.target === AUDIT_DIR);
  if (!keyMount || keyMount.type !== 'bind' || keyMount.source !== `./.jcm-local/audit/${svc}` || keyMount.read_only !== true) {
    fail(`docker-compose.yml ${svc}: should bind ./.jcm-local/audit/${svc} read-only at ${AUDIT_DIR}`);
  }
  const dockerfile = path.join(root, svc, 'src', 'main', 'docker', 'Dockerfile.jvm');
  if (!fs.existsSync(dockerfile)) fail(`missing ${rel(dockerfile)}`);
  else if (!new RegExp(`^EXPOSE ${port}$`, 'm').test(fs.readFileSync(dockerfile, 'utf8'))) fail(`${rel(dockerfile)}: should EXPOSE ${port}`);
  if (!fs.existsSync(path.join(root, svc, '.dockerignore'))) fail(`missing ${svc}/.dockerignore`);
}

// 5b. The public site: Deployment, Service, HPA, PDB, ports and probes like a service; the services it reads by
// their Service (Kubernetes) or compose name; nothing of a service's database, Kafka, audit key or secrets.
const DATA_ENV = /^(QUARKUS_DATASOURCE_|QUARKUS_FLYWAY_|KAFKA_|JCM_KAFKA_|JCM_AUDIT_|MP_JWT_)/;
for (const [site, { port, reads }] of Object.entries(SITES)) {
  const dep = byKind('Deployment').find((d) => d.metadata.name === site);
  if (!dep) fail(`Deployment missing: ${site}`);
  else {
    const pod = dep.spec.template.spec;
    const c = pod.containers[0];
    if (!(c.ports || []).some((p) => p.containerPort === port)) fail(`Deployment ${site}: containerPort should be ${port}`);
    const env = Object.fromEntries((c.env || []).map((e) => [e.name, e.value]));
    if (env.QUARKUS_HTTP_PORT !== String(port)) fail(`Deployment ${site}: QUARKUS_HTTP_PORT should be "${port}"`);
    for (const [name, svc] of Object.entries(reads)) {
      if (env[name] !== `http://${svc}:${SERVICES[svc]}`) fail(`Deployment ${site}: ${name} should be http://${svc}:${SERVICES[svc]} (its Service)`);
    }
    if (!c.readinessProbe || c.readinessProbe.httpGet.path !== '/q/health/ready') fail(`Deployment ${site}: readiness probe should be /q/health/ready`);
    if (!c.livenessProbe || c.livenessProbe.httpGet.path !== '/q/health/live') fail(`Deployment ${site}: liveness probe should be /q/health/live`);
    if (!c.resources || !c.resources.requests || !c.resources.limits) fail(`Deployment ${site}: resources requests and limits`);
    if (dep.spec.replicas !== 2) fail(`Deployment ${site}: replicas should be 2`);
    const sc = c.securityContext || {};
    if (!(pod.securityContext || {}).runAsNonRoot || sc.readOnlyRootFilesystem !== true || sc.allowPrivilegeEscalation !== false) {
      fail(`Deployment ${site}: should run as non-root, with a read-only root filesystem and no privilege escalation`);
    }
    // No data of its own: no secret, no shared ConfigMap (database, Kafka, JWT), no such variable.
    const secrets = [
      ...(c.env || []).filter((e) => e.valueFrom && e.valueFrom.secretKeyRef).map((e) => e.valueFrom.secretKeyRef.name),
      ...(c.envFrom || []).filter((e) => e.secretRef).map((e) => e.secretRef.name),
      ...(pod.volumes || []).filter((v) => v.secret || v.projected).map((v) => v.name),
    ];
    if (secrets.length) fail(`Deployment ${site}: reads secrets or secret volumes (${secrets.join(', ')}); the site holds no data`);
    if ((c.envFrom || []).length) fail(`Deployment ${site}: envFrom ${JSON.stringify(c.envFrom)}; the services' ConfigMap is database, Kafka and JWT settings`);
    for (const e of c.env || []) if (DATA_ENV.test(e.name)) fail(`Deployment ${site}: ${e.name} is a service's setting; the site holds no data`);
  }
  const service = byKind('Service').find((o) => o.metadata.name === site);
  if (!service) fail(`Service missing: ${site}`);
  else if (!(service.spec.ports || []).some((p) => p.port === port)) fail(`Service ${site}: port should be ${port}`);
  for (const kind of ['HorizontalPodAutoscaler', 'PodDisruptionBudget']) {
    if (!byKind(kind).some((o) => o.metadata.name === site)) fail(`${kind} missing: ${site}`);
  }
  if (!(kust.images || []).some((i) => i.name === `jcm-registry/${site}`)) fail(`kustomization.yaml: images should set jcm-registry/${site}`);

  const cs = composeServices[site];
  if (!cs) { fail(`docker-compose.yml: service ${site} missing`); continue; }
  const ce = cs.environment || {};
  if (String(ce.QUARKUS_HTTP_PORT) !== String(port)) fail(`docker-compose.yml ${site}: QUARKUS_HTTP_PORT should be ${port}`);
  if (!(cs.ports || []).includes(`127.0.0.1:${port}:${port}`)) fail(`docker-compose.yml ${site}: should publish 127.0.0.1:${port}:${port}`);
  for (const [name, svc] of Object.entries(reads)) {
    if (ce[name] !== `http://${svc}:${SERVICES[svc]}`) fail(`docker-compose.yml ${site}: ${name} should be http://${svc}:${SERVICES[svc]}`);
    const dep = (cs.depends_on || {})[svc];
    if (!dep || dep.condition !== 'service_healthy') fail(`docker-compose.yml ${site}: should depend on ${svc} being healthy`);
  }
  for (const name of Object.keys(ce)) if (DATA_ENV.test(name)) fail(`docker-compose.yml ${site}: ${name} is a service's setting; the site holds no data`);
  if ((cs.volumes || []).length) fail(`docker-compose.yml ${site}: mounts volumes; the site holds no data`);
  const test = [].concat((cs.healthcheck || {}).test || []).join(' ');
  if (!test.includes(`http://localhost:${port}/q/health/ready`)) fail(`docker-compose.yml ${site}: healthcheck should ask http://localhost:${port}/q/health/ready`);
  // Its image: the Dockerfile compose builds (relative to the context), which exposes the port, and an ignore
  // file, either the context's .dockerignore or the Dockerfile's own <Dockerfile>.dockerignore (BuildKit).
  const build = typeof cs.build === 'string' ? { context: cs.build } : (cs.build || {});
  if (!build.context) { fail(`docker-compose.yml ${site}: build.context missing`); continue; }
  const context = path.resolve(root, build.context);
  const dockerfile = path.resolve(context, build.dockerfile || 'Dockerfile');
  if (!fs.existsSync(dockerfile)) fail(`docker-compose.yml ${site}: missing ${rel(dockerfile)}`);
  else if (!new RegExp(`^EXPOSE ${port}$`, 'm').test(fs.readFileSync(dockerfile, 'utf8'))) fail(`${rel(dockerfile)}: should EXPOSE ${port}`);
  if (!fs.existsSync(`${dockerfile}.dockerignore`) && !fs.existsSync(path.join(context, '.dockerignore'))) {
    fail(`docker-compose.yml ${site}: neither ${rel(dockerfile)}.dockerignore nor ${rel(context)}/.dockerignore`);
  }
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
{
  // The checkpoint topics are created in one loop with cleanup.policy=delete and retention.ms=-1, and only they.
  const loop = /for topic in \\\n((?:[ \t]*[\w.-]+[ \t]*\\\n)*[ \t]*[\w.-]+)\n\s*do\n\s*topic "\$\$topic" --config cleanup\.policy=delete --config retention\.ms=-1\n/.exec(initScript);
  const kept = loop ? loop[1].split(/[\s\\]+/).filter(Boolean).sort() : [];
  if (JSON.stringify(kept) !== JSON.stringify([...CHECKPOINT_TOPICS].sort())) {
    fail(`docker-compose.yml kafka-init should create exactly the checkpoint topics with cleanup.policy=delete and retention.ms=-1, not [${kept.join(' ')}]`);
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
  for (const f of new Set(failures)) console.error(`  FAIL ${f}`);
  console.error(`manifests: ${failures.length} problem(s)`);
  process.exit(1);
}
console.log(`manifests: ${yamlFiles.length} files in deploy/k8s, ${objects.length} objects, well-formed and consistent with docker-compose.yml and the Dockerfiles`);
