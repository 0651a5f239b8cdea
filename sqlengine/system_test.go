package sqlengine_test

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/frostgate/frostgate/emulator/account"
	"github.com/frostgate/frostgate/sferr"
	"github.com/frostgate/frostgate/sqlengine"
)

func openSession(t *testing.T, eng *sqlengine.Engine, role string) *sqlengine.Session {
	t.Helper()
	s, err := eng.Open(context.Background(), sqlengine.Login{User: "ADMIN", Password: "admin", Role: role})
	require.NoError(t, err)
	return s
}

func firstValue(t *testing.T, res *sqlengine.Result) any {
	t.Helper()
	row := make([]any, len(res.Columns()))
	require.NoError(t, res.Next(row))
	return row[0]
}

func TestSystemWait(t *testing.T) {
	t.Parallel()
	s := adminOnly(t)
	res, err := s.Execute(context.Background(), "SELECT SYSTEM$WAIT(1, 'MILLISECONDS')")
	require.NoError(t, err)
	require.Equal(t, "waited 1 milliseconds", firstValue(t, res))

	// Cancelling the statement's context stops the wait with 000604.
	ctx, cancel := context.WithCancel(context.Background())
	go func() { time.Sleep(20 * time.Millisecond); cancel() }()
	_, err = s.Execute(ctx, "SELECT SYSTEM$WAIT(1, 'HOURS')")
	require.True(t, sferr.Is(err, 604), "%v", err)
	require.Equal(t, "57014", sferr.As(err).SQLState())

	_, err = s.Execute(context.Background(), "SELECT SYSTEM$WAIT(1, 'FORTNIGHTS')")
	require.True(t, sferr.Is(err, 1044), "%v", err)
}

func TestReset(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	eng := sqlengine.New(account.New(account.Config{}))
	s := openSession(t, eng, "")
	_, err := s.Execute(ctx, "SELECT "+sqlengine.ResetFunction+"()")
	require.True(t, sferr.Is(err, 2), "without a hook: %v", err)

	resets := 0
	eng.SetResetHook(func() error { resets++; return nil })
	res, err := s.Execute(ctx, "SELECT SYSTEM$FROSTGATE_RESET()")
	require.NoError(t, err)
	require.Equal(t, sqlengine.ResetDone, firstValue(t, res))
	require.Equal(t, 1, resets)

	// Only ACCOUNTADMIN may reset.
	_, err = s.Execute(ctx, "USE ROLE SYSADMIN")
	require.NoError(t, err)
	_, err = s.Execute(ctx, "SELECT SYSTEM$FROSTGATE_RESET()")
	require.True(t, sferr.Is(err, 3001), "%v", err)
	require.Equal(t, 1, resets)
}

// adminOnly is adminSession without the engine.
func adminOnly(t *testing.T) *sqlengine.Session {
	t.Helper()
	_, s := freshAdmin(t)
	return s
}
