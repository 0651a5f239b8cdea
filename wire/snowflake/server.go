package snowflake

import (
	"bytes"
	"compress/gzip"
	"crypto/rand"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"runtime/debug"
	"strings"
	"sync"
	"time"

	"github.com/frostgate/frostgate/sferr"
	"github.com/frostgate/frostgate/sqlengine"
)

// Config is what New needs. Set it before New; the Server keeps a copy.
type Config struct {
	// Engine returns the engine of the emulated account. Required. It is
	// called on every request, so it must be safe for concurrent use; it may
	// return a different engine after the emulator resets the account, and
	// sessions opened on the previous one then end (390111).
	Engine func() *sqlengine.Engine
	// Logger receives one record per failed request and per panic; nil
	// discards them.
	Logger *slog.Logger
	// TokenValidity is how long a session token lasts before drivers must
	// renew it with the master token; 0 means one hour, as in Snowflake.
	TokenValidity time.Duration
	// MasterTokenValidity is how long a master token lasts without a renewal
	// or heartbeat, after which the client must log in again; 0 means four
	// hours, as in Snowflake.
	MasterTokenValidity time.Duration
	// Now returns the current time (tokens, JWT checks); nil means time.Now.
	Now func() time.Time
	// MaxRequestBytes caps a request body, counted after gzip decompression;
	// 0 means 8 MiB.
	MaxRequestBytes int64
	// ReadTimeout bounds reading one request body, so a client that stops
	// sending cannot hold a handler; 0 means 30 seconds. The http.Server
	// serving the handler should still set ReadHeaderTimeout and IdleTimeout.
	ReadTimeout time.Duration
	// AdminUser is the only user whose credentials (HTTP basic auth) the
	// /frostgate/v1/ endpoints accept; "" means ADMIN.
	AdminUser string
	// Trace, if set, receives one line per request and its outcome, with no
	// passwords or tokens (pgproto3's Trace in spirit).
	Trace io.Writer
}

// Server serves Snowflake's driver protocol (the "v1" REST/JSON API of the
// official drivers) over a sqlengine.Engine. It implements http.Handler and
// is safe for concurrent use; Close ends every session.
type Server struct {
	cfg      Config
	log      *slog.Logger
	sessions *store
	oauthKey []byte // signs the OAuth access tokens IssueOAuthToken makes

	traceMu sync.Mutex
}

// New returns a Server for cfg. It panics if cfg.Engine is nil: that is a
// programming error, as with httptest.Server misuse.
func New(cfg Config) *Server {
	if cfg.Engine == nil {
		panic("snowflake.New: Config.Engine is nil")
	}
	if cfg.TokenValidity <= 0 {
		cfg.TokenValidity = time.Hour
	}
	if cfg.MasterTokenValidity <= 0 {
		cfg.MasterTokenValidity = 4 * time.Hour
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.MaxRequestBytes <= 0 {
		cfg.MaxRequestBytes = 8 << 20
	}
	if cfg.ReadTimeout <= 0 {
		cfg.ReadTimeout = 30 * time.Second
	}
	if cfg.AdminUser == "" {
		cfg.AdminUser = "ADMIN"
	}
	log := cfg.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	key := make([]byte, 32)
	_, _ = rand.Read(key)
	return &Server{cfg: cfg, log: log, sessions: newStore(), oauthKey: key}
}

// Close ends every session: running statements are canceled, and later
// requests with their tokens fail with 390111, logins with 503. It does not
// stop the HTTP listener (http.Server.Shutdown does). Close is idempotent.
func (s *Server) Close() error {
	s.sessions.closeAll()
	return nil
}

// Reset ends every session, as the emulator does when it replaces the
// account: their statements are canceled and their tokens get 390111 from
// then on; new logins go to the engine Config.Engine then returns. It does
// not wait for running statements, so it may be called from inside one
// (the emulator's SYSTEM$FROSTGATE_RESET). Without it, sessions of a
// replaced engine end at their next request all the same.
func (s *Server) Reset() { s.sessions.endAll() }

// handler serves one endpoint. Session endpoints receive the session the
// request's token names (the store has checked it).
type handler func(s *Server, w http.ResponseWriter, r *http.Request, ss *session)

// auth says which credential an endpoint needs.
type auth int

const (
	authNone    auth = iota // login, telemetry
	authSession             // Authorization: Snowflake Token="<session token>"
	authMaster              // Authorization: Snowflake Token="<master token>" (renew)
	authAdmin               // HTTP basic auth as Config.AdminUser (admin.go)
)

type endpoint struct {
	auth   auth
	handle handler
}

// endpoints is the protocol: path -> handler. Every endpoint is POST, as in
// Snowflake (closing a session is POST /session?delete=true, not DELETE).
// Paths from gosnowflake restful.go and Node lib/services/sf.js.
var endpoints = map[string]endpoint{
	"/session/v1/login-request": {authNone, (*Server).login},
	"/queries/v1/query-request": {authSession, (*Server).query},
	"/queries/v1/abort-request": {authSession, (*Server).abort},
	"/session":                  {authNone, (*Server).deleteSession}, // ?delete=true; any token, even an expired one
	"/session/token-request":    {authMaster, (*Server).renew},
	"/session/heartbeat":        {authSession, (*Server).heartbeat},
	"/telemetry/send":           {authNone, (*Server).telemetry},
	"/frostgate/v1/oauth-token": {authAdmin, (*Server).issueOAuth},
}

// ServeHTTP implements http.Handler: it routes by path, checks the method
// and the credential, and guards the request against panics.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	defer s.recoverPanic(w, r)
	ep, ok := endpoints[r.URL.Path]
	if !ok {
		s.fail(w, r, http.StatusNotFound, sferr.BadRequest("no endpoint "+r.URL.Path), "")
		return
	}
	if r.Method != http.MethodPost {
		w.Header().Set("Allow", http.MethodPost)
		s.fail(w, r, http.StatusMethodNotAllowed, sferr.BadRequest(r.Method+" is not allowed, use POST"), "")
		return
	}
	if s.sessions.isClosed() {
		s.fail(w, r, http.StatusServiceUnavailable, sferr.SessionGone(), "")
		return
	}
	var ss *session
	switch ep.auth {
	case authSession, authMaster:
		tok, e := bearer(r)
		if e == nil {
			if ep.auth == authSession {
				ss, e = s.sessions.bySessionToken(tok, s.cfg.Engine(), s.cfg.Now())
			} else {
				ss, e = s.sessions.byMasterToken(tok, s.cfg.Engine(), s.cfg.Now())
			}
		}
		if e != nil {
			s.fail(w, r, statusOf(e), e, "")
			return
		}
	case authAdmin:
		if e := s.checkAdmin(r); e != nil {
			w.Header().Set("WWW-Authenticate", `Basic realm="frostgate"`)
			s.fail(w, r, http.StatusUnauthorized, e, "")
			return
		}
	}
	ep.handle(s, w, r, ss)
}

// recoverPanic turns a panic in one request into a 500 reply and a log
// record, so one bad request never takes the server down.
func (s *Server) recoverPanic(w http.ResponseWriter, r *http.Request) {
	v := recover()
	if v == nil {
		return
	}
	if v == http.ErrAbortHandler { //nolint:errorlint // a sentinel value, compared as net/http does
		panic(v)
	}
	s.log.Error("snowflake: panic serving request", "path", r.URL.Path, "panic", fmt.Sprint(v), "stack", string(debug.Stack()))
	s.fail(w, r, http.StatusInternalServerError, sferr.Internal("the request could not be served"), "")
}

// bearer returns the token of an `Authorization: Snowflake Token="..."`
// header (gosnowflake restful.go headerSnowflakeToken).
func bearer(r *http.Request) (string, *sferr.Error) {
	h := r.Header.Get("Authorization")
	const prefix = "Snowflake Token="
	if len(h) < len(prefix) || !strings.EqualFold(h[:len(prefix)], prefix) {
		return "", sferr.AuthorizationMissing()
	}
	tok := strings.TrimSpace(h[len(prefix):])
	if len(tok) >= 2 && tok[0] == '"' && tok[len(tok)-1] == '"' {
		tok = tok[1 : len(tok)-1]
	}
	if tok == "" {
		return "", sferr.AuthorizationMissing()
	}
	return tok, nil
}

// decode reads the request body into v: at most MaxRequestBytes, gunzipped
// when the client compressed it (the Node and Python drivers do, saying so
// in Content-Encoding; the gzip magic number is honoured too), within
// ReadTimeout. An empty body decodes as {}.
func (s *Server) decode(w http.ResponseWriter, r *http.Request, v any) *sferr.Error {
	body, e := s.readBody(w, r)
	if e != nil {
		return e
	}
	if len(bytes.TrimSpace(body)) == 0 {
		return nil
	}
	if err := json.Unmarshal(body, v); err != nil {
		return sferr.BadRequest("the body is not the expected JSON")
	}
	return nil
}

func (s *Server) readBody(w http.ResponseWriter, r *http.Request) ([]byte, *sferr.Error) {
	// Not every ResponseWriter supports deadlines (httptest's recorder does
	// not); then the http.Server's own timeouts apply.
	_ = http.NewResponseController(w).SetReadDeadline(time.Now().Add(s.cfg.ReadTimeout))
	limit := s.cfg.MaxRequestBytes
	raw, err := io.ReadAll(io.LimitReader(r.Body, limit+1))
	if err != nil {
		return nil, sferr.BadRequest("the body could not be read")
	}
	if int64(len(raw)) > limit {
		return nil, sferr.BadRequest(fmt.Sprintf("the body is larger than %d bytes", limit))
	}
	enc := strings.ToLower(strings.TrimSpace(r.Header.Get("Content-Encoding")))
	gzipped := enc == "gzip" || (enc == "" && len(raw) >= 2 && raw[0] == 0x1f && raw[1] == 0x8b)
	switch {
	case gzipped:
		zr, err := gzip.NewReader(bytes.NewReader(raw))
		if err != nil {
			return nil, sferr.BadRequest("the body is not valid gzip")
		}
		plain, err := io.ReadAll(io.LimitReader(zr, limit+1))
		if err != nil {
			return nil, sferr.BadRequest("the body is not valid gzip")
		}
		if int64(len(plain)) > limit {
			return nil, sferr.BadRequest(fmt.Sprintf("the body is larger than %d bytes once decompressed", limit))
		}
		return plain, nil
	case enc == "" || enc == "identity":
		return raw, nil
	}
	return nil, sferr.BadRequest("unsupported Content-Encoding " + enc)
}

// ok writes a successful reply with data.
func (s *Server) ok(w http.ResponseWriter, r *http.Request, data any) {
	s.trace(r, "ok")
	writeJSON(w, http.StatusOK, response{Data: data, Success: true})
}

// fail writes a failure reply (errors.go) and logs it.
func (s *Server) fail(w http.ResponseWriter, r *http.Request, status int, e *sferr.Error, queryID string) {
	s.trace(r, e.Error())
	if status >= 500 || e.Number == 390400 {
		s.log.Warn("snowflake: request failed", "path", r.URL.Path, "status", status, "error", e.Error())
	} else {
		s.log.Debug("snowflake: request failed", "path", r.URL.Path, "status", status, "error", e.Error())
	}
	writeJSON(w, status, failure(e, queryID))
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	b, err := json.Marshal(v)
	if err != nil {
		// Replies are built from plain structs; this is a Frostgate bug.
		status = http.StatusInternalServerError
		b, _ = json.Marshal(failure(sferr.Internal("the reply could not be encoded"), ""))
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_, _ = w.Write(b)
}

// trace writes one line to Config.Trace: the endpoint and the outcome.
func (s *Server) trace(r *http.Request, outcome string) {
	if s.cfg.Trace == nil {
		return
	}
	s.traceMu.Lock()
	defer s.traceMu.Unlock()
	fmt.Fprintf(s.cfg.Trace, "%s %s: %s\n", r.Method, r.URL.Path, strings.ReplaceAll(outcome, "\n", " "))
}

// errClosed is returned by the store after Close.
var errClosed = errors.New("snowflake: server closed")
