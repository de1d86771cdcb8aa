package dev.rapport.crm.timers.internal;

import dev.rapport.crm.timers.DueWorkResult;
import dev.rapport.crm.timers.DueWorkScheduler;
import dev.rapport.crm.timers.SchedulerSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Threads that run {@link DueWork} until stopped. */
public final class DefaultDueWorkScheduler implements DueWorkScheduler {
    private static final Logger log = LoggerFactory.getLogger(DefaultDueWorkScheduler.class);
    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    private enum State {
        NEW,
        RUNNING,
        STOPPED
    }

    private final DueWork work;
    private final SchedulerSettings settings;
    private final String owner;
    private final String name;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition stateChanged = lock.newCondition();
    private final List<Thread> threads = new ArrayList<>();
    private volatile State state = State.NEW;
    private DueWorkResult totals = DueWorkResult.NONE;

    /**
     * @param work the due work of an engine
     * @param settings the settings, validated
     */
    public DefaultDueWorkScheduler(DueWork work, SchedulerSettings settings) {
        this.work = work;
        this.settings = settings;
        String configured = settings.owner();
        this.owner = configured != null ? configured : work.settings().owner();
        this.name = "rapport-due-work-" + SEQUENCE.incrementAndGet();
    }

    @Override
    public DueWorkScheduler start() {
        lock.lock();
        try {
            if (state != State.NEW) {
                throw new IllegalStateException("the scheduler " + name + " was started before; make a new one");
            }
            state = State.RUNNING;
            for (int i = 1; i <= settings.threads(); i++) {
                Thread thread = new Thread(this::loop, name + "-" + i);
                thread.setDaemon(true);
                threads.add(thread);
            }
        } finally {
            lock.unlock();
        }
        threads.forEach(Thread::start);
        log.info(
                "{} started: {} threads claiming as {}, polling every {}",
                name,
                settings.threads(),
                owner,
                settings.pollInterval());
        return this;
    }

    private boolean stopping() {
        return state != State.RUNNING;
    }

    private void loop() {
        while (!stopping()) {
            try {
                DueWorkResult done = work.run(owner, Integer.MAX_VALUE, this::stopping);
                add(done);
            } catch (RuntimeException e) {
                log.error("{}: running due work failed; trying again after {}", name, settings.pollInterval(), e);
            } catch (Error e) { // a handler's Error must not end the thread silently
                log.error(
                        "{}: an Error stopped a batch; its unfired timers wait for their lease, trying again after {}",
                        name,
                        settings.pollInterval(),
                        e);
            }
            pause();
        }
    }

    /** Waits the poll interval, or less if stopped meanwhile. */
    private void pause() {
        long nanos = settings.pollInterval().toNanos();
        lock.lock();
        try {
            while (nanos > 0 && !stopping()) {
                nanos = stateChanged.awaitNanos(nanos);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            lock.unlock();
        }
    }

    private void add(DueWorkResult done) {
        if (done.claimed() == 0) {
            return;
        }
        lock.lock();
        try {
            totals = totals.plus(done);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public String owner() {
        return owner;
    }

    @Override
    public boolean isRunning() {
        return state == State.RUNNING;
    }

    @Override
    public DueWorkResult totals() {
        lock.lock();
        try {
            return totals;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public boolean stop() {
        lock.lock();
        try {
            if (state == State.NEW) {
                state = State.STOPPED;
                return true;
            }
            state = State.STOPPED;
            stateChanged.signalAll();
        } finally {
            lock.unlock();
        }
        long deadline = System.nanoTime() + settings.stopTimeout().toNanos();
        boolean interrupted = false;
        for (Thread thread : threads) {
            if (thread == Thread.currentThread()) {
                continue;
            }
            try {
                thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        boolean ended = true;
        for (Thread thread : threads) {
            if (thread != Thread.currentThread() && thread.isAlive()) {
                thread.interrupt();
                ended = false;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        if (ended) {
            log.info("{} stopped: {}", name, totals());
        } else {
            log.warn("{} stopped with threads still firing after {}; interrupted them", name, settings.stopTimeout());
        }
        return ended;
    }

    @Override
    public void close() {
        stop();
    }

    @Override
    public String toString() {
        return name + "[" + owner + ", " + state + "]";
    }
}
