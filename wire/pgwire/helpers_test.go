package pgwire_test

import (
	"context"
	"errors"
	"fmt"
	"net"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgproto3"
	"github.com/stretchr/testify/require"

	"github.com/frostgate/frostgate/emulator/account"
	"github.com/frostgate/frostgate/sqlengine"
	"github.com/frostgate/frostgate/wire/pgwire"
)

// testServer serves a fresh account (ADMIN / admin) on a loopback port
// until the test ends.
type testServer struct {
	*pgwire.Server
	eng  *sqlengine.Engine
	addr string
}

func startServer(t *testing.T, cfg pgwire.Config) *testServer { return startServerB(t, cfg) }

func startServerB(t testing.TB, cfg pgwire.Config) *testServer {
	t.Helper()
	ts := &testServer{eng: sqlengine.New(account.New(account.Config{}))}
	if cfg.Engine == nil {
		cfg.Engine = func() *sqlengine.Engine { return ts.eng }
	}
	ts.Server = pgwire.NewServer(cfg)
	l := listenLoopback(t)
	ts.addr = l.Addr().String()
	done := make(chan error, 1)
	go func() { done <- ts.Serve(l) }()
	t.Cleanup(func() {
		require.NoError(t, ts.Close())
		require.ErrorIs(t, <-done, pgwire.ErrServerClosed)
	})
	return ts
}

func listenLoopback(t testing.TB) net.Listener {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	return l
}

// url is a pgx connection string for user, password and login role.
func (ts *testServer) url(user, password, role string) string {
	host, port, _ := net.SplitHostPort(ts.addr)
	u := fmt.Sprintf("postgres://%s:%s@%s:%s/frostgate?sslmode=disable", user, password, host, port)
	if role != "" {
		u += "&options=-c%20role%3D" + role
	}
	return u
}

// sslmode replaces a URL's sslmode.
func sslmode(url, mode string) string {
	return strings.Replace(url, "sslmode=disable", "sslmode="+mode, 1)
}

func (ts *testServer) connect(t *testing.T, user, password, role string) *pgx.Conn {
	t.Helper()
	conn, err := pgx.Connect(context.Background(), ts.url(user, password, role))
	require.NoError(t, err)
	t.Cleanup(func() { conn.Close(context.Background()) })
	return conn
}

// rawConn speaks the protocol message by message, for what drivers do not
// send: odd batches, binary formats, malformed bytes.
type rawConn struct {
	t  *testing.T
	nc net.Conn
	fe *pgproto3.Frontend
}

func (ts *testServer) dialRaw(t *testing.T) *rawConn {
	t.Helper()
	nc, err := net.Dial("tcp", ts.addr)
	require.NoError(t, err)
	t.Cleanup(func() { nc.Close() })
	return &rawConn{t: t, nc: nc, fe: pgproto3.NewFrontend(nc, nc)}
}

func (r *rawConn) send(msgs ...pgproto3.FrontendMessage) {
	r.t.Helper()
	for _, m := range msgs {
		r.fe.Send(m)
	}
	require.NoError(r.t, r.fe.Flush())
}

// write sends raw bytes.
func (r *rawConn) write(b []byte) {
	r.t.Helper()
	_, err := r.nc.Write(b)
	require.NoError(r.t, err)
}

// next reads one message and describes it on one line.
func (r *rawConn) next() string {
	r.t.Helper()
	_ = r.nc.SetReadDeadline(time.Now().Add(5 * time.Second))
	msg, err := r.fe.Receive()
	require.NoError(r.t, err)
	return describeMsg(msg)
}

// untilReady reads through the next ReadyForQuery.
func (r *rawConn) untilReady() []string {
	r.t.Helper()
	var out []string
	for {
		m := r.next()
		out = append(out, m)
		if strings.HasPrefix(m, "ReadyForQuery") {
			return out
		}
	}
}

// closed reports whether the server closed the connection (after any
// messages still in flight).
func (r *rawConn) closed() bool {
	r.t.Helper()
	_ = r.nc.SetReadDeadline(time.Now().Add(5 * time.Second))
	for {
		if _, err := r.fe.Receive(); err != nil {
			var ne net.Error
			return !(errors.As(err, &ne) && ne.Timeout())
		}
	}
}

// login logs in with a password method (cleartext or md5 servers).
func (r *rawConn) login(user, password string, params map[string]string) []string {
	r.t.Helper()
	p := map[string]string{"user": user}
	for k, v := range params {
		p[k] = v
	}
	r.send(&pgproto3.StartupMessage{ProtocolVersion: pgproto3.ProtocolVersion30, Parameters: p})
	first := r.next()
	require.Equal(r.t, "AuthenticationCleartextPassword", first)
	r.send(&pgproto3.PasswordMessage{Password: password})
	return r.untilReady()
}

func describeMsg(msg pgproto3.BackendMessage) string {
	switch m := msg.(type) {
	case *pgproto3.RowDescription:
		var f []string
		for _, fd := range m.Fields {
			f = append(f, fmt.Sprintf("%s:%d:%d", fd.Name, fd.DataTypeOID, fd.Format))
		}
		return "RowDescription " + strings.Join(f, ",")
	case *pgproto3.DataRow:
		var v []string
		for _, b := range m.Values {
			if b == nil {
				v = append(v, "NULL")
			} else {
				v = append(v, fmt.Sprintf("%q", b))
			}
		}
		return "DataRow " + strings.Join(v, ",")
	case *pgproto3.CommandComplete:
		return "CommandComplete " + string(m.CommandTag)
	case *pgproto3.ErrorResponse:
		return fmt.Sprintf("ErrorResponse %s %s %s", m.Severity, m.Code, m.Detail)
	case *pgproto3.NoticeResponse:
		return fmt.Sprintf("NoticeResponse %s %s", m.Severity, m.Code)
	case *pgproto3.ParameterDescription:
		return fmt.Sprint("ParameterDescription ", m.ParameterOIDs)
	case *pgproto3.ParameterStatus:
		return "ParameterStatus " + m.Name + "=" + m.Value
	case *pgproto3.ReadyForQuery:
		return "ReadyForQuery " + string(m.TxStatus)
	}
	return strings.TrimPrefix(fmt.Sprintf("%T", msg), "*pgproto3.")
}

// without drops the messages whose description starts with prefix.
func without(msgs []string, prefix string) []string {
	var out []string
	for _, m := range msgs {
		if !strings.HasPrefix(m, prefix) {
			out = append(out, m)
		}
	}
	return out
}
