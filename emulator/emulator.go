package emulator

import (
	"context"
	"crypto/tls"
	"errors"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/frostgate/frostgate/emulator/account"
	"github.com/frostgate/frostgate/sqlengine"
	"github.com/frostgate/frostgate/wire/pgwire"
	"github.com/frostgate/frostgate/wire/snowflake"
)

// AdminUser is the administrator every fresh account has; it holds
// ACCOUNTADMIN.
const AdminUser = "ADMIN"

// DefaultAdminPassword is AdminUser's password unless Options say otherwise.
const DefaultAdminPassword = "admin"

// AccountName is the account locator drivers name in their DSN; any name
// is accepted.
const AccountName = "FROSTGATE"

// Options configure Start. The zero value serves the PostgreSQL protocol
// and Snowflake's driver protocol on 127.0.0.1 with ephemeral ports,
// SCRAM-SHA-256, no TLS, and ADMIN's password "admin".
type Options struct {
	// AdminPassword is the password of user ADMIN, in the first account
	// and after every Reset.
	AdminPassword string
	// PGAddr is where the PostgreSQL protocol listens, "host:port";
	// empty means "127.0.0.1:0" (an ephemeral port; [::1] without IPv4).
	PGAddr string
	// PGAuth is how PostgreSQL clients authenticate (SCRAM-SHA-256 by
	// default; MD5 or cleartext for old clients).
	PGAuth pgwire.AuthMethod
	// TLS, if set, lets PostgreSQL clients upgrade to TLS (SSLRequest);
	// without it they are answered 'N' and continue in plain text.
	TLS *tls.Config

	// HTTPAddr is where Snowflake's driver protocol (HTTP) listens,
	// "host:port"; empty means "127.0.0.1:0".
	HTTPAddr string

	// Logger receives connection and session events; nil discards them.
	Logger *slog.Logger
	// Trace, if set, receives every PostgreSQL message after
	// authentication, in libpq's PQtrace layout.
	Trace io.Writer
	// PGIdleTimeout ends PostgreSQL sessions idle for longer; zero keeps
	// them open, as PostgreSQL does.
	PGIdleTimeout time.Duration

	// AppRoot is the folder relative application folder paths resolve
	// against (ALTER APPLICATION PACKAGE ... ADD VERSION ... USING 'dir',
	// where the folder stands in for a stage); empty means the process's
	// working directory.
	AppRoot string
}

// Server is a running emulator. Its fields are results and must not be
// changed; its methods are safe for concurrent use.
type Server struct {
	// PGAddr is the address of the PostgreSQL listener, "host:port", for
	// example "127.0.0.1:54321".
	PGAddr string
	// SnowflakeURL is the base URL of the HTTP listener that serves the
	// Snowflake driver protocol, "http://host:port" with no trailing slash.
	SnowflakeURL string

	opts   Options
	engine atomic.Pointer[sqlengine.Engine]
	pg     *pgwire.Server
	sf     *snowflake.Server
	http   *http.Server
	served sync.WaitGroup

	closeOnce sync.Once
	closeErr  error
	resetMu   sync.Mutex
}

// Start starts an emulator on a fresh account and returns once its
// listeners accept connections. ctx bounds the start only; Close stops the
// emulator.
func Start(ctx context.Context, opts Options) (*Server, error) {
	if opts.AdminPassword == "" {
		opts.AdminPassword = DefaultAdminPassword
	}
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.DiscardHandler)
	}
	s := &Server{opts: opts}
	s.engine.Store(s.newEngine())
	s.pg = pgwire.NewServer(pgwire.Config{Engine: s.Engine, Auth: opts.PGAuth, TLS: opts.TLS,
		IdleTimeout: opts.PGIdleTimeout, Logger: opts.Logger.With("protocol", "postgres"), Trace: opts.Trace})

	pl, err := listen(ctx, opts.PGAddr)
	if err != nil {
		return nil, err
	}
	s.PGAddr = pl.Addr().String()
	s.served.Add(1)
	go func() {
		defer s.served.Done()
		if err := s.pg.Serve(pl); !errors.Is(err, pgwire.ErrServerClosed) {
			opts.Logger.Error("PostgreSQL listener failed", "err", err)
		}
	}()

	hl, err := listen(ctx, opts.HTTPAddr)
	if err != nil {
		s.Close()
		return nil, err
	}
	s.sf = snowflake.New(snowflake.Config{Engine: s.Engine, Logger: opts.Logger.With("protocol", "snowflake")})
	s.http = &http.Server{Handler: s.sf, ReadHeaderTimeout: 10 * time.Second, IdleTimeout: 2 * time.Minute,
		ErrorLog: slog.NewLogLogger(opts.Logger.Handler(), slog.LevelWarn)}
	s.SnowflakeURL = "http://" + hl.Addr().String()
	s.served.Add(1)
	go func() {
		defer s.served.Done()
		if err := s.http.Serve(hl); !errors.Is(err, http.ErrServerClosed) {
			opts.Logger.Error("HTTP listener failed", "err", err)
		}
	}()
	return s, nil
}

// listen listens on addr, by default on an ephemeral loopback port
// (127.0.0.1, else [::1], as httptest does).
func listen(ctx context.Context, addr string) (net.Listener, error) {
	var lc net.ListenConfig
	if addr != "" {
		return lc.Listen(ctx, "tcp", addr)
	}
	l, err := lc.Listen(ctx, "tcp", "127.0.0.1:0")
	if err != nil {
		if l6, err6 := lc.Listen(ctx, "tcp", "[::1]:0"); err6 == nil {
			return l6, nil
		}
	}
	return l, err
}

// newEngine builds a fresh account and its engine, whose
// SYSTEM$FROSTGATE_RESET() resets this emulator.
func (s *Server) newEngine() *sqlengine.Engine {
	eng := sqlengine.New(account.New(account.Config{AdminPassword: s.opts.AdminPassword}))
	eng.SetResetHook(s.Reset)
	eng.SetAppRoot(s.opts.AppRoot)
	return eng
}

// Engine returns the engine of the current account; it changes on Reset.
func (s *Server) Engine() *sqlengine.Engine { return s.engine.Load() }

// Session logs in without a network: user and password as a client would
// give them, role the login role ("" for the user's default role). The
// session belongs to the account current at the call and is not safe for
// concurrent use.
func (s *Server) Session(ctx context.Context, user, password, role string) (*sqlengine.Session, error) {
	return s.Engine().Open(ctx, sqlengine.Login{User: user, Password: password, Role: role})
}

// Admin returns a new session of ADMIN with role ACCOUNTADMIN, ready for
// statements.
func (s *Server) Admin(ctx context.Context) (*sqlengine.Session, error) {
	return s.Session(ctx, AdminUser, s.opts.AdminPassword, "ACCOUNTADMIN")
}

// PGConnString returns a PostgreSQL connection URL for user, password and
// login role (empty: the user's default role), for pgx, lib/pq, psql and
// pgbench:
//
//	postgres://USER:PASSWORD@HOST:PORT/frostgate?sslmode=disable&options=-c%20role%3DROLE
//
// The database name is ignored. sslmode is "require" when Options.TLS is set.
func (s *Server) PGConnString(user, password, role string) string {
	sslmode := "disable"
	if s.opts.TLS != nil {
		sslmode = "require"
	}
	// Spaces as %20, not '+': libpq (psql, pgbench) does not read '+' as a space.
	query := "sslmode=" + sslmode
	if role != "" {
		query += "&options=" + strings.ReplaceAll(url.QueryEscape("-c role="+role), "+", "%20")
	}
	u := url.URL{Scheme: "postgres", User: url.UserPassword(user, password), Host: s.PGAddr, Path: "/frostgate",
		RawQuery: query}
	return u.String()
}

// SnowflakeDSN returns a gosnowflake DSN for user, password and login role
// (empty: the user's default role), over plain HTTP:
//
//	USER:PASSWORD@HOST:PORT?account=FROSTGATE&protocol=http&role=ROLE
func (s *Server) SnowflakeDSN(user, password, role string) string {
	return snowflake.DSN(strings.TrimPrefix(s.SnowflakeURL, "http://"), AccountName, user, password, role)
}

// OAuthToken issues an OAuth access token for user, scoped to role, valid
// for ttl, which drivers present with authenticator=OAUTH (seed 000's
// write-back flow).
func (s *Server) OAuthToken(user, role string, ttl time.Duration) (string, error) {
	return s.sf.IssueOAuthToken(user, role, ttl)
}

// Reset replaces the account with a fresh one (ADMIN's password as in
// Options) and ends every PostgreSQL connection open at the time (FATAL
// 57P01), so that no client keeps talking to the old account; sessions
// from Session keep the old account. Over the network, only an
// ACCOUNTADMIN session may reset, with SELECT SYSTEM$FROSTGATE_RESET().
func (s *Server) Reset() error {
	s.resetMu.Lock()
	defer s.resetMu.Unlock()
	s.engine.Store(s.newEngine())
	s.pg.TerminateAll()
	s.sf.Reset()
	s.opts.Logger.Info("account reset")
	return nil
}

// Close stops the listeners, ends every session (a running statement is
// canceled) and returns when all of them have ended. Calling it again
// returns the first call's result.
func (s *Server) Close() error {
	s.closeOnce.Do(func() {
		errs := []error{s.pg.Close()}
		if s.http != nil {
			ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
			if err := s.http.Shutdown(ctx); err != nil {
				errs = append(errs, s.http.Close())
			}
			cancel()
			s.sf.Close()
		}
		s.served.Wait()
		s.closeErr = errors.Join(errs...)
	})
	return s.closeErr
}
