package org.callway.media.ra;

/**
 * The adapter's long-lived Work runs on the container's pooled threads ("default-threads - N"),
 * so while it runs the thread carries a name saying what it is: thread dumps show which
 * socket a busy thread reads, and a test can prove none is left after undeploy. The pool's
 * name is restored when the Work ends.
 */
public final class WorkNames {

    /** Every adapter Work thread name starts with this. */
    public static final String PREFIX = "callway-adapter ";

    private WorkNames() {
    }

    /** "127.0.0.1:10000", without InetSocketAddress's leading slash. */
    public static String address(java.net.InetSocketAddress a) {
        return a.getAddress().getHostAddress() + ":" + a.getPort();
    }

    public static void run(String what, Runnable body) {
        Thread thread = Thread.currentThread();
        String pooled = thread.getName();
        thread.setName(PREFIX + what);
        try {
            body.run();
        } finally {
            thread.setName(pooled);
        }
    }
}
