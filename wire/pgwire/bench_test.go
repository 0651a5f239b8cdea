package pgwire_test

import (
	"context"
	"testing"

	"github.com/jackc/pgx/v5"

	"github.com/frostgate/frostgate/wire/pgwire"
)

// BenchmarkQuery is one privilege-heavy statement per round trip, in each
// protocol mode (pgbench's simple, extended and prepared correspond).
func BenchmarkQuery(b *testing.B) {
	for _, mode := range []pgx.QueryExecMode{pgx.QueryExecModeSimpleProtocol, pgx.QueryExecModeDescribeExec,
		pgx.QueryExecModeCacheStatement} {
		b.Run(mode.String(), func(b *testing.B) {
			ts := startServerB(b, pgwire.Config{})
			cfg, err := pgx.ParseConfig(ts.url("ADMIN", "admin", ""))
			if err != nil {
				b.Fatal(err)
			}
			cfg.DefaultQueryExecMode = mode
			ctx := context.Background()
			conn, err := pgx.ConnectConfig(ctx, cfg)
			if err != nil {
				b.Fatal(err)
			}
			defer conn.Close(ctx)
			var in bool
			for b.Loop() {
				if err := conn.QueryRow(ctx, "SELECT IS_ROLE_IN_SESSION('SYSADMIN')").Scan(&in); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
