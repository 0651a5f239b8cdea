package snowflake_test

import (
	"net/url"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/frostgate/frostgate/wire/snowflake"
)

func TestLoginReply(t *testing.T) {
	t.Parallel()
	e := newEnv(t, snowflake.Config{})
	r := e.login(url.Values{"roleName": {"sysadmin"}}, map[string]any{"LOGIN_NAME": "admin", "PASSWORD": "admin",
		"SESSION_PARAMETERS": map[string]any{"timezone": "UTC"}})
	require.True(t, r.Success)
	require.Nil(t, r.Code)
	d := r.data(t)
	require.NotEmpty(t, d["token"])
	require.NotEmpty(t, d["masterToken"])
	require.NotEqual(t, d["token"], d["masterToken"])
	require.EqualValues(t, 3600, d["validityInSeconds"])
	require.EqualValues(t, 14400, d["masterValidityInSeconds"])
	require.Equal(t, "ADMIN", d["displayUserName"])
	require.NotZero(t, d["sessionId"])
	info := d["sessionInfo"].(map[string]any)
	require.Equal(t, "SYSADMIN", info["roleName"], "the requested role, upper-cased")
	require.Nil(t, info["databaseName"])

	params := map[string]any{}
	for _, p := range d["parameters"].([]any) {
		p := p.(map[string]any)
		params[p["name"].(string)] = p["value"]
	}
	require.Equal(t, "UTC", params["TIMEZONE"], "the client's session parameter")
	require.Equal(t, false, params["CLIENT_TELEMETRY_ENABLED"])
}

// Snowflake's login errors, as HTTP 200 replies with success false.
func TestLoginErrors(t *testing.T) {
	t.Parallel()
	e := newEnv(t, snowflake.Config{})
	e.admin("CREATE ROLE ANALYST", "CREATE USER ALICE PASSWORD='pw'", "CREATE USER GONE PASSWORD='pw' DISABLED=TRUE")
	tests := []struct {
		name   string
		params url.Values
		data   map[string]any
		code   string
	}{
		{"wrong password", nil, map[string]any{"LOGIN_NAME": "ALICE", "PASSWORD": "nope"}, "390100"},
		{"unknown user", nil, map[string]any{"LOGIN_NAME": "NOBODY", "PASSWORD": "pw"}, "390100"},
		{"disabled user", nil, map[string]any{"LOGIN_NAME": "GONE", "PASSWORD": "pw"}, "390007"},
		{"role not granted", url.Values{"roleName": {"ANALYST"}}, map[string]any{"LOGIN_NAME": "ALICE", "PASSWORD": "pw"}, "390189"},
		{"unknown role", url.Values{"roleName": {"NOPE"}}, map[string]any{"LOGIN_NAME": "ALICE", "PASSWORD": "pw"}, "390189"},
		{"unsupported authenticator", nil, map[string]any{"LOGIN_NAME": "ALICE", "AUTHENTICATOR": "EXTERNALBROWSER"}, "000002"},
		{"bad JWT", nil, map[string]any{"AUTHENTICATOR": "SNOWFLAKE_JWT", "TOKEN": "a.b.c"}, "390144"},
		{"bad OAuth token", nil, map[string]any{"AUTHENTICATOR": "OAUTH", "TOKEN": "xyz"}, "390303"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := e.login(tc.params, tc.data)
			require.Equal(t, 200, r.Status)
			require.False(t, r.Success)
			require.Equal(t, tc.code, r.code())
			d := r.data(t)
			assert.Equal(t, tc.code, d["errorCode"])
			assert.NotEmpty(t, d["sqlState"])
			assert.NotEmpty(t, *r.Message)
		})
	}
}

// databaseName, schemaName and warehouse apply when the session may use
// them and are dropped silently when not, as in Snowflake.
func TestLoginConnectionContext(t *testing.T) {
	t.Parallel()
	e := newEnv(t, snowflake.Config{})
	e.admin("CREATE DATABASE D1", "CREATE SCHEMA D1.S1", "CREATE WAREHOUSE W1", "CREATE USER BOB PASSWORD='pw'")
	info := func(user, pw string, p url.Values) map[string]any {
		r := e.login(p, map[string]any{"LOGIN_NAME": user, "PASSWORD": pw})
		require.True(t, r.Success)
		return r.data(t)["sessionInfo"].(map[string]any)
	}
	got := info("ADMIN", "admin", url.Values{"databaseName": {"d1"}, "schemaName": {"s1"}, "warehouse": {"w1"}})
	require.Equal(t, map[string]any{"databaseName": "D1", "schemaName": "S1", "warehouseName": "W1", "roleName": "ACCOUNTADMIN"}, got)
	got = info("ADMIN", "admin", url.Values{"databaseName": {"D1"}})
	require.Equal(t, "PUBLIC", got["schemaName"], "a database alone makes PUBLIC current")
	got = info("BOB", "pw", url.Values{"databaseName": {"D1"}, "warehouse": {"W1"}})
	require.Equal(t, map[string]any{"databaseName": nil, "schemaName": nil, "warehouseName": nil, "roleName": "PUBLIC"}, got,
		"no privileges: no context, and no error")
}
