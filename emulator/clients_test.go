package emulator_test

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/lib/pq"
	"github.com/stretchr/testify/require"

	"github.com/frostgate/frostgate/emulator"
	"github.com/frostgate/frostgate/sferr"
)

// Real clients, no mocks: psql, pgx, lib/pq and pgjdbc log in as ALICE
// with role ANALYST, switch roles, are refused a role and a table they may
// not see, read the grants on a table they may, and print the same
// transcript as an in-process session. A client that is not installed is
// skipped, unless FROSTGATE_REQUIRE_CLIENTS=1 (as .ci/run sets it).

var scenarioSetup = []string{
	"CREATE ROLE analyst",
	"CREATE ROLE secret_keeper",
	"CREATE USER alice PASSWORD = 'alice-pw'",
	"GRANT ROLE analyst TO USER alice",
	"CREATE DATABASE sales",
	"CREATE SCHEMA sales.crm",
	"CREATE TABLE sales.crm.orders (id INT)",
	"CREATE TABLE sales.crm.salaries (id INT)",
	"GRANT USAGE ON DATABASE sales TO ROLE analyst",
	"GRANT USAGE ON SCHEMA sales.crm TO ROLE analyst",
	"GRANT SELECT ON TABLE sales.crm.orders TO ROLE analyst",
}

var clientScript = []string{
	"SELECT CURRENT_ROLE()",
	"USE ROLE PUBLIC",
	"SELECT CURRENT_ROLE()",
	"USE ROLE ANALYST",
	"USE ROLE SECRET_KEEPER",                  // 003013: not granted
	"SHOW GRANTS ON TABLE sales.crm.salaries", // 002003: not visible to ANALYST
	"SHOW GRANTS ON TABLE sales.crm.orders",
	"SHOW GRANTS TO ROLE ANALYST",
}

func startScenario(t *testing.T) *emulator.Server {
	t.Helper()
	ctx := context.Background()
	srv, err := emulator.Start(ctx, emulator.Options{})
	require.NoError(t, err)
	t.Cleanup(func() { require.NoError(t, srv.Close()) })
	admin, err := srv.Admin(ctx)
	require.NoError(t, err)
	for _, stmt := range scenarioSetup {
		_, err := admin.Execute(ctx, stmt)
		require.NoError(t, err, stmt)
	}
	return srv
}

// transcript is what a client saw: per statement, the column names and
// rows ("|"-separated), or "ERROR NNNNNN".
type transcript []string

func (tr *transcript) result(cols []string, rows [][]string) {
	*tr = append(*tr, strings.Join(cols, "|"))
	for _, r := range rows {
		*tr = append(*tr, strings.Join(r, "|"))
	}
}

func (tr *transcript) error(number string) { *tr = append(*tr, "ERROR "+number) }

// inProcess is the reference transcript, with created_on (a time each
// client prints its own way) as "*", which matches anything.
func inProcess(t *testing.T, srv *emulator.Server) transcript {
	t.Helper()
	ctx := context.Background()
	s, err := srv.Session(ctx, "alice", "alice-pw", "ANALYST")
	require.NoError(t, err)
	var tr transcript
	for _, stmt := range clientScript {
		res, err := s.Execute(ctx, stmt)
		if err != nil {
			tr.error(sferr.As(err).Code())
			continue
		}
		var cols []string
		for _, c := range res.Columns() {
			cols = append(cols, c.Name)
		}
		var rows [][]string
		row := make([]any, len(cols))
		for res.Next(row) == nil {
			vals := make([]string, len(row))
			for i, v := range row {
				vals[i] = fmt.Sprint(v)
				if cols[i] == "created_on" {
					vals[i] = "*"
				}
			}
			rows = append(rows, vals)
		}
		tr.result(cols, rows)
	}
	return tr
}

// requireMatch compares a client's transcript line by line, field by
// field, "*" matching any value.
func requireMatch(t *testing.T, want, got []string) {
	t.Helper()
	require.Len(t, got, len(want), "got:\n%s", strings.Join(got, "\n"))
	for i := range want {
		w, g := strings.Split(want[i], "|"), strings.Split(got[i], "|")
		require.Len(t, g, len(w), "line %d: want %q, got %q", i+1, want[i], got[i])
		for j := range w {
			if w[j] != "*" {
				require.Equal(t, w[j], g[j], "line %d: want %q, got %q", i+1, want[i], got[i])
			}
		}
	}
}

func requireTool(t *testing.T, path string) {
	t.Helper()
	if _, err := os.Stat(path); err == nil {
		return
	}
	if _, err := exec.LookPath(path); err == nil {
		return
	}
	if os.Getenv("FROSTGATE_REQUIRE_CLIENTS") == "1" {
		t.Fatalf("%s is not installed (.ci/run installs it)", path)
	}
	t.Skipf("%s is not installed", path)
}

func TestClientPgx(t *testing.T) {
	t.Parallel()
	srv := startScenario(t)
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, srv.PGConnString("alice", "alice-pw", "ANALYST"))
	require.NoError(t, err)
	defer conn.Close(ctx)
	var tr transcript
	for _, stmt := range clientScript {
		rows, err := conn.Query(ctx, stmt)
		if err == nil {
			var cols []string
			for _, f := range rows.FieldDescriptions() {
				cols = append(cols, f.Name)
			}
			var out [][]string
			for rows.Next() {
				vals, _ := rows.Values()
				s := make([]string, len(vals))
				for i, v := range vals {
					s[i] = fmt.Sprint(v)
				}
				out = append(out, s)
			}
			if err = rows.Err(); err == nil {
				tr.result(cols, out)
				continue
			}
		}
		var pe *pgconn.PgError
		require.True(t, errors.As(err, &pe), "%s: %v", stmt, err)
		tr.error(strings.TrimPrefix(pe.Detail, "Snowflake error "))
	}
	requireMatch(t, inProcess(t, srv), tr)

	var in bool
	require.NoError(t, conn.QueryRow(ctx, "SELECT IS_ROLE_IN_SESSION($1)", "ANALYST").Scan(&in))
	require.True(t, in)
}

func TestClientLibPQ(t *testing.T) {
	t.Parallel()
	srv := startScenario(t)
	ctx := context.Background()
	db, err := sql.Open("postgres", srv.PGConnString("alice", "alice-pw", "ANALYST"))
	require.NoError(t, err)
	defer db.Close()
	conn, err := db.Conn(ctx) // one session, so that USE ROLE holds
	require.NoError(t, err)
	defer conn.Close()
	var tr transcript
	for _, stmt := range clientScript {
		rows, err := conn.QueryContext(ctx, stmt)
		if err == nil {
			cols, _ := rows.Columns()
			var out [][]string
			for rows.Next() {
				vals := make([]sql.NullString, len(cols))
				ptrs := make([]any, len(cols))
				for i := range vals {
					ptrs[i] = &vals[i]
				}
				require.NoError(t, rows.Scan(ptrs...))
				s := make([]string, len(vals))
				for i, v := range vals {
					s[i] = v.String
				}
				out = append(out, s)
			}
			if err = rows.Err(); err == nil {
				tr.result(cols, out)
				continue
			}
		}
		var pe *pq.Error
		require.True(t, errors.As(err, &pe), "%s: %v", stmt, err)
		tr.error(strings.TrimPrefix(pe.Detail, "Snowflake error "))
	}
	requireMatch(t, inProcess(t, srv), tr)

	// With an argument lib/pq uses the extended protocol.
	var in bool
	require.NoError(t, conn.QueryRowContext(ctx, "SELECT IS_ROLE_IN_SESSION($1)", "ANALYST").Scan(&in))
	require.True(t, in)
}

func TestClientPsql(t *testing.T) {
	t.Parallel()
	requireTool(t, "psql")
	srv := startScenario(t)
	want := inProcess(t, srv)
	var wantOut, wantErr []string
	for _, line := range want {
		if n, ok := strings.CutPrefix(line, "ERROR "); ok {
			wantErr = append(wantErr, "DETAIL:  Snowflake error "+n)
		} else {
			wantOut = append(wantOut, line)
		}
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	// The documented connection URL, as libpq reads it.
	cmd := exec.CommandContext(ctx, "psql", "-X", "-q", "-A", "-P", "footer=off", "-v", "ON_ERROR_STOP=0",
		srv.PGConnString("alice", "alice-pw", "ANALYST"))
	cmd.Stdin = strings.NewReader(strings.Join(clientScript, ";\n") + ";\n")
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	cmd.Env = append(os.Environ(), "PGCONNECT_TIMEOUT=10", "PSQLRC=/dev/null")
	require.NoError(t, cmd.Run(), stderr.String())
	requireMatch(t, wantOut, strings.Split(strings.TrimSuffix(stdout.String(), "\n"), "\n"))
	var details []string
	for _, line := range strings.Split(stderr.String(), "\n") {
		if strings.HasPrefix(line, "DETAIL:") {
			details = append(details, line)
		}
	}
	require.Equal(t, wantErr, details, stderr.String())
}

// jdbcJar is where Debian's libpostgresql-jdbc-java puts pgjdbc;
// FROSTGATE_JDBC_JAR overrides it.
func jdbcJar() string {
	if p := os.Getenv("FROSTGATE_JDBC_JAR"); p != "" {
		return p
	}
	return "/usr/share/java/postgresql.jar"
}

func TestClientJDBC(t *testing.T) {
	t.Parallel()
	requireTool(t, "java")
	requireTool(t, jdbcJar())
	srv := startScenario(t)
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	url := "jdbc:postgresql://" + srv.PGAddr + "/frostgate?sslmode=disable&options=-c%20role%3DANALYST"
	cmd := exec.CommandContext(ctx, "java", "-cp", jdbcJar(), filepath.Join("testdata", "jdbc", "JdbcClient.java"),
		url, "alice", "alice-pw")
	cmd.Stdin = strings.NewReader(strings.Join(clientScript, "\n") + "\n")
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	require.NoError(t, cmd.Run(), stderr.String())
	got := strings.Split(strings.TrimSuffix(stdout.String(), "\n"), "\n")
	require.NotEmpty(t, got)
	require.Equal(t, "PREPARED true", got[len(got)-1], "a named statement with binary results")
	requireMatch(t, inProcess(t, srv), got[:len(got)-1])
}
