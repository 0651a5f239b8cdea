package pgwire_test

import (
	"context"
	"errors"
	"testing"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgproto3"
	"github.com/stretchr/testify/require"

	"github.com/frostgate/frostgate/wire/pgwire"
)

func loginErr(t *testing.T, err error) *pgconn.PgError {
	t.Helper()
	var pe *pgconn.PgError
	require.True(t, errors.As(err, &pe), "want a PostgreSQL error, got %v", err)
	return pe
}

// Every method logs in with the right password and refuses a wrong one
// or an unknown user with the same Snowflake error.
func TestAuthMethods(t *testing.T) {
	t.Parallel()
	for _, m := range []pgwire.AuthMethod{pgwire.AuthSCRAM, pgwire.AuthMD5, pgwire.AuthCleartext} {
		t.Run(m.String(), func(t *testing.T) {
			t.Parallel()
			ts := startServer(t, pgwire.Config{Auth: m})
			ctx := context.Background()
			conn := ts.connect(t, "ADMIN", "admin", "")
			var user string
			require.NoError(t, conn.QueryRow(ctx, "SELECT CURRENT_USER()").Scan(&user))
			require.Equal(t, "ADMIN", user)
			// The user name is case-insensitive, as in Snowflake.
			ts.connect(t, "admin", "admin", "")

			for _, bad := range [][2]string{{"ADMIN", "wrong"}, {"NOBODY", "admin"}} {
				_, err := pgx.Connect(ctx, ts.url(bad[0], bad[1], ""))
				pe := loginErr(t, err)
				require.Equal(t, "FATAL", pe.Severity)
				require.Equal(t, "08004", pe.Code)
				require.Equal(t, "Snowflake error 390100", pe.Detail)
				require.Equal(t, "Incorrect username or password was specified.", pe.Message)
			}
		})
	}
	_, err := pgwire.ParseAuthMethod("trust")
	require.Error(t, err)
	m, err := pgwire.ParseAuthMethod("MD5")
	require.NoError(t, err)
	require.Equal(t, pgwire.AuthMD5, m)
}

// Failed logins count per user whatever the method, and lock the user out.
func TestAuthLockOut(t *testing.T) {
	t.Parallel()
	ts := startServer(t, pgwire.Config{})
	ctx := context.Background()
	for range 5 {
		_, err := pgx.Connect(ctx, ts.url("ADMIN", "wrong", ""))
		require.Equal(t, "Snowflake error 390100", loginErr(t, err).Detail)
	}
	_, err := pgx.Connect(ctx, ts.url("ADMIN", "admin", ""))
	require.Equal(t, "Snowflake error 390102", loginErr(t, err).Detail, "the right password is refused while locked")
}

// The login role comes from the options parameter or a role parameter.
func TestLoginRole(t *testing.T) {
	t.Parallel()
	ts := startServer(t, pgwire.Config{})
	ctx := context.Background()
	role := func(conn *pgx.Conn) string {
		var r string
		require.NoError(t, conn.QueryRow(ctx, "SELECT CURRENT_ROLE()").Scan(&r))
		return r
	}
	require.Equal(t, "ACCOUNTADMIN", role(ts.connect(t, "ADMIN", "admin", "")), "the user's default role")
	require.Equal(t, "SYSADMIN", role(ts.connect(t, "ADMIN", "admin", "sysadmin")))

	cfg, err := pgx.ParseConfig(ts.url("ADMIN", "admin", ""))
	require.NoError(t, err)
	cfg.RuntimeParams["role"] = "USERADMIN"
	conn, err := pgx.ConnectConfig(ctx, cfg)
	require.NoError(t, err)
	defer conn.Close(ctx)
	require.Equal(t, "USERADMIN", role(conn))
	require.Equal(t, "USERADMIN", conn.PgConn().ParameterStatus("snowflake.role"))

	// USE ROLE is reported as a parameter change, like Snowflake's finalRoleName.
	_, err = conn.Exec(ctx, "USE ROLE PUBLIC")
	require.NoError(t, err)
	require.Equal(t, "PUBLIC", conn.PgConn().ParameterStatus("snowflake.role"))

	_, err = pgx.Connect(ctx, ts.url("ADMIN", "admin", "NOT_GRANTED"))
	require.Equal(t, "Snowflake error 390189", loginErr(t, err).Detail)
}

// Nothing the client sends before authentication completes runs.
func TestNoStatementBeforeAuthentication(t *testing.T) {
	t.Parallel()
	ts := startServer(t, pgwire.Config{Auth: pgwire.AuthCleartext})
	r := ts.dialRaw(t)
	r.send(&pgproto3.StartupMessage{ProtocolVersion: pgproto3.ProtocolVersion30, Parameters: map[string]string{"user": "ADMIN"}})
	require.Equal(t, "AuthenticationCleartextPassword", r.next())
	r.send(&pgproto3.Query{String: "CREATE ROLE intruder"})
	require.Equal(t, "ErrorResponse FATAL 08P01 ", r.next())
	require.True(t, r.closed())

	conn := ts.connect(t, "ADMIN", "admin", "")
	_, err := conn.Exec(context.Background(), "DROP ROLE intruder")
	require.Equal(t, "Snowflake error 002003", loginErr(t, err).Detail, "the role was never created")
}

// SCRAM refuses channel binding it did not offer, and bad messages.
func TestSCRAMMalformed(t *testing.T) {
	t.Parallel()
	ts := startServer(t, pgwire.Config{})
	for _, data := range []string{"p=tls-server-end-point,,n=,r=abc", "n,a=someone,n=,r=abc", "n,,n=", "x"} {
		r := ts.dialRaw(t)
		r.send(&pgproto3.StartupMessage{ProtocolVersion: pgproto3.ProtocolVersion30, Parameters: map[string]string{"user": "ADMIN"}})
		require.Equal(t, "AuthenticationSASL", r.next())
		r.send(&pgproto3.SASLInitialResponse{AuthMechanism: "SCRAM-SHA-256", Data: []byte(data)})
		require.Equal(t, "ErrorResponse FATAL 08P01 ", r.next(), data)
		require.True(t, r.closed())
	}
	r := ts.dialRaw(t)
	r.send(&pgproto3.StartupMessage{ProtocolVersion: pgproto3.ProtocolVersion30, Parameters: map[string]string{"user": "ADMIN"}})
	require.Equal(t, "AuthenticationSASL", r.next())
	r.send(&pgproto3.SASLInitialResponse{AuthMechanism: "SCRAM-SHA-1", Data: []byte("n,,n=,r=abc")})
	require.Equal(t, "ErrorResponse FATAL 28000 ", r.next())
}
