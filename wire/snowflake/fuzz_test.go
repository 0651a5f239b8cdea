package snowflake_test

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/frostgate/frostgate/emulator/account"
	"github.com/frostgate/frostgate/sqlengine"
	"github.com/frostgate/frostgate/wire/snowflake"
)

// The request decoding path under fuzzing: whatever a client sends, the
// reply is JSON with a 2xx or 4xx status, never a 500 (which would mean a
// panic the guard caught) and never a hang. Seeds are committed under
// testdata/fuzz/; run longer with "make fuzz".

func fuzzServer(t testing.TB) (*snowflake.Server, string) {
	eng := sqlengine.New(account.New(account.Config{}))
	srv := snowflake.New(snowflake.Config{Engine: func() *sqlengine.Engine { return eng }, MaxRequestBytes: 64 << 10})
	rec := serve(srv, "/session/v1/login-request", nil, []byte(`{"data":{"LOGIN_NAME":"ADMIN","PASSWORD":"admin"}}`))
	var r struct {
		Data struct {
			Token string `json:"token"`
		} `json:"data"`
	}
	if err := json.Unmarshal(rec.Body.Bytes(), &r); err != nil || r.Data.Token == "" {
		t.Fatalf("login: %s", rec.Body.String())
	}
	return srv, r.Data.Token
}

func serve(srv *snowflake.Server, path string, headers map[string]string, body []byte) *httptest.ResponseRecorder {
	req := httptest.NewRequest(http.MethodPost, path, bytes.NewReader(body))
	for k, v := range headers {
		req.Header.Set(k, v)
	}
	rec := httptest.NewRecorder()
	srv.ServeHTTP(rec, req)
	return rec
}

// serveQuery is serve with a raw URL query string, which the fuzzer fills
// with anything (httptest.NewRequest would reject it as a request line).
func serveQuery(srv *snowflake.Server, path, rawQuery string, body []byte) *httptest.ResponseRecorder {
	req := httptest.NewRequest(http.MethodPost, path, bytes.NewReader(body))
	req.URL.RawQuery = rawQuery
	rec := httptest.NewRecorder()
	srv.ServeHTTP(rec, req)
	return rec
}

func checkReply(t *testing.T, rec *httptest.ResponseRecorder) {
	t.Helper()
	if rec.Code >= 500 {
		t.Fatalf("status %d: %s", rec.Code, rec.Body.String())
	}
	if !json.Valid(rec.Body.Bytes()) {
		t.Fatalf("not JSON: %q", rec.Body.String())
	}
}

func FuzzLoginRequest(f *testing.F) {
	for _, seed := range []string{
		`{"data":{"LOGIN_NAME":"ADMIN","PASSWORD":"admin"}}`,
		`{"data":{"LOGIN_NAME":"ADMIN","PASSWORD":"x","SESSION_PARAMETERS":{"TIMEZONE":"UTC","X":[1,{"a":null}]}}}`,
		`{"data":{"AUTHENTICATOR":"SNOWFLAKE_JWT","ACCOUNT_NAME":"A","TOKEN":"eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJBLkFETUlOIn0.c2ln"}}`,
		`{"data":{"AUTHENTICATOR":"OAUTH","TOKEN":"fgo1.eyJ1IjoiQURNSU4ifQ.AAAA"}}`,
		`{"data":null}`, `[]`, `{"data":{"LOGIN_NAME":1e999}}`, "",
	} {
		f.Add([]byte(seed), "roleName=SYSADMIN&databaseName=%22x%22")
	}
	srv, _ := fuzzServer(f)
	f.Fuzz(func(t *testing.T, body []byte, query string) {
		checkReply(t, serveQuery(srv, "/session/v1/login-request", query, body))
	})
}

func FuzzQueryRequest(f *testing.F) {
	for _, seed := range []string{
		`{"sqlText":"SELECT 1","sequenceId":1}`,
		`{"sqlText":"SHOW GRANTS TO ROLE PUBLIC","parameters":{"MULTI_STATEMENT_COUNT":"1"}}`,
		`{"sqlText":"SELECT ?","bindings":{"1":{"type":"FIXED","value":"1"}}}`,
		`{"sqlText":"USE ROLE NOPE"}`, `{"sqlText":""}`, `{"sqlText":null}`, `{"sqlText":"SELECT 'unterminated}`, "{",
	} {
		f.Add([]byte(seed))
	}
	srv, tok := fuzzServer(f)
	h := map[string]string{"Authorization": `Snowflake Token="` + tok + `"`}
	f.Fuzz(func(t *testing.T, body []byte) {
		checkReply(t, serve(srv, "/queries/v1/query-request", h, body))
	})
}

// FuzzRequestBody feeds the body reader any encoding and bytes: gzip
// streams cut short, corrupted, concatenated, or not gzip at all.
func FuzzRequestBody(f *testing.F) {
	plain := []byte(`{"sqlText":"SELECT 1"}`)
	var zipped bytes.Buffer
	zw := gzipWriter(&zipped)
	_, _ = zw.Write(plain)
	_ = zw.Close()
	z := zipped.Bytes()
	f.Add("gzip", z)
	f.Add("gzip", z[:len(z)/2])
	f.Add("gzip", append(append([]byte{}, z...), z...))
	f.Add("", z)
	f.Add("identity", plain)
	f.Add("deflate", plain)
	f.Add("gzip", []byte{0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff})
	srv, tok := fuzzServer(f)
	f.Fuzz(func(t *testing.T, encoding string, body []byte) {
		h := map[string]string{"Authorization": `Snowflake Token="` + tok + `"`, "Content-Encoding": encoding}
		checkReply(t, serve(srv, "/queries/v1/query-request", h, body))
	})
}
