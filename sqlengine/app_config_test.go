package sqlengine_test

import (
	"context"
	"errors"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/frostgate/frostgate/emulator/account"
	"github.com/frostgate/frostgate/nativeapp"
	"github.com/frostgate/frostgate/sqlengine"
)

// The Go API of the configuration check returns the parsed configuration,
// the application's ERROR message as an *nativeapp.AppError and a malformed
// answer as a *nativeapp.ConfigError naming the field.
func TestReferenceConfigurationGoAPI(t *testing.T) {
	ctx := context.Background()
	eng := sqlengine.New(account.New(account.Config{}))
	eng.SetAppRoot(filepath.Join("..", "conformance", "testdata", "apps", "folders"))
	s, err := eng.Open(ctx, sqlengine.Login{User: "ADMIN", Password: "admin"})
	require.NoError(t, err)
	for _, q := range []string{
		"CREATE APPLICATION PACKAGE P",
		"ALTER APPLICATION PACKAGE P ADD VERSION V1 USING 'configured'",
		"CREATE APPLICATION A FROM APPLICATION PACKAGE P USING VERSION V1",
	} {
		_, err := s.Execute(ctx, q)
		require.NoError(t, err, q)
	}

	c, err := s.ReferenceConfiguration(ctx, "a", "consumer_external_access")
	require.NoError(t, err)
	require.Equal(t, "EXTERNAL ACCESS INTEGRATION", c.ObjectType)
	require.Equal(t, []nativeapp.HostPort{{Host: "google.com", Port: 443}, {Host: "analytics.googleapis.com", Port: 0}}, c.HostPorts)
	require.Equal(t, "LIST", c.AllowedSecrets)
	require.Equal(t, []string{"CONSUMER_SECRET"}, c.SecretReferences)

	c, err = s.ReferenceConfiguration(ctx, "A", "CONSUMER_SECRET")
	require.NoError(t, err)
	require.Equal(t, "OAUTH2", c.SecretType)
	require.Equal(t, "https://oauth2.googleapis.com/token", c.OAuthTokenEndpoint)

	_, err = s.ReferenceConfiguration(ctx, "A", "NOT_READY")
	var appErr *nativeapp.AppError
	require.True(t, errors.As(err, &appErr), "%v", err)
	require.Equal(t, "The reference is not available for configuration yet.", appErr.Message)

	_, err = s.ReferenceConfiguration(ctx, "A", "BROKEN")
	var cfgErr *nativeapp.ConfigError
	require.True(t, errors.As(err, &cfgErr), "%v", err)
	require.Equal(t, "payload.host_ports[0]", cfgErr.Field)
}
