package org.callway.sip.transport;

/**
 * Where well-formed messages are handled once parsed. Messages with one key (the Call-ID) are
 * handled one at a time and in arrival order, as RFC 3261 §17 transactions and §12 dialogs
 * assume; messages of different calls may run in parallel on other threads.
 */
public interface Lanes {

    /**
     * Runs {@code task} after every earlier task of {@code key}; false (and the task not run)
     * when that key's lane is full: the server is overloaded.
     */
    boolean run(String key, Runnable task);

    /** Runs {@code task} after everything already queued in any lane has been handled. */
    default void afterQueued(Runnable task) {
        task.run();
    }

    /** On the caller's thread: what tests and a single-threaded stack use. */
    Lanes DIRECT = (key, task) -> {
        task.run();
        return true;
    };
}
