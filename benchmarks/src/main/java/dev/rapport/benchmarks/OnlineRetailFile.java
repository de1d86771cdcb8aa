package dev.rapport.benchmarks;

import java.io.BufferedReader;
import java.io.FilterReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * The UCI Online Retail file of the shared data sets ({@code ../shared/data/online-retail/} from the
 * project root, see shared/data/README.md; never copied into the project): 541,909 invoice lines
 * after a header, one line each (no field holds a line break). Every side of {@link
 * ImportBenchmark} reads it through {@link #open}: the gzip stream decompressed on the fly, so each
 * pays the same decompression.
 */
final class OnlineRetailFile {
    /** Data lines in the whole file. */
    static final long ROWS = 541_909;

    private OnlineRetailFile() {}

    /**
     * @return the file; {@code -Drapport.shared.data} or {@code RAPPORT_SHARED_DATA} name the shared
     *     data directory, otherwise {@code ../shared/data} from the project root (the first directory
     *     upwards from the working directory that holds {@code mvnw} and {@code benchmarks/})
     * @throws IllegalStateException if it is missing
     */
    static Path path() {
        String dir = System.getProperty("rapport.shared.data", System.getenv("RAPPORT_SHARED_DATA"));
        Path data;
        if (dir != null) {
            data = Path.of(dir);
        } else {
            Path root = Path.of("").toAbsolutePath();
            while (root != null
                    && !(Files.exists(root.resolve("mvnw")) && Files.isDirectory(root.resolve("benchmarks")))) {
                root = root.getParent();
            }
            data = (root == null ? Path.of("").toAbsolutePath() : root)
                    .resolve("../shared/data")
                    .normalize();
        }
        Path file = data.resolve("online-retail").resolve("online-retail.csv.gz");
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("the Online Retail file is missing: " + file.toAbsolutePath()
                    + " (the shared data sets, see shared/data/README.md; set -Drapport.shared.data=<dir> to"
                    + " point elsewhere)");
        }
        return file;
    }

    /**
     * @param rows how many data lines to deliver after the header; 0 or less for the whole file
     * @return the decompressed CSV (header included), cut after that many lines
     * @throws IOException if the file cannot be opened
     */
    static Reader open(long rows) throws IOException {
        Reader in = new BufferedReader(
                new InputStreamReader(
                        new GZIPInputStream(Files.newInputStream(path()), 1 << 16), StandardCharsets.UTF_8),
                1 << 16);
        return rows <= 0 ? in : new FirstLines(in, rows + 1);
    }

    /** @param rows the {@code rows} parameter: {@code all} or a number of lines */
    static long rows(String rows) {
        return "all".equals(rows) ? 0 : Long.parseLong(rows);
    }

    /** @return how many data lines {@link #open} delivers for that limit */
    static long expected(long rows) {
        return rows <= 0 ? ROWS : Math.min(rows, ROWS);
    }

    /** Ends the stream after the given number of line feeds. */
    private static final class FirstLines extends FilterReader {
        private long left;

        FirstLines(Reader in, long lines) {
            super(in);
            this.left = lines;
        }

        @Override
        public int read(char[] buf, int off, int len) throws IOException {
            if (left <= 0) {
                return -1;
            }
            int n = in.read(buf, off, len);
            for (int i = 0; i < n; i++) {
                if (buf[off + i] == '\n' && --left == 0) {
                    return i + 1;
                }
            }
            return n;
        }

        @Override
        public int read() throws IOException {
            char[] one = new char[1];
            return read(one, 0, 1) < 0 ? -1 : one[0];
        }
    }
}
