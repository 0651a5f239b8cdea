package snowflake_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"github.com/frostgate/frostgate/emulator/account"
	"github.com/frostgate/frostgate/sqlengine"
	"github.com/frostgate/frostgate/wire/snowflake"
)

// The privilege-heavy statement of issue 4's measurements: a role check
// through a chain of role grants (ANALYST inherits R through R1..R9).
const benchSQL = "SELECT IS_ROLE_IN_SESSION('R')"

var benchSetup = []string{
	"CREATE ROLE R", "CREATE ROLE R1", "CREATE ROLE R2", "CREATE ROLE R3", "CREATE ROLE R4", "CREATE ROLE R5",
	"CREATE ROLE R6", "CREATE ROLE R7", "CREATE ROLE R8", "CREATE ROLE R9", "CREATE ROLE ANALYST",
	"GRANT ROLE R TO ROLE R9", "GRANT ROLE R9 TO ROLE R8", "GRANT ROLE R8 TO ROLE R7", "GRANT ROLE R7 TO ROLE R6",
	"GRANT ROLE R6 TO ROLE R5", "GRANT ROLE R5 TO ROLE R4", "GRANT ROLE R4 TO ROLE R3", "GRANT ROLE R3 TO ROLE R2",
	"GRANT ROLE R2 TO ROLE R1", "GRANT ROLE R1 TO ROLE ANALYST",
	"CREATE USER ALICE PASSWORD='pw' DEFAULT_ROLE=ANALYST DEFAULT_SECONDARY_ROLES=()", "GRANT ROLE ANALYST TO USER ALICE",
}

func benchEngine(b *testing.B) *sqlengine.Engine {
	eng := sqlengine.New(account.New(account.Config{}))
	s, err := eng.Open(context.Background(), sqlengine.Login{User: "ADMIN", Password: "admin"})
	if err != nil {
		b.Fatal(err)
	}
	for _, q := range benchSetup {
		if _, err := s.Execute(context.Background(), q); err != nil {
			b.Fatal(q, err)
		}
	}
	return eng
}

// BenchmarkIsRoleInSessionHTTP: statements per second over the protocol,
// each client its own driver session and keep-alive connection, all of it
// (JSON, HTTP, loopback TCP) in the measurement.
func BenchmarkIsRoleInSessionHTTP(b *testing.B) {
	for _, clients := range []int{1, 2} {
		b.Run(map[int]string{1: "1client", 2: "2clients"}[clients], func(b *testing.B) {
			eng := benchEngine(b)
			srv := snowflake.New(snowflake.Config{Engine: func() *sqlengine.Engine { return eng }})
			hs := httptest.NewServer(srv)
			defer hs.Close()
			tokens := make([]string, clients)
			for i := range tokens {
				tokens[i] = benchLogin(b, hs)
			}
			body, _ := json.Marshal(map[string]any{"sqlText": benchSQL, "sequenceId": 1})
			b.ResetTimer()
			start := time.Now()
			var wg sync.WaitGroup
			for c := range clients {
				n := b.N / clients
				if c == 0 {
					n += b.N % clients
				}
				wg.Go(func() {
					for range n {
						benchQuery(b, hs, tokens[c], body)
					}
				})
			}
			wg.Wait()
			b.ReportMetric(float64(b.N)/time.Since(start).Seconds(), "stmts/s")
		})
	}
}

// BenchmarkIsRoleInSessionInProcess is the same statement without the
// protocol, for comparison.
func BenchmarkIsRoleInSessionInProcess(b *testing.B) {
	eng := benchEngine(b)
	s, err := eng.Open(context.Background(), sqlengine.Login{User: "ALICE", Password: "pw"})
	if err != nil {
		b.Fatal(err)
	}
	dest := make([]any, 1)
	b.ResetTimer()
	start := time.Now()
	for range b.N {
		res, err := s.Execute(context.Background(), benchSQL)
		if err != nil {
			b.Fatal(err)
		}
		if err := res.Next(dest); err != nil || dest[0] != true {
			b.Fatal(err, dest[0])
		}
	}
	b.ReportMetric(float64(b.N)/time.Since(start).Seconds(), "stmts/s")
}

func benchLogin(b *testing.B, hs *httptest.Server) string {
	body := []byte(`{"data":{"LOGIN_NAME":"ALICE","PASSWORD":"pw"}}`)
	resp, err := hs.Client().Post(hs.URL+"/session/v1/login-request", "application/json", bytes.NewReader(body))
	if err != nil {
		b.Fatal(err)
	}
	defer resp.Body.Close()
	var r struct {
		Data struct {
			Token string `json:"token"`
		} `json:"data"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&r); err != nil || r.Data.Token == "" {
		b.Fatal("login failed", err)
	}
	return r.Data.Token
}

func benchQuery(b *testing.B, hs *httptest.Server, token string, body []byte) {
	req, _ := http.NewRequest(http.MethodPost, hs.URL+"/queries/v1/query-request", bytes.NewReader(body))
	req.Header.Set("Authorization", `Snowflake Token="`+token+`"`)
	req.Header.Set("Content-Type", "application/json")
	resp, err := hs.Client().Do(req)
	if err != nil {
		b.Error(err)
		return
	}
	var r struct {
		Success bool `json:"success"`
		Data    struct {
			RowSet [][]*string `json:"rowset"`
		} `json:"data"`
	}
	err = json.NewDecoder(resp.Body).Decode(&r)
	_, _ = io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	if err != nil || !r.Success || len(r.Data.RowSet) != 1 || r.Data.RowSet[0][0] == nil || *r.Data.RowSet[0][0] != "1" {
		b.Error("unexpected reply", err)
	}
}
