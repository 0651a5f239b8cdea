package pgwire

import (
	"crypto/tls"
	"errors"
	"io"
	"net"
	"sort"
	"strings"
	"time"

	"github.com/jackc/pgx/v5/pgproto3"
	"github.com/jackc/pgx/v5/pgtype"
)

// startup runs the connection's first phase: SSL/GSS negotiation (or a
// CancelRequest), the StartupMessage, authentication, then the parameters
// and key a client needs. It reports whether a session was opened; nothing
// the client sends before that is run as SQL.
func (c *conn) startup(tooMany bool) bool {
	cfg := &c.srv.cfg
	c.setDeadline(time.Now().Add(cfg.StartupTimeout))
	var sm *pgproto3.StartupMessage
	secure := false
	for sm == nil {
		msg, err := c.be.ReceiveStartupMessage()
		if err != nil {
			c.startupFailed(err)
			return false
		}
		switch m := msg.(type) {
		case *pgproto3.SSLRequest:
			if cfg.TLS == nil || secure {
				if _, err := c.nc.Write([]byte{'N'}); err != nil {
					return false
				}
				continue
			}
			if _, err := c.nc.Write([]byte{'S'}); err != nil {
				return false
			}
			tc := tls.Server(c.nc, cfg.TLS)
			if err := tc.Handshake(); err != nil {
				c.log.Debug("TLS handshake failed", "err", err)
				return false
			}
			// A new Backend: anything the client sent in plain text after
			// its SSLRequest is dropped, never read as if it came over TLS.
			c.mu.Lock()
			c.nc = tc
			c.mu.Unlock()
			c.be, secure = c.newBackend(tc), true
		case *pgproto3.GSSEncRequest:
			if _, err := c.nc.Write([]byte{'N'}); err != nil {
				return false
			}
		case *pgproto3.CancelRequest:
			c.srv.cancel(m.ProcessID, m.SecretKey)
			return false
		case *pgproto3.StartupMessage:
			sm = &pgproto3.StartupMessage{ProtocolVersion: m.ProtocolVersion, Parameters: m.Parameters}
		}
	}
	if tooMany {
		c.fatal(&pgError{code: "53300", msg: "sorry, too many clients already"})
		return false
	}
	params := sm.Parameters
	user := params["user"]
	if user == "" {
		c.fatal(&pgError{code: "28000", msg: "no PostgreSQL user name specified in startup packet"})
		return false
	}
	c.negotiateVersion(sm)
	opts, err := parseOptions(params["options"])
	if err != nil {
		c.fatal(err)
		return false
	}
	role := params["role"]
	if r, ok := opts["role"]; ok {
		role = r
	}
	c.user = user
	c.log = c.log.With("user", user)
	if err := c.authenticate(user, role); err != nil {
		c.log.Info("login failed", "user", user, "role", role, "err", err)
		c.fatal(err)
		return false
	}
	c.srv.register(c)
	c.types = pgtype.NewMap()
	for k, v := range opts {
		if k != "role" {
			c.gucs[k] = v
		}
	}
	if v := params["application_name"]; v != "" {
		c.gucs["application_name"] = v
	}
	st := c.sess.State()
	c.log.Info("login", "pid", c.pid, "role", st.Role, "auth", c.srv.cfg.Auth.String())
	c.send(&pgproto3.AuthenticationOk{})
	for _, p := range c.startupParameters() {
		c.send(&pgproto3.ParameterStatus{Name: p[0], Value: p[1]})
	}
	c.send(&pgproto3.BackendKeyData{ProcessID: c.pid, SecretKey: c.secret})
	c.setDeadline(time.Time{})
	if c.srv.trace != nil {
		c.be.Trace(c.srv.trace, pgproto3.TracerOptions{})
	}
	c.readyForQuery()
	return true
}

// startupFailed answers a startup packet that could not be read: a
// client that went away or timed out gets nothing, a malformed packet a
// FATAL protocol violation.
func (c *conn) startupFailed(err error) {
	var ne net.Error
	if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) || (errors.As(err, &ne) && ne.Timeout()) {
		c.log.Debug("startup ended", "err", err)
		return
	}
	c.fatal(&pgError{code: "08P01", msg: "invalid startup packet: " + err.Error()})
}

// negotiateVersion answers a client that asks for a newer minor version
// than 3.0, or for protocol options (_pq_.*), as PostgreSQL 15 does:
// NegotiateProtocolVersion, then the session continues in 3.0.
func (c *conn) negotiateVersion(sm *pgproto3.StartupMessage) {
	var unknown []string
	for k := range sm.Parameters {
		if strings.HasPrefix(k, "_pq_.") {
			unknown = append(unknown, k)
		}
	}
	sort.Strings(unknown)
	if sm.ProtocolVersion != pgproto3.ProtocolVersion30 || len(unknown) > 0 {
		c.send(&pgproto3.NegotiateProtocolVersion{NewestMinorProtocol: 0, UnrecognizedOptions: unknown})
	}
}

// startupParameters are the ParameterStatus messages a session starts
// with: what psql, pgx, lib/pq and pgjdbc read or insist on (client_encoding
// UTF8, DateStyle starting with ISO), then the Snowflake context.
func (c *conn) startupParameters() [][2]string {
	st := c.sess.State()
	c.reported = st
	return [][2]string{
		{"server_version", c.srv.cfg.ServerVersion},
		{"server_encoding", "UTF8"},
		{"client_encoding", "UTF8"},
		{"DateStyle", "ISO, MDY"},
		{"IntervalStyle", "postgres"},
		{"TimeZone", "UTC"},
		{"integer_datetimes", "on"},
		{"standard_conforming_strings", "on"},
		{"is_superuser", "off"},
		{"default_transaction_read_only", "off"},
		{"in_hot_standby", "off"},
		{"session_authorization", st.User},
		{"application_name", c.gucs["application_name"]},
		{"snowflake.role", st.Role},
		{"snowflake.database", st.Database},
		{"snowflake.schema", st.Schema},
		{"snowflake.warehouse", st.Warehouse},
	}
}

// reportState sends ParameterStatus for each part of the Snowflake
// context a statement changed (USE ROLE, USE DATABASE ...), the way
// PostgreSQL reports a changed parameter and Snowflake's drivers read the
// final* fields of a response.
func (c *conn) reportState() {
	if c.sess == nil {
		return
	}
	st := c.sess.State()
	for _, p := range [][3]string{
		{"snowflake.role", c.reported.Role, st.Role},
		{"snowflake.database", c.reported.Database, st.Database},
		{"snowflake.schema", c.reported.Schema, st.Schema},
		{"snowflake.warehouse", c.reported.Warehouse, st.Warehouse},
	} {
		if p[1] != p[2] {
			c.send(&pgproto3.ParameterStatus{Name: p[0], Value: p[2]})
		}
	}
	c.reported = st
}

// parseOptions reads the startup "options" parameter, a command line as
// libpq passes it: "-c name=value", "-cname=value" or "--name=value",
// separated by spaces, "\ " for a space inside a value. Names are folded
// to lower case with '-' read as '_', as PostgreSQL does.
func parseOptions(s string) (map[string]string, error) {
	var words []string
	var w strings.Builder
	pending := false
	for i := 0; i < len(s); i++ {
		switch ch := s[i]; {
		case ch == '\\' && i+1 < len(s):
			i++
			w.WriteByte(s[i])
			pending = true
		case ch == ' ' || ch == '\t':
			if pending {
				words = append(words, w.String())
				w.Reset()
				pending = false
			}
		default:
			w.WriteByte(ch)
			pending = true
		}
	}
	if pending {
		words = append(words, w.String())
	}
	out := map[string]string{}
	for i := 0; i < len(words); i++ {
		var setting string
		switch word := words[i]; {
		case word == "-c" && i+1 < len(words):
			i++
			setting = words[i]
		case strings.HasPrefix(word, "-c") && len(word) > 2:
			setting = word[2:]
		case strings.HasPrefix(word, "--"):
			setting = word[2:]
		default:
			return nil, &pgError{code: "42601", msg: "invalid command-line argument for server process: " + word}
		}
		name, value, ok := strings.Cut(setting, "=")
		if !ok || name == "" {
			return nil, &pgError{code: "42601", msg: "-c " + setting + " requires a value"}
		}
		out[strings.ReplaceAll(strings.ToLower(name), "-", "_")] = value
	}
	return out, nil
}
