package snowflake_test

import (
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/frostgate/frostgate/wire/snowflake"
)

// Tokens expire and renew as Snowflake's do: the session token after an
// hour (390112: renew with the master token), the master token four hours
// after login, renewal or heartbeat (390114: log in again).
func TestTokenLifecycle(t *testing.T) {
	t.Parallel()
	var offset atomic.Int64
	advance := func(d time.Duration) { offset.Add(int64(d)) }
	e := newEnv(t, snowflake.Config{Now: func() time.Time { return time.Now().Add(time.Duration(offset.Load())) }})
	s := e.open("ADMIN", "admin", "")
	require.True(t, s.query("SELECT 1").Success)

	advance(61 * time.Minute)
	require.Equal(t, "390112", s.query("SELECT 1").code())
	require.Equal(t, "390112", e.post("/session/heartbeat", auth(s.token), nil).code())

	r := e.post("/session/token-request", auth(s.token), map[string]string{"oldSessionToken": s.token, "requestType": "RENEW"})
	require.Equal(t, "390104", r.code(), "renewal needs the master token, not the session token")
	r = e.post("/session/token-request", auth(s.master), map[string]string{"oldSessionToken": "other", "requestType": "RENEW"})
	require.Equal(t, "390104", r.code(), "oldSessionToken must be the session's")
	r = e.post("/session/token-request", auth(s.master), map[string]string{"oldSessionToken": s.token, "requestType": "ISSUE"})
	require.Equal(t, 400, r.Status)

	r = e.post("/session/token-request", auth(s.master), map[string]string{"oldSessionToken": s.token, "requestType": "RENEW"})
	require.True(t, r.Success, string(r.Data))
	d := r.data(t)
	require.EqualValues(t, 3600, d["validityInSecondsST"])
	require.EqualValues(t, 14400, d["validityInSecondsMT"])
	require.NotZero(t, d["sessionId"])
	old := *s
	s.token, s.master = d["sessionToken"].(string), d["masterToken"].(string)
	require.True(t, s.query("SELECT 1").Success, "the renewed token works")
	require.Equal(t, "390104", old.query("SELECT 1").code(), "the old one no longer does")

	// Renewed at 61m: master token until 301m. A heartbeat at 111m moves
	// that to 351m, so a renewal at 331m still works.
	advance(50 * time.Minute)
	require.True(t, e.post("/session/heartbeat", auth(s.token), nil).Success)
	advance(220 * time.Minute)
	require.Equal(t, "390112", s.query("SELECT 1").code())
	r = e.post("/session/token-request", auth(s.master), map[string]string{"oldSessionToken": s.token, "requestType": "RENEW"})
	require.True(t, r.Success, "kept alive by the heartbeat: %s", r.code())
	d = r.data(t)
	s.token, s.master = d["sessionToken"].(string), d["masterToken"].(string)

	advance(5 * time.Hour)
	r = e.post("/session/token-request", auth(s.master), map[string]string{"oldSessionToken": s.token, "requestType": "RENEW"})
	require.Equal(t, "390114", r.code())
	require.Equal(t, "390104", s.query("SELECT 1").code(), "the session is gone")
}

func TestSessionTokenErrors(t *testing.T) {
	t.Parallel()
	e := newEnv(t, snowflake.Config{})
	r := e.post("/queries/v1/query-request", nil, map[string]any{"sqlText": "SELECT 1"})
	require.Equal(t, 401, r.Status)
	require.Equal(t, "390101", r.code())
	r = e.post("/queries/v1/query-request", map[string]string{"Authorization": "Bearer x"}, map[string]any{"sqlText": "SELECT 1"})
	require.Equal(t, "390101", r.code())
	r = e.post("/queries/v1/query-request", auth("nope"), map[string]any{"sqlText": "SELECT 1"})
	require.Equal(t, 200, r.Status)
	require.Equal(t, "390104", r.code())
}

// POST /session?delete=true ends the session; any token is accepted.
func TestSessionDelete(t *testing.T) {
	t.Parallel()
	e := newEnv(t, snowflake.Config{})
	s := e.open("ADMIN", "admin", "")
	require.True(t, e.post("/session?delete=true", auth(s.token), nil).Success)
	require.Equal(t, "390104", s.query("SELECT 1").code())
	require.True(t, e.post("/session?delete=true", auth(s.token), nil).Success, "twice")
	require.Equal(t, 400, e.post("/session", auth(s.token), nil).Status, "POST /session without delete=true")
}

// A reset of the emulated account ends the sessions opened on the old one.
func TestResetEndsSessions(t *testing.T) {
	t.Parallel()
	e := newEnv(t, snowflake.Config{})
	s := e.open("ADMIN", "admin", "")
	e.swap()
	require.Equal(t, "390111", s.query("SELECT 1").code())
	require.True(t, e.open("ADMIN", "admin", "").query("SELECT 1").Success)
}

// Server.Reset ends every session at once without waiting for running
// statements, since the emulator calls it from inside one.
func TestServerReset(t *testing.T) {
	t.Parallel()
	e := newEnv(t, snowflake.Config{})
	s, busy := e.open("ADMIN", "admin", ""), e.open("ADMIN", "admin", "")
	release := snowflake.HoldSession(e.srv, busy.token)
	done := make(chan struct{})
	go func() {
		e.srv.Reset()
		close(done)
	}()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		t.Fatal("Reset waited for a running statement")
	}
	release()
	require.Equal(t, "390111", s.query("SELECT 1").code())
	require.Equal(t, "390111", busy.query("SELECT 1").code())
	require.Equal(t, "390104", s.query("SELECT 1").code(), "reported once, then forgotten")
	require.True(t, e.open("ADMIN", "admin", "").query("SELECT 1").Success)
}

// abort-request cancels the statement of a requestId through its context;
// here the statement is still waiting for its session's turn.
func TestAbortCancelsStatement(t *testing.T) {
	t.Parallel()
	e := newEnv(t, snowflake.Config{})
	s := e.open("ADMIN", "admin", "")
	release := snowflake.HoldSession(e.srv, s.token)
	defer release()

	done := make(chan reply, 1)
	go func() {
		done <- e.post("/queries/v1/query-request?requestId=req-1", auth(s.token), map[string]any{"sqlText": "SELECT 1"})
	}()
	require.Eventually(t, func() bool { return snowflake.Running(e.srv, s.token) == 1 }, 5*time.Second, time.Millisecond)
	r := e.post("/queries/v1/abort-request", auth(s.token), map[string]string{"requestId": "req-1"})
	require.True(t, r.Success)
	got := <-done
	require.False(t, got.Success)
	require.Equal(t, "000604", got.code())
	require.Equal(t, "57014", got.data(t)["sqlState"])

	r = e.post("/queries/v1/abort-request", auth(s.token), map[string]string{"requestId": "req-1"})
	require.Equal(t, "000605", r.code(), "nothing runs for it any more")
}

// Close ends every session and refuses further requests.
func TestClose(t *testing.T) {
	t.Parallel()
	e := newEnv(t, snowflake.Config{})
	s := e.open("ADMIN", "admin", "")
	require.NoError(t, e.srv.Close())
	r := s.query("SELECT 1")
	require.Equal(t, 503, r.Status)
	require.Equal(t, "390111", r.code())
	require.Equal(t, 503, e.login(nil, map[string]any{"LOGIN_NAME": "ADMIN", "PASSWORD": "admin"}).Status)
	require.NoError(t, e.srv.Close(), "idempotent")
}

// Telemetry is accepted and dropped.
func TestTelemetry(t *testing.T) {
	t.Parallel()
	e := newEnv(t, snowflake.Config{})
	require.True(t, e.post("/telemetry/send", nil, map[string]any{"logs": []any{map[string]any{"message": "x"}}}).Success)
}
