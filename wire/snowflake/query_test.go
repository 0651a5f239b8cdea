package snowflake_test

import (
	"encoding/json"
	"math"
	"regexp"
	"strconv"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/frostgate/frostgate/wire/snowflake"
)

type queryData struct {
	RowType []struct {
		Name       string `json:"name"`
		Type       string `json:"type"`
		ByteLength *int64 `json:"byteLength"`
		Length     *int64 `json:"length"`
		Precision  *int64 `json:"precision"`
		Scale      *int64 `json:"scale"`
		Nullable   bool   `json:"nullable"`
	} `json:"rowtype"`
	RowSet             [][]*string `json:"rowset"`
	Total              int64       `json:"total"`
	Returned           int64       `json:"returned"`
	QueryID            string      `json:"queryId"`
	QueryResultFormat  string      `json:"queryResultFormat"`
	StatementTypeID    int64       `json:"statementTypeId"`
	FinalRoleName      *string     `json:"finalRoleName"`
	FinalDatabaseName  *string     `json:"finalDatabaseName"`
	FinalSchemaName    *string     `json:"finalSchemaName"`
	FinalWarehouseName *string     `json:"finalWarehouseName"`
	Parameters         []any       `json:"parameters"`
}

func decodeQuery(t *testing.T, r reply) queryData {
	t.Helper()
	require.True(t, r.Success, string(r.Data))
	var d queryData
	require.NoError(t, json.Unmarshal(r.Data, &d))
	return d
}

// Column types and value encodings of the JSON rowset (peers spec §5).
func TestQueryRowTypesAndValues(t *testing.T) {
	t.Parallel()
	e := newEnv(t, snowflake.Config{})
	s := e.open("ADMIN", "admin", "")
	d := decodeQuery(t, s.query("SELECT 42 AS n, 1.5 AS f, TRUE AS b, FALSE AS nb, NULL AS z, 'héllo' AS s"))
	require.Equal(t, "json", d.QueryResultFormat)
	require.EqualValues(t, 1, d.Total)
	require.EqualValues(t, 1, d.Returned)
	_, err := uuid.Parse(d.QueryID)
	require.NoError(t, err, "queryId is a UUID")
	require.EqualValues(t, 0x1000, d.StatementTypeID)
	require.NotEmpty(t, d.Parameters)

	types := map[string]string{}
	for _, c := range d.RowType {
		types[c.Name] = c.Type
	}
	require.Equal(t, map[string]string{"N": "fixed", "F": "real", "B": "boolean", "NB": "boolean", "Z": "text", "S": "text"}, types)
	require.EqualValues(t, 38, *d.RowType[0].Precision)
	require.EqualValues(t, 0, *d.RowType[0].Scale)
	require.Nil(t, d.RowType[0].Length)
	require.EqualValues(t, 16777216, *d.RowType[5].Length)
	require.Nil(t, d.RowType[5].Precision)

	row := d.RowSet[0]
	require.Equal(t, []string{"42", "1.5", "1", "0", "<null>", "héllo"},
		[]string{str(row[0]), str(row[1]), str(row[2]), str(row[3]), str(row[4]), str(row[5])})
}

// SHOW output: created_on is TIMESTAMP_LTZ(3), sent as epoch seconds with
// three fraction digits.
func TestQueryTimestamps(t *testing.T) {
	t.Parallel()
	e := newEnv(t, snowflake.Config{})
	e.admin("CREATE ROLE R1")
	s := e.open("ADMIN", "admin", "")
	d := decodeQuery(t, s.query("SHOW ROLES LIKE 'R1'"))
	require.EqualValues(t, 0x4400, d.StatementTypeID)
	require.Equal(t, "created_on", d.RowType[0].Name)
	require.Equal(t, "timestamp_ltz", d.RowType[0].Type)
	require.EqualValues(t, 3, *d.RowType[0].Scale)
	require.EqualValues(t, 0, *d.RowType[0].Precision)
	v := str(d.RowSet[0][0])
	require.Regexp(t, regexp.MustCompile(`^\d{10}\.\d{3}$`), v)
	secs, err := strconv.ParseFloat(v, 64)
	require.NoError(t, err)
	require.InDelta(t, float64(time.Now().Unix()), secs, 60)
}

func TestDecimalSeconds(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		nanos int64
		scale int
		want  string
	}{
		{1700000000123456789, 3, "1700000000.123"},
		{1700000000123456789, 9, "1700000000.123456789"},
		{1700000000123456789, 0, "1700000000"},
		{5_000_000, 3, "0.005"},
		{-1_500_000_000, 3, "-1.500"},
		{0, 9, "0.000000000"},
		{math.MinInt64, 0, "-9223372036"},
	} {
		assert.Equal(t, tc.want, snowflake.DecimalSeconds(tc.nanos, tc.scale), "%d scale %d", tc.nanos, tc.scale)
	}
}

// statementTypeId by command, and the session context after each
// statement in the final* fields, which drivers adopt.
func TestQueryStatementTypesAndFinalContext(t *testing.T) {
	t.Parallel()
	e := newEnv(t, snowflake.Config{})
	s := e.open("ADMIN", "admin", "")
	for _, tc := range []struct {
		sql  string
		id   int64
		role string
		db   string
	}{
		{"CREATE DATABASE D1", 0x6000, "ACCOUNTADMIN", "D1"},
		{"CREATE ROLE R1", 0x6000, "ACCOUNTADMIN", "D1"},
		{"GRANT ROLE R1 TO USER ADMIN", 0x6000, "ACCOUNTADMIN", "D1"},
		{"GRANT USAGE ON DATABASE D1 TO ROLE R1", 0x6000, "ACCOUNTADMIN", "D1"},
		{"REVOKE USAGE ON DATABASE D1 FROM ROLE R1", 0x6000, "ACCOUNTADMIN", "D1"},
		{"USE ROLE R1", 0x4300, "R1", "D1"},
		{"SHOW GRANTS TO ROLE R1", 0x4400, "R1", "D1"},
		{"DESCRIBE USER ADMIN", 0x4500, "R1", "D1"},
		{"ALTER SESSION SET QUERY_TAG = 'x'", 0x4100, "R1", "D1"},
		{"SELECT CURRENT_ROLE()", 0x1000, "R1", "D1"},
		{"USE ROLE ACCOUNTADMIN", 0x4300, "ACCOUNTADMIN", "D1"},
		{"DROP DATABASE D1", 0x6000, "ACCOUNTADMIN", ""},
	} {
		d := decodeQuery(t, s.query(tc.sql))
		assert.EqualValues(t, tc.id, d.StatementTypeID, tc.sql)
		assert.Equal(t, tc.role, str(d.FinalRoleName), tc.sql)
		want := tc.db
		if want == "" {
			want = "<null>"
		}
		assert.Equal(t, want, str(d.FinalDatabaseName), tc.sql)
	}
}

// A failing statement is HTTP 200, success false, the Snowflake code as
// six digits, the message, and data.{errorCode, sqlState, queryId}.
func TestQueryErrors(t *testing.T) {
	t.Parallel()
	e := newEnv(t, snowflake.Config{})
	e.admin("CREATE USER BOB PASSWORD='pw'", "CREATE DATABASE SECRET")
	s := e.open("BOB", "pw", "")
	for _, tc := range []struct {
		sql, code, state string
	}{
		{"USE ROLE ACCOUNTADMIN", "003013", "42501"},
		{"SHOW GRANTS ON DATABASE SECRET", "002003", "02000"},
		{"SELEC 1", "001003", "42000"},
		{"INSERT INTO T VALUES (1)", "090105", "22000"}, // no current database
		{"CREATE PIPE P AS COPY INTO T FROM @S", "000002", "0A000"},
	} {
		r := s.query(tc.sql)
		require.Equal(t, 200, r.Status, tc.sql)
		require.False(t, r.Success, tc.sql)
		require.Equal(t, tc.code, r.code(), tc.sql)
		d := r.data(t)
		require.Equal(t, tc.code, d["errorCode"], tc.sql)
		require.Equal(t, tc.state, d["sqlState"], tc.sql)
		_, err := uuid.Parse(d["queryId"].(string))
		require.NoError(t, err, tc.sql)
		require.NotEmpty(t, *r.Message)
	}
}

// What Frostgate does not emulate over this protocol is refused, not
// ignored.
func TestQueryUnsupportedRequests(t *testing.T) {
	t.Parallel()
	e := newEnv(t, snowflake.Config{})
	s := e.open("ADMIN", "admin", "")
	for name, body := range map[string]map[string]any{
		"bindings":        {"sqlText": "SELECT ?", "bindings": map[string]any{"1": map[string]any{"type": "FIXED", "value": "1"}}},
		"async":           {"sqlText": "SELECT 1", "asyncExec": true},
		"describe only":   {"sqlText": "SELECT 1", "describeOnly": true},
		"multi-statement": {"sqlText": "SELECT 1; SELECT 2", "parameters": map[string]any{"MULTI_STATEMENT_COUNT": 2}},
	} {
		r := e.post("/queries/v1/query-request", auth(s.token), body)
		require.Equal(t, "000002", r.code(), name)
	}
	r := e.post("/queries/v1/query-request", auth(s.token), map[string]any{"sqlText": "SELECT 1", "parameters": map[string]any{"MULTI_STATEMENT_COUNT": 1}})
	require.True(t, r.Success, "a count of one is a single statement")
}
