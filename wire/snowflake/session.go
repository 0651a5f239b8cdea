package snowflake

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"net/http"
	"sync"
	"time"

	"github.com/frostgate/frostgate/sferr"
	"github.com/frostgate/frostgate/sqlengine"
)

// session is one driver connection: a sqlengine session and the two tokens
// that name it, as in Snowflake. The session token authorizes requests and
// lasts Config.TokenValidity; the master token only renews the session token
// and lasts Config.MasterTokenValidity from login, renewal or heartbeat.
type session struct {
	engine *sqlengine.Engine // the account it was opened on; a reset swaps the engine and ends the session
	sess   *sqlengine.Session
	id     int64       // the session id, read once: sess is only touched in the session's turn
	params []nameValue // the parameters the client sees in every reply

	// turn admits one statement at a time: sqlengine.Session is not safe
	// for concurrent use, and a driver may share a session between threads.
	// A channel rather than a mutex, so that a waiting request can give up
	// when it is canceled.
	turn chan struct{}

	// Guarded by store.mu.
	token, master             string
	tokenExpiry, masterExpiry time.Time
	running                   map[string]context.CancelFunc // query requestId -> cancel
	closed                    bool
}

// acquire waits for the session's turn or for ctx to end.
func (ss *session) acquire(ctx context.Context) error {
	select {
	case ss.turn <- struct{}{}:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

func (ss *session) release() { <-ss.turn }

// store holds the live sessions by token. Expired sessions are swept out on
// logins, at most once a minute, so a client that never says goodbye costs
// memory only until its master token expires.
type store struct {
	mu        sync.Mutex
	byToken   map[string]*session
	byMaster  map[string]*session
	closed    bool
	lastSweep time.Time
}

func newStore() *store {
	return &store{byToken: map[string]*session{}, byMaster: map[string]*session{}}
}

// newToken returns 256 random bits, URL-safe.
func newToken() string {
	b := make([]byte, 32)
	_, _ = rand.Read(b)
	return base64.RawURLEncoding.EncodeToString(b)
}

// add registers a new session and returns its session and master tokens.
func (st *store) add(eng *sqlengine.Engine, sess *sqlengine.Session, params []nameValue, cfg *Config) (token, master string, err error) {
	now := cfg.Now()
	ss := &session{engine: eng, sess: sess, id: sess.State().SessionID, params: params, turn: make(chan struct{}, 1),
		token: newToken(), master: newToken(),
		tokenExpiry: now.Add(cfg.TokenValidity), masterExpiry: now.Add(cfg.MasterTokenValidity),
		running: map[string]context.CancelFunc{}}
	token, master = ss.token, ss.master
	st.mu.Lock()
	if st.closed {
		st.mu.Unlock()
		return "", "", errClosed
	}
	st.byToken[ss.token] = ss
	st.byMaster[ss.master] = ss
	var expired []*session
	if now.Sub(st.lastSweep) >= time.Minute {
		st.lastSweep = now
		for _, o := range st.byMaster {
			if o.closed || now.After(o.masterExpiry) {
				if st.removeLocked(o) {
					expired = append(expired, o)
				}
			}
		}
	}
	st.mu.Unlock()
	for _, o := range expired {
		o.end()
	}
	return token, master, nil
}

// bySessionToken returns the session a session token names, or the error a
// driver acts on: 390104 unknown (drop the connection), 390111 ended by a
// reset of the account, 390112 expired (renew with the master token and
// retry).
func (st *store) bySessionToken(tok string, eng *sqlengine.Engine, now time.Time) (*session, *sferr.Error) {
	return st.lookup(st.byToken, tok, eng, func(ss *session) (*sferr.Error, bool) {
		if now.After(ss.tokenExpiry) {
			return sferr.SessionExpired(), false // the master token may still renew it
		}
		return nil, false
	})
}

// byMasterToken returns the session a master token names; 390114 when the
// master token has expired, and the session is then ended.
func (st *store) byMasterToken(tok string, eng *sqlengine.Engine, now time.Time) (*session, *sferr.Error) {
	return st.lookup(st.byMaster, tok, eng, func(ss *session) (*sferr.Error, bool) {
		if now.After(ss.masterExpiry) {
			return sferr.MasterTokenExpired(), true
		}
		return nil, false
	})
}

// lookup finds the session tok names in index: 390104 when there is none,
// 390111 (and the session ended) when it belongs to a closed session or an
// account replaced by a reset; then expired says whether the token has
// run out, and whether that ends the session.
func (st *store) lookup(index map[string]*session, tok string, eng *sqlengine.Engine,
	expired func(*session) (*sferr.Error, bool)) (*session, *sferr.Error) {
	st.mu.Lock()
	ss := index[tok]
	var fail *sferr.Error
	end := false
	switch {
	case ss == nil:
		st.mu.Unlock()
		return nil, sferr.SessionTokenInvalid()
	case ss.closed || ss.engine != eng:
		fail, end = sferr.SessionGone(), true
	default:
		fail, end = expired(ss)
	}
	ended := end && st.removeLocked(ss)
	st.mu.Unlock()
	if ended {
		ss.end()
	}
	if fail != nil {
		return nil, fail
	}
	return ss, nil
}

// renew replaces both tokens of a session whose current session token is
// old, and restarts both validities, so a client that keeps renewing keeps
// its session (Snowflake's behaviour: gosnowflake issue #160).
func (st *store) renew(ss *session, old string, cfg *Config) (renewResponse, *sferr.Error) {
	now := cfg.Now()
	st.mu.Lock()
	defer st.mu.Unlock()
	if ss.closed {
		return renewResponse{}, sferr.SessionGone()
	}
	if old != ss.token {
		return renewResponse{}, sferr.SessionTokenInvalid()
	}
	delete(st.byToken, ss.token)
	delete(st.byMaster, ss.master)
	ss.token, ss.master = newToken(), newToken()
	ss.tokenExpiry, ss.masterExpiry = now.Add(cfg.TokenValidity), now.Add(cfg.MasterTokenValidity)
	st.byToken[ss.token] = ss
	st.byMaster[ss.master] = ss
	return renewResponse{SessionToken: ss.token, ValidityInSecondsST: seconds(cfg.TokenValidity),
		MasterToken: ss.master, ValidityInSecondsMT: seconds(cfg.MasterTokenValidity),
		SessionID: ss.id}, nil
}

// keepAlive restarts the master token's validity (a heartbeat's purpose:
// CLIENT_SESSION_KEEP_ALIVE keeps an idle session renewable).
func (st *store) keepAlive(ss *session, cfg *Config) {
	st.mu.Lock()
	defer st.mu.Unlock()
	ss.masterExpiry = cfg.Now().Add(cfg.MasterTokenValidity)
}

// start registers the cancel function of a statement run for requestID, so
// that an abort-request can stop it; it fails once the session has ended.
func (st *store) start(ss *session, requestID string, cancel context.CancelFunc) *sferr.Error {
	st.mu.Lock()
	defer st.mu.Unlock()
	if ss.closed {
		return sferr.SessionGone()
	}
	if requestID != "" {
		ss.running[requestID] = cancel
	}
	return nil
}

// finish forgets a statement registered by start.
func (st *store) finish(ss *session, requestID string) {
	st.mu.Lock()
	defer st.mu.Unlock()
	delete(ss.running, requestID)
}

// isEnded reports whether the session has ended (checked once a statement
// has the session's turn, since an end may have raced with it).
func (st *store) isEnded(ss *session) bool {
	st.mu.Lock()
	defer st.mu.Unlock()
	return ss.closed
}

// cancel stops the statement running for requestID; false if none is.
func (st *store) cancel(ss *session, requestID string) bool {
	st.mu.Lock()
	defer st.mu.Unlock()
	c, ok := ss.running[requestID]
	if ok {
		c()
	}
	return ok
}

// removeTokenOwner ends the session a session token names, expired or not.
func (st *store) removeTokenOwner(tok string) {
	st.mu.Lock()
	ss := st.byToken[tok]
	ended := ss != nil && st.removeLocked(ss)
	st.mu.Unlock()
	if ended {
		ss.end()
	}
}

// removeLocked unlinks ss and, unless that happened already, marks it
// closed and cancels its statements, reporting true: the caller then ends
// it (without st.mu). st.mu is held.
func (st *store) removeLocked(ss *session) bool {
	delete(st.byToken, ss.token)
	delete(st.byMaster, ss.master)
	return st.closeLocked(ss)
}

// closeLocked marks ss closed and cancels its statements; false if it was
// closed already. st.mu is held.
func (st *store) closeLocked(ss *session) bool {
	if ss.closed {
		return false
	}
	ss.closed = true
	for _, c := range ss.running {
		c()
	}
	return true
}

// endAll ends every session without waiting for any: it may run inside a
// statement of one of them (SYSTEM$FROSTGATE_RESET), which holds its
// session's turn until it returns. The sessions stay known, so their
// tokens get 390111 rather than 390104, until used or swept.
func (st *store) endAll() {
	st.mu.Lock()
	var ended []*session
	for _, ss := range st.byMaster {
		if st.closeLocked(ss) {
			ended = append(ended, ss)
		}
	}
	st.mu.Unlock()
	for _, ss := range ended {
		go ss.end()
	}
}

// end closes the sqlengine session once no statement runs on it. Called
// without st.mu, after removeLocked.
func (ss *session) end() {
	ss.turn <- struct{}{}
	_ = ss.sess.Close()
	<-ss.turn
}

func (st *store) isClosed() bool {
	st.mu.Lock()
	defer st.mu.Unlock()
	return st.closed
}

// closeAll ends every session and refuses new ones.
func (st *store) closeAll() {
	st.mu.Lock()
	st.closed = true
	all := make([]*session, 0, len(st.byMaster))
	for _, ss := range st.byMaster {
		if st.removeLocked(ss) {
			all = append(all, ss)
		}
	}
	st.mu.Unlock()
	for _, ss := range all {
		ss.end()
	}
}

func seconds(d time.Duration) int64 { return int64(d / time.Second) }

// deleteSession serves POST /session?delete=true, which every driver sends
// on close. Any token is accepted, even an expired or unknown one: the
// client is done either way (gosnowflake and Node treat 390112 and 390111
// on close as success, other codes as errors).
func (s *Server) deleteSession(w http.ResponseWriter, r *http.Request, _ *session) {
	if r.URL.Query().Get("delete") != "true" {
		s.fail(w, r, http.StatusBadRequest, sferr.BadRequest("POST /session needs delete=true"), "")
		return
	}
	tok, e := bearer(r)
	if e != nil {
		s.fail(w, r, statusOf(e), e, "")
		return
	}
	s.sessions.removeTokenOwner(tok)
	s.ok(w, r, nil)
}

// renew serves POST /session/token-request (requestType RENEW), sent with
// the master token when a reply said 390112.
func (s *Server) renew(w http.ResponseWriter, r *http.Request, ss *session) {
	var req renewRequest
	if e := s.decode(w, r, &req); e != nil {
		s.fail(w, r, statusOf(e), e, "")
		return
	}
	if req.RequestType != "RENEW" {
		s.fail(w, r, http.StatusBadRequest, sferr.BadRequest("requestType must be RENEW"), "")
		return
	}
	data, e := s.sessions.renew(ss, req.OldSessionToken, &s.cfg)
	if e != nil {
		s.fail(w, r, statusOf(e), e, "")
		return
	}
	s.ok(w, r, data)
}

// heartbeat serves POST /session/heartbeat (CLIENT_SESSION_KEEP_ALIVE).
func (s *Server) heartbeat(w http.ResponseWriter, r *http.Request, ss *session) {
	s.sessions.keepAlive(ss, &s.cfg)
	s.ok(w, r, nil)
}

// telemetry serves POST /telemetry/send: accepted and dropped. Drivers send
// it only when CLIENT_TELEMETRY_ENABLED is true, which login reports false.
func (s *Server) telemetry(w http.ResponseWriter, r *http.Request, _ *session) {
	if _, e := s.readBody(w, r); e != nil {
		s.fail(w, r, statusOf(e), e, "")
		return
	}
	s.ok(w, r, nil)
}
