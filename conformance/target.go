package conformance

import (
	"context"
	"fmt"
	"sort"
	"strings"
)

// Target is a system the suite runs against: Frostgate in-process, Frostgate
// over the PostgreSQL or Snowflake protocol, or a real Snowflake account.
// The runner uses a Target, and the Accounts and Sessions it opens, from one
// goroutine at a time.
type Target interface {
	// Name returns the name that skipif/onlyif lines use for the target,
	// e.g. "inproc".
	Name() string
	// OpenAccount returns an account in the state of a new one: a new
	// emulator, an emulator after reset, or (for a real account, which
	// cannot be reset) the account as it is.
	OpenAccount(ctx context.Context) (Account, error)
}

// Account is one account of a Target, used for one file.
type Account interface {
	// Admin returns the login of the account's administrator, a user
	// holding ACCOUNTADMIN, with Role ACCOUNTADMIN. Every file starts in a
	// session opened with it.
	Admin() Login
	// Open logs in and returns a new session. A refused login returns an
	// error that is (or wraps) an *sferr.Error when the target knows
	// Snowflake's error number.
	Open(ctx context.Context, login Login) (Session, error)
	// Close releases the account; the runner closes every session first.
	Close() error
}

// Session is one logged-in connection.
type Session interface {
	// Exec runs one statement (an optional trailing ';' is allowed) and
	// returns all of its result. A failed statement returns an error that
	// is (or wraps) an *sferr.Error when the target knows Snowflake's error
	// number; the runner compares TEXT with that error's Message, else with
	// the error's whole text.
	Exec(ctx context.Context, sql string) (*Result, error)
	// Close ends the session.
	Close() error
}

// Login is what a client presents to open a session.
type Login struct {
	User     string
	Password string
	Role     string // login role; empty means the user's default role
}

// String returns the login without its password, for messages.
func (l Login) String() string {
	if l.Role == "" {
		return l.User
	}
	return l.User + " (role " + l.Role + ")"
}

// Result is the whole result of a statement.
type Result struct {
	// Columns holds the column names as the target reports them.
	Columns []string
	// Rows holds one slice per row, each as long as Columns. Values are
	// nil (SQL NULL), string, []byte (read as text), bool, any integer or
	// float type, time.Time, or a fmt.Stringer; see FormatValue.
	Rows [][]any
}

// targets are the names NewTarget knows, each with its constructor.
var targets = map[string]func() Target{
	"inproc": func() Target { return &InProc{} },
}

// urlTargets are the targets named by a URL, by scheme: the URL carries
// where the target is and how to log in.
var urlTargets = map[string]func(raw string) (Target, error){
	"pg":        func(raw string) (Target, error) { return NewPG(raw) },
	"snowflake": func(raw string) (Target, error) { return ParseSnowflakeURL(raw) },
}

// NewTarget returns the target with the given name, with default settings,
// or the target a URL names: pg://USER:PASSWORD@HOST:PORT/ (see PG) or
// snowflake://USER:PASSWORD@HOST:PORT/?account=NAME&protocol=http (see
// Snowflake).
func NewTarget(name string) (Target, error) {
	if mk, ok := targets[name]; ok {
		return mk(), nil
	}
	if scheme, _, ok := strings.Cut(name, "://"); ok {
		if mk, ok := urlTargets[scheme]; ok {
			return mk(name)
		}
		return nil, fmt.Errorf("unknown target URL scheme %q (known: %s)", scheme, strings.Join(sortedKeys(urlTargets), ", "))
	}
	known := sortedKeys(targets)
	for _, scheme := range sortedKeys(urlTargets) {
		known = append(known, scheme+"://...")
	}
	return nil, fmt.Errorf("unknown target %q (known: %s)", name, strings.Join(known, ", "))
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
