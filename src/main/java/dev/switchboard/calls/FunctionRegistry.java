package dev.switchboard.calls;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Every {@link CallFunction} bean, by name. Other features (runs) call functions through it too. */
@ApplicationScoped
public class FunctionRegistry {
    /** The reserved name that answers the catalog. */
    public static final String CATALOG = "functions";

    @Inject
    @Any
    Instance<CallFunction> beans;

    private Map<String, CallFunction> byName;

    public FunctionRegistry() {
    }

    /** For unit tests: a registry of the given functions. */
    public FunctionRegistry(Collection<CallFunction> functions) {
        byName = index(functions);
    }

    @PostConstruct
    void discover() {
        byName = index(beans.stream().toList());
    }

    private static Map<String, CallFunction> index(Collection<CallFunction> functions) {
        Map<String, CallFunction> index = new TreeMap<>();
        for (CallFunction function : functions) {
            if (CATALOG.equals(function.name())) {
                throw new IllegalStateException("'" + CATALOG + "' is reserved for the catalog");
            }
            if (index.putIfAbsent(function.name(), function) != null) {
                throw new IllegalStateException("Two functions are named '" + function.name() + "'");
            }
        }
        return Map.copyOf(index);
    }

    public Optional<CallFunction> find(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    /** The catalog, sorted by name. */
    public List<FunctionInfo> catalog() {
        return byName.values().stream().map(FunctionInfo::of)
                .sorted(java.util.Comparator.comparing(FunctionInfo::name)).toList();
    }
}
