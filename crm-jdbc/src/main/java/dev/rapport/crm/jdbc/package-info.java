/**
 * The JDBC storage adapter: {@link dev.rapport.crm.jdbc.JdbcStorage} stores Rapport's data in
 * PostgreSQL, MariaDB or H2 through a {@link javax.sql.DataSource} the application owns, with the
 * schema migrated by Flyway.
 */
@NullMarked
package dev.rapport.crm.jdbc;

import org.jspecify.annotations.NullMarked;
