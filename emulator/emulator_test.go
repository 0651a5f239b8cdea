package emulator_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/stretchr/testify/require"

	"github.com/frostgate/frostgate/conformance"
	"github.com/frostgate/frostgate/emulator"
	"github.com/frostgate/frostgate/sqlengine"
)

func start(t *testing.T, opts emulator.Options) *emulator.Server {
	t.Helper()
	srv, err := emulator.Start(context.Background(), opts)
	require.NoError(t, err)
	t.Cleanup(func() { require.NoError(t, srv.Close()) })
	return srv
}

func TestStartDefaults(t *testing.T) {
	t.Parallel()
	srv := start(t, emulator.Options{})
	require.True(t, strings.HasPrefix(srv.PGAddr, "127.0.0.1:"), srv.PGAddr)
	require.True(t, strings.HasPrefix(srv.SnowflakeURL, "http://127.0.0.1:"), srv.SnowflakeURL)
	require.NotEqual(t, strings.TrimPrefix(srv.SnowflakeURL, "http://"), srv.PGAddr)
	require.Equal(t, "postgres://ADMIN:admin@"+srv.PGAddr+"/frostgate?sslmode=disable&options=-c%20role%3DSYSADMIN",
		srv.PGConnString("ADMIN", "admin", "SYSADMIN"))
	require.Equal(t, "postgres://a%40b:p%2Fw@"+srv.PGAddr+"/frostgate?sslmode=disable",
		srv.PGConnString("a@b", "p/w", ""), "user and password are escaped")
	require.NoError(t, srv.Close())
	require.NoError(t, srv.Close(), "Close twice")
}

// Two emulators in one process share nothing.
func TestTwoEmulators(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	a, b := start(t, emulator.Options{}), start(t, emulator.Options{AdminPassword: "other"})
	require.NotEqual(t, a.PGAddr, b.PGAddr)
	sa, err := a.Admin(ctx)
	require.NoError(t, err)
	_, err = sa.Execute(ctx, "CREATE ROLE only_in_a")
	require.NoError(t, err)
	sb, err := b.Admin(ctx)
	require.NoError(t, err)
	_, err = sb.Execute(ctx, "DROP ROLE only_in_a")
	require.Error(t, err)
	_, err = b.Session(ctx, "ADMIN", "admin", "")
	require.Error(t, err, "b has its own admin password")
}

// Reset ends the PostgreSQL sessions of the old account; a new login
// finds a fresh one. Over the network only ACCOUNTADMIN may reset.
func TestResetOverPostgres(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	srv := start(t, emulator.Options{})
	admin, err := pgx.Connect(ctx, srv.PGConnString("ADMIN", "admin", ""))
	require.NoError(t, err)
	defer admin.Close(ctx)
	_, err = admin.Exec(ctx, "CREATE ROLE before_reset")
	require.NoError(t, err)

	sys, err := pgx.Connect(ctx, srv.PGConnString("ADMIN", "admin", "SYSADMIN"))
	require.NoError(t, err)
	defer sys.Close(ctx)
	_, err = sys.Exec(ctx, "SELECT SYSTEM$FROSTGATE_RESET()")
	var pe *pgconn.PgError
	require.True(t, errors.As(err, &pe))
	require.Equal(t, "Snowflake error 003001", pe.Detail, "SYSADMIN may not reset")

	var done string
	require.NoError(t, admin.QueryRow(ctx, "SELECT SYSTEM$FROSTGATE_RESET()", pgx.QueryExecModeSimpleProtocol).Scan(&done))
	require.Equal(t, sqlengine.ResetDone, done)
	_, err = sys.Exec(ctx, "SELECT 1")
	require.Error(t, err, "connections to the old account are ended")

	fresh, err := pgx.Connect(ctx, srv.PGConnString("ADMIN", "admin", ""))
	require.NoError(t, err)
	defer fresh.Close(ctx)
	_, err = fresh.Exec(ctx, "DROP ROLE before_reset")
	require.True(t, errors.As(err, &pe))
	require.Equal(t, "Snowflake error 002003", pe.Detail)
}

// Snowflake's driver protocol is served next to PostgreSQL's, on the same
// account: a session over HTTP sees what one over pg made, and Reset ends
// it.
func TestSnowflakeProtocol(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	srv := start(t, emulator.Options{})
	require.Equal(t, "ADMIN:admin@"+strings.TrimPrefix(srv.SnowflakeURL, "http://")+"?account=FROSTGATE&protocol=http",
		srv.SnowflakeDSN("ADMIN", "admin", ""))

	admin, err := srv.Admin(ctx)
	require.NoError(t, err)
	_, err = admin.Execute(ctx, "CREATE ROLE over_http")
	require.NoError(t, err)

	target, err := conformance.ParseSnowflakeURL("snowflake://ADMIN:admin@" +
		strings.TrimPrefix(srv.SnowflakeURL, "http://") + "/?account=FROSTGATE&protocol=http")
	require.NoError(t, err)
	target.Reset = func(context.Context, *conformance.Snowflake) error { return nil } // keep the role made above
	acct, err := target.OpenAccount(ctx)
	require.NoError(t, err)
	defer acct.Close()
	sess, err := acct.Open(ctx, conformance.Login{User: "ADMIN", Password: "admin", Role: "ACCOUNTADMIN"})
	require.NoError(t, err)
	res, err := sess.Exec(ctx, "SHOW ROLES LIKE 'OVER_HTTP'")
	require.NoError(t, err)
	require.Len(t, res.Rows, 1)

	require.NoError(t, srv.Reset())
	_, err = sess.Exec(ctx, "SELECT 1")
	require.Error(t, err, "a session of the old account must end on Reset")
}
