#!/usr/bin/env python3
"""Independent verifier of JCM Registry audit exports (stdlib + the openssl 3 command line).

  python3 jcm_verify.py log EXPORT.jsonl CHECKPOINTS.jsonl PUBLIC.pem
  python3 jcm_verify.py inclusion PROOF.json PUBLIC.pem

Exit 0 if everything verifies, 1 if tampering or a bad proof is found, 2 on usage errors.
Written apart from the Java code, from the formats in audit-proofs/README.md only.
"""
import base64, hashlib, json, os, subprocess, sys, tempfile

FIELDS = ["prevHash", "position", "eventId", "topic", "aggregateType", "aggregateId", "eventType", "occurredAt", "message"]
sha = lambda b: hashlib.sha256(b).digest()
node = lambda l, r: sha(b"\x01" + l + r)


def canonical(e):
    out = b""
    for f in FIELDS:
        v = str(e[f]).encode("utf-8")
        out += str(len(v)).encode() + b":" + v + b";"
    return out


def root_of(frontier):  # frontier: [(level, hash)], largest subtree first
    if not frontier:
        return sha(b"")
    r = frontier[-1][1]
    for _, h in reversed(frontier[:-1]):
        r = node(h, r)
    return r


def check_signature(cp, key_path):
    body = "%s\n%d\n%s\n%s\n" % (cp["origin"], cp["treeSize"], cp["rootHash"], cp["timestamp"])
    der = base64.b64decode("".join(l for l in open(key_path) if not l.startswith("-----")))
    if cp["keyId"] != hashlib.sha256(der).hexdigest()[:16]:
        return False
    with tempfile.TemporaryDirectory() as d:
        open(os.path.join(d, "body"), "wb").write(body.encode("utf-8"))
        open(os.path.join(d, "sig"), "wb").write(base64.b64decode(cp["signature"]))
        r = subprocess.run(["openssl", "pkeyutl", "-verify", "-pubin", "-inkey", key_path, "-rawin",
                            "-in", os.path.join(d, "body"), "-sigfile", os.path.join(d, "sig")], capture_output=True)
        return r.returncode == 0


def verify_log(export, checkpoints, key):
    cps = sorted((json.loads(l) for l in open(checkpoints, encoding="utf-8") if l.strip()), key=lambda c: c["treeSize"])
    fails, frontier, prev, last, n = [], [], "0" * 64, 0, 0
    for cp in cps:
        if not check_signature(cp, key):
            fails.append("checkpoint %d: bad signature" % cp["treeSize"])
        if cp["origin"] != cps[0]["origin"]:
            fails.append("checkpoint %d: another origin" % cp["treeSize"])
    roots = {}
    for line in open(export, encoding="utf-8"):
        if not line.strip():
            continue
        e = json.loads(line)
        p = e["position"]
        if p != last + 1:
            fails.append("position %d: expected position %d" % (p, last + 1))
        if e["prevHash"] != prev:
            fails.append("position %d: prevHash is not the previous entry's hash" % p)
        c = canonical(e)
        if sha(c).hex() != e["hash"]:
            fails.append("position %d: hash does not match content (recomputed %s)" % (p, sha(c).hex()))
        h, level = sha(b"\x00" + c), 0
        while frontier and frontier[-1][0] == level:
            h, level = node(frontier.pop()[1], h), level + 1
        frontier.append((level, h))
        prev, last, n = e["hash"], p, n + 1
        if any(cp["treeSize"] == n for cp in cps):
            roots[n] = root_of(frontier).hex()
    for cp in cps:
        s = cp["treeSize"]
        got = root_of([]).hex() if s == 0 else roots.get(s)
        if got is None and s > last:
            fails.append("checkpoint %d signed %d entries but the export ends at position %d: entries were removed from the log,"
                         " or the export is incomplete (export from position 1 to now)" % (s, s, last))
        elif got is None:
            fails.append("checkpoint %d signed %d entries but the export holds only %d" % (s, s, n))
        elif got != cp["rootHash"]:
            fails.append("checkpoint %d: root %s but the export gives %s" % (s, cp["rootHash"], got))
        else:
            print("checkpoint %d: root %s verified" % (s, got))
    print("%d entries checked, last position %d" % (n, last))
    return fails


def verify_inclusion(proof_file, key):
    pr = json.load(open(proof_file, encoding="utf-8"))
    cp, e, fn, size = pr["checkpoint"], pr["entry"], pr["leafIndex"], pr["treeSize"]
    fails = [] if check_signature(cp, key) else ["checkpoint %d: bad signature" % cp["treeSize"]]
    c = canonical(e)
    if sha(c).hex() != e["hash"]:
        fails.append("position %d: hash does not match content" % e["position"])
    if size != cp["treeSize"] or fn != e["position"] - 1 or not 0 <= fn < size:
        fails.append("leaf index or tree size do not match the entry and checkpoint")
        return fails
    r, sn = sha(b"\x00" + c), size - 1  # RFC 9162 section 2.1.3.2
    for p in map(bytes.fromhex, pr["auditPath"]):
        if sn == 0:
            return fails + ["audit path too long"]
        if fn & 1 or fn == sn:
            r = node(p, r)
            while not fn & 1 and fn != 0:
                fn, sn = fn >> 1, sn >> 1
        else:
            r = node(r, p)
        fn, sn = fn >> 1, sn >> 1
    if sn != 0 or r.hex() != cp["rootHash"]:
        fails.append("position %d: audit path does not lead to the checkpoint root" % e["position"])
    else:
        print("entry %d is in %s's log of %d entries, root %s" % (e["position"], cp["origin"], size, cp["rootHash"]))
    return fails


if __name__ == "__main__":
    a = sys.argv[1:]
    if a[:1] == ["log"] and len(a) == 4:
        failures = verify_log(a[1], a[2], a[3])
    elif a[:1] == ["inclusion"] and len(a) == 3:
        failures = verify_inclusion(a[1], a[2])
    else:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    for f in failures:
        print("FAILED " + f)
    print("OK" if not failures else "FAILED: %d problem(s)" % len(failures))
    sys.exit(1 if failures else 0)
