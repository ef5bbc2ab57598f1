package dev.switchboard.calls;

import java.math.BigDecimal;
import java.util.List;

/** Arguments that passed their function's {@link Signature}. */
public record Arguments(List<BigDecimal> values) {
    public BigDecimal number(int index) {
        return values.get(index);
    }

    public long integer(int index) {
        return values.get(index).longValueExact();
    }

    public long integerOr(int index, long fallback) {
        return index < values.size() ? integer(index) : fallback;
    }

    public int size() {
        return values.size();
    }
}
