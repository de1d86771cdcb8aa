package dev.rapport.crm.importer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.Objects;

/**
 * A {@link RejectSink} that writes one CSV line per reject ({@code line,column,reason}, with a
 * header) and counts them. Not thread-safe; the caller closes the writer.
 *
 * @since 0.2
 */
public final class RejectReport implements RejectSink {
    private final Writer out;
    private long count;

    private RejectReport(Writer out) {
        this.out = Objects.requireNonNull(out, "out");
        write("line,column,reason");
    }

    /**
     * @param out where to write
     * @return a report writing there, its header written
     */
    public static RejectReport to(Writer out) {
        return new RejectReport(out);
    }

    @Override
    public void reject(Reject reject) {
        count++;
        write(reject.line() + "," + quote(reject.column() == null ? "" : reject.column()) + ","
                + quote(reject.reason()));
    }

    /** @return how many rejects were written */
    public long count() {
        return count;
    }

    private void write(String line) {
        try {
            out.write(line);
            out.write('\n');
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the reject report", e);
        }
    }

    private static String quote(String text) {
        if (text.indexOf(',') < 0 && text.indexOf('"') < 0 && text.indexOf('\n') < 0 && text.indexOf('\r') < 0) {
            return text;
        }
        return '"' + text.replace("\"", "\"\"") + '"';
    }
}
