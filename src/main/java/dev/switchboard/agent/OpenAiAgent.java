package dev.switchboard.agent;

import dev.switchboard.websocket.JsonSupport;
import jakarta.json.bind.JsonbException;
import jakarta.json.bind.annotation.JsonbProperty;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedDeque;

/**
 * A client of any OpenAI-compatible chat-completions API (OpenAI, Ollama, vLLM, llama.cpp):
 * {@code POST {baseUrl}/chat/completions}. Keeps the last {@code historyMessages} messages of each
 * conversation (and at most {@code maxSessions} conversations): a conversation is a principal's session, so
 * one principal never has another's messages sent to the model as history. The API key is sent, never logged.
 */
public class OpenAiAgent implements Agent {
    public record Message(String role, String content) {
    }

    public record ChatRequest(String model, List<Message> messages) {
    }

    public record Choice(Message message) {
    }

    public record ChatResponse(List<Choice> choices) {
    }

    /** How an error body of these APIs looks: {"error":{"message":…}}. */
    public record ErrorBody(@JsonbProperty("error") Map<String, Object> error) {
    }

    private final HttpClient http;
    private final URI endpoint;
    private final String apiKey;
    private final String model;
    private final String systemPrompt;
    private final Duration timeout;
    private final int historyMessages;
    private final Map<Conversation, Deque<Message>> histories;

    public OpenAiAgent(String baseUrl, String apiKey, String model, String systemPrompt, Duration timeout,
                       int historyMessages, int maxSessions) {
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
        this.endpoint = URI.create(baseUrl.replaceAll("/+$", "") + "/chat/completions");
        this.apiKey = apiKey;
        this.model = model;
        this.systemPrompt = systemPrompt;
        this.timeout = timeout;
        this.historyMessages = historyMessages;
        this.histories = java.util.Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Conversation, Deque<Message>> eldest) {
                return size() > maxSessions;
            }
        });
    }

    @Override
    public String source() {
        return "agent:" + model;
    }

    @Override
    public String reply(Conversation conversation, String message) throws AgentException, InterruptedException {
        Deque<Message> history = histories.computeIfAbsent(conversation, id -> new ConcurrentLinkedDeque<>());
        List<Message> messages = new ArrayList<>();
        messages.add(new Message("system", systemPrompt));
        messages.addAll(history);
        messages.add(new Message("user", message));
        String answer = complete(messages);
        remember(history, new Message("user", message));
        remember(history, new Message("assistant", answer));
        return answer;
    }

    private void remember(Deque<Message> history, Message message) {
        history.addLast(message);
        while (history.size() > historyMessages) {
            history.pollFirst();
        }
    }

    private String complete(List<Message> messages) throws AgentException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint)
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JsonSupport.JSONB.toJson(new ChatRequest(model, messages))));
        if (apiKey != null && !apiKey.isBlank()) {
            request.header("Authorization", "Bearer " + apiKey);
        }
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (HttpTimeoutException e) {
            throw new AgentException("The model did not answer within " + timeout.toMillis() + " ms", true);
        } catch (IOException e) {
            throw new AgentException("Cannot reach the model at " + endpoint + ": " + e.getMessage(), true);
        }
        int status = response.statusCode();
        if (status != 200) {
            boolean retryable = status == 429 || status >= 500;
            throw new AgentException("The model answered HTTP " + status + describe(response.body()), retryable);
        }
        try {
            ChatResponse chat = JsonSupport.JSONB.fromJson(response.body(), ChatResponse.class);
            if (chat == null || chat.choices() == null || chat.choices().isEmpty() || chat.choices().get(0).message() == null
                    || chat.choices().get(0).message().content() == null) {
                throw new AgentException("The model's answer has no choices[0].message.content", false);
            }
            return chat.choices().get(0).message().content();
        } catch (JsonbException e) {
            throw new AgentException("The model's answer is not chat-completions JSON", false);
        }
    }

    private static String describe(String body) {
        try {
            ErrorBody error = JsonSupport.JSONB.fromJson(body, ErrorBody.class);
            if (error.error() != null && error.error().get("message") instanceof String message) {
                return ": " + message;
            }
        } catch (JsonbException | NullPointerException e) {
            // not the usual error shape; the status says enough
        }
        return "";
    }
}
