package dev.switchboard.config;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** What one setting may be; {@link #problem} says what is wrong with a configured value, or nothing. */
sealed interface SettingRule {
    String name();

    /** The problem with {@code value} (as configured, a string), in words that say what is allowed. */
    Optional<String> problem(String value);

    /** A whole number from {@code min} to {@code max}. */
    record Range(String name, long min, long max, String meaning) implements SettingRule {
        @Override
        public Optional<String> problem(String value) {
            long number;
            try {
                number = Long.parseLong(value.trim());
            } catch (NumberFormatException e) {
                return Optional.of("a whole number " + allowed() + " is allowed");
            }
            return number < min || number > max ? Optional.of(allowed() + " is allowed") : Optional.empty();
        }

        private String allowed() {
            String range = max == Long.MAX_VALUE ? "at least " + min : "from " + min + " to " + max;
            return meaning.isEmpty() ? range : range + " (" + meaning + ")";
        }
    }

    /** A number (fractions too) of at least {@code min}. */
    record AtLeast(String name, double min, String meaning) implements SettingRule {
        @Override
        public Optional<String> problem(String value) {
            try {
                double number = Double.parseDouble(value.trim());
                return Double.isFinite(number) && number >= min ? Optional.empty() : Optional.of(allowed());
            } catch (NumberFormatException e) {
                return Optional.of(allowed());
            }
        }

        private String allowed() {
            return "a number of at least " + min + " is allowed" + (meaning.isEmpty() ? "" : " (" + meaning + ")");
        }
    }

    /** One of a few words, in any case. */
    record OneOf(String name, List<String> values) implements SettingRule {
        @Override
        public Optional<String> problem(String value) {
            return values.contains(value.trim().toLowerCase(Locale.ROOT)) ? Optional.empty()
                    : Optional.of("one of " + String.join(", ", values) + " is allowed");
        }
    }
}
