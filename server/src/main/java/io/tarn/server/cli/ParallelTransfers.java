package io.tarn.server.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

/**
 * Runs the transfers of a recursive operation on a few threads at a time (the HTTP client is
 * thread-safe), answering the results in the items' order. The first failure, in that order, stops
 * the rest and is thrown.
 */
final class ParallelTransfers {
    private ParallelTransfers() {
    }

    /** @throws CliException the first failure, or a usage error for a parallelism below 1 */
    static <T, R> List<R> run(List<T> items, int parallelism, Function<T, R> transfer) {
        if (parallelism < 1) {
            throw CliException.usage("Invalid --parallelism " + parallelism + ": expected 1 or more");
        }
        if (parallelism == 1 || items.size() <= 1) {
            return items.stream().map(transfer).toList();
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(parallelism, items.size()), r -> {
            Thread t = new Thread(r, "tarn-transfer");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<R>> futures = new ArrayList<>(items.size());
            for (T item : items) {
                futures.add(pool.submit(() -> transfer.apply(item)));
            }
            List<R> results = new ArrayList<>(items.size());
            for (Future<R> f : futures) {
                results.add(f.get());
            }
            return results;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof CliException failure) {
                throw failure;
            }
            throw new CliException(ExitCode.ERROR, "Unexpected failure: " + e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException(ExitCode.ERROR, "Interrupted");
        } finally {
            pool.shutdownNow();
        }
    }
}
