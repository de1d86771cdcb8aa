-- Rapport payload compression (PostgreSQL): the JSON payloads of the large tables are compressed
-- with lz4 instead of the default pglz where the server offers it (PostgreSQL 14 and later, built
-- with lz4; Debian's and most distributions' packages are). Measured on the Online Retail import
-- (benchmarks/README.md): the server's CPU time fell by about a third, mostly in compressing
-- order payloads, and order updates took half as long. Only values written from now on are
-- compressed with lz4 (no table is rewritten; older values stay readable as they are). On a
-- server without lz4 this migration does nothing and the columns keep the server's default.
DO $$
BEGIN
    IF current_setting('server_version_num')::int >= 140000
            AND EXISTS (SELECT 1 FROM pg_settings
                        WHERE name = 'default_toast_compression' AND 'lz4' = ANY (enumvals)) THEN
        EXECUTE 'ALTER TABLE orders ALTER COLUMN payload SET COMPRESSION lz4';
        EXECUTE 'ALTER TABLE order_reversals ALTER COLUMN payload SET COMPRESSION lz4';
        EXECUTE 'ALTER TABLE interactions ALTER COLUMN payload SET COMPRESSION lz4';
        EXECUTE 'ALTER TABLE event_log ALTER COLUMN payload SET COMPRESSION lz4';
        EXECUTE 'ALTER TABLE cases ALTER COLUMN payload SET COMPRESSION lz4';
        EXECUTE 'ALTER TABLE case_history ALTER COLUMN payload SET COMPRESSION lz4';
    END IF;
END
$$;
