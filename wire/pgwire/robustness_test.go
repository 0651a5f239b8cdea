package pgwire_test

import (
	"encoding/binary"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgproto3"
	"github.com/stretchr/testify/require"

	"github.com/frostgate/frostgate/sqlengine"
	"github.com/frostgate/frostgate/wire/pgwire"
)

// message frames a message: type byte, length, body.
func message(typ byte, body []byte) []byte {
	b := []byte{typ, 0, 0, 0, 0}
	binary.BigEndian.PutUint32(b[1:], uint32(len(body)+4))
	return append(b, body...)
}

// Malformed, oversized and truncated input gets an error (when there is
// still someone to tell) and a closed connection, never a panic or a
// goroutine left waiting.
func TestMalformedMessages(t *testing.T) {
	t.Parallel()
	ts := startServer(t, pgwire.Config{Auth: pgwire.AuthCleartext, MaxMessageSize: 1024,
		ReadTimeout: 200 * time.Millisecond, StartupTimeout: 200 * time.Millisecond})
	noUser, err := (&pgproto3.StartupMessage{ProtocolVersion: pgproto3.ProtocolVersion30,
		Parameters: map[string]string{"database": "x"}}).Encode(nil)
	require.NoError(t, err)
	startup := func(body []byte) []byte {
		b := make([]byte, 4)
		binary.BigEndian.PutUint32(b, uint32(len(body)+4))
		return append(b, body...)
	}
	for _, tc := range []struct {
		name  string
		login bool   // log in first
		bytes []byte // then send these
		want  string // first reply, "" for none
	}{
		{name: "startup too long", bytes: startup(make([]byte, 20000)), want: "ErrorResponse FATAL 08P01 "},
		{name: "startup too short", bytes: startup([]byte{0}), want: "ErrorResponse FATAL 08P01 "},
		{name: "unknown protocol", bytes: startup([]byte{0, 2, 0, 0}), want: "ErrorResponse FATAL 08P01 "},
		{name: "startup without user", bytes: noUser, want: "ErrorResponse FATAL 28000 "},
		{name: "startup cut short", bytes: startup(make([]byte, 100))[:20]},
		{name: "unknown message type", login: true, bytes: message('!', nil), want: "ErrorResponse FATAL 08P01 "},
		{name: "length below 4", login: true, bytes: []byte{'Q', 0, 0, 0, 2}, want: "ErrorResponse FATAL 08P01 "},
		{name: "too large", login: true, bytes: message('Q', make([]byte, 2048)), want: "ErrorResponse FATAL 54000 "},
		{name: "query not terminated", login: true, bytes: message('Q', []byte("SELECT 1")), want: "ErrorResponse FATAL 08P01 "},
		{name: "bind with a bad count", login: true, bytes: message('B', []byte{0, 0, 0, 9}), want: "ErrorResponse FATAL 08P01 "},
		{name: "truncated body", login: true, bytes: message('Q', []byte("SELECT 1\x00"))[:8], want: "ErrorResponse FATAL 08006 "},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			r := ts.dialRaw(t)
			if tc.login {
				r.login("ADMIN", "admin", nil)
			}
			r.write(tc.bytes)
			if tc.want != "" {
				require.Equal(t, tc.want, r.next())
			}
			require.True(t, r.closed(), "the connection is closed")
		})
	}
}

// A client that stops in the middle of a batch is dropped after
// ReadTimeout, an idle one after IdleTimeout, a silent one at startup
// after StartupTimeout.
func TestTimeouts(t *testing.T) {
	t.Parallel()
	ts := startServer(t, pgwire.Config{Auth: pgwire.AuthCleartext, ReadTimeout: 100 * time.Millisecond,
		IdleTimeout: 300 * time.Millisecond, StartupTimeout: 100 * time.Millisecond})

	r := ts.dialRaw(t)
	r.login("ADMIN", "admin", nil)
	r.send(&pgproto3.Parse{Query: "SELECT 1"}) // and no Sync
	require.Equal(t, "ParseComplete", r.next())
	require.Equal(t, "ErrorResponse FATAL 08006 ", r.next())
	require.True(t, r.closed())

	r = ts.dialRaw(t)
	r.login("ADMIN", "admin", nil)
	require.Equal(t, "ErrorResponse FATAL 57P05 ", r.next())
	require.True(t, r.closed())

	r = ts.dialRaw(t)
	require.True(t, r.closed())
}

// Close ends every session with 57P01, as a PostgreSQL shutdown does, and
// waits for them.
func TestCloseTerminatesSessions(t *testing.T) {
	t.Parallel()
	ts := startServer(t, pgwire.Config{Auth: pgwire.AuthCleartext})
	idle := ts.dialRaw(t)
	idle.login("ADMIN", "admin", nil)
	busy := ts.dialRaw(t)
	busy.login("ADMIN", "admin", nil)
	busy.send(&pgproto3.Query{String: "SELECT SYSTEM$WAIT(1, 'HOURS')"})
	time.Sleep(50 * time.Millisecond)
	require.Equal(t, 2, ts.Conns())

	done := make(chan struct{})
	go func() { ts.Close(); close(done) }()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		t.Fatal("Close did not return")
	}
	require.Equal(t, 0, ts.Conns())
	require.Equal(t, "ErrorResponse FATAL 57P01 ", idle.next())
	require.Equal(t, []string{"ErrorResponse ERROR 57014 Snowflake error 000604", "ReadyForQuery I"}, busy.untilReady())
	require.Equal(t, "ErrorResponse FATAL 57P01 ", busy.next())
	require.True(t, idle.closed())
	require.True(t, busy.closed())
}

// A newer minor protocol version, or protocol options, are negotiated
// down to 3.0 as PostgreSQL 15 does.
func TestNegotiateProtocolVersion(t *testing.T) {
	t.Parallel()
	ts := startServer(t, pgwire.Config{Auth: pgwire.AuthCleartext})
	r := ts.dialRaw(t)
	r.send(&pgproto3.StartupMessage{ProtocolVersion: pgproto3.ProtocolVersion32,
		Parameters: map[string]string{"user": "ADMIN", "_pq_.something": "on"}})
	require.Equal(t, "NegotiateProtocolVersion", r.next())
	require.Equal(t, "AuthenticationCleartextPassword", r.next())
	r.send(&pgproto3.PasswordMessage{Password: "admin"})
	require.Contains(t, r.untilReady(), "AuthenticationOk")
}

// A panic while serving a connection is caught: the client gets FATAL
// XX000, the server goes on. (An Engine func returning nil is a
// programming error that panics at login.)
func TestPanicGuard(t *testing.T) {
	t.Parallel()
	ts := startServer(t, pgwire.Config{Auth: pgwire.AuthCleartext, Engine: func() *sqlengine.Engine { return nil }})
	r := ts.dialRaw(t)
	r.send(&pgproto3.StartupMessage{ProtocolVersion: pgproto3.ProtocolVersion30, Parameters: map[string]string{"user": "ADMIN"}})
	require.Equal(t, "AuthenticationCleartextPassword", r.next())
	r.send(&pgproto3.PasswordMessage{Password: "admin"})
	require.Equal(t, "ErrorResponse FATAL XX000 ", r.next())
	require.True(t, r.closed())
	require.Eventually(t, func() bool { return ts.Conns() == 0 }, 5*time.Second, 10*time.Millisecond)
}
