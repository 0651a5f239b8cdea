package conformance

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// Snowflake is the target that speaks Snowflake's driver protocol, named
// "snowflake": it logs in, runs statements and closes sessions with the
// requests, headers and JSON the official drivers send (login-request,
// query-request with a gzip body, token renewal on 390112, session delete),
// and reads Snowflake error numbers from the replies' code. It runs against
// Frostgate (frostgate serve, emulator.Start) or, with protocol https, a
// real account.
//
// ParseSnowflakeURL builds one from
//
//	snowflake://USER:PASSWORD@HOST:PORT[/DATABASE[/SCHEMA]]?account=NAME&protocol=http[&...]
//
// which takes the parameters of a gosnowflake DSN: account, protocol (http
// or https, default https), port (default 443 for https, 80 for http),
// database, schema, warehouse, role (the administrator's login role,
// default ACCOUNTADMIN), loginTimeout and requestTimeout (seconds or a Go
// duration), application, authenticator (snowflake only: the suite logs
// in with passwords); driver-side settings (disableOCSPChecks,
// ocspFailOpen, insecureMode, validateDefaultParameters, tracing,
// disableTelemetry, clientSessionKeepAlive, ...) are accepted and have no
// effect; any other parameter is sent as a session parameter at login, as
// gosnowflake does. USER and PASSWORD are the administrator's.
type Snowflake struct {
	// BaseURL is "http://HOST:PORT" or "https://HOST:PORT", no trailing slash.
	BaseURL string
	// Account is the account name sent at login (ACCOUNT_NAME).
	Account string
	// AdminLogin is the login every file's admin session uses.
	AdminLogin Login
	// Database, Schema and Warehouse, when set, are asked for at every login.
	Database, Schema, Warehouse string
	// Application is sent as CLIENT_APP_ID's environment APPLICATION.
	Application string
	// SessionParameters are sent at every login.
	SessionParameters map[string]any
	// LoginTimeout bounds a login; RequestTimeout every other request
	// (0: none).
	LoginTimeout, RequestTimeout time.Duration
	// Client sends the requests; nil means a client of its own.
	Client *http.Client
	// Reset gives the account a fresh state before each file. Nil means
	// DefaultSnowflakeReset. Set it before the first OpenAccount.
	Reset func(ctx context.Context, t *Snowflake) error
}

// DefaultSnowflakeReset is how a Snowflake target resets the account when
// its Reset is nil: the one function to swap when the emulator's reset
// changes. ResetWithStatement("SELECT SYSTEM$FROSTGATE_RESET()") resets
// through SQL, the way the PostgreSQL target does.
var DefaultSnowflakeReset = ResetWithStatement("SELECT SYSTEM$FROSTGATE_RESET()")

// ResetWithStatement returns a reset that logs in as the administrator over
// the protocol, runs sql, and logs out; the statement may end the session
// it runs in.
func ResetWithStatement(sql string) func(ctx context.Context, t *Snowflake) error {
	return func(ctx context.Context, t *Snowflake) error {
		s, err := t.login(ctx, t.AdminLogin)
		if err != nil {
			return fmt.Errorf("logging in to reset the account: %w", err)
		}
		_, err = s.Exec(ctx, sql)
		_ = s.Close() // the reset may have ended the session already
		if err != nil {
			return fmt.Errorf("resetting the account: %w", err)
		}
		return nil
	}
}

// ignoredParams are gosnowflake DSN parameters that only tune the driver.
var ignoredParams = map[string]bool{
	"clientsessionkeepalive": true, "clienttimeout": true, "disableocspchecks": true,
	"disablequerycontextcache": true, "disabletelemetry": true, "insecuremode": true, "jwttimeout": true,
	"maxretrycount": true, "ocspfailopen": true, "region": true, "tracing": true, "validatedefaultparameters": true,
	"clientrequestmfatoken": true, "clientstoretemporarycredential": true, "tmpdirpath": true,
}

// ParseSnowflakeURL returns the Snowflake target a snowflake:// URL names.
func ParseSnowflakeURL(raw string) (*Snowflake, error) {
	u, err := url.Parse(raw)
	if err != nil {
		return nil, fmt.Errorf("snowflake target: %w", err)
	}
	if u.Scheme != "snowflake" {
		return nil, fmt.Errorf("snowflake target: scheme must be snowflake://, got %q", u.Scheme)
	}
	if u.User == nil || u.User.Username() == "" {
		return nil, errors.New("snowflake target: the URL needs USER:PASSWORD@")
	}
	if u.Hostname() == "" {
		return nil, errors.New("snowflake target: the URL needs a host")
	}
	password, _ := u.User.Password()
	t := &Snowflake{AdminLogin: Login{User: u.User.Username(), Password: password, Role: "ACCOUNTADMIN"},
		SessionParameters: map[string]any{}, LoginTimeout: time.Minute}
	protocol, port := "https", u.Port()
	for key, vals := range u.Query() {
		v := vals[len(vals)-1]
		switch strings.ToLower(key) {
		case "account":
			t.Account = v
		case "protocol":
			protocol = strings.ToLower(v)
		case "port":
			port = v
		case "host":
			// gosnowflake's host= overrides the DSN's host; rare here.
			u.Host = v
		case "database":
			t.Database = v
		case "schema":
			t.Schema = v
		case "warehouse":
			t.Warehouse = v
		case "role":
			t.AdminLogin.Role = v
		case "application":
			t.Application = v
		case "authenticator":
			if !strings.EqualFold(v, "snowflake") {
				return nil, fmt.Errorf("snowflake target: logs in with passwords only, not authenticator %s", v)
			}
		case "logintimeout":
			if t.LoginTimeout, err = parseTimeout(v); err != nil {
				return nil, fmt.Errorf("snowflake target: loginTimeout: %w", err)
			}
		case "requesttimeout":
			if t.RequestTimeout, err = parseTimeout(v); err != nil {
				return nil, fmt.Errorf("snowflake target: requestTimeout: %w", err)
			}
		default:
			if !ignoredParams[strings.ToLower(key)] {
				t.SessionParameters[strings.ToUpper(key)] = v
			}
		}
	}
	if t.Account == "" {
		return nil, errors.New("snowflake target: account= is required, as in a gosnowflake DSN")
	}
	if protocol != "http" && protocol != "https" {
		return nil, fmt.Errorf("snowflake target: protocol must be http or https, got %q", protocol)
	}
	if port == "" {
		port = map[string]string{"http": "80", "https": "443"}[protocol]
	}
	if path := strings.Trim(u.Path, "/"); path != "" {
		db, schema, _ := strings.Cut(path, "/")
		t.Database, t.Schema = db, schema
	}
	t.BaseURL = protocol + "://" + hostPort(u.Hostname(), port)
	return t, nil
}

func hostPort(host, port string) string {
	if strings.Contains(host, ":") {
		host = "[" + host + "]"
	}
	return host + ":" + port
}

// parseTimeout reads a timeout as gosnowflake does (whole seconds) or as a
// Go duration ("90s").
func parseTimeout(v string) (time.Duration, error) {
	if n, err := strconv.Atoi(v); err == nil {
		return time.Duration(n) * time.Second, nil
	}
	return time.ParseDuration(v)
}

// Name implements Target.
func (*Snowflake) Name() string { return "snowflake" }

// OpenAccount implements Target: it resets the account (Reset) and returns it.
func (t *Snowflake) OpenAccount(ctx context.Context) (Account, error) {
	reset := t.Reset
	if reset == nil {
		reset = DefaultSnowflakeReset
	}
	if err := reset(ctx, t); err != nil {
		return nil, err
	}
	return &sfAccount{t: t}, nil
}

type sfAccount struct{ t *Snowflake }

func (a *sfAccount) Admin() Login { return a.t.AdminLogin }

func (a *sfAccount) Open(ctx context.Context, l Login) (Session, error) { return a.t.login(ctx, l) }

func (a *sfAccount) Close() error { return nil }
