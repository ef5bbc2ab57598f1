package dev.switchboard.bench;

import java.util.List;

/** The two Switchboard instances of a cluster scenario (bench/run.sh starts them for it). */
final class ClusterInstances {
    /** The result key of a cluster scenario's load spread over both instances. */
    static final String SPLIT = "cluster-split";
    /** The result key of the same load on the first instance only (the scenario's reference). */
    static final String ONE = "cluster-one";

    private ClusterInstances() {
    }

    /** Both instances, or an exception that says how to get them. */
    static List<Server> of(Scenario.Servers servers, String scenario) {
        if (servers.switchboard() == null || servers.switchboard2() == null) {
            throw new IllegalStateException(scenario + " needs two Switchboard instances forming a cluster: run it"
                    + " with bench/run.sh, or set BENCH_SWITCHBOARD_URL and BENCH_SWITCHBOARD2_URL (and their _PID)");
        }
        if (servers.switchboard().base().equals(servers.switchboard2().base())) {
            throw new IllegalStateException(scenario + ": both instances are " + servers.switchboard().base());
        }
        return List.of(servers.switchboard(), servers.switchboard2());
    }
}
