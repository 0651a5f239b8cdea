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
