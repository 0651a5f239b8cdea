package emulator_test

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/stretchr/testify/require"

	"github.com/frostgate/frostgate/conformance"
	"github.com/frostgate/frostgate/emulator"
)

// 200 sessions held at once across both protocols (100 PostgreSQL
// connections, 100 Snowflake-protocol sessions) on one account, each
// running a mix of DDL, grants, SHOW GRANTS and an expected refusal, with
// no unexpected error; after Close no goroutine is left. Not parallel, so
// the goroutine count is this test's own.
func TestTwoHundredSessionsAcrossBothProtocols(t *testing.T) {
	const perProtocol, rounds = 100, 3
	before := runtime.NumGoroutine()
	ctx := context.Background()
	srv, err := emulator.Start(ctx, emulator.Options{})
	require.NoError(t, err)

	pgConns := make([]*pgx.Conn, perProtocol)
	sfSessions := make([]conformance.Session, perProtocol)
	target, err := conformance.ParseSnowflakeURL("snowflake://ADMIN:admin@" +
		strings.TrimPrefix(srv.SnowflakeURL, "http://") + "/?account=FROSTGATE&protocol=http")
	require.NoError(t, err)
	target.Reset = func(context.Context, *conformance.Snowflake) error { return nil }
	acct, err := target.OpenAccount(ctx)
	require.NoError(t, err)

	var wg sync.WaitGroup
	errs := make(chan error, 4*perProtocol*rounds)
	for i := range perProtocol {
		wg.Go(func() {
			c, err := pgx.Connect(ctx, srv.PGConnString("ADMIN", "admin", ""))
			if err != nil {
				errs <- fmt.Errorf("pg %d: %w", i, err)
				return
			}
			pgConns[i] = c
		})
		wg.Go(func() {
			s, err := acct.Open(ctx, conformance.Login{User: "ADMIN", Password: "admin", Role: "ACCOUNTADMIN"})
			if err != nil {
				errs <- fmt.Errorf("snowflake %d: %w", i, err)
				return
			}
			sfSessions[i] = s
		})
	}
	wg.Wait()
	drain(t, errs)

	for i := range perProtocol {
		wg.Go(func() {
			exec := func(sql string) error {
				_, err := pgConns[i].Exec(ctx, sql)
				var pe *pgconn.PgError
				if errors.As(err, &pe) { // the Snowflake number travels in Detail
					return fmt.Errorf("%s: %s", pe.Detail, pe.Message)
				}
				return err
			}
			if err := mixed(exec, fmt.Sprintf("PG_%d", i)); err != nil {
				errs <- fmt.Errorf("pg %d: %w", i, err)
			}
		})
		wg.Go(func() {
			exec := func(sql string) error { _, err := sfSessions[i].Exec(ctx, sql); return err }
			if err := mixed(exec, fmt.Sprintf("SF_%d", i)); err != nil {
				errs <- fmt.Errorf("snowflake %d: %w", i, err)
			}
		})
	}
	wg.Wait()
	drain(t, errs)

	// Every role each session made is there, seen from a third session.
	admin, err := srv.Admin(ctx)
	require.NoError(t, err)
	res, err := admin.Execute(ctx, "SHOW ROLES LIKE '%\\_ALONE'")
	require.NoError(t, err)
	n := 0
	for row := make([]any, len(res.Columns())); res.Next(row) == nil; n++ {
	}
	require.Equal(t, 2*perProtocol*rounds, n)

	for i := range perProtocol {
		require.NoError(t, pgConns[i].Close(ctx))
		require.NoError(t, sfSessions[i].Close())
	}
	require.NoError(t, acct.Close())
	require.NoError(t, srv.Close())
	deadline := time.Now().Add(5 * time.Second)
	for runtime.NumGoroutine() > before+5 && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	if n := runtime.NumGoroutine(); n > before+5 {
		buf := make([]byte, 1<<20)
		t.Fatalf("%d goroutines before, %d after:\n%s", before, n, buf[:runtime.Stack(buf, true)])
	}
}

func mixed(exec func(string) error, prefix string) error {
	for r := range 3 {
		role := fmt.Sprintf("%s_R%d", prefix, r)
		for _, sql := range []string{"CREATE ROLE " + role, "GRANT ROLE " + role + " TO ROLE SYSADMIN",
			"SHOW GRANTS TO ROLE " + role, "SHOW GRANTS OF ROLE " + role, "SELECT IS_ROLE_IN_SESSION('SYSADMIN')",
			"CREATE ROLE " + role + "_ALONE"} {
			if err := exec(sql); err != nil {
				return fmt.Errorf("%s: %w", sql, err)
			}
		}
		// The expected refusal: nothing grants the _ALONE role to the admin
		// (the other one it reaches through SYSADMIN).
		if err := exec("USE ROLE " + role + "_ALONE"); err == nil || !strings.Contains(err.Error(), "003013") {
			return fmt.Errorf("USE ROLE %s_ALONE: want 003013, got %v", role, err)
		}
	}
	return nil
}

func drain(t *testing.T, errs chan error) {
	t.Helper()
	for {
		select {
		case err := <-errs:
			require.NoError(t, err)
		default:
			return
		}
	}
}
