package sqlengine_test

import (
	"context"
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/frostgate/frostgate/emulator/account"
	"github.com/frostgate/frostgate/sqlengine"
)

// freshAdmin opens ADMIN's session on a fresh account with nothing created.
func freshAdmin(t *testing.T) (*sqlengine.Engine, *sqlengine.Session) {
	t.Helper()
	eng := sqlengine.New(account.New(account.Config{}))
	s, err := eng.Open(context.Background(), sqlengine.Login{User: "ADMIN", Password: "admin"})
	require.NoError(t, err)
	return eng, s
}

// Result.Command names what ran, for the wire protocols' statement codes.
func TestResultCommand(t *testing.T) {
	t.Parallel()
	_, s := freshAdmin(t)
	for _, tc := range []struct{ sql, command string }{
		{"CREATE DATABASE D", "CREATE"},
		{"CREATE ROLE R", "CREATE"},
		{"ALTER ROLE R SET COMMENT = 'x'", "ALTER"},
		{"GRANT USAGE ON DATABASE D TO ROLE R", "GRANT"},
		{"GRANT ROLE R TO ROLE SYSADMIN", "GRANT"},
		{"REVOKE USAGE ON DATABASE D FROM ROLE R", "REVOKE"},
		{"SHOW GRANTS TO ROLE R", "SHOW"},
		{"SHOW ROLES", "SHOW"},
		{"SHOW FUTURE GRANTS IN DATABASE D", "SHOW"},
		{"DESCRIBE USER ADMIN", "DESCRIBE"},
		{"USE ROLE SYSADMIN", "USE"},
		{"USE SECONDARY ROLES NONE", "USE"},
		{"ALTER SESSION SET QUERY_TAG = 'q'", "ALTER SESSION"},
		{"SET X = 1", "SET"},
		{"SELECT CURRENT_ROLE()", "SELECT"},
		{"USE ROLE ACCOUNTADMIN", "USE"},
		{"DROP ROLE R", "DROP"},
		{"DROP DATABASE D", "DROP"},
		{"UNDROP DATABASE D", "UNDROP"},
	} {
		res, err := s.Execute(context.Background(), tc.sql)
		require.NoError(t, err, tc.sql)
		require.Equal(t, tc.command, res.Command(), tc.sql)
	}
}

// The connection context a driver asks for at login applies only where
// the session may go, and never fails the login.
func TestUseConnectionContext(t *testing.T) {
	t.Parallel()
	eng, admin := freshAdmin(t)
	for _, q := range []string{"CREATE DATABASE D1", "CREATE SCHEMA D1.S1", `CREATE SCHEMA D1."lower"`,
		"CREATE WAREHOUSE W1", "CREATE USER BOB PASSWORD='pw'"} {
		_, err := admin.Execute(context.Background(), q)
		require.NoError(t, err, q)
	}
	ctxOf := func(s *sqlengine.Session) [3]string {
		st := s.State()
		return [3]string{st.Database, st.Schema, st.Warehouse}
	}
	s, err := eng.Open(context.Background(), sqlengine.Login{User: "ADMIN", Password: "admin"})
	require.NoError(t, err)
	s.UseConnectionContext("d1", "s1", "w1")
	require.Equal(t, [3]string{"D1", "S1", "W1"}, ctxOf(s), "unquoted names fold to upper case")
	s.UseConnectionContext("D1", `"lower"`, "")
	require.Equal(t, [3]string{"D1", "lower", "W1"}, ctxOf(s), "quoted names are kept")
	s.UseConnectionContext("D1", "", "")
	require.Equal(t, [3]string{"D1", "PUBLIC", "W1"}, ctxOf(s))
	s.UseConnectionContext("NOPE", "S1", "NOPE")
	require.Equal(t, [3]string{"", "", ""}, ctxOf(s), "missing objects leave no context")

	bob, err := eng.Open(context.Background(), sqlengine.Login{User: "BOB", Password: "pw"})
	require.NoError(t, err)
	bob.UseConnectionContext("D1", "S1", "W1")
	require.Equal(t, [3]string{"", "", ""}, ctxOf(bob), "objects the session may not use")
}

func TestBootstrapDataRequest(t *testing.T) {
	t.Parallel()
	_, s := freshAdmin(t)
	for _, sql := range []string{"SELECT SYSTEM$BOOTSTRAP_DATA_REQUEST()", "SELECT SYSTEM$BOOTSTRAP_DATA_REQUEST('ACCOUNT')"} {
		res, err := s.Execute(context.Background(), sql)
		require.NoError(t, err, sql)
		row := make([]any, 1)
		require.NoError(t, res.Next(row))
		var doc struct {
			ServerVersion string `json:"serverVersion"`
			AccountInfo   struct {
				AccountName      string `json:"accountName"`
				ServiceLevelName string `json:"serviceLevelName"`
			} `json:"accountInfo"`
		}
		require.NoError(t, json.Unmarshal([]byte(row[0].(string)), &doc))
		require.Equal(t, sqlengine.Version, doc.ServerVersion)
		require.Equal(t, "FROSTGATE", doc.AccountInfo.AccountName)
		require.Equal(t, "ENTERPRISE", doc.AccountInfo.ServiceLevelName)
	}
	_, err := s.Execute(context.Background(), "SELECT SYSTEM$BOOTSTRAP_DATA_REQUEST(1)")
	require.Error(t, err)
}
