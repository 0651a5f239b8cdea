package pgwire_test

import (
	"context"
	"errors"
	"testing"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/stretchr/testify/require"

	"github.com/frostgate/frostgate/wire/pgwire"
)

func TestPgxSmoke(t *testing.T) {
	t.Parallel()
	ts := startServer(t, pgwire.Config{})
	conn := ts.connect(t, "ADMIN", "admin", "ACCOUNTADMIN")
	ctx := context.Background()
	var role string
	require.NoError(t, conn.QueryRow(ctx, "SELECT CURRENT_ROLE()").Scan(&role))
	require.Equal(t, "ACCOUNTADMIN", role)

	var in bool
	require.NoError(t, conn.QueryRow(ctx, "SELECT IS_ROLE_IN_SESSION($1)", "SYSADMIN").Scan(&in))
	require.True(t, in)

	_, err := conn.Exec(ctx, "USE ROLE nobody")
	var pgErr *pgconn.PgError
	require.True(t, errors.As(err, &pgErr), "%v", err)
	require.Equal(t, "42501", pgErr.Code)
	require.Equal(t, "Snowflake error 003013", pgErr.Detail)

	rows, err := conn.Query(ctx, "SHOW GRANTS TO ROLE SYSADMIN")
	require.NoError(t, err)
	vals, err := pgx.CollectRows(rows, pgx.RowToMap)
	require.NoError(t, err)
	require.NotEmpty(t, vals)
	t.Log(vals[0])
}
