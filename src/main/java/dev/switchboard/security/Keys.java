package dev.switchboard.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalInt;

/** A list of static keys (comma-separated in configuration), compared in constant time. */
final class Keys {
    private final List<byte[]> keys;

    Keys(String commaSeparated) {
        this.keys = commaSeparated == null ? List.of() : Arrays.stream(commaSeparated.split(","))
                .map(String::trim).filter(k -> !k.isEmpty()).map(k -> k.getBytes(StandardCharsets.UTF_8)).toList();
    }

    boolean isEmpty() {
        return keys.isEmpty();
    }

    int size() {
        return keys.size();
    }

    /** The key's position in the list (1-based), which names it in logs and as a principal. */
    OptionalInt find(String candidate) {
        byte[] bytes = candidate.getBytes(StandardCharsets.UTF_8);
        int found = 0;
        for (int i = 0; i < keys.size(); i++) {
            if (MessageDigest.isEqual(keys.get(i), bytes) && found == 0) {
                found = i + 1;
            }
        }
        return found == 0 ? OptionalInt.empty() : OptionalInt.of(found);
    }
}
