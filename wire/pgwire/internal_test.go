package pgwire

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"testing"

	"github.com/jackc/pgx/v5/pgproto3"
	"github.com/stretchr/testify/require"

	"github.com/frostgate/frostgate/sferr"
)

func encode(t *testing.T, msgs ...pgproto3.FrontendMessage) []byte {
	t.Helper()
	var b []byte
	for _, m := range msgs {
		var err error
		b, err = m.Encode(b)
		require.NoError(t, err)
	}
	return b
}

// framedReader knows, byte by byte, whether a message is under way.
func TestFramedReader(t *testing.T) {
	t.Parallel()
	stream := encode(t, &pgproto3.SSLRequest{}, &pgproto3.StartupMessage{ProtocolVersion: pgproto3.ProtocolVersion30,
		Parameters: map[string]string{"user": "u"}}, &pgproto3.PasswordMessage{Password: "pw"},
		&pgproto3.Query{String: "SELECT 1"}, &pgproto3.Sync{})
	// The offsets where a message ends: SSLRequest 8, StartupMessage 16
	// more, then PasswordMessage 5+3, Query 5+9, Sync 5.
	ends := map[int]bool{0: true, 8: true, 24: true, 32: true, 46: true, 51: true}
	require.Len(t, stream, 51)
	for chunk := 1; chunk <= 7; chunk++ {
		f := newFramedReader(bytes.NewReader(stream), nil)
		pos := 0
		buf := make([]byte, chunk)
		for {
			n, err := f.Read(buf)
			pos += n
			require.Equal(t, !ends[pos], f.midMessage(), "chunk %d, offset %d", chunk, pos)
			if errors.Is(err, io.EOF) || pos == len(stream) {
				break
			}
		}
		require.False(t, f.midMessage())
	}
}

func TestParseOptions(t *testing.T) {
	t.Parallel()
	got, err := parseOptions(`-c role=ANALYST --search-path=a\ b  -cdatestyle=ISO`)
	require.NoError(t, err)
	require.Equal(t, map[string]string{"role": "ANALYST", "search_path": "a b", "datestyle": "ISO"}, got)
	_, err = parseOptions("role=x")
	require.Error(t, err)
	_, err = parseOptions("-c role")
	require.Error(t, err)
}

// PostgreSQL chatter is recognised; Snowflake statements that look alike
// are not.
func TestClassify(t *testing.T) {
	t.Parallel()
	for sql, tag := range map[string]string{
		"SET extra_float_digits = 3":                      "SET",
		"SET application_name = 'PostgreSQL JDBC Driver'": "SET",
		"set search_path to public, x":                    "SET",
		"SET SESSION statement_timeout = 0":               "SET",
		"SET TIME ZONE 'UTC'":                             "SET",
		"SET NAMES 'UTF8'":                                "SET",
		"SET SESSION CHARACTERISTICS AS TRANSACTION ISOLATION LEVEL READ COMMITTED": "SET",
		"RESET ALL":                                    "RESET",
		"SHOW server_version;":                         "SHOW",
		"SHOW TRANSACTION ISOLATION LEVEL":             "SHOW",
		"show snowflake.role":                          "SHOW",
		"SELECT version()":                             "SELECT 1",
		"select pg_catalog.version()":                  "SELECT 1",
		"SELECT current_setting('server_version_num')": "SELECT 1",
		"BEGIN": "BEGIN",
		"begin transaction isolation level serializable, read only": "BEGIN",
		"START TRANSACTION":                "BEGIN",
		"COMMIT":                           "COMMIT",
		"END":                              "COMMIT",
		"ROLLBACK":                         "ROLLBACK",
		"DISCARD ALL":                      "DISCARD ALL",
		"SELECT oid, typname FROM pg_type": "SELECT 0",
		"SELECT n.nspname FROM pg_catalog.pg_namespace n": "SELECT 0",
	} {
		ch := classify(sql)
		require.NotNil(t, ch, sql)
		require.Equal(t, tag, ch.tag, sql)
	}
	for _, sql := range []string{
		"SET my_var = 1", // a Snowflake session variable
		"SET (a, b) = (1, 2)",
		"SHOW ROLES",
		"SHOW GRANTS TO ROLE R",
		"SELECT CURRENT_VERSION()",
		"BEGIN CREATE ROLE r", // not a transaction statement
		"CREATE ROLE pg_type",
		"SELECT 'FROM pg_type'",
		"ROLLBACK TO SAVEPOINT s",
	} {
		require.Nil(t, classify(sql), sql)
	}
}

// errorResponse: a Snowflake error names its number in Detail; a
// protocol error has none; anything else shows no Go text.
func TestErrorResponse(t *testing.T) {
	t.Parallel()
	e := errorResponse(fmt.Errorf("wrapped: %w", sferr.ObjectNotFound("Table", "D.S.T")), "ERROR")
	require.Equal(t, "ERROR", e.Severity)
	require.Equal(t, "42S02", e.Code)
	require.Equal(t, "SQL compilation error:\nTable 'D.S.T' does not exist or not authorized.", e.Message)
	require.Equal(t, DetailPrefix+"002003", e.Detail)

	e = errorResponse(&pgError{code: "26000", msg: "no such statement"}, "ERROR")
	require.Equal(t, "26000", e.Code)
	require.Empty(t, e.Detail)

	e = errorResponse(context.Canceled, "ERROR")
	require.Equal(t, "57014", e.Code)
	require.Equal(t, DetailPrefix+"000604", e.Detail)

	e = errorResponse(errors.New("secret internals"), "FATAL")
	require.Equal(t, "XX000", e.Code)
	require.NotContains(t, e.Message, "secret")
}
