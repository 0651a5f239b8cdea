package conformance

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math/big"
	"net/http"
	"net/url"
	"runtime"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"github.com/google/uuid"

	"github.com/frostgate/frostgate/sferr"
)

// The Snowflake target's client: the requests of the driver protocol, made
// the way gosnowflake (restful.go, auth.go) and the Node driver make them.

// sfReply is the envelope of every reply.
type sfReply struct {
	Data    json.RawMessage `json:"data"`
	Code    string          `json:"code"`
	Message string          `json:"message"`
	Success bool            `json:"success"`
}

// err returns a failed reply as the *sferr.Error it carries (number from
// code, SQLSTATE from data.sqlState), or a plain error when code is not a
// Snowflake number.
func (r *sfReply) err() error {
	var data struct {
		SQLState string `json:"sqlState"`
	}
	_ = json.Unmarshal(r.Data, &data)
	n, err := strconv.Atoi(r.Code)
	if err != nil {
		return fmt.Errorf("request failed with code %q: %s", r.Code, r.Message)
	}
	return &sferr.Error{Number: n, State: data.SQLState, Message: r.Message}
}

func (t *Snowflake) client() *http.Client {
	if t.Client != nil {
		return t.Client
	}
	return http.DefaultClient
}

// do sends req and decodes the JSON reply. Any status but 200 is an error
// unless the body is a Snowflake failure reply, which then is decoded.
func (t *Snowflake) do(req *http.Request, reply *sfReply) error {
	req.Header.Set("Accept", "application/snowflake")
	req.Header.Set("User-Agent", "Frostgate-conformance/1 ("+runtime.GOOS+"-"+runtime.GOARCH+") "+runtime.Version())
	resp, err := t.client().Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, 64<<20))
	if err != nil {
		return err
	}
	if jsonErr := json.Unmarshal(body, reply); jsonErr != nil || (resp.StatusCode != http.StatusOK && reply.Success) {
		snippet := string(body)
		if len(snippet) > 200 {
			snippet = snippet[:200] + "..."
		}
		return fmt.Errorf("HTTP %d from %s: %s", resp.StatusCode, req.URL.Path, snippet)
	}
	return nil
}

// post sends body (JSON, gzipped when zip) to path with the query
// parameters and token, within timeout, and decodes the reply.
func (t *Snowflake) post(ctx context.Context, path string, params url.Values, token string, body any, zip bool, timeout time.Duration, reply *sfReply) error {
	if timeout > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, timeout)
		defer cancel()
	}
	if params == nil {
		params = url.Values{}
	}
	if params.Get("requestId") == "" {
		params.Set("requestId", newUUID())
	}
	params.Set("request_guid", newUUID())
	var buf bytes.Buffer
	if body != nil {
		w := io.Writer(&buf)
		var zw *gzip.Writer
		if zip {
			zw = gzip.NewWriter(&buf)
			w = zw
		}
		if err := json.NewEncoder(w).Encode(body); err != nil {
			return err
		}
		if zw != nil {
			if err := zw.Close(); err != nil {
				return err
			}
		}
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, t.BaseURL+path+"?"+params.Encode(), &buf)
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/json")
	if zip {
		req.Header.Set("Content-Encoding", "gzip")
	}
	if token != "" {
		req.Header.Set("Authorization", `Snowflake Token="`+token+`"`)
	}
	return t.do(req, reply)
}

// login opens a session: password authentication, with the login role and
// the target's database, schema and warehouse as URL parameters.
func (t *Snowflake) login(ctx context.Context, l Login) (*sfSession, error) {
	params := url.Values{}
	for k, v := range map[string]string{"roleName": l.Role, "databaseName": t.Database,
		"schemaName": t.Schema, "warehouse": t.Warehouse} {
		if v != "" {
			params.Set(k, v)
		}
	}
	body := map[string]any{"data": map[string]any{
		"CLIENT_APP_ID": "Frostgate-conformance", "CLIENT_APP_VERSION": "1",
		"ACCOUNT_NAME": t.Account, "LOGIN_NAME": l.User, "PASSWORD": l.Password,
		"SESSION_PARAMETERS": t.SessionParameters,
		"CLIENT_ENVIRONMENT": map[string]any{"APPLICATION": t.Application, "OS": runtime.GOOS, "GO_VERSION": runtime.Version()},
	}}
	var reply sfReply
	if err := t.post(ctx, "/session/v1/login-request", params, "", body, false, t.LoginTimeout, &reply); err != nil {
		return nil, fmt.Errorf("login: %w", err)
	}
	if !reply.Success {
		return nil, reply.err()
	}
	var data struct {
		Token       string `json:"token"`
		MasterToken string `json:"masterToken"`
	}
	if err := json.Unmarshal(reply.Data, &data); err != nil || data.Token == "" {
		return nil, fmt.Errorf("login: a reply without a session token")
	}
	return &sfSession{t: t, token: data.Token, master: data.MasterToken}, nil
}

// sfSession is one logged-in session of the Snowflake target.
type sfSession struct {
	t             *Snowflake
	token, master string
	seq           atomic.Uint64
}

type sfColumn struct {
	Name  string `json:"name"`
	Type  string `json:"type"`
	Scale *int   `json:"scale"`
}

type sfQueryData struct {
	RowType []sfColumn  `json:"rowtype"`
	RowSet  [][]*string `json:"rowset"`
}

// Exec implements Session: one query-request, renewing the session token
// and retrying once when the server says it has expired (390112), as the
// drivers do.
func (s *sfSession) Exec(ctx context.Context, sql string) (*Result, error) {
	body := map[string]any{"sqlText": sql, "asyncExec": false, "sequenceId": s.seq.Add(1),
		"isInternal": false, "queryContextDTO": map[string]any{}}
	var reply sfReply
	for attempt := 0; ; attempt++ {
		reply = sfReply{}
		if err := s.t.post(ctx, "/queries/v1/query-request", nil, s.token, body, true, s.t.RequestTimeout, &reply); err != nil {
			return nil, err
		}
		if reply.Success || reply.Code != "390112" || attempt > 0 {
			break
		}
		if err := s.renew(ctx); err != nil {
			return nil, err
		}
	}
	if !reply.Success {
		return nil, reply.err()
	}
	var data sfQueryData
	if err := json.Unmarshal(reply.Data, &data); err != nil {
		return nil, fmt.Errorf("query reply: %w", err)
	}
	res := &Result{Columns: make([]string, len(data.RowType)), Rows: make([][]any, 0, len(data.RowSet))}
	for i, c := range data.RowType {
		res.Columns[i] = c.Name
	}
	for _, raw := range data.RowSet {
		if len(raw) != len(data.RowType) {
			return nil, fmt.Errorf("query reply: a row of %d values for %d columns", len(raw), len(data.RowType))
		}
		row := make([]any, len(raw))
		for i, v := range raw {
			row[i] = decodeSFValue(v, data.RowType[i])
		}
		res.Rows = append(res.Rows, row)
	}
	return res, nil
}

// renew exchanges the master token for new tokens (token-request RENEW).
func (s *sfSession) renew(ctx context.Context) error {
	var reply sfReply
	body := map[string]string{"oldSessionToken": s.token, "requestType": "RENEW"}
	if err := s.t.post(ctx, "/session/token-request", nil, s.master, body, false, s.t.RequestTimeout, &reply); err != nil {
		return err
	}
	if !reply.Success {
		return reply.err()
	}
	var data struct {
		SessionToken string `json:"sessionToken"`
		MasterToken  string `json:"masterToken"`
	}
	if err := json.Unmarshal(reply.Data, &data); err != nil || data.SessionToken == "" {
		return fmt.Errorf("renew: a reply without a session token")
	}
	s.token, s.master = data.SessionToken, data.MasterToken
	return nil
}

// Close implements Session: POST /session?delete=true.
func (s *sfSession) Close() error {
	var reply sfReply
	ctx := context.Background()
	if err := s.t.post(ctx, "/session", url.Values{"delete": {"true"}}, s.token, nil, false, s.t.RequestTimeout, &reply); err != nil {
		return err
	}
	if !reply.Success && reply.Code != "390112" {
		return reply.err()
	}
	return nil
}

// decodeSFValue turns a JSON rowset value back into the Go value the
// in-process target gives, by the column's type (the encodings of
// wire/snowflake rowset.go, which are Snowflake's).
func decodeSFValue(v *string, c sfColumn) any {
	if v == nil {
		return nil
	}
	s := *v
	switch c.Type {
	case "fixed":
		if c.Scale == nil || *c.Scale == 0 {
			if n, err := strconv.ParseInt(s, 10, 64); err == nil {
				return n
			}
			return s
		}
		// A decimal keeps its digits ("10.50"), as the in-process target and
		// the drivers (gosnowflake's string for scaled NUMBER) give it.
		return s
	case "real":
		if f, err := strconv.ParseFloat(s, 64); err == nil {
			return f
		}
	case "boolean":
		switch strings.ToLower(s) {
		case "1", "true":
			return true
		case "0", "false":
			return false
		}
	case "timestamp_ltz", "timestamp_ntz":
		if tm, ok := parseEpoch(s); ok {
			if c.Type == "timestamp_ntz" {
				return tm.UTC()
			}
			return tm.Local()
		}
	case "timestamp_tz":
		epoch, offset, ok := strings.Cut(s, " ")
		tm, ok2 := parseEpoch(epoch)
		mins, err := strconv.Atoi(offset)
		if ok && ok2 && err == nil {
			return tm.In(time.FixedZone("", (mins-1440)*60))
		}
	case "date":
		if days, err := strconv.ParseInt(s, 10, 64); err == nil {
			return time.Unix(days*86400, 0).UTC()
		}
	}
	return s
}

// parseEpoch reads "seconds[.fraction]", exactly.
func parseEpoch(s string) (time.Time, bool) {
	r, ok := new(big.Rat).SetString(s)
	if !ok {
		return time.Time{}, false
	}
	ns := new(big.Rat).Mul(r, big.NewRat(1e9, 1))
	q := new(big.Int).Quo(ns.Num(), ns.Denom())
	if !q.IsInt64() {
		return time.Time{}, false
	}
	return time.Unix(0, q.Int64()), true
}

func newUUID() string { return uuid.NewString() }
