package pgwire

import (
	"crypto/rand"
	"crypto/subtle"
	"crypto/tls"
	"errors"
	"io"
	"log/slog"
	"net"
	"sync"
	"time"

	"github.com/frostgate/frostgate/sqlengine"
)

// Defaults for the zero values of Config.
const (
	DefaultMaxMessageSize = 1 << 20 // Snowflake's own limit on a statement's text is 1 MB
	DefaultStartupTimeout = 10 * time.Second
	DefaultReadTimeout    = 30 * time.Second
	DefaultWriteTimeout   = 30 * time.Second
	DefaultMaxConnections = 1000
	DefaultServerVersion  = "15.0" // what clients gate features on; pgjdbc and psql read it
)

// Config sets up a Server. Only Engine is required.
type Config struct {
	// Engine returns the engine that a new connection logs in to. It is
	// called once per connection, so an emulator can swap engines (reset)
	// while the server runs.
	Engine func() *sqlengine.Engine
	// Auth is how passwords are checked; the zero value is SCRAM-SHA-256.
	Auth AuthMethod
	// TLS, when set, lets clients upgrade with SSLRequest; nil refuses it
	// with 'N' and clients continue in plain text (sslmode=prefer).
	TLS *tls.Config
	// MaxMessageSize caps a message's body in bytes; a larger one ends the
	// connection. Zero means DefaultMaxMessageSize.
	MaxMessageSize int
	// StartupTimeout bounds startup and authentication together.
	StartupTimeout time.Duration
	// ReadTimeout bounds the wait for the next message while the client
	// is in the middle of something: an extended-query batch before its
	// Sync, or a message that has begun to arrive.
	ReadTimeout time.Duration
	// IdleTimeout bounds the wait for the next statement after
	// ReadyForQuery; zero means no limit, as PostgreSQL's default.
	IdleTimeout time.Duration
	// WriteTimeout bounds each write to a client that does not read.
	WriteTimeout time.Duration
	// MaxConnections caps concurrent connections; more are refused with
	// SQLSTATE 53300. Zero means DefaultMaxConnections.
	MaxConnections int
	// ServerVersion is the server_version reported to clients.
	ServerVersion string
	// Logger receives connection events; nil discards them.
	Logger *slog.Logger
	// Trace, when set, receives every message after authentication in
	// libpq's PQtrace layout (startup is not traced: it carries passwords).
	Trace io.Writer
}

// ErrServerClosed is returned by Serve after Close.
var ErrServerClosed = errors.New("pgwire: server closed")

// Server serves the PostgreSQL protocol. Its methods are safe for
// concurrent use.
type Server struct {
	cfg   Config
	log   *slog.Logger
	trace io.Writer

	mu        sync.Mutex
	closed    bool
	listeners map[net.Listener]struct{}
	conns     map[*conn]struct{}
	byPID     map[uint32]*conn // authenticated connections, for CancelRequest
	nextPID   uint32
	mockKey   []byte // keys the made-up SCRAM salts of unknown users

	wg sync.WaitGroup // one per connection goroutine and Serve loop
}

// NewServer returns a server with cfg; it serves nothing until Serve.
func NewServer(cfg Config) *Server {
	if cfg.Engine == nil {
		panic("pgwire: Config.Engine is nil")
	}
	if cfg.MaxMessageSize <= 0 {
		cfg.MaxMessageSize = DefaultMaxMessageSize
	}
	if cfg.StartupTimeout <= 0 {
		cfg.StartupTimeout = DefaultStartupTimeout
	}
	if cfg.ReadTimeout <= 0 {
		cfg.ReadTimeout = DefaultReadTimeout
	}
	if cfg.WriteTimeout <= 0 {
		cfg.WriteTimeout = DefaultWriteTimeout
	}
	if cfg.MaxConnections <= 0 {
		cfg.MaxConnections = DefaultMaxConnections
	}
	if cfg.ServerVersion == "" {
		cfg.ServerVersion = DefaultServerVersion
	}
	s := &Server{cfg: cfg, log: cfg.Logger, listeners: map[net.Listener]struct{}{},
		conns: map[*conn]struct{}{}, byPID: map[uint32]*conn{}, mockKey: make([]byte, 32)}
	if s.log == nil {
		s.log = slog.New(slog.DiscardHandler)
	}
	if cfg.Trace != nil {
		s.trace = &lockedWriter{w: cfg.Trace}
	}
	_, _ = rand.Read(s.mockKey)
	// Process ids start at a random point so that they say nothing
	// about how many sessions came before.
	var b [2]byte
	_, _ = rand.Read(b[:])
	s.nextPID = 1000 + uint32(b[0])<<8 | uint32(b[1])
	return s
}

// Serve accepts connections on l until l fails or the server is closed,
// and serves each on its own goroutine. It returns ErrServerClosed after
// Close, else the accept error. Serve closes l when it returns.
func (s *Server) Serve(l net.Listener) error {
	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		l.Close()
		return ErrServerClosed
	}
	s.listeners[l] = struct{}{}
	s.wg.Add(1)
	s.mu.Unlock()
	defer s.wg.Done()
	defer func() {
		s.mu.Lock()
		delete(s.listeners, l)
		s.mu.Unlock()
		l.Close()
	}()

	var delay time.Duration
	for {
		nc, err := l.Accept()
		if err != nil {
			if s.isClosed() {
				return ErrServerClosed
			}
			var ne net.Error
			if errors.As(err, &ne) && ne.Timeout() {
				// Out of file descriptors and the like: back off as net/http does.
				delay = min(max(2*delay, 5*time.Millisecond), time.Second)
				s.log.Warn("accept failed; retrying", "err", err, "delay", delay)
				time.Sleep(delay)
				continue
			}
			return err
		}
		delay = 0
		s.ServeConn(nc)
	}
}

// ServeConn serves one client connection on a new goroutine and returns
// at once; the connection is closed when the session ends.
func (s *Server) ServeConn(nc net.Conn) {
	c := newConn(s, nc)
	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		nc.Close()
		return
	}
	tooMany := len(s.conns) >= s.cfg.MaxConnections
	s.conns[c] = struct{}{}
	s.wg.Add(1)
	s.mu.Unlock()
	go func() {
		defer s.wg.Done()
		defer s.forget(c)
		c.serve(tooMany)
	}()
}

func (s *Server) isClosed() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.closed
}

// Close stops accepting, ends every connection (a running statement is
// canceled; the client gets FATAL 57P01 as from a PostgreSQL shutdown) and
// waits until every connection goroutine has returned.
func (s *Server) Close() error {
	s.mu.Lock()
	s.closed = true
	for l := range s.listeners {
		l.Close()
	}
	for c := range s.conns {
		c.terminate(errShutdown)
	}
	s.mu.Unlock()
	s.wg.Wait()
	return nil
}

// TerminateAll ends every connection open now, as Close does, but keeps
// serving new ones: an emulator's reset uses it, so that no client keeps
// talking to the account that was replaced.
func (s *Server) TerminateAll() {
	s.mu.Lock()
	defer s.mu.Unlock()
	for c := range s.conns {
		c.terminate(errReset)
	}
}

// Conns returns the number of open connections.
func (s *Server) Conns() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.conns)
}

// register gives an authenticated connection its process id.
func (s *Server) register(c *conn) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for {
		s.nextPID++
		if s.nextPID == 0 {
			continue
		}
		if _, taken := s.byPID[s.nextPID]; !taken {
			break
		}
	}
	c.pid = s.nextPID
	s.byPID[c.pid] = c
}

func (s *Server) forget(c *conn) {
	s.mu.Lock()
	defer s.mu.Unlock()
	delete(s.conns, c)
	if s.byPID[c.pid] == c {
		delete(s.byPID, c.pid)
	}
}

// cancel handles a CancelRequest: the statement running on the
// connection with that process id stops, if the secret matches. As in
// PostgreSQL, the requester learns nothing either way.
func (s *Server) cancel(pid uint32, secret []byte) {
	s.mu.Lock()
	c := s.byPID[pid]
	s.mu.Unlock()
	if c == nil || subtle.ConstantTimeCompare(secret, c.secret) != 1 {
		s.log.Debug("cancel request ignored", "pid", pid)
		return
	}
	s.log.Debug("cancel request", "pid", pid)
	c.cancelRunning()
}

// lockedWriter serialises the trace lines of many connections.
type lockedWriter struct {
	mu sync.Mutex
	w  io.Writer
}

func (l *lockedWriter) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.w.Write(p)
}
