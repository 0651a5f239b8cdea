package conformance_test

import (
	"bytes"
	"context"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/frostgate/frostgate/conformance"
	"github.com/frostgate/frostgate/emulator/account"
	"github.com/frostgate/frostgate/sqlengine"
	"github.com/frostgate/frostgate/wire/snowflake"
)

// sfServer serves the Snowflake protocol over an account that
// SYSTEM$FROSTGATE_RESET() replaces, as the emulator's does: each file gets
// a new engine.
func sfServer(t *testing.T, cfg snowflake.Config) *httptest.Server {
	t.Helper()
	var mu sync.Mutex
	var srv *snowflake.Server
	var eng *sqlengine.Engine
	var fresh func() *sqlengine.Engine
	fresh = func() *sqlengine.Engine {
		e := sqlengine.New(account.New(account.Config{}))
		e.SetResetHook(func() error {
			next := fresh()
			mu.Lock()
			eng = next
			mu.Unlock()
			srv.Reset() // as the emulator does: the old account's sessions end
			return nil
		})
		return e
	}
	eng = fresh()
	cfg.Engine = func() *sqlengine.Engine {
		mu.Lock()
		defer mu.Unlock()
		return eng
	}
	srv = snowflake.New(cfg)
	hs := httptest.NewServer(srv)
	t.Cleanup(func() {
		hs.Close()
		_ = srv.Close()
	})
	return hs
}

func sfTarget(t *testing.T, hs *httptest.Server, params string) *conformance.Snowflake {
	t.Helper()
	host := strings.TrimPrefix(hs.URL, "http://")
	tg, err := conformance.NewTarget("snowflake://ADMIN:admin@" + host + "/?account=FROSTGATE&protocol=http" + params)
	require.NoError(t, err)
	return tg.(*conformance.Snowflake)
}

// The whole suite over the Snowflake driver protocol: the same files, the
// same expectations as in-process.
func TestSuiteOverSnowflakeProtocol(t *testing.T) {
	t.Parallel()
	hs := sfServer(t, snowflake.Config{})
	var out bytes.Buffer
	r := &conformance.Runner{Target: sfTarget(t, hs, ""), Out: &out}
	rep, err := r.Run(context.Background(), "conformance/testdata")
	require.NoError(t, err)
	require.True(t, rep.OK(), "%s%s", out.String(), rep.Summary())
	require.Positive(t, rep.Passed)
}

// An expired session token is renewed with the master token and the
// statement retried, as the drivers do; an expired master token ends the
// session (390114).
func TestSnowflakeTargetRenewsExpiredTokens(t *testing.T) {
	t.Parallel()
	var offset atomic.Int64
	now := func() time.Time { return time.Now().Add(time.Duration(offset.Load())) }
	hs := sfServer(t, snowflake.Config{Now: now})
	ctx := context.Background()
	acct, err := sfTarget(t, hs, "").OpenAccount(ctx)
	require.NoError(t, err)
	s, err := acct.Open(ctx, acct.Admin())
	require.NoError(t, err)
	_, err = s.Exec(ctx, "USE ROLE SYSADMIN")
	require.NoError(t, err)

	offset.Add(int64(61 * time.Minute))
	res, err := s.Exec(ctx, "SELECT CURRENT_ROLE()")
	require.NoError(t, err, "renewed and retried")
	require.Equal(t, [][]any{{"SYSADMIN"}}, res.Rows, "the same session")

	offset.Add(int64(5 * time.Hour))
	_, err = s.Exec(ctx, "SELECT 1")
	require.ErrorContains(t, err, "390114")
	require.NoError(t, s.Close(), "closing a session that has ended is no error")
}

// A reset through a statement logs in as the administrator and runs it.
func TestSnowflakeResetWithStatement(t *testing.T) {
	t.Parallel()
	hs := sfServer(t, snowflake.Config{})
	tg := sfTarget(t, hs, "")
	require.NoError(t, conformance.ResetWithStatement("CREATE ROLE RESET_RAN")(context.Background(), tg))
	tg.Reset = conformance.ResetWithStatement("SELECT NO_SUCH_FUNCTION()")
	_, err := tg.OpenAccount(context.Background())
	require.ErrorContains(t, err, "002140") // Unknown function
}

func TestParseSnowflakeURL(t *testing.T) {
	t.Parallel()
	tg, err := conformance.ParseSnowflakeURL("snowflake://bob:p%40ss@127.0.0.1:8080/DB1/SC1?account=acme.us-east-1&protocol=http" +
		"&role=SYSADMIN&warehouse=WH&loginTimeout=5&disableOCSPChecks=true&QUERY_TAG=conf")
	require.NoError(t, err)
	require.Equal(t, "http://127.0.0.1:8080", tg.BaseURL)
	require.Equal(t, "acme.us-east-1", tg.Account)
	require.Equal(t, conformance.Login{User: "bob", Password: "p@ss", Role: "SYSADMIN"}, tg.AdminLogin)
	require.Equal(t, []string{"DB1", "SC1", "WH"}, []string{tg.Database, tg.Schema, tg.Warehouse})
	require.Equal(t, 5*time.Second, tg.LoginTimeout)
	require.Equal(t, map[string]any{"QUERY_TAG": "conf"}, tg.SessionParameters)
	require.Equal(t, "snowflake", tg.Name())

	tg, err = conformance.ParseSnowflakeURL("snowflake://bob:pw@acme.snowflakecomputing.com?account=acme")
	require.NoError(t, err)
	require.Equal(t, "https://acme.snowflakecomputing.com:443", tg.BaseURL, "https and 443 by default")
	require.Equal(t, "ACCOUNTADMIN", tg.AdminLogin.Role)

	for _, bad := range []string{
		"snowflake://127.0.0.1:1/?account=a", // no user
		"snowflake://u:p@127.0.0.1:1/",       // no account
		"snowflake://u:p@127.0.0.1:1/?account=a&protocol=ftp",
		"snowflake://u:p@/?account=a",                     // no host
		"snowflake://u:p@h/?account=a&loginTimeout=never", // bad timeout
		"snowflake://u:p@h/?account=a&authenticator=oauth",
	} {
		_, err := conformance.ParseSnowflakeURL(bad)
		require.Error(t, err, bad)
	}
}

// A login the server refuses comes back as the *sferr.Error it carries.
func TestSnowflakeTargetLoginError(t *testing.T) {
	t.Parallel()
	hs := sfServer(t, snowflake.Config{})
	tg := sfTarget(t, hs, "")
	acct, err := tg.OpenAccount(context.Background())
	require.NoError(t, err)
	_, err = acct.Open(context.Background(), conformance.Login{User: "ADMIN", Password: "wrong"})
	require.ErrorContains(t, err, "390100 (08004): Incorrect username or password was specified.")

	tg.AdminLogin.Password = "wrong"
	_, err = tg.OpenAccount(context.Background())
	require.ErrorContains(t, err, "390100", "the reset endpoint takes only the admin's credentials")
}
