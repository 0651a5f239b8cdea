package snowflake_test

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"sync"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/frostgate/frostgate/emulator/account"
	"github.com/frostgate/frostgate/sqlengine"
	"github.com/frostgate/frostgate/wire/snowflake"
)

// env is a Server over a fresh account, served by httptest, whose engine a
// test can swap as the emulator's reset does.
type env struct {
	t   *testing.T
	srv *snowflake.Server
	hs  *httptest.Server

	mu  sync.Mutex
	eng *sqlengine.Engine
}

func newEnv(t *testing.T, cfg snowflake.Config) *env {
	t.Helper()
	e := &env{t: t}
	e.eng = e.newEngine()
	cfg.Engine = e.engine
	e.srv = snowflake.New(cfg)
	e.hs = httptest.NewServer(e.srv)
	t.Cleanup(func() {
		e.hs.Close()
		_ = e.srv.Close()
	})
	return e
}

func (e *env) engine() *sqlengine.Engine {
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.eng
}

// newEngine returns a fresh engine whose SYSTEM$FROSTGATE_RESET() swaps in
// another, as the emulator's does.
func (e *env) newEngine() *sqlengine.Engine {
	eng := sqlengine.New(account.New(account.Config{}))
	eng.SetResetHook(func() error { e.swap(); return nil })
	return eng
}

func (e *env) swap() {
	eng := e.newEngine()
	e.mu.Lock()
	e.eng = eng
	e.mu.Unlock()
	e.srv.Reset()
}

// admin runs statements in-process as ADMIN, to set up a scenario.
func (e *env) admin(stmts ...string) {
	e.t.Helper()
	s, err := e.engine().Open(context.Background(), sqlengine.Login{User: "ADMIN", Password: "admin"})
	require.NoError(e.t, err)
	defer s.Close()
	for _, q := range stmts {
		_, err := s.Execute(context.Background(), q)
		require.NoError(e.t, err, q)
	}
}

// reply is a decoded reply envelope with its HTTP status.
type reply struct {
	Status  int
	Success bool            `json:"success"`
	Code    *string         `json:"code"`
	Message *string         `json:"message"`
	Data    json.RawMessage `json:"data"`
}

func (r reply) code() string {
	if r.Code == nil {
		return ""
	}
	return *r.Code
}

// data decodes the reply's data into a map.
func (r reply) data(t *testing.T) map[string]any {
	t.Helper()
	var m map[string]any
	require.NoError(t, json.Unmarshal(r.Data, &m), string(r.Data))
	return m
}

// post sends a request; body is JSON-encoded unless it is a []byte.
func (e *env) post(path string, headers map[string]string, body any) reply {
	e.t.Helper()
	var raw []byte
	switch b := body.(type) {
	case nil:
	case []byte:
		raw = b
	default:
		var err error
		raw, err = json.Marshal(b)
		require.NoError(e.t, err)
	}
	req, err := http.NewRequest(http.MethodPost, e.hs.URL+path, bytes.NewReader(raw))
	require.NoError(e.t, err)
	for k, v := range headers {
		req.Header.Set(k, v)
	}
	resp, err := e.hs.Client().Do(req)
	require.NoError(e.t, err)
	defer resp.Body.Close()
	out, err := io.ReadAll(resp.Body)
	require.NoError(e.t, err)
	r := reply{Status: resp.StatusCode}
	require.NoError(e.t, json.Unmarshal(out, &r), string(out))
	require.Equal(e.t, "application/json", resp.Header.Get("Content-Type"))
	return r
}

func auth(token string) map[string]string {
	return map[string]string{"Authorization": `Snowflake Token="` + token + `"`}
}

// login logs in with the URL parameters and login data given.
func (e *env) login(params url.Values, data map[string]any) reply {
	e.t.Helper()
	path := "/session/v1/login-request"
	if len(params) > 0 {
		path += "?" + params.Encode()
	}
	return e.post(path, nil, map[string]any{"data": data})
}

// session is a logged-in session's tokens.
type session struct {
	e             *env
	token, master string
}

// open logs in with a password and role ("" for the default) and fails the
// test if the login fails.
func (e *env) open(user, password, role string) *session {
	e.t.Helper()
	params := url.Values{}
	if role != "" {
		params.Set("roleName", role)
	}
	r := e.login(params, map[string]any{"LOGIN_NAME": user, "PASSWORD": password, "ACCOUNT_NAME": "FROSTGATE"})
	require.True(e.t, r.Success, "login as %s: %s %s", user, r.code(), string(r.Data))
	d := r.data(e.t)
	return &session{e: e, token: d["token"].(string), master: d["masterToken"].(string)}
}

// query runs one statement.
func (s *session) query(sql string) reply {
	s.e.t.Helper()
	return s.e.post("/queries/v1/query-request?requestId=r-"+url.QueryEscape(sql), auth(s.token),
		map[string]any{"sqlText": sql, "sequenceId": 1})
}

// rows runs a statement that must succeed and returns its rowset.
func (s *session) rows(sql string) [][]*string {
	s.e.t.Helper()
	r := s.query(sql)
	require.True(s.e.t, r.Success, "%s: %s", sql, string(r.Data))
	var d struct {
		RowSet [][]*string `json:"rowset"`
	}
	require.NoError(s.e.t, json.Unmarshal(r.Data, &d))
	return d.RowSet
}

func gzipped(t *testing.T, b []byte) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	_, err := zw.Write(b)
	require.NoError(t, err)
	require.NoError(t, zw.Close())
	return buf.Bytes()
}

func str(s *string) string {
	if s == nil {
		return "<null>"
	}
	return *s
}

// postRaw sends a JSON request that must succeed with 200 and returns the
// reply body as it is.
func (e *env) postRaw(path string, headers map[string]string, body any) []byte {
	e.t.Helper()
	raw, err := json.Marshal(body)
	require.NoError(e.t, err)
	req, err := http.NewRequest(http.MethodPost, e.hs.URL+path, bytes.NewReader(raw))
	require.NoError(e.t, err)
	for k, v := range headers {
		req.Header.Set(k, v)
	}
	resp, err := e.hs.Client().Do(req)
	require.NoError(e.t, err)
	defer resp.Body.Close()
	out, err := io.ReadAll(resp.Body)
	require.NoError(e.t, err)
	require.Equal(e.t, http.StatusOK, resp.StatusCode, string(out))
	return out
}

func gzipWriter(w io.Writer) *gzip.Writer { return gzip.NewWriter(w) }
