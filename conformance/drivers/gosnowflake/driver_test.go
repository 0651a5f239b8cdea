// Package drivertest runs the official Go Snowflake driver
// (github.com/snowflakedb/gosnowflake) against Frostgate's Snowflake
// protocol: no mocks, the driver as users run it, pointed at an httptest
// server with protocol http.
package drivertest

import (
	"context"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"database/sql"
	"encoding/base64"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/http/httptest"
	"os"
	"reflect"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	sf "github.com/snowflakedb/gosnowflake"
	"github.com/stretchr/testify/require"

	"github.com/frostgate/frostgate/conformance"
	"github.com/frostgate/frostgate/emulator/account"
	"github.com/frostgate/frostgate/sqlengine"
	"github.com/frostgate/frostgate/wire/snowflake"
)

// The driver logs every failed statement and login at level error; the
// tests expect failures, so its log stays off unless -v asks for it.
func TestMain(m *testing.M) {
	flag.Parse()
	if !testing.Verbose() {
		_ = sf.GetLogger().SetLogLevel("OFF")
	}
	os.Exit(m.Run())
}

// server is Frostgate's Snowflake protocol over a fresh account, with a
// clock the test can move.
type server struct {
	eng    *sqlengine.Engine
	srv    *snowflake.Server
	hs     *httptest.Server
	host   string
	port   int
	offset atomic.Int64
}

func newServer(t *testing.T) *server {
	t.Helper()
	s := &server{eng: sqlengine.New(account.New(account.Config{}))}
	s.srv = snowflake.New(snowflake.Config{
		Engine: func() *sqlengine.Engine { return s.eng },
		Now:    func() time.Time { return time.Now().Add(time.Duration(s.offset.Load())) },
	})
	s.hs = httptest.NewServer(s.srv)
	t.Cleanup(func() {
		s.hs.Close()
		_ = s.srv.Close()
	})
	hostport := strings.TrimPrefix(s.hs.URL, "http://")
	var err error
	s.host, _, _ = strings.Cut(hostport, ":")
	_, err = fmt.Sscanf(hostport[len(s.host)+1:], "%d", &s.port)
	require.NoError(t, err)
	return s
}

// config is how a user points gosnowflake at Frostgate.
func (s *server) config(user, password, role string) *sf.Config {
	return &sf.Config{Account: "FROSTGATE", User: user, Password: password, Role: role,
		Host: s.host, Port: s.port, Protocol: "http", LoginTimeout: 10 * time.Second,
		DisableTelemetry: true, DisableQueryContextCache: true}
}

func (s *server) open(t *testing.T, cfg *sf.Config) *sql.DB {
	t.Helper()
	db := sql.OpenDB(sf.NewConnector(sf.SnowflakeDriver{}, *cfg))
	t.Cleanup(func() { _ = db.Close() })
	return db
}

// setup is the scenario every test starts from, run as ADMIN through the
// driver: ALICE holds ANALYST, which may use SALES.S.ORDERS; HR is not hers.
var setup = []string{
	"CREATE ROLE ANALYST",
	"CREATE USER ALICE PASSWORD='alice-pw' DEFAULT_ROLE=PUBLIC",
	"GRANT ROLE ANALYST TO USER ALICE",
	"CREATE DATABASE SALES", "CREATE SCHEMA SALES.S", "CREATE TABLE SALES.S.ORDERS (ID INT)",
	"CREATE DATABASE HR", "CREATE TABLE HR.PUBLIC.SALARIES (ID INT)",
	"GRANT USAGE ON DATABASE SALES TO ROLE ANALYST",
	"GRANT USAGE ON SCHEMA SALES.S TO ROLE ANALYST",
	"GRANT SELECT ON TABLE SALES.S.ORDERS TO ROLE ANALYST",
}

func (s *server) setUp(t *testing.T) {
	t.Helper()
	// The DSN form, parsed by the driver itself.
	dsn := snowflake.DSN(s.host+":"+fmt.Sprint(s.port), "FROSTGATE", "ADMIN", "admin", "ACCOUNTADMIN") + "&loginTimeout=10"
	db, err := sql.Open("snowflake", dsn)
	require.NoError(t, err)
	defer db.Close()
	for _, q := range setup {
		_, err := db.Exec(q)
		require.NoError(t, err, q)
	}
}

// rows reads a result as strings, the driver's own rendering, with
// timestamps in UTC at millisecond precision.
func rows(t *testing.T, rs *sql.Rows) (cols []string, out [][]string) {
	t.Helper()
	defer rs.Close()
	cols, err := rs.Columns()
	require.NoError(t, err)
	for rs.Next() {
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		require.NoError(t, rs.Scan(ptrs...))
		row := make([]string, len(cols))
		for i, v := range vals {
			if tm, ok := v.(time.Time); ok {
				v = tm.UTC()
			}
			row[i] = conformance.FormatValue(v)
		}
		out = append(out, row)
	}
	require.NoError(t, rs.Err())
	return cols, out
}

// inProcess runs a statement in-process as user with role, for comparison.
func (s *server) inProcess(t *testing.T, user, password, role, sql string) (cols []string, out [][]string) {
	t.Helper()
	sess, err := s.eng.Open(context.Background(), sqlengine.Login{User: user, Password: password, Role: role})
	require.NoError(t, err)
	defer sess.Close()
	res, err := sess.Execute(context.Background(), sql)
	require.NoError(t, err)
	for _, c := range res.Columns() {
		cols = append(cols, c.Name)
	}
	dest := make([]any, len(cols))
	for {
		if err := res.Next(dest); errors.Is(err, io.EOF) {
			return cols, out
		}
		row := make([]string, len(cols))
		for i, v := range dest {
			if tm, ok := v.(time.Time); ok {
				v = tm.UTC()
			}
			row[i] = conformance.FormatValue(v)
		}
		out = append(out, row)
	}
}

// snowflakeError returns the driver's SnowflakeError inside err.
func snowflakeError(t *testing.T, err error) *sf.SnowflakeError {
	t.Helper()
	require.Error(t, err)
	var se *sf.SnowflakeError
	require.True(t, errors.As(err, &se), "%T: %v", err, err)
	return se
}

// driverRole reads the role the driver believes its connection has: the
// Config it updates from finalRoleName (gosnowflake connection.go).
func driverRole(t *testing.T, conn *sql.Conn) string {
	t.Helper()
	var role string
	require.NoError(t, conn.Raw(func(dc any) error {
		cfg := reflect.ValueOf(dc).Elem().FieldByName("cfg")
		role = cfg.Elem().FieldByName("Role").String()
		return nil
	}))
	return role
}

// The issue's client scenario: connect, switch roles, be refused, read what
// the role may, and see the same SHOW GRANTS rows as in-process.
func TestGoDriverRolesAndGrants(t *testing.T) {
	s := newServer(t)
	s.setUp(t)
	ctx := context.Background()
	db := s.open(t, s.config("alice", "alice-pw", "PUBLIC"))
	conn, err := db.Conn(ctx)
	require.NoError(t, err)
	defer conn.Close()

	var role string
	require.NoError(t, conn.QueryRowContext(ctx, "SELECT CURRENT_ROLE()").Scan(&role))
	require.Equal(t, "PUBLIC", role)

	_, err = conn.ExecContext(ctx, "USE ROLE ANALYST")
	require.NoError(t, err)
	require.Equal(t, "ANALYST", driverRole(t, conn), "the driver followed finalRoleName")
	require.NoError(t, conn.QueryRowContext(ctx, "SELECT CURRENT_ROLE()").Scan(&role))
	require.Equal(t, "ANALYST", role)

	// Refused: a role she does not hold, an object she cannot see.
	_, err = conn.ExecContext(ctx, "USE ROLE ACCOUNTADMIN")
	se := snowflakeError(t, err)
	require.Equal(t, 3013, se.Number)
	require.Equal(t, "42501", se.SQLState)
	require.NotEmpty(t, se.QueryID)
	require.Equal(t, "ANALYST", driverRole(t, conn), "a failed USE ROLE changes nothing")

	_, err = conn.QueryContext(ctx, "SHOW GRANTS ON TABLE HR.PUBLIC.SALARIES")
	se = snowflakeError(t, err)
	require.Equal(t, 2003, se.Number)
	require.Equal(t, "02000", se.SQLState)
	require.Contains(t, se.Message, "Database 'HR' does not exist or not authorized")

	// What ANALYST may see, as the driver reads it and as the engine does.
	for _, q := range []string{"SHOW GRANTS ON TABLE SALES.S.ORDERS", "SHOW GRANTS TO ROLE ANALYST", "SHOW GRANTS TO USER ALICE"} {
		rs, err := conn.QueryContext(ctx, q)
		require.NoError(t, err, q)
		gotCols, got := rows(t, rs)
		wantCols, want := s.inProcess(t, "ALICE", "alice-pw", "ANALYST", q)
		require.Equal(t, wantCols, gotCols, q)
		require.Equal(t, want, got, q)
		require.NotEmpty(t, got, q)
	}

	// A second connection of the pool logs in afresh with the DSN's role.
	conn2, err := db.Conn(ctx)
	require.NoError(t, err)
	defer conn2.Close()
	require.NoError(t, conn2.QueryRowContext(ctx, "SELECT CURRENT_ROLE()").Scan(&role))
	require.Equal(t, "PUBLIC", role)
}

// Login errors reach the driver with their Snowflake numbers.
func TestGoDriverLoginErrors(t *testing.T) {
	s := newServer(t)
	s.setUp(t)
	for _, tc := range []struct {
		user, password, role string
		number               int
	}{
		{"ALICE", "wrong", "", 390100},
		{"NOBODY", "x", "", 390100},
		{"ALICE", "alice-pw", "ACCOUNTADMIN", 390189},
	} {
		err := s.open(t, s.config(tc.user, tc.password, tc.role)).Ping()
		require.Equal(t, tc.number, snowflakeError(t, err).Number, "%+v", tc)
	}
}

// The driver renews an expired session token with its master token and
// retries, without the application noticing.
func TestGoDriverRenewsSession(t *testing.T) {
	s := newServer(t)
	s.setUp(t)
	ctx := context.Background()
	db := s.open(t, s.config("ALICE", "alice-pw", "ANALYST"))
	conn, err := db.Conn(ctx)
	require.NoError(t, err)
	defer conn.Close()
	require.NoError(t, conn.PingContext(ctx))
	s.offset.Add(int64(61 * time.Minute))
	var role string
	require.NoError(t, conn.QueryRowContext(ctx, "SELECT CURRENT_ROLE()").Scan(&role))
	require.Equal(t, "ANALYST", role)
}

// Key-pair authentication (authenticator SNOWFLAKE_JWT) with the driver's
// own JWT.
func TestGoDriverKeyPair(t *testing.T) {
	s := newServer(t)
	s.setUp(t)
	key, err := rsa.GenerateKey(rand.Reader, 2048)
	require.NoError(t, err)
	der, err := x509.MarshalPKIXPublicKey(key.Public())
	require.NoError(t, err)
	sess, err := s.eng.Open(context.Background(), sqlengine.Login{User: "ADMIN", Password: "admin"})
	require.NoError(t, err)
	_, err = sess.Execute(context.Background(), "ALTER USER ALICE SET RSA_PUBLIC_KEY='"+base64.StdEncoding.EncodeToString(der)+"'")
	require.NoError(t, err)

	cfg := s.config("alice", "", "ANALYST")
	cfg.Authenticator = sf.AuthTypeJwt
	cfg.PrivateKey = key
	var role string
	require.NoError(t, s.open(t, cfg).QueryRow("SELECT CURRENT_ROLE()").Scan(&role))
	require.Equal(t, "ANALYST", role)

	other, err := rsa.GenerateKey(rand.Reader, 2048)
	require.NoError(t, err)
	cfg.PrivateKey = other
	require.Equal(t, 390144, snowflakeError(t, s.open(t, cfg).Ping()).Number)
}

// OAuth (authenticator OAUTH) with a token Frostgate issued for a user and
// role: seed 000's per-user write-back flow.
func TestGoDriverOAuth(t *testing.T) {
	s := newServer(t)
	s.setUp(t)
	tok, err := s.srv.IssueOAuthToken("ALICE", "ANALYST", time.Minute)
	require.NoError(t, err)
	cfg := s.config("ALICE", "", "")
	cfg.Authenticator = sf.AuthTypeOAuth
	cfg.Token = tok
	db := s.open(t, cfg)
	var role string
	require.NoError(t, db.QueryRow("SELECT CURRENT_ROLE()").Scan(&role))
	require.Equal(t, "ANALYST", role)
	_, err = db.Query("SHOW GRANTS ON TABLE SALES.S.ORDERS")
	require.NoError(t, err)
}

// Two connections of the pool run statements at once.
func TestGoDriverConcurrentConnections(t *testing.T) {
	s := newServer(t)
	s.setUp(t)
	db := s.open(t, s.config("ALICE", "alice-pw", "ANALYST"))
	db.SetMaxOpenConns(4)
	var wg sync.WaitGroup
	errs := make(chan error, 8)
	for range 8 {
		wg.Go(func() {
			for range 20 {
				var in bool
				if err := db.QueryRow("SELECT IS_ROLE_IN_SESSION('ANALYST')").Scan(&in); err != nil || !in {
					errs <- fmt.Errorf("in=%v: %w", in, err)
					return
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		require.NoError(t, err)
	}
}
