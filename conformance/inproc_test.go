package conformance_test

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/frostgate/frostgate/conformance"
)

func TestInProcAccount(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	tg := &conformance.InProc{AdminPassword: "pw"}
	require.Equal(t, "inproc", tg.Name())
	acct, err := tg.OpenAccount(ctx)
	require.NoError(t, err)
	require.Equal(t, conformance.Login{User: "ADMIN", Password: "pw", Role: "ACCOUNTADMIN"}, acct.Admin())
	s, err := acct.Open(ctx, acct.Admin())
	require.NoError(t, err)
	require.NoError(t, s.Close())
	require.NoError(t, acct.Close())

	acct, err = (&conformance.InProc{}).OpenAccount(ctx)
	require.NoError(t, err)
	require.Equal(t, "admin", acct.Admin().Password, "default admin password")

	canceled, cancel := context.WithCancel(ctx)
	cancel()
	_, err = tg.OpenAccount(canceled)
	require.ErrorIs(t, err, context.Canceled)
}

// The in-process target runs files through the runner; these two hold
// whatever the executor supports.
func TestInProcRun(t *testing.T) {
	t.Parallel()
	dir := writeFiles(t, map[string]string{
		"pass.test": "# only the admin session\nsession admin\n",
		"fail.test": "statement error 999999 no such message\nSELECT 1\n",
	})
	rep, err := conformance.Run(context.Background(), &conformance.InProc{}, dir)
	require.NoError(t, err)
	require.Equal(t, "1 passed, 1 failed", rep.Summary())
	require.Len(t, rep.Failures, 1)
	require.Equal(t, posOf(filepath.Join(dir, "fail.test"), 1), rep.Failures[0].Pos)
	require.True(t, strings.HasPrefix(rep.Failures[0].Msg, `expected error 999999 containing "no such message", got `), rep.Failures[0].Msg)
}
