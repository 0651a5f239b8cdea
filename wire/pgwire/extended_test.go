package pgwire_test

import (
	"context"
	"testing"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgproto3"
	"github.com/stretchr/testify/require"

	"github.com/frostgate/frostgate/wire/pgwire"
)

func loggedIn(t *testing.T) *rawConn {
	t.Helper()
	ts := startServer(t, pgwire.Config{Auth: pgwire.AuthCleartext})
	r := ts.dialRaw(t)
	msgs := r.login("ADMIN", "admin", nil)
	require.Contains(t, msgs, "AuthenticationOk")
	require.Contains(t, msgs, "ParameterStatus client_encoding=UTF8")
	require.Contains(t, msgs, "ParameterStatus snowflake.role=ACCOUNTADMIN")
	require.Contains(t, msgs, "BackendKeyData")
	require.Equal(t, "ReadyForQuery I", msgs[len(msgs)-1])
	return r
}

func TestSimpleQuery(t *testing.T) {
	t.Parallel()
	r := loggedIn(t)
	r.send(&pgproto3.Query{String: "SELECT 1, 'a' AS b, TRUE, NULL; CREATE ROLE r1 -- trailing comment"})
	require.Equal(t, []string{
		"RowDescription 1:20:0,B:25:0,TRUE:16:0,NULL:25:0",
		`DataRow "1","a","t",NULL`,
		"CommandComplete SELECT 1",
		"RowDescription status:25:0",
		`DataRow "Role R1 successfully created."`,
		"CommandComplete SELECT 1",
		"ReadyForQuery I",
	}, r.untilReady())

	// An empty query, and comments only, as pgx's Ping sends.
	r.send(&pgproto3.Query{String: "-- ping"})
	require.Equal(t, []string{"EmptyQueryResponse", "ReadyForQuery I"}, r.untilReady())

	// The first error ends the query string.
	r.send(&pgproto3.Query{String: "USE ROLE nobody; CREATE ROLE never"})
	require.Equal(t, []string{"ErrorResponse ERROR 42501 Snowflake error 003013", "ReadyForQuery I"}, r.untilReady())
	r.send(&pgproto3.Query{String: "DROP ROLE never"})
	require.Equal(t, "ErrorResponse ERROR 02000 Snowflake error 002003", r.untilReady()[0])
}

// Named statements and portals, binary parameters and results,
// ParameterDescription, NoData and PortalSuspended, as pgjdbc uses them.
func TestExtendedQuery(t *testing.T) {
	t.Parallel()
	r := loggedIn(t)
	r.send(
		&pgproto3.Parse{Name: "s1", Query: "SELECT IS_ROLE_IN_SESSION($1), $2::INT AS n", ParameterOIDs: []uint32{25, 23}},
		&pgproto3.Describe{ObjectType: 'S', Name: "s1"},
		&pgproto3.Bind{DestinationPortal: "p1", PreparedStatement: "s1", ParameterFormatCodes: []int16{0, 1},
			Parameters: [][]byte{[]byte("SYSADMIN"), {0, 0, 0, 42}}, ResultFormatCodes: []int16{1, 1}},
		&pgproto3.Execute{Portal: "p1"},
		&pgproto3.Sync{},
	)
	require.Equal(t, []string{
		"ParseComplete",
		"ParameterDescription [25 23]",
		"RowDescription IS_ROLE_IN_SESSION($1):16:0,N:20:0",
		"BindComplete",
		`DataRow "\x01","\x00\x00\x00\x00\x00\x00\x00*"`,
		"CommandComplete SELECT 1",
		"ReadyForQuery I",
	}, r.untilReady())

	// The statement outlives Sync; Describe of a portal names the columns
	// as the run did; MaxRows suspends the portal.
	r.send(
		&pgproto3.Bind{DestinationPortal: "p2", PreparedStatement: "s1", Parameters: [][]byte{[]byte("NOPE"), []byte("7")}},
		&pgproto3.Describe{ObjectType: 'P', Name: "p2"},
		&pgproto3.Execute{Portal: "p2", MaxRows: 1},
		&pgproto3.Execute{Portal: "p2", MaxRows: 1},
		&pgproto3.Close{ObjectType: 'S', Name: "s1"},
		&pgproto3.Sync{},
	)
	require.Equal(t, []string{
		"BindComplete",
		"RowDescription IS_ROLE_IN_SESSION($1):16:0,N:20:0",
		`DataRow "f","7"`,
		"PortalSuspended",
		"CommandComplete SELECT 0",
		"CloseComplete",
		"ReadyForQuery I",
	}, r.untilReady())

	// PostgreSQL chatter: NoData, answered here.
	r.send(
		&pgproto3.Parse{Query: "SET extra_float_digits = 3"},
		&pgproto3.Describe{ObjectType: 'S'},
		&pgproto3.Bind{},
		&pgproto3.Execute{MaxRows: 1},
		&pgproto3.Parse{Query: "SHOW application_name"},
		&pgproto3.Bind{},
		&pgproto3.Describe{ObjectType: 'P'},
		&pgproto3.Execute{},
		&pgproto3.Sync{},
	)
	require.Equal(t, []string{
		"ParseComplete", "ParameterDescription []", "NoData", "BindComplete", "CommandComplete SET",
		"ParseComplete", "BindComplete", "RowDescription application_name:25:0", `DataRow ""`, "CommandComplete SHOW",
		"ReadyForQuery I",
	}, r.untilReady())
}

// An error skips the rest of the batch up to Sync; the statement that
// failed to parse leaves nothing behind.
func TestExtendedErrors(t *testing.T) {
	t.Parallel()
	r := loggedIn(t)
	r.send(
		&pgproto3.Parse{Name: "two", Query: "SELECT 1; SELECT 2"},
		&pgproto3.Bind{PreparedStatement: "two"},
		&pgproto3.Execute{},
		&pgproto3.Sync{},
		&pgproto3.Bind{PreparedStatement: "missing"},
		&pgproto3.Sync{},
		&pgproto3.Parse{Query: "SELECT $1"},
		&pgproto3.Bind{Parameters: [][]byte{}},
		&pgproto3.Sync{},
		&pgproto3.Parse{Query: "SHOW GRANTS ON DATABASE nowhere"},
		&pgproto3.Describe{ObjectType: 'S'},
		&pgproto3.Sync{},
		&pgproto3.Execute{Portal: "none"},
		&pgproto3.Sync{},
	)
	require.Equal(t, []string{"ErrorResponse ERROR 42601 ", "ReadyForQuery I"}, r.untilReady())
	require.Equal(t, []string{"ErrorResponse ERROR 26000 ", "ReadyForQuery I"}, r.untilReady())
	require.Equal(t, []string{"ParseComplete", "ErrorResponse ERROR 08P01 ", "ReadyForQuery I"}, r.untilReady())
	require.Equal(t, []string{"ParseComplete", "ErrorResponse ERROR 02000 Snowflake error 002003", "ReadyForQuery I"}, r.untilReady())
	require.Equal(t, []string{"ErrorResponse ERROR 34000 ", "ReadyForQuery I"}, r.untilReady())

	// Empty statements answer EmptyQueryResponse.
	r.send(&pgproto3.Parse{Query: ""}, &pgproto3.Bind{}, &pgproto3.Describe{ObjectType: 'P'}, &pgproto3.Execute{}, &pgproto3.Sync{})
	require.Equal(t, []string{"ParseComplete", "BindComplete", "NoData", "EmptyQueryResponse", "ReadyForQuery I"}, r.untilReady())

	// The function call sub-protocol is refused, politely.
	r.send(&pgproto3.FunctionCall{Function: 1}, &pgproto3.Sync{})
	require.Equal(t, []string{"ErrorResponse ERROR 0A000 ", "ReadyForQuery I"}, r.untilReady())
}

// Every pgx execution mode, with and without arguments.
func TestPgxModes(t *testing.T) {
	t.Parallel()
	ts := startServer(t, pgwire.Config{})
	ctx := context.Background()
	for _, mode := range []pgx.QueryExecMode{pgx.QueryExecModeCacheStatement, pgx.QueryExecModeCacheDescribe,
		pgx.QueryExecModeDescribeExec, pgx.QueryExecModeExec, pgx.QueryExecModeSimpleProtocol} {
		t.Run(mode.String(), func(t *testing.T) {
			cfg, err := pgx.ParseConfig(ts.url("ADMIN", "admin", ""))
			require.NoError(t, err)
			cfg.DefaultQueryExecMode = mode
			conn, err := pgx.ConnectConfig(ctx, cfg)
			require.NoError(t, err)
			defer conn.Close(ctx)
			for range 2 { // the second time from pgx's caches
				var in bool
				var n int64
				var s string
				require.NoError(t, conn.QueryRow(ctx, "SELECT IS_ROLE_IN_SESSION($1), $2::INT, $3", "SYSADMIN", 5, "it's").Scan(&in, &n, &s))
				require.True(t, in)
				require.Equal(t, int64(5), n)
				require.Equal(t, "it's", s)
				var role string
				require.NoError(t, conn.QueryRow(ctx, "SELECT CURRENT_ROLE()").Scan(&role))
				require.Equal(t, "ACCOUNTADMIN", role)
			}
			require.NoError(t, conn.Ping(ctx))
			tx, err := conn.Begin(ctx)
			require.NoError(t, err)
			require.NoError(t, tx.Commit(ctx))
		})
	}
}
