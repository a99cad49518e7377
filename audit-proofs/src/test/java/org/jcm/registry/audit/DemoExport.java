package org.jcm.registry.audit;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.List;

/**
 * Writes the README's example files into DIR, signed with DIR/signing-key.pem (from {@code keygen --out DIR}): a
 * 40-entry export, checkpoints at 10, 25 and 40, an inclusion proof of entry 12 and a consistency proof from 25 to 40.
 */
public final class DemoExport {

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        KeyPair keys = Keys.readPair(Files.readString(dir.resolve("signing-key.pem")), Files.readString(dir.resolve("signing-key.pub.pem")));
        List<LogEntry> log = Synthetic.log(40);
        Merkle.MemoryTree tree = Synthetic.tree(log);
        Files.write(dir.resolve("export.jsonl"), log.stream().map(LogEntry::toJson).toList(), StandardCharsets.UTF_8);
        List<SignedCheckpoint> cps = List.of(Synthetic.checkpoint(tree, 10, keys), Synthetic.checkpoint(tree, 25, keys),
                Synthetic.checkpoint(tree, 40, keys));
        Files.write(dir.resolve("checkpoints.jsonl"), cps.stream().map(SignedCheckpoint::toJson).toList(), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("inclusion-12.json"), InclusionProof.of(cps.get(2), log.get(11), tree).toJson() + "\n");
        Files.writeString(dir.resolve("consistency-25-40.json"), ConsistencyProof.of(cps.get(1), cps.get(2), tree).toJson() + "\n");
    }
}
