package pgwire_test

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/stretchr/testify/require"

	"github.com/frostgate/frostgate/emulator/account"
	"github.com/frostgate/frostgate/sqlengine"
	"github.com/frostgate/frostgate/wire/pgwire"
)

// 200 clients hold their connections at the same time and run a mix of
// statements (queries with and without parameters, DDL, grants, role
// switches, chatter, an expected Snowflake error) with no unexpected
// error; afterwards no goroutine is left. Not parallel, so the goroutine
// count is this test's own.
func TestManyConcurrentConnections(t *testing.T) {
	const clients, rounds = 200, 5
	before := runtime.NumGoroutine()

	eng := sqlengine.New(account.New(account.Config{}))
	srv := pgwire.NewServer(pgwire.Config{Engine: func() *sqlengine.Engine { return eng }})
	ts := &testServer{Server: srv, eng: eng}
	l := listenLoopback(t)
	ts.addr = l.Addr().String()
	served := make(chan error, 1)
	go func() { served <- srv.Serve(l) }()

	ctx := context.Background()
	conns := make([]*pgx.Conn, clients)
	var wg sync.WaitGroup
	errs := make(chan error, clients*rounds*10)
	for i := range conns {
		wg.Go(func() {
			cfg, err := pgx.ParseConfig(ts.url("ADMIN", "admin", ""))
			if err != nil {
				errs <- err
				return
			}
			if i%2 == 1 { // half of them on the simple protocol
				cfg.DefaultQueryExecMode = pgx.QueryExecModeSimpleProtocol
			}
			conns[i], err = pgx.ConnectConfig(ctx, cfg)
			if err != nil {
				errs <- fmt.Errorf("client %d: connect: %w", i, err)
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		require.NoError(t, err)
	}
	require.Equal(t, clients, srv.Conns(), "every connection is open at once")

	errs = make(chan error, clients*rounds*10)
	for i, conn := range conns {
		wg.Go(func() {
			for r := range rounds {
				if err := mixedStatements(ctx, conn, fmt.Sprintf("R_%d_%d", i, r)); err != nil {
					errs <- fmt.Errorf("client %d round %d: %w", i, r, err)
					return
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		require.NoError(t, err)
	}
	for _, conn := range conns {
		require.NoError(t, conn.Close(ctx))
	}
	require.NoError(t, srv.Close())
	require.ErrorIs(t, <-served, pgwire.ErrServerClosed)
	require.Equal(t, 0, srv.Conns())

	deadline := time.Now().Add(5 * time.Second)
	for runtime.NumGoroutine() > before+2 && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	if n := runtime.NumGoroutine(); n > before+2 {
		buf := make([]byte, 1<<20)
		t.Fatalf("%d goroutines before, %d after:\n%s", before, n, buf[:runtime.Stack(buf, true)])
	}
}

func mixedStatements(ctx context.Context, conn *pgx.Conn, role string) error {
	var in bool
	if err := conn.QueryRow(ctx, "SELECT IS_ROLE_IN_SESSION($1)", "SYSADMIN").Scan(&in); err != nil || !in {
		return fmt.Errorf("IS_ROLE_IN_SESSION: %v %v", in, err)
	}
	for _, stmt := range []string{
		"CREATE ROLE " + role,
		"GRANT ROLE " + role + " TO ROLE SYSADMIN",
		"USE ROLE SYSADMIN",
		"SHOW GRANTS TO ROLE " + role,
		"SET application_name = 'load'",
		"USE ROLE ACCOUNTADMIN",
		"SHOW GRANTS OF ROLE " + role,
	} {
		if _, err := conn.Exec(ctx, stmt); err != nil {
			return fmt.Errorf("%s: %w", stmt, err)
		}
	}
	var current string
	if err := conn.QueryRow(ctx, "SELECT CURRENT_ROLE()").Scan(&current); err != nil || current != "ACCOUNTADMIN" {
		return fmt.Errorf("CURRENT_ROLE: %q %v", current, err)
	}
	_, err := conn.Exec(ctx, "USE ROLE NOT_GRANTED_ANYWHERE")
	var pe *pgconn.PgError
	if !errors.As(err, &pe) || pe.Detail != "Snowflake error 003013" {
		return fmt.Errorf("want error 003013, got %v", err)
	}
	return nil
}
