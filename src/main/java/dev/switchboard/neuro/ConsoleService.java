package dev.switchboard.neuro;

import dev.switchboard.neuro.console.ConsoleCommand;
import dev.switchboard.neuro.console.ConsoleMessage;
import dev.switchboard.neuro.game.Action;
import dev.switchboard.neuro.game.GameCommand;
import dev.switchboard.neuro.game.GameConnection;
import dev.switchboard.neuro.game.GameSession;
import dev.switchboard.neuro.schema.ActionSchemas;
import dev.switchboard.websocket.EndpointName;
import dev.switchboard.websocket.ErrorReplies;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;

import java.util.List;
import java.util.Optional;

/** Carries out the operator's commands; each gets an {@code ack} or an {@code error}. */
@ApplicationScoped
public class ConsoleService {
    @Inject
    NeuroHub hub;

    ConsoleMessage handle(ConsoleCommand command) {
        if (command instanceof ConsoleCommand.Invalid invalid) {
            return error(invalid.requestId(), invalid.code(), invalid.message());
        }
        if (command instanceof ConsoleCommand.SetDecider set) {
            try {
                hub.setDecider(set.priority(), set.decider());
                return ack(set.requestId(), "set_decider", null);
            } catch (IllegalArgumentException unknown) {
                return error(set.requestId(), unknown.getMessage().startsWith("Unknown priority") ? "invalid_request"
                        : "unknown_decider", unknown.getMessage());
            }
        }
        if (command instanceof ConsoleCommand.ExportSession export) {
            return hub.export(export.connectionId(), export.game())
                    .<ConsoleMessage>map(jsonl -> new ConsoleMessage.SessionExport(export.requestId(), export.connectionId(),
                            export.game(), jsonl))
                    .orElseGet(() -> unknownConnection(export.requestId(), export.connectionId()));
        }
        if (command instanceof ConsoleCommand.SendAction send) {
            return sendAction(send);
        }
        if (command instanceof ConsoleCommand.AnswerForce answer) {
            return answerForce(answer);
        }
        return toConnection(command);
    }

    private ConsoleMessage toConnection(ConsoleCommand command) {
        String connectionId;
        GameCommand toGame;
        String name;
        if (command instanceof ConsoleCommand.ReregisterAll c) {
            connectionId = c.connectionId();
            toGame = GameCommand.reregisterAll();
            name = "reregister_all";
        } else if (command instanceof ConsoleCommand.ShutdownGraceful c) {
            connectionId = c.connectionId();
            toGame = GameCommand.graceful(c.wantsShutdown());
            name = "shutdown_graceful";
        } else {
            ConsoleCommand.ShutdownImmediate c = (ConsoleCommand.ShutdownImmediate) command;
            connectionId = c.connectionId();
            toGame = GameCommand.immediate();
            name = "shutdown_immediate";
        }
        Optional<GameConnection> connection = hub.connection(connectionId);
        if (connection.isEmpty()) {
            return unknownConnection(command.requestId(), connectionId);
        }
        connection.get().send(toGame);
        return ack(command.requestId(), name, null);
    }

    private ConsoleMessage sendAction(ConsoleCommand.SendAction send) {
        Target target = target(send.requestId(), send.connectionId(), send.game(), send.action());
        if (target.error() != null) {
            return target.error();
        }
        Optional<ConsoleMessage> invalid = checkData(send.requestId(), target.action(), send.data(), send.sendAnyway());
        if (invalid.isPresent()) {
            return invalid.get();
        }
        String id = target.session().sendUnforced(send.action(), dataText(target.action(), send.data()));
        return ack(send.requestId(), "send_action", id);
    }

    private ConsoleMessage answerForce(ConsoleCommand.AnswerForce answer) {
        Target target = target(answer.requestId(), answer.connectionId(), answer.game(), answer.action());
        if (target.error() != null) {
            return target.error();
        }
        GameSession.PendingForce force = target.session().pendingForce();
        if (force == null || force.status() != GameSession.ForceStatus.CHOOSING) {
            return error(answer.requestId(), "no_pending_force", "'" + answer.game() + "' has no force waiting for a choice");
        }
        if (!force.actionNames().contains(answer.action())) {
            return error(answer.requestId(), "not_in_force", "The force allows only " + force.actionNames());
        }
        Optional<ConsoleMessage> invalid = checkData(answer.requestId(), target.action(), answer.data(), answer.sendAnyway());
        if (invalid.isPresent()) {
            return invalid.get();
        }
        if (!target.session().choose(force, answer.action(), dataText(target.action(), answer.data()))) {
            return error(answer.requestId(), "no_pending_force", "The force changed meanwhile; look again");
        }
        GameSession.PendingForce sent = target.session().pendingForce();
        return ack(answer.requestId(), "answer_force", sent == null ? null : sent.actionId());
    }

    private record Target(GameSession session, Action action, ConsoleMessage error) {
    }

    private Target target(String requestId, String connectionId, String game, String actionName) {
        Optional<GameConnection> connection = hub.connection(connectionId);
        if (connection.isEmpty()) {
            return new Target(null, null, unknownConnection(requestId, connectionId));
        }
        GameSession session = game == null ? null : connection.get().sessions().get(game);
        if (session == null) {
            return new Target(null, null, error(requestId, "unknown_game", "No game '" + game + "' on connection " + connectionId));
        }
        Action action = actionName == null ? null : session.action(actionName);
        if (action == null) {
            return new Target(session, null, error(requestId, "unknown_action", "'" + game + "' has no action '"
                    + actionName + "' (actions: " + session.actionNames() + ")"));
        }
        return new Target(session, action, null);
    }

    /** Data is checked against the action's schema unless the operator says to send it anyway. */
    private static Optional<ConsoleMessage> checkData(String requestId, Action action, JsonObject data, boolean anyway) {
        if (anyway) {
            return Optional.empty();
        }
        List<String> problems = ActionSchemas.validate(action.schema(), action.schema() == null && data != null
                && data.isEmpty() ? null : data);
        if (problems.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(error(requestId, "invalid_data", "The data does not validate against the schema of '"
                + action.name() + "' (send again with send_anyway: true to send it as it is)", problems));
    }

    private static String dataText(Action action, JsonObject data) {
        return action.schema() == null && (data == null || data.isEmpty()) ? null : GameSession.dataText(data);
    }

    private static ConsoleMessage ack(String requestId, String command, String actionId) {
        return new ConsoleMessage.Ack(requestId, command, actionId);
    }

    private static ConsoleMessage error(String requestId, String code, String message) {
        return error(requestId, code, message, List.of());
    }

    /** The one place error replies of {@code /neuro/console} are built, so they are counted here. */
    private static ConsoleMessage.Error error(String requestId, String code, String message, List<String> problems) {
        ErrorReplies.count(EndpointName.CONSOLE, code);
        return new ConsoleMessage.Error(requestId, code, message, problems);
    }

    private static ConsoleMessage unknownConnection(String requestId, String connectionId) {
        return error(requestId, "unknown_connection", "No game connection '" + connectionId + "'");
    }
}
