package dev.switchboard.neuro.cluster;

import dev.switchboard.neuro.console.ConsoleMessage;
import jakarta.json.bind.annotation.JsonbPropertyOrder;

/** The reply to an {@link OwnerRequest}, for the instance that sent it ({@code to}): what its console is sent. */
@JsonbPropertyOrder({"to", "ticket", "reply"})
public record OwnerReply(String to, String ticket, ConsoleMessage reply) {
}
