package nativeapp_test

import (
	"errors"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/frostgate/frostgate/nativeapp"
)

// configManifest defines the references of seed 001's callback example: an
// external access integration and the secret it may use.
const configManifest = `manifest_version: 1
artifacts:
  setup_script: setup.sql
references:
  - consumer_external_access:
      label: "Consumer external access"
      description: "egress"
      privileges: [USAGE]
      object_type: EXTERNAL ACCESS INTEGRATION
      register_callback: config.register_single_reference
      configuration_callback: config.get_configuration_for_reference
  - consumer_secret:
      label: "Consumer secret"
      description: "OAuth"
      privileges: [READ]
      object_type: SECRET
      register_callback: config.register_single_reference
      configuration_callback: config.get_configuration_for_reference
  - consumer_table:
      label: "Table"
      description: "t"
      privileges: [SELECT]
      object_type: TABLE
      register_callback: config.register_single_reference
`

// The two responses of seed 001's GET_CONFIGURATION_FOR_REFERENCE.
const (
	seedEAI = `{
          "type": "CONFIGURATION",
          "payload":{
            "host_ports":["google.com"],
            "allowed_secrets" : "LIST",
            "secret_references":["CONSUMER_SECRET"]}}`
	seedSecret = `{
          "type": "CONFIGURATION",
          "payload":{
            "type" : "OAUTH2",
            "security_integration": {
              "oauth_scopes": ["https://www.googleapis.com/auth/analytics.readonly"],
              "oauth_token_endpoint": "https://oauth2.googleapis.com/token",
              "oauth_authorization_endpoint":
                "https://accounts.google.com/o/oauth2/auth"}}}`
	seedError = `{"type": "ERROR", "payload":{"message": "The reference is not available for configuration ..."}}`
)

func loadConfigManifest(t testing.TB) *nativeapp.Manifest {
	t.Helper()
	m, err := nativeapp.ParseManifest("manifest.yml", []byte(configManifest))
	require.NoError(t, err)
	return m
}

func TestValidateConfigurationAccepts(t *testing.T) {
	t.Parallel()
	m := loadConfigManifest(t)
	for _, tc := range []struct {
		name, typ, body string
		want            nativeapp.Configuration
	}{
		{"seed external access", "EXTERNAL ACCESS INTEGRATION", seedEAI, nativeapp.Configuration{
			ObjectType: "EXTERNAL ACCESS INTEGRATION", HostPorts: []nativeapp.HostPort{{Host: "google.com", Port: 443}},
			AllowedSecrets: "LIST", SecretReferences: []string{"CONSUMER_SECRET"}}},
		{"seed secret", "secret", seedSecret, nativeapp.Configuration{ObjectType: "SECRET", SecretType: "OAUTH2",
			OAuthScopes:        []string{"https://www.googleapis.com/auth/analytics.readonly"},
			OAuthTokenEndpoint: "https://oauth2.googleapis.com/token",
			OAuthAuthEndpoint:  "https://accounts.google.com/o/oauth2/auth"}},
		{"ports, wildcard, default NONE", "external_access_integration",
			`{"type":"CONFIGURATION","payload":{"host_ports":["Company.com:0","*.api.example.org:8443","a-b.io:65535"]}}`,
			nativeapp.Configuration{ObjectType: "EXTERNAL ACCESS INTEGRATION", AllowedSecrets: "NONE",
				HostPorts: []nativeapp.HostPort{{"company.com", 0}, {"*.api.example.org", 8443}, {"a-b.io", 65535}}}},
		{"ALL secrets", "EXTERNAL ACCESS INTEGRATION",
			`{"type":"CONFIGURATION","payload":{"host_ports":["x.com"],"allowed_secrets":"all"}}`,
			nativeapp.Configuration{ObjectType: "EXTERNAL ACCESS INTEGRATION", AllowedSecrets: "ALL",
				HostPorts: []nativeapp.HostPort{{"x.com", 443}}}},
		{"generic string secret", "SECRET", `{"type":"CONFIGURATION","payload":{"type":"GENERIC_STRING"}}`,
			nativeapp.Configuration{ObjectType: "SECRET", SecretType: "GENERIC_STRING"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := nativeapp.ValidateConfiguration(tc.typ, m, tc.body)
			require.NoError(t, err)
			require.Equal(t, tc.want, got)
		})
	}
}

// The ERROR form is the application's message, not a format problem.
func TestValidateConfigurationAppError(t *testing.T) {
	t.Parallel()
	_, err := nativeapp.ValidateConfiguration("SECRET", nil, seedError)
	var app *nativeapp.AppError
	require.True(t, errors.As(err, &app), "%v", err)
	require.Equal(t, "The reference is not available for configuration ...", app.Message)
}

func TestValidateConfigurationRejects(t *testing.T) {
	t.Parallel()
	m := loadConfigManifest(t)
	const eai, secret = "EXTERNAL ACCESS INTEGRATION", "SECRET"
	for _, tc := range []struct {
		name, typ, body, field, msg string
	}{
		{"not a callback type", "TABLE", seedEAI, "", "apply to EXTERNAL ACCESS INTEGRATION and SECRET references, not TABLE"},
		{"not JSON", eai, `{"type":`, "", "is not valid JSON"},
		{"not an object", eai, `[1]`, "", "must be a JSON object"},
		{"trailing text", eai, seedEAI + ` {}`, "", "has text after its JSON object"},
		{"unknown top field", eai, `{"type":"CONFIGURATION","payload":{},"extra":1}`, "extra", "is not a field of the response"},
		{"missing type", eai, `{"payload":{}}`, "type", "is required"},
		{"bad type", eai, `{"type":"CONFIG","payload":{}}`, "type", `must be "CONFIGURATION" or "ERROR", got "CONFIG"`},
		{"type not a string", eai, `{"type":1,"payload":{}}`, "type", "must be a string"},
		{"missing payload", eai, `{"type":"CONFIGURATION"}`, "payload", "is required"},
		{"error without message", eai, `{"type":"ERROR","payload":{}}`, "payload.message", "is required"},
		{"error message empty", secret, `{"type":"ERROR","payload":{"message":" "}}`, "payload.message", "must not be empty"},
		{"missing host_ports", eai, `{"type":"CONFIGURATION","payload":{"allowed_secrets":"NONE"}}`, "payload.host_ports", "is required"},
		{"empty host_ports", eai, `{"type":"CONFIGURATION","payload":{"host_ports":[]}}`, "payload.host_ports", "must not be empty"},
		{"host_ports not strings", eai, `{"type":"CONFIGURATION","payload":{"host_ports":[443]}}`, "payload.host_ports[0]", "must be a string"},
		{"host_ports a string", eai, `{"type":"CONFIGURATION","payload":{"host_ports":"x.com"}}`, "payload.host_ports", "must be an array of strings"},
		{"URL not domain", eai, `{"type":"CONFIGURATION","payload":{"host_ports":["x.com","https://y.com"]}}`, "payload.host_ports[1]", "not a URL"},
		{"bad domain", eai, `{"type":"CONFIGURATION","payload":{"host_ports":["goo gle.com"]}}`, "payload.host_ports[0]", "is not a valid domain"},
		{"label hyphen", eai, `{"type":"CONFIGURATION","payload":{"host_ports":["-x.com"]}}`, "payload.host_ports[0]", "is not a valid domain"},
		{"port too big", eai, `{"type":"CONFIGURATION","payload":{"host_ports":["x.com:65536"]}}`, "payload.host_ports[0]", "outside 0-65535"},
		{"port not a number", eai, `{"type":"CONFIGURATION","payload":{"host_ports":["x.com:https"]}}`, "payload.host_ports[0]", "not a number"},
		{"empty port", eai, `{"type":"CONFIGURATION","payload":{"host_ports":["x.com:"]}}`, "payload.host_ports[0]", "not a number"},
		{"bad allowed_secrets", eai, `{"type":"CONFIGURATION","payload":{"host_ports":["x.com"],"allowed_secrets":"SOME"}}`, "payload.allowed_secrets", "must be NONE, ALL or LIST"},
		{"LIST without references", eai, `{"type":"CONFIGURATION","payload":{"host_ports":["x.com"],"allowed_secrets":"LIST"}}`, "payload.secret_references", "is required"},
		{"references without LIST", eai, `{"type":"CONFIGURATION","payload":{"host_ports":["x.com"],"allowed_secrets":"ALL","secret_references":["CONSUMER_SECRET"]}}`, "payload.secret_references", "only when allowed_secrets is LIST"},
		{"reference not a secret", eai, `{"type":"CONFIGURATION","payload":{"host_ports":["x.com"],"allowed_secrets":"LIST","secret_references":["consumer_table"]}}`, "payload.secret_references[0]", "is not a SECRET reference of the manifest (the manifest defines CONSUMER_SECRET)"},
		{"reference listed twice", eai, `{"type":"CONFIGURATION","payload":{"host_ports":["x.com"],"allowed_secrets":"LIST","secret_references":["consumer_secret","CONSUMER_SECRET"]}}`, "payload.secret_references[1]", "is listed twice"},
		{"unknown payload field", eai, `{"type":"CONFIGURATION","payload":{"host_ports":["x.com"],"allowed_secret":"ALL"}}`, "payload.allowed_secret", "is not a field of payload"},
		{"secret type missing", secret, `{"type":"CONFIGURATION","payload":{}}`, "payload.type", "is required"},
		{"secret type bad", secret, `{"type":"CONFIGURATION","payload":{"type":"BASIC"}}`, "payload.type", "must be OAUTH2, GENERIC_STRING or PASSWORD"},
		{"oauth without integration", secret, `{"type":"CONFIGURATION","payload":{"type":"OAUTH2"}}`, "payload.security_integration", "is required"},
		{"integration on a password", secret, `{"type":"CONFIGURATION","payload":{"type":"PASSWORD","security_integration":{}}}`, "payload.security_integration", "only to a secret of type OAUTH2"},
		{"scopes missing", secret, `{"type":"CONFIGURATION","payload":{"type":"OAUTH2","security_integration":{"oauth_token_endpoint":"https://t","oauth_authorization_endpoint":"https://a"}}}`, "payload.security_integration.oauth_scopes", "is required"},
		{"token endpoint not a URL", secret, `{"type":"CONFIGURATION","payload":{"type":"OAUTH2","security_integration":{"oauth_scopes":["s"],"oauth_token_endpoint":"token_endpoint","oauth_authorization_endpoint":"https://a"}}}`, "payload.security_integration.oauth_token_endpoint", "is not an absolute http or https URL"},
		{"authorization endpoint missing", secret, `{"type":"CONFIGURATION","payload":{"type":"OAUTH2","security_integration":{"oauth_scopes":["s"],"oauth_token_endpoint":"https://t"}}}`, "payload.security_integration.oauth_authorization_endpoint", "is required"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := nativeapp.ValidateConfiguration(tc.typ, m, tc.body)
			var ce *nativeapp.ConfigError
			require.True(t, errors.As(err, &ce), "%v", err)
			require.Equal(t, tc.field, ce.Field, "%v", err)
			require.Contains(t, ce.Msg, tc.msg)
		})
	}
}

// FuzzValidateConfiguration checks that any response is either a
// configuration that keeps the documented invariants, the application's
// message, or a format error naming its field; never a panic.
func FuzzValidateConfiguration(f *testing.F) {
	for _, s := range []string{seedEAI, seedSecret, seedError,
		`{"type":"CONFIGURATION","payload":{"host_ports":["a.b:0","*.c.d:65535"],"allowed_secrets":"ALL"}}`,
		`{"type":"CONFIGURATION","payload":{"type":"PASSWORD"}}`, `{}`, `null`, `[]`, `{"type":"ERROR","payload":null}`,
	} {
		f.Add("EXTERNAL ACCESS INTEGRATION", s)
		f.Add("SECRET", s)
	}
	m := loadConfigManifest(f)
	f.Fuzz(func(t *testing.T, typ, body string) {
		c, err := nativeapp.ValidateConfiguration(typ, m, body)
		if err != nil {
			var ce *nativeapp.ConfigError
			var app *nativeapp.AppError
			if !errors.As(err, &ce) && !errors.As(err, &app) {
				t.Fatalf("ValidateConfiguration(%q, %q): unexpected error type %T: %v", typ, body, err, err)
			}
			if app != nil && app.Message == "" {
				t.Fatalf("ValidateConfiguration(%q, %q): an empty application message", typ, body)
			}
			return
		}
		switch c.ObjectType {
		case "EXTERNAL ACCESS INTEGRATION":
			if len(c.HostPorts) == 0 || (c.AllowedSecrets == "LIST") != (len(c.SecretReferences) > 0) {
				t.Fatalf("ValidateConfiguration(%q, %q) = %+v", typ, body, c)
			}
			for _, hp := range c.HostPorts {
				if hp.Port < 0 || hp.Port > 65535 || hp.Host == "" {
					t.Fatalf("ValidateConfiguration(%q, %q): host port %+v", typ, body, hp)
				}
			}
			for _, r := range c.SecretReferences {
				if r != "CONSUMER_SECRET" {
					t.Fatalf("ValidateConfiguration(%q, %q): secret reference %q", typ, body, r)
				}
			}
		case "SECRET":
			if c.SecretType == "OAUTH2" && (c.OAuthTokenEndpoint == "" || c.OAuthAuthEndpoint == "") {
				t.Fatalf("ValidateConfiguration(%q, %q) = %+v", typ, body, c)
			}
		default:
			t.Fatalf("ValidateConfiguration(%q, %q): object type %q", typ, body, c.ObjectType)
		}
	})
}
