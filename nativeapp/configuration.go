package nativeapp

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/url"
	"sort"
	"strconv"
	"strings"
)

// The configuration callback's response (seed 001 "JSON format for the
// configuration callback response"): for a reference of type EXTERNAL
// ACCESS INTEGRATION or SECRET, the application's configuration_callback
// returns JSON that says how the consumer's object must be set up, or an
// ERROR whose message Snowsight shows. ValidateConfiguration checks that
// text the way Frostgate reads it; docs/compatibility.md G.4 lists what is
// Frostgate's choice where the documentation is silent.

// Configuration is a valid CONFIGURATION response.
type Configuration struct {
	ObjectType string // normalized: EXTERNAL ACCESS INTEGRATION or SECRET

	// EXTERNAL ACCESS INTEGRATION.
	HostPorts        []HostPort // at least one
	AllowedSecrets   string     // NONE (the default), ALL or LIST
	SecretReferences []string   // LIST only: names of SECRET references of the manifest, upper case

	// SECRET.
	SecretType         string   // OAUTH2, GENERIC_STRING or PASSWORD
	OAuthScopes        []string // OAUTH2: security_integration.oauth_scopes
	OAuthTokenEndpoint string   // OAUTH2: security_integration.oauth_token_endpoint
	OAuthAuthEndpoint  string   // OAUTH2: security_integration.oauth_authorization_endpoint
}

// HostPort is one entry of host_ports: the network rule's egress target.
type HostPort struct {
	Host string // a domain, lower case; may start with "*." (every subdomain)
	Port int    // 1-65535; 0 means every port; 443 when the entry names none
}

// String renders the entry as a network rule's VALUE_LIST does: host:port.
func (h HostPort) String() string { return h.Host + ":" + strconv.Itoa(h.Port) }

// ConfigError is a response that does not follow the documented format.
// Field is the JSON path of the offending field ("payload.host_ports[1]"),
// "" for the response as a whole.
type ConfigError struct {
	Field string
	Msg   string
}

func (e *ConfigError) Error() string {
	if e.Field == "" {
		return "configuration callback response: " + e.Msg
	}
	return "configuration callback response: " + e.Field + ": " + e.Msg
}

// AppError is the application's own ERROR response ("the reference is not
// available for configuration ..."): Message is what the consumer is shown.
type AppError struct {
	Message string
}

func (e *AppError) Error() string { return e.Message }

// ValidateConfiguration checks body, what the configuration callback of a
// reference of type objectType returned. manifest (nil for none) holds the
// SECRET references that secret_references may name. It returns the
// configuration, an *AppError for a well-formed ERROR response, or a
// *ConfigError naming the first field that is wrong.
func ValidateConfiguration(objectType string, manifest *Manifest, body string) (Configuration, error) {
	typ := NormalizeObjectType(objectType)
	if typ != "EXTERNAL ACCESS INTEGRATION" && typ != "SECRET" {
		return Configuration{}, &ConfigError{Msg: fmt.Sprintf(
			"configuration callbacks apply to EXTERNAL ACCESS INTEGRATION and SECRET references, not %s", typ)}
	}
	top, err := object("", []byte(body), "type", "payload")
	if err != nil {
		return Configuration{}, err
	}
	kind, err := str("type", top["type"], true)
	if err != nil {
		return Configuration{}, err
	}
	switch kind {
	case "ERROR":
		p, err := object("payload", top["payload"], "message")
		if err != nil {
			return Configuration{}, err
		}
		msg, err := str("payload.message", p["message"], true)
		if err != nil {
			return Configuration{}, err
		}
		return Configuration{}, &AppError{Message: msg}
	case "CONFIGURATION":
	default:
		return Configuration{}, &ConfigError{Field: "type", Msg: fmt.Sprintf("must be \"CONFIGURATION\" or \"ERROR\", got %q", kind)}
	}
	c := Configuration{ObjectType: typ}
	if typ == "SECRET" {
		err = c.secret(top["payload"])
	} else {
		err = c.externalAccess(top["payload"], manifest)
	}
	if err != nil {
		return Configuration{}, err
	}
	return c, nil
}

// externalAccess reads an EXTERNAL ACCESS INTEGRATION payload.
func (c *Configuration) externalAccess(raw json.RawMessage, m *Manifest) error {
	p, err := object("payload", raw, "host_ports", "allowed_secrets", "secret_references")
	if err != nil {
		return err
	}
	hosts, err := strList("payload.host_ports", p["host_ports"], true)
	if err != nil {
		return err
	}
	for i, h := range hosts {
		hp, msg := parseHostPort(h)
		if msg != "" {
			return &ConfigError{Field: fmt.Sprintf("payload.host_ports[%d]", i), Msg: fmt.Sprintf("%q %s", h, msg)}
		}
		c.HostPorts = append(c.HostPorts, hp)
	}
	c.AllowedSecrets = "NONE"
	if p["allowed_secrets"] != nil {
		v, err := str("payload.allowed_secrets", p["allowed_secrets"], true)
		if err != nil {
			return err
		}
		c.AllowedSecrets = strings.ToUpper(v)
		if c.AllowedSecrets != "NONE" && c.AllowedSecrets != "ALL" && c.AllowedSecrets != "LIST" {
			return &ConfigError{Field: "payload.allowed_secrets", Msg: fmt.Sprintf("must be NONE, ALL or LIST, got %q", v)}
		}
	}
	if c.AllowedSecrets != "LIST" {
		if p["secret_references"] != nil {
			return &ConfigError{Field: "payload.secret_references",
				Msg: "applies only when allowed_secrets is LIST, and it is " + c.AllowedSecrets}
		}
		return nil
	}
	names, err := strList("payload.secret_references", p["secret_references"], true)
	if err != nil {
		return err
	}
	secrets := map[string]bool{}
	var known []string
	if m != nil {
		for _, r := range m.References {
			if r.ObjectType == "SECRET" {
				secrets[r.Name], known = true, append(known, r.Name)
			}
		}
	}
	seen := map[string]bool{}
	for i, n := range names {
		name := strings.ToUpper(strings.TrimSpace(n))
		field := fmt.Sprintf("payload.secret_references[%d]", i)
		switch {
		case seen[name]:
			return &ConfigError{Field: field, Msg: fmt.Sprintf("%q is listed twice", n)}
		case !secrets[name]:
			sort.Strings(known)
			defined := "the manifest defines none"
			if len(known) > 0 {
				defined = "the manifest defines " + strings.Join(known, ", ")
			}
			return &ConfigError{Field: field, Msg: fmt.Sprintf("%q is not a SECRET reference of the manifest (%s)", n, defined)}
		}
		seen[name] = true
		c.SecretReferences = append(c.SecretReferences, name)
	}
	return nil
}

// secret reads a SECRET payload.
func (c *Configuration) secret(raw json.RawMessage) error {
	p, err := object("payload", raw, "type", "security_integration")
	if err != nil {
		return err
	}
	t, err := str("payload.type", p["type"], true)
	if err != nil {
		return err
	}
	c.SecretType = strings.ToUpper(t)
	switch c.SecretType {
	case "OAUTH2":
	case "GENERIC_STRING", "PASSWORD":
		if p["security_integration"] != nil {
			return &ConfigError{Field: "payload.security_integration", Msg: "applies only to a secret of type OAUTH2"}
		}
		return nil
	default:
		return &ConfigError{Field: "payload.type", Msg: fmt.Sprintf("must be OAUTH2, GENERIC_STRING or PASSWORD, got %q", t)}
	}
	si, err := object("payload.security_integration", p["security_integration"],
		"oauth_scopes", "oauth_token_endpoint", "oauth_authorization_endpoint")
	if err != nil {
		return err
	}
	if c.OAuthScopes, err = strList("payload.security_integration.oauth_scopes", si["oauth_scopes"], true); err != nil {
		return err
	}
	if c.OAuthTokenEndpoint, err = endpoint("payload.security_integration.oauth_token_endpoint", si["oauth_token_endpoint"]); err != nil {
		return err
	}
	c.OAuthAuthEndpoint, err = endpoint("payload.security_integration.oauth_authorization_endpoint", si["oauth_authorization_endpoint"])
	return err
}

// object decodes raw as a JSON object whose keys are among keys.
func object(field string, raw json.RawMessage, keys ...string) (map[string]json.RawMessage, error) {
	where := field
	if where == "" {
		where = "the response"
	}
	if raw == nil {
		return nil, &ConfigError{Field: field, Msg: "is required"}
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	var m map[string]json.RawMessage
	if err := dec.Decode(&m); err != nil || m == nil {
		var syn *json.SyntaxError
		if errors.As(err, &syn) || errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
			return nil, &ConfigError{Field: field, Msg: "is not valid JSON"}
		}
		return nil, &ConfigError{Field: field, Msg: "must be a JSON object"}
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, &ConfigError{Field: field, Msg: "has text after its JSON object"}
	}
	allowed := map[string]bool{}
	for _, k := range keys {
		allowed[k] = true
	}
	var unknown []string
	for k := range m {
		if !allowed[k] {
			unknown = append(unknown, k)
		}
	}
	if len(unknown) > 0 {
		sort.Strings(unknown)
		return nil, &ConfigError{Field: join(field, unknown[0]), Msg: "is not a field of " + where +
			" (known: " + strings.Join(keys, ", ") + ")"}
	}
	return m, nil
}

func join(parent, key string) string {
	if parent == "" {
		return key
	}
	return parent + "." + key
}

// str decodes raw as a JSON string; required says it must be present and not empty.
func str(field string, raw json.RawMessage, required bool) (string, error) {
	if raw == nil {
		if required {
			return "", &ConfigError{Field: field, Msg: "is required"}
		}
		return "", nil
	}
	var s string
	if err := json.Unmarshal(raw, &s); err != nil {
		return "", &ConfigError{Field: field, Msg: "must be a string"}
	}
	if required && strings.TrimSpace(s) == "" {
		return "", &ConfigError{Field: field, Msg: "must not be empty"}
	}
	return s, nil
}

// strList decodes raw as a JSON array of non-empty strings; required
// says it must be present and hold at least one.
func strList(field string, raw json.RawMessage, required bool) ([]string, error) {
	if raw == nil {
		if required {
			return nil, &ConfigError{Field: field, Msg: "is required"}
		}
		return nil, nil
	}
	var items []json.RawMessage
	if err := json.Unmarshal(raw, &items); err != nil || items == nil {
		return nil, &ConfigError{Field: field, Msg: "must be an array of strings"}
	}
	if required && len(items) == 0 {
		return nil, &ConfigError{Field: field, Msg: "must not be empty"}
	}
	out := make([]string, len(items))
	for i, it := range items {
		s, err := str(fmt.Sprintf("%s[%d]", field, i), it, true)
		if err != nil {
			return nil, err
		}
		out[i] = s
	}
	return out, nil
}

// endpoint decodes an OAuth endpoint: an absolute http(s) URL.
func endpoint(field string, raw json.RawMessage) (string, error) {
	s, err := str(field, raw, true)
	if err != nil {
		return "", err
	}
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
		return "", &ConfigError{Field: field, Msg: fmt.Sprintf("%q is not an absolute http or https URL", s)}
	}
	return s, nil
}

// parseHostPort reads host[:port]; msg says what is wrong, "" when nothing.
func parseHostPort(s string) (HostPort, string) {
	if strings.Contains(s, "://") {
		return HostPort{}, "must be a domain with an optional port, not a URL"
	}
	host, port := s, 443
	if i := strings.LastIndexByte(s, ':'); i >= 0 {
		host = s[:i]
		p, err := strconv.Atoi(s[i+1:])
		if err != nil || s[i+1:] == "" || s[i+1] == '+' || s[i+1] == '-' {
			return HostPort{}, "has a port that is not a number"
		}
		if p < 0 || p > 65535 {
			return HostPort{}, "has a port outside 0-65535 (0 means every port)"
		}
		port = p
	}
	if !validDomain(host) {
		return HostPort{}, "is not a valid domain"
	}
	return HostPort{Host: strings.ToLower(host), Port: port}, ""
}

// validDomain accepts a DNS name: dot-separated labels of letters, digits
// and inner hyphens, 1-63 bytes each, 253 in all, optionally after "*.".
func validDomain(h string) bool {
	h = strings.TrimPrefix(h, "*.")
	if h == "" || len(h) > 253 {
		return false
	}
	for _, label := range strings.Split(h, ".") {
		if label == "" || len(label) > 63 || label[0] == '-' || label[len(label)-1] == '-' {
			return false
		}
		for i := 0; i < len(label); i++ {
			c := label[i]
			if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-') {
				return false
			}
		}
	}
	return true
}
