// Package pgwire serves Frostgate over the PostgreSQL frontend/backend
// protocol, version 3.0 (https://www.postgresql.org/docs/current/protocol.html),
// so that psql, pgx, lib/pq and JDBC connect unchanged and run Snowflake SQL.
//
// A Server accepts connections, authenticates Frostgate users (SCRAM-SHA-256
// by default, MD5 or cleartext on request), and runs each statement on a
// sqlengine.Session: simple and extended query, cancel, TLS when configured.
// Snowflake errors become ErrorResponse messages with the SQLSTATE in Code,
// Snowflake's message in Message and "Snowflake error NNNNNN" in Detail.
// The PostgreSQL session chatter that drivers send (SET, SHOW server_version,
// BEGIN ...) is answered here and never reaches the Snowflake engine.
//
// Messages are framed by github.com/jackc/pgx/v5/pgproto3. docs/compatibility.md
// ("Wire protocols: PostgreSQL") lists where this differs from PostgreSQL.
package pgwire
