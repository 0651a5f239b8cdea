package conformance_test

import (
	"context"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/frostgate/frostgate/conformance"
	"github.com/frostgate/frostgate/emulator"
)

// The whole suite over the PostgreSQL protocol, against an emulator on an
// ephemeral port: the same files as in-process (make test runs those with
// frostgate conformance), through pgx, pgwire and a reset per file.
func TestSuiteOverPG(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	srv, err := emulator.Start(ctx, emulator.Options{})
	require.NoError(t, err)
	t.Cleanup(func() { require.NoError(t, srv.Close()) })

	target, err := conformance.NewTarget("pg://ADMIN:admin@" + srv.PGAddr + "/")
	require.NoError(t, err)
	require.Equal(t, "pg", target.Name())
	rep, err := conformance.Run(ctx, target, "conformance/testdata")
	require.NoError(t, err)
	var b strings.Builder
	_, _ = rep.WriteTo(&b)
	require.True(t, rep.OK(), b.String())
	t.Log(rep.Summary())
}

func TestPGTargetURL(t *testing.T) {
	t.Parallel()
	for _, bad := range []string{"pg://host:1/", "pg://u:p@/", "postgres://u:p@h:1/"} {
		_, err := conformance.NewPG(bad)
		require.Error(t, err, bad)
	}
	_, err := conformance.NewPG("pg://ADMIN:secret@127.0.0.1:1/")
	require.NoError(t, err)
	_, err = conformance.NewPG("pg://ADMIN:secret@127.0.0.1:1/?sslmode=bogus")
	require.Error(t, err)
	require.NotContains(t, err.Error(), "secret", "the password is redacted")
}
