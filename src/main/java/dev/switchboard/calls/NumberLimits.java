package dev.switchboard.calls;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;

/**
 * Keeps numbers exact but bounded. Integers are exact up to {@code maxDigits} digits; a result with
 * more is a {@code math_error}. Results that are not integers carry 16 significant digits (about
 * what a double holds). Arguments are refused past {@code maxDigits} digits before or after the
 * point, so that no input can make BigDecimal arithmetic run away.
 */
public record NumberLimits(int maxDigits) {
    public static final MathContext FRACTIONS = MathContext.DECIMAL64;

    public boolean accepts(BigDecimal value) {
        return integerDigits(value) <= maxDigits && value.scale() <= maxDigits;
    }

    public String describe() {
        return "at most " + maxDigits + " digits before and after the point";
    }

    /** The JSON value of a result: an exact integer where it is one, else a 16-digit decimal. */
    public Number result(BigDecimal value) throws CallException {
        if (value.signum() == 0) {
            return BigInteger.ZERO;
        }
        if (integerDigits(value) > maxDigits) {
            throw new CallException(ErrorCode.MATH_ERROR, "Result is too large (more than " + maxDigits + " digits)");
        }
        BigDecimal stripped = value.stripTrailingZeros();
        if (stripped.scale() <= 0) {
            return stripped.toBigIntegerExact();
        }
        BigDecimal rounded = stripped.round(FRACTIONS).stripTrailingZeros();
        return rounded.scale() <= 0 ? rounded.toBigIntegerExact() : rounded;
    }

    public Number result(double value) throws CallException {
        if (!Double.isFinite(value)) {
            throw new CallException(ErrorCode.MATH_ERROR, "Result is not a finite number");
        }
        return result(new BigDecimal(Double.toString(value)));
    }

    /** Digits before the point (0 for |value| < 1). */
    static long integerDigits(BigDecimal value) {
        return Math.max(0L, (long) value.precision() - value.scale());
    }
}
