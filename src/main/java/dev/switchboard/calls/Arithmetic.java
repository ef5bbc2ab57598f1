package dev.switchboard.calls;

import java.math.BigDecimal;
import java.util.List;

/** The arithmetic behind the math functions, on exact decimals. */
final class Arithmetic {
    /** Integer powers up to this exponent are computed exactly; larger ones go through double. */
    private static final int MAX_EXACT_EXPONENT = 10_000;

    private Arithmetic() {
    }

    static BigDecimal divide(BigDecimal a, BigDecimal b) throws CallException {
        if (b.signum() == 0) {
            throw new CallException(ErrorCode.MATH_ERROR, "Division by zero");
        }
        return a.divide(b, NumberLimits.FRACTIONS);
    }

    static Number pow(BigDecimal base, BigDecimal exponent, NumberLimits limits) throws CallException {
        boolean integralExponent = exponent.signum() == 0 || exponent.stripTrailingZeros().scale() <= 0;
        if (base.signum() == 0 && exponent.signum() < 0) {
            throw new CallException(ErrorCode.MATH_ERROR, "Division by zero");
        }
        if (integralExponent && exponent.abs().compareTo(BigDecimal.valueOf(MAX_EXACT_EXPONENT)) <= 0) {
            int n = exponent.intValueExact();
            // Digits of the result are about n * digits(base): refuse before computing a huge number.
            if (n > 0 && (long) n * (NumberLimits.integerDigits(base) - 1) > limits.maxDigits()) {
                throw new CallException(ErrorCode.MATH_ERROR,
                        "Result is too large (more than " + limits.maxDigits() + " digits)");
            }
            BigDecimal result = n >= 0 && base.scale() <= 0
                    ? base.pow(n)
                    : base.pow(n, NumberLimits.FRACTIONS);
            return limits.result(result);
        }
        if (base.signum() < 0 && !integralExponent) {
            throw new CallException(ErrorCode.MATH_ERROR,
                    "A negative base with a fractional exponent has no real result");
        }
        return limits.result(Math.pow(base.doubleValue(), exponent.doubleValue()));
    }

    static BigDecimal sqrt(BigDecimal x) throws CallException {
        if (x.signum() < 0) {
            throw new CallException(ErrorCode.MATH_ERROR, "Square root of a negative number");
        }
        return x.sqrt(NumberLimits.FRACTIONS);
    }

    static BigDecimal sum(List<BigDecimal> values) {
        return values.stream().reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    static BigDecimal mean(List<BigDecimal> values) throws CallException {
        return divide(sum(values), BigDecimal.valueOf(values.size()));
    }
}
