package io.tarn.benchmarks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * A fixed number of clients, each sending its next request as soon as the last one is answered,
 * for a warm-up and then a measured window of fixed length. The rate is the requests completed in
 * the window divided by its length. A client stops at its first failure, which is kept and counted:
 * a run with failures has no valid figure.
 */
final class ClosedLoopLoad {
    /** One request by one client. {@code sequence} counts that client's successful requests so far, from 0. */
    @FunctionalInterface
    interface Operation {
        void run(int client, long sequence) throws Exception;
    }

    /**
     * @param completed successful requests per client, warm-up included: a PUT run's clients wrote
     *                  sequences {@code 0..completed[c]-1}
     * @param measured requests completed in the measured window, all clients together
     * @param firstFailure the first failure, or {@code null}
     */
    record Result(long[] completed, long measured, double seconds, int failures, Throwable firstFailure) {
        double perSecond() {
            return measured / seconds;
        }
    }

    private ClosedLoopLoad() {
    }

    /**
     * @param atWindow called as the measured window opens ({@code true}) and as it closes ({@code false}),
     *                 for whatever else should be measured over the same time
     */
    static Result run(String name, int clients, Duration warmUp, Duration window, Operation operation, Consumer<Boolean> atWindow)
            throws InterruptedException {
        AtomicLongArray completed = new AtomicLongArray(clients);
        AtomicReference<Throwable> firstFailure = new AtomicReference<>();
        AtomicInteger failures = new AtomicInteger();
        AtomicBoolean running = new AtomicBoolean(true);
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            int client = c;
            Thread t = new Thread(() -> {
                long sequence = 0;
                while (running.get()) {
                    try {
                        operation.run(client, sequence);
                    } catch (Exception e) {
                        firstFailure.compareAndSet(null, e);
                        failures.incrementAndGet();
                        return;
                    }
                    completed.set(client, ++sequence);
                }
            }, name + "-" + c);
            threads.add(t);
            t.start();
        }
        Thread.sleep(warmUp.toMillis());
        atWindow.accept(true);
        long before = sum(completed);
        long start = System.nanoTime();
        Thread.sleep(window.toMillis());
        long after = sum(completed);
        double seconds = (System.nanoTime() - start) / 1e9;
        atWindow.accept(false);
        running.set(false);
        for (Thread t : threads) {
            t.join();
        }
        long[] perClient = new long[clients];
        for (int c = 0; c < clients; c++) {
            perClient[c] = completed.get(c);
        }
        return new Result(perClient, after - before, seconds, failures.get(), firstFailure.get());
    }

    private static long sum(AtomicLongArray values) {
        long total = 0;
        for (int i = 0; i < values.length(); i++) {
            total += values.get(i);
        }
        return total;
    }
}
