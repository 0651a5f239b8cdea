package sferr_test

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/frostgate/frostgate/sferr"
)

// The layout clients parse: gosnowflake's "%06d (%s): %s".
func TestErrorLayout(t *testing.T) {
	err := sferr.ObjectNotFound("Database", "MISSING_DB")
	require.Equal(t, "002003 (02000): SQL compilation error:\nDatabase 'MISSING_DB' does not exist or not authorized.", err.Error())
	require.Equal(t, "002003", err.Code())
	require.Equal(t, "02000", err.SQLState())
}

// spec §11.9: relations report 42S02, other kinds 02000.
func TestObjectNotFoundSQLState(t *testing.T) {
	for kind, state := range map[string]string{"Table": "42S02", "View": "42S02", "Object": "42S02",
		"Schema": "02000", "Role": "02000", "Warehouse": "02000"} {
		require.Equal(t, state, sferr.ObjectNotFound(kind, "X").SQLState(), kind)
	}
}

func TestAsAndIsSeeThroughWrapping(t *testing.T) {
	wrapped := fmt.Errorf("running statement: %w", sferr.RoleNotAssigned("WORKROLE"))
	require.True(t, sferr.Is(wrapped, 3013))
	require.False(t, sferr.Is(wrapped, 3001))
	require.Equal(t, "42501", sferr.As(wrapped).SQLState())
	require.Nil(t, sferr.As(fmt.Errorf("plain")))
}

// The wire protocols' errors: number and SQLSTATE, which drivers act on
// (gosnowflake and Node renew on 390112, drop the connection on 390104 and
// 390111, re-authenticate on 390303/390318).
func TestProtocolErrors(t *testing.T) {
	for _, tc := range []struct {
		err   *sferr.Error
		code  string
		state string
	}{
		{sferr.QueryCanceled(), "000604", "57014"},
		{sferr.QueryNotExecuting(), "000605", "22000"},
		{sferr.AuthorizationMissing(), "390101", "08001"},
		{sferr.SessionTokenInvalid(), "390104", "08001"},
		{sferr.SessionGone(), "390111", "08001"},
		{sferr.SessionExpired(), "390112", "08001"},
		{sferr.MasterTokenExpired(), "390114", "08001"},
		{sferr.JWTInvalid(), "390144", "08001"},
		{sferr.OAuthTokenInvalid(), "390303", "08001"},
		{sferr.OAuthTokenExpired(), "390318", "08001"},
		{sferr.BadRequest("x"), "390400", "08P01"},
	} {
		require.Equal(t, tc.code, tc.err.Code(), tc.err.Message)
		require.Equal(t, tc.state, tc.err.SQLState(), tc.err.Message)
		require.NotEmpty(t, tc.err.Message)
	}
}
