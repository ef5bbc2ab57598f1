package dev.switchboard.agent;

import dev.switchboard.calls.CallException;
import dev.switchboard.calls.CallService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonValue;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Pickle, the built-in cat assistant: offline and deterministic. It does arithmetic through the calls
 * feature's functions, tells the time, and otherwise answers in character.
 */
@ApplicationScoped
public class Pickle implements Agent {
    /** Bounded, so that a 16 KiB message of digits cannot make the patterns backtrack for seconds. */
    private static final String NUMBER = "(-?\\d{1,40}(?:\\.\\d{1,40})?)";
    private static final int MAX_READ = 500;
    private static final Pattern BINARY = Pattern.compile(NUMBER + "\\s*(\\+|plus|-|minus|\\*|x|×|times|multiplied by|/|÷|divided by|over|\\^|to the power of)\\s*" + NUMBER);
    private static final Pattern SQRT = Pattern.compile("(?:square root of|sqrt)\\s*\\(?\\s*" + NUMBER);
    private static final Map<String, String> FUNCTIONS = Map.ofEntries(
            Map.entry("+", "add"), Map.entry("plus", "add"),
            Map.entry("-", "subtract"), Map.entry("minus", "subtract"),
            Map.entry("*", "multiply"), Map.entry("x", "multiply"), Map.entry("×", "multiply"),
            Map.entry("times", "multiply"), Map.entry("multiplied by", "multiply"),
            Map.entry("/", "divide"), Map.entry("÷", "divide"), Map.entry("divided by", "divide"),
            Map.entry("over", "divide"), Map.entry("^", "pow"), Map.entry("to the power of", "pow"));
    private static final List<String> MUSINGS = List.of(
            "*blinks slowly* I heard you. I'm thinking about it from this sunny windowsill.",
            "*tail swish* Interesting. Tell me more, or ask me to do some math — I'm good with numbers.",
            "*kneads the keyboard* Mrrp. I'm only a cat, but I can add, multiply and tell the time.",
            "*stretches* That sounds important. Is it more important than a nap? Probably.");

    @Inject
    CallService calls;

    Clock clock = Clock.systemUTC();

    @Override
    public String source() {
        return "agent:pickle";
    }

    @Override
    public String reply(Conversation conversation, String message) throws InterruptedException {
        String text = message.toLowerCase(Locale.ROOT).trim();
        if (text.length() > MAX_READ) {
            text = text.substring(0, MAX_READ);
        }
        Matcher sqrt = SQRT.matcher(text);
        if (sqrt.find()) {
            return compute("sqrt", "the square root of " + sqrt.group(1), sqrt.group(1));
        }
        Matcher binary = BINARY.matcher(text);
        if (binary.find()) {
            String function = FUNCTIONS.get(binary.group(2));
            return compute(function, binary.group(1) + " " + binary.group(2) + " " + binary.group(3),
                    binary.group(1), binary.group(3));
        }
        if (text.contains("time")) {
            return "*glances at the sun patch* It's " + DateTimeFormatter.ofPattern("HH:mm")
                    .withZone(ZoneOffset.UTC).format(clock.instant()) + " UTC.";
        }
        if (text.matches("^(hi|hello|hey|hallo|greetings)\\b.*")) {
            return "*waves paws* Hello! I'm Pickle, Switchboard's cat assistant. Ask me things like "
                    + "\"what is 6 times 7?\" or \"what time is it?\"";
        }
        if (text.contains("help")) {
            return "*sits up straight* I can do arithmetic (plus, minus, times, divided by, to the power of, "
                    + "square root of) and tell the time in UTC. Everything else, I'll just purr at.";
        }
        return MUSINGS.get(Math.floorMod(text.hashCode(), MUSINGS.size()));
    }

    private String compute(String function, String said, String... numbers) throws InterruptedException {
        List<JsonValue> args = java.util.Arrays.stream(numbers)
                .map(n -> (JsonValue) Json.createValue(new BigDecimal(n))).toList();
        try {
            Object result = calls.invoke(function, args, calls.quietContext());
            return "*purrs* " + said + " is " + result + ".";
        } catch (CallException e) {
            return "*tilts head* I tried " + said + ", but: " + e.getMessage() + ".";
        }
    }
}
