package org.prooftrail.api.console;

/**
 * One area of the console (devices, lots, traces, ...): it adds its pages, actions and menu entries.
 * Views read and write through {@link ConsoleRequest#api()} only, never the store.
 */
public interface ConsoleView {
    void mount(ConsoleRoutes routes);
}
