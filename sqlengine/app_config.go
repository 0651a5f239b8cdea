package sqlengine

import (
	"context"
	"encoding/json"
	"errors"
	"strings"

	"github.com/frostgate/frostgate/emulator/account"
	"github.com/frostgate/frostgate/nativeapp"
	"github.com/frostgate/frostgate/sferr"
)

// Configuration callbacks (seed 001, "Create a callback stored procedure
// for requesting object configuration"): for a reference to an EXTERNAL
// ACCESS INTEGRATION or a SECRET, Snowsight calls the application's
// configuration_callback with the reference's name and builds the
// consumer's object from the JSON it returns. Frostgate has no such objects
// to build, so it offers the check a provider's tests need: call the
// callback as the application's owner would and validate its answer
// (nativeapp.ValidateConfiguration). SQL reaches it as
// SYSTEM$FROSTGATE_REFERENCE_CONFIGURATION('<app>', '<reference>'), an
// emulator function like SYSTEM$FROSTGATE_RESET.

// ConfigurationFunction is the SQL name of Session.ReferenceConfiguration.
const ConfigurationFunction = "SYSTEM$FROSTGATE_REFERENCE_CONFIGURATION"

// ReferenceConfiguration calls the configuration callback of reference
// definition ref of application app (names as written in SQL: upper case
// unless quoted) and validates what it returns. The session must own the
// application, as SHOW REFERENCES requires. An ERROR answer comes back as a
// *nativeapp.AppError carrying the application's message, a malformed one
// as a *nativeapp.ConfigError naming the field; both wrapped in an
// sferr.Error by the SQL function.
func (s *Session) ReferenceConfiguration(ctx context.Context, app, ref string) (nativeapp.Configuration, error) {
	appName, err := parseNameText(app, 1)
	if err != nil {
		return nativeapp.Configuration{}, sferr.InvalidIdentifier(app)
	}
	defs, err := s.acct.ReferenceDefinitions(s.actor, appName[0])
	if err != nil {
		return nativeapp.Configuration{}, toSF(err)
	}
	d, err := account.FindDefinition(defs, ref, appName[0])
	if err != nil {
		return nativeapp.Configuration{}, toSF(err)
	}
	if d.ConfigurationCallback == "" {
		return nativeapp.Configuration{}, sferr.ExecutionError("Reference definition '" + d.Name +
			"' has no configuration_callback; only EXTERNAL ACCESS INTEGRATION and SECRET references have one.")
	}
	proc, err := parseNameText(d.ConfigurationCallback, 2)
	if err != nil || len(proc) != 2 {
		return nativeapp.Configuration{}, sferr.ExecutionError("Invalid configuration_callback '" + d.ConfigurationCallback +
			"' of reference definition '" + d.Name + "': expected <schema>.<procedure>.")
	}
	call := &Call{Name: ObjectName{appName[0], proc[0], proc[1]}, Args: []Expr{&StringLit{Value: d.Name}}}
	res, err := s.execCall(ctx, call)
	if err != nil {
		return nativeapp.Configuration{}, err
	}
	var body string
	if len(res.rows) == 1 && len(res.rows[0]) == 1 {
		body, _ = res.rows[0][0].(string)
	}
	manifest := &nativeapp.Manifest{}
	for _, def := range defs {
		manifest.References = append(manifest.References, nativeapp.Reference{Name: def.Name, ObjectType: def.ObjectType})
	}
	return nativeapp.ValidateConfiguration(d.ObjectType, manifest, body)
}

// referenceConfigurationFunc is SYSTEM$FROSTGATE_REFERENCE_CONFIGURATION(app,
// ref): the validated configuration in the documented JSON layout, with the
// defaults filled in (a host without a port is host:443).
func (s *Session) referenceConfigurationFunc(args []any) (any, error) {
	if len(args) != 2 {
		return nil, sferr.InvalidArgument(ConfigurationFunction + " takes an application name and a reference name")
	}
	app, ok1 := args[0].(string)
	ref, ok2 := args[1].(string)
	if !ok1 || !ok2 {
		return nil, sferr.InvalidArgument(ConfigurationFunction + "'s arguments are strings")
	}
	ctx := s.ctx
	if ctx == nil {
		ctx = context.Background()
	}
	c, err := s.ReferenceConfiguration(ctx, app, ref)
	var appErr *nativeapp.AppError
	var cfgErr *nativeapp.ConfigError
	switch {
	case errors.As(err, &appErr):
		return nil, sferr.ExecutionError("The configuration callback of reference '" + strings.ToUpper(ref) +
			"' reported an error: " + appErr.Message)
	case errors.As(err, &cfgErr):
		return nil, sferr.ExecutionError("Invalid configuration callback response for reference '" +
			strings.ToUpper(ref) + "': " + cfgErr.Error())
	case err != nil:
		return nil, err
	}
	return configurationJSON(c), nil
}

// configurationJSON renders c in the callback's documented layout, keys in
// the documentation's order.
func configurationJSON(c nativeapp.Configuration) string {
	type oauth struct {
		Scopes        []string `json:"oauth_scopes"`
		TokenEndpoint string   `json:"oauth_token_endpoint"`
		AuthEndpoint  string   `json:"oauth_authorization_endpoint"`
	}
	type secret struct {
		Type                string `json:"type"`
		SecurityIntegration *oauth `json:"security_integration,omitempty"`
	}
	type integration struct {
		HostPorts        []string `json:"host_ports"`
		AllowedSecrets   string   `json:"allowed_secrets"`
		SecretReferences []string `json:"secret_references,omitempty"`
	}
	var payload any
	if c.ObjectType == "SECRET" {
		p := secret{Type: c.SecretType}
		if c.SecretType == "OAUTH2" {
			p.SecurityIntegration = &oauth{nonNil(c.OAuthScopes), c.OAuthTokenEndpoint, c.OAuthAuthEndpoint}
		}
		payload = p
	} else {
		p := integration{HostPorts: []string{}, AllowedSecrets: c.AllowedSecrets, SecretReferences: c.SecretReferences}
		for _, h := range c.HostPorts {
			p.HostPorts = append(p.HostPorts, h.String())
		}
		payload = p
	}
	b, _ := json.Marshal(struct {
		Type    string `json:"type"`
		Payload any    `json:"payload"`
	}{"CONFIGURATION", payload})
	return string(b)
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}
