package main

import (
	"bytes"
	"context"
	"crypto/tls"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/stretchr/testify/require"
)

// syncBuffer is a bytes.Buffer that serve may write while the test reads.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

var listening = regexp.MustCompile(`PostgreSQL protocol on (\S+)`)

// startServe runs "frostgate serve args..." until the test ends and
// returns the PostgreSQL address it prints.
func startServe(t *testing.T, args ...string) (addr string, out *syncBuffer, stop func() int) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	out, errOut := &syncBuffer{}, &syncBuffer{}
	code := make(chan int, 1)
	go func() { code <- run(ctx, append([]string{"serve"}, args...), out, errOut) }()
	stop = func() int {
		cancel()
		select {
		case c := <-code:
			return c
		case <-time.After(10 * time.Second):
			t.Fatal("serve did not stop")
			return -1
		}
	}
	deadline := time.Now().Add(10 * time.Second)
	for {
		if m := listening.FindStringSubmatch(out.String()); m != nil {
			return m[1], out, stop
		}
		select {
		case c := <-code:
			t.Fatalf("serve exited with %d: %s", c, errOut.String())
		default:
		}
		if time.Now().After(deadline) {
			t.Fatalf("serve printed no address: %s / %s", out.String(), errOut.String())
		}
		time.Sleep(5 * time.Millisecond)
	}
}

func TestServe(t *testing.T) {
	t.Parallel()
	trace := filepath.Join(t.TempDir(), "trace")
	addr, out, stop := startServe(t, "--pg-addr", "127.0.0.1:0", "--log-format", "json", "--pg-trace", trace)
	require.Contains(t, out.String(), `psql "host=127.0.0.1 port=`)
	require.Contains(t, out.String(), "pgx  postgres://ADMIN:admin@"+addr+"/frostgate?sslmode=disable")

	ctx := context.Background()
	conn, err := pgx.Connect(ctx, "postgres://ADMIN:admin@"+addr+"/x?sslmode=disable")
	require.NoError(t, err)
	var role string
	require.NoError(t, conn.QueryRow(ctx, "SELECT CURRENT_ROLE()").Scan(&role))
	require.Equal(t, "ACCOUNTADMIN", role)

	// The suite over the binary's own listener, as CI's remote runs do.
	code, report, errOut := runCmd(t, "conformance", "--target", "pg://ADMIN:admin@"+addr+"/", "../../conformance/testdata/roles")
	require.Equal(t, 0, code, report+errOut)
	require.Regexp(t, `^\d+ passed, 0 failed\n$`, report)

	require.Equal(t, 0, stop(), "graceful shutdown")
	traced, err := os.ReadFile(trace)
	require.NoError(t, err)
	require.Contains(t, string(traced), "SELECT CURRENT_ROLE()", "--pg-trace records the messages")
	require.True(t, conn.IsClosed() || conn.Ping(ctx) != nil, "sessions end with the server")
}

func TestServeFlags(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"extra"}, `unexpected argument "extra"`},
		{[]string{"--log-format", "xml"}, `--log-format "xml": want text or json`},
		{[]string{"--log-level", "loud"}, "--log-level"},
		{[]string{"--pg-auth", "trust"}, `unknown authentication method "trust"`},
		{[]string{"--tls-cert", "c.pem"}, "--tls-cert and --tls-key go together"},
		{[]string{"--tls-self-signed", "--tls-key", "k.pem"}, "exclude each other"},
	} {
		code, _, errOut := runCmd(t, append([]string{"serve"}, tc.args...)...)
		require.Equal(t, 2, code, tc.args)
		require.Contains(t, errOut, tc.want, tc.args)
	}
	code, _, errOut := runCmd(t, "serve", "-h")
	require.Equal(t, 0, code)
	for _, env := range []string{"FROSTGATE_PG_ADDR", "FROSTGATE_HTTP_ADDR", "FROSTGATE_ADMIN_PASSWORD", "FROSTGATE_LOG_LEVEL",
		"FROSTGATE_LOG_FORMAT", "FROSTGATE_TLS_CERT", "FROSTGATE_TLS_KEY", "FROSTGATE_TLS_SELF_SIGNED"} {
		require.Contains(t, errOut, env)
	}
}

// Each flag's default comes from its FROSTGATE_* variable. Not parallel:
// it replaces lookupEnv for its duration.
func TestServeEnvironment(t *testing.T) {
	env := map[string]string{"FROSTGATE_PG_ADDR": "127.0.0.1:0", "FROSTGATE_ADMIN_PASSWORD": "s3cret",
		"FROSTGATE_PG_AUTH": "md5", "FROSTGATE_TLS_SELF_SIGNED": "true", "FROSTGATE_LOG_LEVEL": "warn",
		"FROSTGATE_APP_ROOT": filepath.Join("..", "..", "fixtures", "apps")}
	saved := lookupEnv
	lookupEnv = func(k string) (string, bool) { v, ok := env[k]; return v, ok }
	addr, out, stop := startServe(t)
	lookupEnv = saved
	defer stop()
	require.Contains(t, out.String(), "the password given with --admin-password")
	require.NotContains(t, out.String(), "s3cret", "a chosen password is never printed")
	require.True(t, strings.Contains(out.String(), "sslmode=require"), out.String())

	ctx := context.Background()
	_, err := pgx.Connect(ctx, "postgres://ADMIN:admin@"+addr+"/x?sslmode=require")
	require.Error(t, err, "the password came from FROSTGATE_ADMIN_PASSWORD")
	conn, err := pgx.Connect(ctx, "postgres://ADMIN:s3cret@"+addr+"/x?sslmode=require")
	require.NoError(t, err)
	_, isTLS := conn.PgConn().Conn().(*tls.Conn)
	require.True(t, isTLS, "FROSTGATE_TLS_SELF_SIGNED turned TLS on")
	for _, q := range []string{"CREATE APPLICATION PACKAGE P",
		"ALTER APPLICATION PACKAGE P ADD VERSION V1 USING 'sample_app'"} {
		_, err = conn.Exec(ctx, q)
		require.NoError(t, err, "FROSTGATE_APP_ROOT resolves the folder: %s", q)
	}
	conn.Close(ctx)

	env = map[string]string{"FROSTGATE_TLS_SELF_SIGNED": "maybe", "FROSTGATE_ADMIN_PASSWORD": "hidden"}
	lookupEnv = func(k string) (string, bool) { v, ok := env[k]; return v, ok }
	defer func() { lookupEnv = saved }()
	code, _, errOut := runCmd(t, "serve")
	require.Equal(t, 2, code)
	require.Contains(t, errOut, "FROSTGATE_TLS_SELF_SIGNED")
	code, _, errOut = runCmd(t, "serve", "-h")
	require.Equal(t, 0, code)
	require.NotContains(t, errOut, "hidden", "-h does not show a password from the environment")
}
