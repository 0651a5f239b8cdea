package pgwire_test

import (
	"io"
	"net"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgproto3"

	"github.com/frostgate/frostgate/emulator/account"
	"github.com/frostgate/frostgate/sqlengine"
	"github.com/frostgate/frostgate/wire/pgwire"
)

var (
	fuzzEngineOnce sync.Once
	fuzzEngine     *sqlengine.Engine
)

// serveBytes plays input as one client's whole side of a connection and
// returns once the server has let go of it: the decoding path must end
// every input with an answer or a closed connection, never a panic or a
// goroutine left behind (Close waits for it).
func serveBytes(t testing.TB, input []byte) {
	fuzzEngineOnce.Do(func() { fuzzEngine = sqlengine.New(account.New(account.Config{})) })
	srv := pgwire.NewServer(pgwire.Config{Engine: func() *sqlengine.Engine { return fuzzEngine },
		Auth: pgwire.AuthCleartext, MaxMessageSize: 4096, StartupTimeout: time.Second,
		ReadTimeout: 100 * time.Millisecond})
	client, server := net.Pipe()
	srv.ServeConn(server)
	drained := make(chan struct{})
	go func() { _, _ = io.Copy(io.Discard, client); close(drained) }()
	_ = client.SetWriteDeadline(time.Now().Add(time.Second))
	_, _ = client.Write(input)
	time.Sleep(time.Millisecond) // let the last messages be answered
	if err := srv.Close(); err != nil {
		t.Fatal(err)
	}
	client.Close()
	<-drained
	if n := srv.Conns(); n != 0 {
		t.Fatalf("%d connections left", n)
	}
}

func frames(msgs ...pgproto3.FrontendMessage) []byte {
	var b []byte
	for _, m := range msgs {
		b, _ = m.Encode(b)
	}
	return b
}

// loginBytes logs in as ADMIN on a cleartext server.
var loginBytes = frames(&pgproto3.StartupMessage{ProtocolVersion: pgproto3.ProtocolVersion30,
	Parameters: map[string]string{"user": "ADMIN"}}, &pgproto3.PasswordMessage{Password: "admin"})

// FuzzStartup feeds arbitrary bytes from the first byte of a connection.
func FuzzStartup(f *testing.F) {
	f.Add(loginBytes)
	f.Add(frames(&pgproto3.SSLRequest{}, &pgproto3.StartupMessage{ProtocolVersion: pgproto3.ProtocolVersion32,
		Parameters: map[string]string{"user": "x", "options": "-c role=R", "_pq_.x": "1"}}))
	f.Add(frames(&pgproto3.CancelRequest{ProcessID: 7, SecretKey: []byte{1, 2, 3, 4}}))
	f.Add([]byte{0, 0, 0, 8, 4, 210, 22, 47})
	f.Fuzz(func(t *testing.T, input []byte) {
		serveBytes(t, input)
	})
}

// FuzzMessages feeds arbitrary bytes after a successful login: the
// message decoding path of an authenticated session.
func FuzzMessages(f *testing.F) {
	f.Add(frames(&pgproto3.Query{String: "SELECT 1; SHOW GRANTS TO ROLE PUBLIC"}))
	f.Add(frames(&pgproto3.Parse{Name: "s", Query: "SELECT $1::INT", ParameterOIDs: []uint32{23}},
		&pgproto3.Describe{ObjectType: 'S', Name: "s"},
		&pgproto3.Bind{PreparedStatement: "s", ParameterFormatCodes: []int16{1}, Parameters: [][]byte{{0, 0, 0, 1}},
			ResultFormatCodes: []int16{1}},
		&pgproto3.Execute{MaxRows: 1}, &pgproto3.Sync{}, &pgproto3.Terminate{}))
	f.Add(frames(&pgproto3.Query{String: "SET extra_float_digits = 3"}, &pgproto3.Flush{}, &pgproto3.CopyDone{}))
	f.Add([]byte{'B', 0, 0, 0, 9, 0, 0, 0, 0, 0})
	f.Fuzz(func(t *testing.T, input []byte) {
		serveBytes(t, append(append([]byte(nil), loginBytes...), input...))
	})
}
