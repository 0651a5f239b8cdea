package pgwire

import (
	"context"
	"crypto/rand"
	"errors"
	"io"
	"log/slog"
	"net"
	"runtime/debug"
	"sync"
	"time"

	"github.com/jackc/pgx/v5/pgproto3"
	"github.com/jackc/pgx/v5/pgtype"

	"github.com/frostgate/frostgate/sqlengine"
)

// conn is one client connection. Its goroutine owns every field except
// those under mu, which the server touches to cancel or end it.
type conn struct {
	srv    *Server
	nc     net.Conn
	in     *framedReader // what the Backend reads through
	be     *pgproto3.Backend
	log    *slog.Logger
	pid    uint32
	secret []byte

	sess     *sqlengine.Session
	user     string            // as the client sent it
	gucs     map[string]string // PostgreSQL parameters set by the client
	reported sqlengine.State   // the Snowflake context last sent as ParameterStatus
	types    *pgtype.Map       // encoders and decoders of values

	// extended query state
	stmts      map[string]*prepared
	portals    map[string]*portal
	skipToSync bool // after an error, until the next Sync
	inBatch    bool // a message other than Sync/Query has come since ReadyForQuery
	txStatus   byte // 'I' or 'T', for ReadyForQuery

	mu      sync.Mutex
	stop    *pgError           // why the server wants the connection to end
	running context.CancelFunc // cancels the statement being executed
}

func newConn(s *Server, nc net.Conn) *conn {
	c := &conn{srv: s, nc: nc, log: s.log.With("remote", nc.RemoteAddr().String()),
		gucs: map[string]string{}, stmts: map[string]*prepared{}, portals: map[string]*portal{}, txStatus: 'I'}
	c.be = c.newBackend(nc)
	c.secret = make([]byte, 4)
	_, _ = rand.Read(c.secret)
	return c
}

// newBackend reads and writes nc (the socket, or TLS over it) through a
// framedReader.
func (c *conn) newBackend(nc net.Conn) *pgproto3.Backend {
	c.in = newFramedReader(nc, c.midMessage)
	be := pgproto3.NewBackend(c.in, nc)
	be.SetMaxBodyLen(c.srv.cfg.MaxMessageSize)
	return be
}

// midMessage shortens the read deadline once a message has begun to
// arrive: the rest must follow within ReadTimeout. (During startup the
// StartupTimeout deadline stays.)
func (c *conn) midMessage() {
	if c.sess == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.stop == nil {
		_ = c.nc.SetReadDeadline(time.Now().Add(c.srv.cfg.ReadTimeout))
	}
}

// serve runs the connection to its end. A panic is logged and answered
// with a FATAL error, and never takes the server down.
func (c *conn) serve(tooMany bool) {
	defer func() { c.nc.Close() }() // the TLS connection once there is one
	defer func() {
		if r := recover(); r != nil {
			c.log.Error("panic serving connection", "panic", r, "stack", string(debug.Stack()))
			c.fatal(&pgError{code: "XX000", msg: "internal error; the connection is closed"})
		}
	}()
	c.log.Debug("connection opened")
	if !c.startup(tooMany) {
		return
	}
	defer c.sess.Close()
	c.loop()
	c.log.Debug("connection closed", "pid", c.pid)
}

// loop reads and answers messages until the client leaves or the server
// ends the connection.
func (c *conn) loop() {
	for {
		msg, err := c.receive()
		if err != nil {
			c.readFailed(err)
			return
		}
		if !c.handle(msg) {
			return
		}
	}
}

// receive waits for the next message, with the idle timeout at
// ReadyForQuery and the read timeout inside a batch or a message.
func (c *conn) receive() (pgproto3.FrontendMessage, error) {
	timeout := c.srv.cfg.IdleTimeout
	if c.inBatch || c.in.midMessage() {
		timeout = c.srv.cfg.ReadTimeout
	}
	c.mu.Lock()
	if c.stop != nil {
		c.mu.Unlock()
		return nil, errStopped
	}
	var deadline time.Time
	if timeout > 0 {
		deadline = time.Now().Add(timeout)
	}
	_ = c.nc.SetReadDeadline(deadline)
	c.mu.Unlock()
	return c.be.Receive()
}

// setDeadline sets the read and write deadline, unless the server has
// already asked the connection to end (then reads fail at once).
func (c *conn) setDeadline(t time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.stop != nil {
		t = time.Now()
	}
	_ = c.nc.SetDeadline(t)
}

var errStopped = errors.New("connection stopped by the server")

// readFailed ends the connection after a failed read: silently when the
// client went away, else with the reason as a FATAL error.
func (c *conn) readFailed(err error) {
	c.mu.Lock()
	stop := c.stop
	c.mu.Unlock()
	var ne net.Error
	var tooBig *pgproto3.ExceededMaxBodyLenErr
	switch {
	case stop != nil:
		c.fatal(stop)
	case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF), errors.Is(err, net.ErrClosed):
		c.log.Debug("client went away", "err", err)
	case errors.As(err, &ne) && ne.Timeout():
		if c.inBatch || c.in.midMessage() {
			c.fatal(&pgError{code: "08006", msg: "terminating connection: the client stopped in the middle of a message or batch"})
		} else {
			c.fatal(&pgError{code: "57P05", msg: "terminating connection due to idle-session timeout"})
		}
	case errors.As(err, &tooBig):
		c.fatal(&pgError{code: "54000", msg: "message too large: " + err.Error()})
	default:
		c.log.Debug("bad message", "err", err)
		c.fatal(&pgError{code: "08P01", msg: "invalid message: " + err.Error()})
	}
}

// terminate asks the connection to end with reason: its running
// statement is canceled and a blocked read returns at once.
func (c *conn) terminate(reason *pgError) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.stop == nil {
		c.stop = reason
	}
	if c.running != nil {
		c.running()
	}
	_ = c.nc.SetReadDeadline(time.Now())
}

func (c *conn) cancelRunning() {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.running != nil {
		c.running()
	}
}

// execute runs one statement on the session, cancelable by CancelRequest
// and by the server's Close.
func (c *conn) execute(sql string) (*sqlengine.Result, error) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	c.mu.Lock()
	if c.stop != nil {
		c.mu.Unlock()
		return nil, c.stop
	}
	c.running = cancel
	c.mu.Unlock()
	defer func() {
		c.mu.Lock()
		c.running = nil
		c.mu.Unlock()
	}()
	c.log.Debug("execute", "pid", c.pid, "sql", sql)
	return c.sess.Execute(ctx, sql)
}

// handle answers one message and reports whether to go on.
func (c *conn) handle(msg pgproto3.FrontendMessage) bool {
	switch m := msg.(type) {
	case *pgproto3.Query:
		// As in PostgreSQL, a Query also ends the skipping after an error.
		c.inBatch, c.skipToSync = false, false
		c.simpleQuery(m.String)
	case *pgproto3.Sync:
		c.sync()
	case *pgproto3.Terminate:
		return false
	case *pgproto3.Flush:
		c.flush()
	case *pgproto3.CopyData, *pgproto3.CopyDone, *pgproto3.CopyFail:
		// PostgreSQL ignores these outside COPY: they follow a failed COPY.
	default:
		c.inBatch = true
		if c.skipToSync {
			return true
		}
		if err := c.extended(msg); err != nil {
			c.sendError(err)
			c.skipToSync = true
		}
	}
	return true
}

// send buffers a message; flush writes the buffer.
func (c *conn) send(msg pgproto3.BackendMessage) { c.be.Send(msg) }

func (c *conn) flush() bool {
	_ = c.nc.SetWriteDeadline(time.Now().Add(c.srv.cfg.WriteTimeout))
	if err := c.be.Flush(); err != nil {
		c.log.Debug("write failed", "err", err)
		c.terminate(&pgError{code: "08006", msg: "write failed"})
		return false
	}
	return true
}

// readyForQuery ends a simple query or a Sync.
func (c *conn) readyForQuery() {
	c.reportState()
	c.send(&pgproto3.ReadyForQuery{TxStatus: c.txStatus})
	c.flush()
}

// fatal sends a FATAL error and leaves the connection to be closed.
func (c *conn) fatal(err error) {
	c.send(errorResponse(err, "FATAL"))
	c.flush()
}

// sendError sends an ERROR for a failed statement or message.
func (c *conn) sendError(err error) {
	c.log.Debug("statement failed", "pid", c.pid, "err", err)
	c.send(errorResponse(err, "ERROR"))
}
