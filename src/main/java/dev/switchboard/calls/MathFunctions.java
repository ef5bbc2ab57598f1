package dev.switchboard.calls;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import static dev.switchboard.calls.Param.number;

/** The arithmetic functions, one producer method each. */
@ApplicationScoped
public class MathFunctions {

    @Produces
    CallFunction add() {
        return pure("add", "a + b", Signature.of(number("a", "first addend"), number("b", "second addend")),
                (args, limits) -> limits.result(args.number(0).add(args.number(1))));
    }

    @Produces
    CallFunction subtract() {
        return pure("subtract", "a - b", Signature.of(number("a", "minuend"), number("b", "subtrahend")),
                (args, limits) -> limits.result(args.number(0).subtract(args.number(1))));
    }

    @Produces
    CallFunction multiply() {
        return pure("multiply", "a * b", Signature.of(number("a", "first factor"), number("b", "second factor")),
                (args, limits) -> limits.result(args.number(0).multiply(args.number(1))));
    }

    @Produces
    CallFunction divide() {
        return pure("divide", "a / b (16 significant digits)",
                Signature.of(number("a", "dividend"), number("b", "divisor")),
                (args, limits) -> limits.result(Arithmetic.divide(args.number(0), args.number(1))));
    }

    @Produces
    CallFunction pow() {
        return pure("pow", "base raised to exponent",
                Signature.of(number("base", "the base"), number("exponent", "the exponent")),
                (args, limits) -> Arithmetic.pow(args.number(0), args.number(1), limits));
    }

    @Produces
    CallFunction sqrt() {
        return pure("sqrt", "square root of x (16 significant digits)", Signature.of(number("x", "a number >= 0")),
                (args, limits) -> limits.result(Arithmetic.sqrt(args.number(0))));
    }

    @Produces
    CallFunction sum() {
        return pure("sum", "sum of any count of numbers (0 for none)", Signature.numbers(0),
                (args, limits) -> limits.result(Arithmetic.sum(args.values())));
    }

    @Produces
    CallFunction mean() {
        return pure("mean", "arithmetic mean of one or more numbers", Signature.numbers(1),
                (args, limits) -> limits.result(Arithmetic.mean(args.values())));
    }

    interface Body {
        Object apply(Arguments args, NumberLimits limits) throws CallException;
    }

    static CallFunction pure(String name, String description, Signature signature, Body body) {
        return new CallFunction() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public String description() {
                return description;
            }

            @Override
            public Signature signature() {
                return signature;
            }

            @Override
            public boolean blocking() {
                return false;
            }

            @Override
            public boolean pure() {
                return true;
            }

            @Override
            public Object call(Arguments args, CallContext context) throws CallException {
                return body.apply(args, context.limits());
            }
        };
    }
}
