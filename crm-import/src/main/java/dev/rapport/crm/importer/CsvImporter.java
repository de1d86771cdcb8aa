package dev.rapport.crm.importer;

import dev.rapport.crm.Crm;
import dev.rapport.crm.bulk.BatchItem;
import dev.rapport.crm.bulk.BatchOutcome;
import dev.rapport.crm.bulk.BatchResult;
import dev.rapport.crm.bulk.BulkService;
import dev.rapport.crm.customers.NewCustomer;
import dev.rapport.crm.importer.internal.CsvRows;
import dev.rapport.crm.importer.internal.CsvRows.Row;
import dev.rapport.crm.interactions.NewInteraction;
import dev.rapport.crm.model.Channel;
import dev.rapport.crm.model.Customer;
import dev.rapport.crm.model.CustomerId;
import dev.rapport.crm.model.Identity;
import dev.rapport.crm.model.ValidationException;
import dev.rapport.crm.model.ValidationException.Violation;
import dev.rapport.crm.model.activity.Direction;
import dev.rapport.crm.model.activity.Interaction;
import java.io.Reader;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Imports CSV files through a {@link Crm}, streaming: one row is read at a time and rows are
 * written in batches of {@link #batchSize(int)} through {@code crm.bulk()} (one transaction per
 * batch and kind of record, with the store's bulk paths). Memory stays constant whatever the file size. Bad rows go to
 * the {@link RejectSink} with their line and column and the import goes on; a summary says what
 * was read, created, updated, skipped as duplicate and rejected. Re-running the same file changes
 * nothing.
 *
 * <pre>{@code
 * ImportSummary summary = CsvImporter.of(crm)
 *         .progress(p -> log.info("{} rows read", p.rowsRead()))
 *         .importOrders(reader, mapping, RejectReport.to(rejectWriter));
 * }</pre>
 *
 * <p>A failure of the store stops the import with that exception: the batches before it are
 * committed, the failing one is not, and running the file again completes it. A file that stops
 * being well-formed CSV stops the import with a {@link ValidationException} naming the line; a
 * reader that fails stops it with an {@link java.io.UncheckedIOException}, its batch unwritten.
 *
 * <p>Threads: an order import reads and parses the file one batch ahead on a thread of its own
 * ({@code rapport-order-import-reader}, a daemon), so that parsing the next batch overlaps writing
 * this one: the reader, and the mapping's own code (its customer id normalizer and cancellation
 * test), run on that thread, so they must not rely on the calling thread's thread-locals. Everything
 * else, the writes, the rejects and the progress callbacks, happens on the calling thread. Up to
 * three batches are held at once (one written, one waiting, one being read). When the import
 * returns or throws, the reading thread has been told to stop and has stopped (it stops at its next
 * row; the calling thread waits for it unless interrupted). Customer and interaction imports run on
 * the calling thread alone.
 * Immutable and thread-safe.
 *
 * @since 0.2
 */
public final class CsvImporter {
    /**
     * The default number of rows per batch: the bulk API's largest batch ({@link
     * BulkService#MAX_BATCH}), so that a batch's fixed statements and commits are paid as rarely as
     * the API allows.
     */
    public static final int DEFAULT_BATCH_SIZE = 10_000;

    private final Crm crm;
    private final int batchSize;
    private final ImportProgress progress;

    private CsvImporter(Crm crm, int batchSize, ImportProgress progress) {
        this.crm = Objects.requireNonNull(crm, "crm");
        this.batchSize = batchSize;
        this.progress = Objects.requireNonNull(progress, "progress");
    }

    /**
     * @param crm the engine, seen from the tenant to import into
     * @return an importer with {@link #DEFAULT_BATCH_SIZE} and no progress callback
     */
    public static CsvImporter of(Crm crm) {
        return new CsvImporter(crm, DEFAULT_BATCH_SIZE, p -> {});
    }

    /**
     * @param rows rows per batch (per transaction), 1 to {@link BulkService#MAX_BATCH}
     * @return a copy with that batch size
     */
    public CsvImporter batchSize(int rows) {
        if (rows < 1 || rows > BulkService.MAX_BATCH) {
            throw ValidationException.of("batchSize", "must be between 1 and " + BulkService.MAX_BATCH);
        }
        return new CsvImporter(crm, rows, progress);
    }

    /**
     * @param callback told after every batch
     * @return a copy with that callback
     */
    public CsvImporter progress(ImportProgress callback) {
        return new CsvImporter(crm, batchSize, callback);
    }

    /**
     * Imports orders, cancellations and (with {@link OrderMapping.Builder#createCustomers}) their
     * customers.
     *
     * @param csv the file, with a header row; not closed
     * @param mapping the column mapping
     * @param rejects where refused rows go
     * @return what was done
     * @throws ValidationException if the header lacks a mapped column (nothing is written), or if
     *     the file stops being well-formed CSV
     * @throws java.io.UncheckedIOException if the reader fails
     */
    public ImportSummary importOrders(Reader csv, OrderMapping mapping, RejectSink rejects) {
        Objects.requireNonNull(mapping, "mapping");
        Objects.requireNonNull(rejects, "rejects");
        CsvRows rows = CsvRows.open(csv, mapping.columns());
        return new OrderImport(crm, mapping, rejects, batchSize, progress).run(rows);
    }

    /**
     * Imports customers, matching on the mapping's first identity.
     *
     * @param csv the file, with a header row; not closed
     * @param mapping the column mapping
     * @param rejects where refused rows go
     * @return what was done
     * @throws ValidationException if the header lacks a mapped column (nothing is written), or if
     *     the file stops being well-formed CSV
     */
    public ImportSummary importCustomers(Reader csv, CustomerMapping mapping, RejectSink rejects) {
        Objects.requireNonNull(mapping, "mapping");
        Objects.requireNonNull(rejects, "rejects");
        CsvRows rows = CsvRows.open(csv, mapping.columns());
        long read = 0;
        long rejected = 0;
        ImportSummary.Counts counts = ImportSummary.Counts.NONE;
        List<NewCustomer> commands = new ArrayList<>();
        List<Long> lines = new ArrayList<>();
        for (Row row = rows.next(); ; row = rows.next()) {
            if (row != null) {
                read++;
                NewCustomer c = customer(row, mapping, rejects);
                if (c == null) {
                    rejected++;
                } else {
                    commands.add(c);
                    lines.add(row.line());
                }
            }
            if (!commands.isEmpty() && (row == null || commands.size() >= batchSize)) {
                BatchResult<Customer> result = crm.bulk().upsertCustomers(commands);
                for (BatchItem<Customer> item : result.items()) {
                    if (item.outcome() == BatchOutcome.REJECTED) {
                        rejects.reject(new Reject(lines.get(item.index()), null, describe(item.problems())));
                        rejected++;
                    }
                }
                counts = counts.plus(new ImportSummary.Counts(
                        result.count(BatchOutcome.CREATED),
                        result.count(BatchOutcome.UPDATED),
                        result.count(BatchOutcome.UNCHANGED),
                        result.count(BatchOutcome.REJECTED)));
                commands.clear();
                lines.clear();
                progress.update(new ImportSummary(
                        read,
                        rejected,
                        counts,
                        ImportSummary.Counts.NONE,
                        ImportSummary.Counts.NONE,
                        ImportSummary.Counts.NONE));
            }
            if (row == null) {
                return new ImportSummary(
                        read,
                        rejected,
                        counts,
                        ImportSummary.Counts.NONE,
                        ImportSummary.Counts.NONE,
                        ImportSummary.Counts.NONE);
            }
        }
    }

    private static @Nullable NewCustomer customer(Row row, CustomerMapping m, RejectSink rejects) {
        Cells c = new Cells(row, rejects);
        List<Identity> identities = new ArrayList<>();
        for (int i = 0; i < m.identities.size(); i++) {
            CustomerMapping.IdentityColumn column = m.identities.get(i);
            String value = i == 0
                    ? c.required(column.column(), "is empty: the row has no key identity")
                    : c.optional(column.column());
            if (value != null) {
                identities.add(new Identity(column.kind(), column.scope(), value));
            }
        }
        String name = m.name == null ? null : c.optional(m.name);
        if (c.refused()) {
            return null;
        }
        NewCustomer customer =
                NewCustomer.named(name != null ? name : identities.get(0).value());
        for (Identity identity : identities) {
            customer = customer.identity(identity);
        }
        for (Map.Entry<String, String> a : m.attributes.entrySet()) {
            String value = c.optional(a.getValue());
            if (value != null) {
                customer = customer.attribute(a.getKey(), value);
            }
        }
        String tags = m.tags == null ? null : c.optional(m.tags);
        if (tags != null) {
            String[] parts = tags.split(java.util.regex.Pattern.quote(m.tagSeparator));
            List<String> cleaned = new ArrayList<>();
            for (String p : parts) {
                if (!p.isBlank()) {
                    cleaned.add(p.strip());
                }
            }
            customer = customer.tags(cleaned.toArray(String[]::new));
        }
        return customer;
    }

    /**
     * Imports interactions with known customers.
     *
     * @param csv the file, with a header row; not closed
     * @param mapping the column mapping
     * @param rejects where refused rows go
     * @return what was done
     * @throws ValidationException if the header lacks a mapped column (nothing is written), or if
     *     the file stops being well-formed CSV
     */
    public ImportSummary importInteractions(Reader csv, InteractionMapping mapping, RejectSink rejects) {
        Objects.requireNonNull(mapping, "mapping");
        Objects.requireNonNull(rejects, "rejects");
        CsvRows rows = CsvRows.open(csv, mapping.columns());
        long read = 0;
        long rejected = 0;
        ImportSummary.Counts counts = ImportSummary.Counts.NONE;
        List<Row> batch = new ArrayList<>();
        for (Row row = rows.next(); ; row = rows.next()) {
            if (row != null) {
                read++;
                batch.add(row);
            }
            if (!batch.isEmpty() && (row == null || batch.size() >= batchSize)) {
                Map<String, Optional<CustomerId>> customers = new HashMap<>();
                List<NewInteraction> commands = new ArrayList<>();
                List<Long> lines = new ArrayList<>();
                for (Row r : batch) {
                    NewInteraction n = interaction(r, mapping, rejects, customers);
                    if (n == null) {
                        rejected++;
                    } else {
                        commands.add(n);
                        lines.add(r.line());
                    }
                }
                if (!commands.isEmpty()) {
                    BatchResult<Interaction> result = crm.bulk().recordInteractions(commands);
                    for (BatchItem<Interaction> item : result.items()) {
                        if (item.outcome() == BatchOutcome.REJECTED) {
                            rejects.reject(new Reject(lines.get(item.index()), null, describe(item.problems())));
                            rejected++;
                        }
                    }
                    counts = counts.plus(new ImportSummary.Counts(
                            result.count(BatchOutcome.CREATED),
                            0,
                            result.count(BatchOutcome.DUPLICATE),
                            result.count(BatchOutcome.REJECTED)));
                }
                batch.clear();
                progress.update(new ImportSummary(
                        read,
                        rejected,
                        ImportSummary.Counts.NONE,
                        ImportSummary.Counts.NONE,
                        ImportSummary.Counts.NONE,
                        counts));
            }
            if (row == null) {
                return new ImportSummary(
                        read,
                        rejected,
                        ImportSummary.Counts.NONE,
                        ImportSummary.Counts.NONE,
                        ImportSummary.Counts.NONE,
                        counts);
            }
        }
    }

    private @Nullable NewInteraction interaction(
            Row row, InteractionMapping m, RejectSink rejects, Map<String, Optional<CustomerId>> customers) {
        Cells c = new Cells(row, rejects);
        String id = c.required(m.externalId, "is empty: the row has no id");
        String who = c.required(m.customer, "is empty: the row names no customer");
        Instant at = c.instant(m.occurredAt, m.dateFormat, m.zone);
        Channel channel =
                m.channel != null ? m.channel : enumCell(c, Objects.requireNonNull(m.channelColumn), Channel.class);
        Direction direction = m.direction != null
                ? m.direction
                : enumCell(c, Objects.requireNonNull(m.directionColumn), Direction.class);
        CustomerId customer = null;
        if (who != null) {
            Identity identity = new Identity(m.customerKind, m.customerScope, who);
            Optional<CustomerId> found = customers.computeIfAbsent(identity.key(), k -> {
                try {
                    return crm.customers().findByIdentity(identity).map(Customer::id);
                } catch (ValidationException e) {
                    return Optional.empty();
                }
            });
            if (found.isEmpty()) {
                c.refuse(m.customer, "no customer holds this identity");
            } else {
                customer = found.get();
            }
        }
        if (c.refused()) {
            return null;
        }
        return NewInteraction.on(Objects.requireNonNull(channel), Objects.requireNonNull(direction))
                .customer(customer)
                .occurredAt(at)
                .subject(c.optional(m.subject))
                .body(c.optional(m.body))
                .author(c.optional(m.author))
                .thread(c.optional(m.thread))
                .source(m.source, Objects.requireNonNull(id))
                .build();
    }

    private static <E extends Enum<E>> @Nullable E enumCell(Cells c, String column, Class<E> type) {
        String text = c.required(column, "is empty");
        if (text == null) {
            return null;
        }
        try {
            return Enum.valueOf(
                    type,
                    text.strip().toUpperCase(Locale.ROOT).replace(' ', '_').replace('-', '_'));
        } catch (IllegalArgumentException e) {
            c.refuse(
                    column,
                    "is not one of "
                            + java.util.Arrays.toString(type.getEnumConstants()).toLowerCase(Locale.ROOT));
            return null;
        }
    }

    static String describe(List<Violation> problems) {
        return problems.stream().map(Violation::toString).collect(Collectors.joining("; "));
    }
}
