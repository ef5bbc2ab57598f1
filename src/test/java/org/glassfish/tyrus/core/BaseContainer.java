package org.glassfish.tyrus.core;

import java.util.concurrent.ScheduledExecutorService;

/** The shape of Tyrus' container that the idle-timer workaround expects (the real one is in Payara). */
public class BaseContainer {
    private final ScheduledExecutorService managedScheduledExecutorService;

    public BaseContainer(ScheduledExecutorService managed) {
        this.managedScheduledExecutorService = managed;
    }

    public ScheduledExecutorService getScheduledExecutorService() {
        return managedScheduledExecutorService;
    }
}
