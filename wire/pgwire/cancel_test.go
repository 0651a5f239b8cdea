package pgwire_test

import (
	"context"
	"crypto/tls"
	"net"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgproto3"
	"github.com/stretchr/testify/require"

	"github.com/frostgate/frostgate/emulator"
	"github.com/frostgate/frostgate/wire/pgwire"
)

// A CancelRequest stops the running statement (pgx sends one when the
// context ends); the session stays usable.
func TestCancelRequest(t *testing.T) {
	t.Parallel()
	ts := startServer(t, pgwire.Config{})
	conn := ts.connect(t, "ADMIN", "admin", "")
	ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
	defer cancel()
	start := time.Now()
	_, err := conn.Exec(ctx, "SELECT SYSTEM$WAIT(1, 'MINUTES')")
	require.Error(t, err)
	require.Less(t, time.Since(start), 30*time.Second, "the wait was cut short")
	// pgx may close the connection on a context error; a new one must work.
	conn = ts.connect(t, "ADMIN", "admin", "")
	var one int64
	require.NoError(t, conn.QueryRow(context.Background(), "SELECT 1").Scan(&one))
}

// The error a canceled statement reports, read off the wire: 57014 and
// Snowflake's 000604; a CancelRequest with a wrong key is ignored.
func TestCancelRaw(t *testing.T) {
	t.Parallel()
	ts := startServer(t, pgwire.Config{Auth: pgwire.AuthCleartext})
	r := ts.dialRaw(t)
	pid, key := uint32(0), []byte(nil)
	r.send(&pgproto3.StartupMessage{ProtocolVersion: pgproto3.ProtocolVersion30, Parameters: map[string]string{"user": "ADMIN"}})
	require.Equal(t, "AuthenticationCleartextPassword", r.next())
	r.send(&pgproto3.PasswordMessage{Password: "admin"})
	for {
		_ = r.nc.SetReadDeadline(time.Now().Add(5 * time.Second))
		msg, err := r.fe.Receive()
		require.NoError(t, err)
		if kd, ok := msg.(*pgproto3.BackendKeyData); ok {
			pid, key = kd.ProcessID, append([]byte(nil), kd.SecretKey...)
		}
		if _, ok := msg.(*pgproto3.ReadyForQuery); ok {
			break
		}
	}
	require.NotZero(t, pid)
	cancelWith := func(secret []byte) {
		nc, err := net.Dial("tcp", ts.addr)
		require.NoError(t, err)
		defer nc.Close()
		buf, err := (&pgproto3.CancelRequest{ProcessID: pid, SecretKey: secret}).Encode(nil)
		require.NoError(t, err)
		_, err = nc.Write(buf)
		require.NoError(t, err)
		_, err = nc.Read(make([]byte, 1)) // the server closes without a word
		require.Error(t, err)
	}
	r.send(&pgproto3.Query{String: "SELECT SYSTEM$WAIT(200, 'MILLISECONDS')"})
	cancelWith([]byte{0, 0, 0, 0})
	require.Equal(t, []string{"RowDescription SYSTEM$WAIT(200, 'MILLISECONDS'):25:0", `DataRow "waited 200 milliseconds"`,
		"CommandComplete SELECT 1", "ReadyForQuery I"}, r.untilReady(), "a wrong key cancels nothing")

	r.send(&pgproto3.Query{String: "SELECT SYSTEM$WAIT(1, 'MINUTES')"})
	time.Sleep(50 * time.Millisecond)
	cancelWith(key)
	require.Equal(t, []string{"ErrorResponse ERROR 57014 Snowflake error 000604", "ReadyForQuery I"}, r.untilReady())
}

// With a certificate, SSLRequest is accepted and the session runs over TLS.
func TestTLS(t *testing.T) {
	t.Parallel()
	cfg, err := emulator.SelfSignedTLS()
	require.NoError(t, err)
	ts := startServer(t, pgwire.Config{TLS: cfg})
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, sslmode(ts.url("ADMIN", "admin", ""), "require"))
	require.NoError(t, err)
	defer conn.Close(ctx)
	_, isTLS := conn.PgConn().Conn().(*tls.Conn)
	require.True(t, isTLS)

	// Without one, sslmode=require is refused by the client: the server said 'N'.
	plain := startServer(t, pgwire.Config{})
	_, err = pgconn.Connect(ctx, sslmode(plain.url("ADMIN", "admin", ""), "require"))
	require.ErrorContains(t, err, "server refused TLS connection")

	// GSSEncRequest is refused too, and the client carries on.
	r := plain.dialRaw(t)
	buf, err := (&pgproto3.GSSEncRequest{}).Encode(nil)
	require.NoError(t, err)
	r.write(buf)
	b := make([]byte, 1)
	_, err = r.nc.Read(b)
	require.NoError(t, err)
	require.Equal(t, byte('N'), b[0])
}
