package dev.switchboard.neuro.cluster;

import jakarta.json.JsonObject;
import jakarta.json.bind.annotation.JsonbPropertyOrder;

/**
 * An operator command for the instance a game is on ({@code to}), from the instance whose console sent
 * it ({@code from}); {@code ticket} pairs it with its {@link OwnerReply}; {@code command} is in the
 * console's wire format ({@link CommandWire}).
 */
@JsonbPropertyOrder({"to", "from", "ticket", "command"})
public record OwnerRequest(String to, String from, String ticket, JsonObject command) {
}
