package sqlengine

import (
	"context"
	"strings"

	"github.com/frostgate/frostgate/emulator/account"
)

// Engine runs Snowflake SQL against one account. It is safe for concurrent
// use; each Session it opens is not.
type Engine struct {
	acct      *account.Account
	cat       *catalog     // columns of tables, bodies of views, keyed by ObjectID
	data      *dataStore   // table data, in an embedded go-mysql-server
	resetHook func() error // SYSTEM$FROSTGATE_RESET; nil: not available
	appRoot   string       // relative application folder paths are resolved against it; "": the working directory

	bindingHook bindingFunc // resolves reference('name') instead of the account (tests only); nil: the account
}

// SetAppRoot makes relative paths in ALTER APPLICATION PACKAGE ... ADD
// VERSION ... USING 'path' resolve against dir instead of the process's
// working directory. Call it before the engine's first session.
func (e *Engine) SetAppRoot(dir string) { e.appRoot = dir }

// New returns an engine over acct, with an empty data store of its own.
func New(acct *account.Account) *Engine {
	return &Engine{acct: acct, cat: newCatalog(), data: newDataStore()}
}

// SetResetHook makes SYSTEM$FROSTGATE_RESET() available on this engine: an
// ACCOUNTADMIN session calling it runs reset, which is expected to replace
// the engine its server hands to new sessions. Call it before the engine is
// shared.
func (e *Engine) SetResetHook(reset func() error) { e.resetHook = reset }

// LoginFailed records a failed login that a wire protocol detected itself
// (a wrong SCRAM proof or MD5 digest) and returns the Snowflake error to
// show: 390100, or 390102 once the user is locked out. It counts towards
// the same per-user limit as Open.
func (e *Engine) LoginFailed(user string) error { return toSF(e.acct.LoginFailed(user)) }

// Account returns the account the engine runs against.
func (e *Engine) Account() *account.Account { return e.acct }

// Login is what a client presents when it opens a session.
type Login struct {
	User     string // login name, case-insensitive as in Snowflake
	Password string
	Role     string // requested login role; empty means the user's default role
}

// Open authenticates a user and returns a new session whose primary role is
// the requested role, else the user's default role, else PUBLIC, and whose
// secondary roles come from the user's DEFAULT_SECONDARY_ROLES.
func (e *Engine) Open(ctx context.Context, login Login) (*Session, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	role := login.Role
	if role != "" {
		role = account.NormalizeIdent(role)
	}
	actor, err := e.acct.Login(login.User, login.Password, role)
	if err != nil {
		return nil, toSF(err)
	}
	s := newSession(e, actor)
	s.applyLoginDefaults()
	return s, nil
}

// OpenVerified opens a session for a user the caller has already
// authenticated (a wire protocol's SCRAM exchange, key-pair JWT or OAuth
// token); everything else is as Open.
func (e *Engine) OpenVerified(ctx context.Context, user, role string) (*Session, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if role != "" {
		role = account.NormalizeIdent(role)
	}
	actor, err := e.acct.LoginVerified(user, role)
	if err != nil {
		return nil, toSF(err)
	}
	s := newSession(e, actor)
	s.applyLoginDefaults()
	return s, nil
}

// Secrets returns what a wire protocol needs to check a user's password
// without it (SCRAM-SHA-256, MD5); ok is false when the user has none.
func (e *Engine) Secrets(user string) (account.Secrets, bool) { return e.acct.UserSecrets(user) }

// PublicKeys returns a user's registered RSA public keys (key-pair login).
func (e *Engine) PublicKeys(user string) []string { return e.acct.UserPublicKeys(user) }

// applyLoginDefaults makes the user's DEFAULT_WAREHOUSE and
// DEFAULT_NAMESPACE current when the session may use them.
func (s *Session) applyLoginDefaults() {
	wh, ns := s.acct.UserDefaults(s.actor)
	if wh != "" && s.acct.CheckUse(s.actor, account.Ref{Kind: account.KindWarehouse, Path: []string{wh}}) == nil {
		s.warehouse = wh
	}
	if ns == "" {
		return
	}
	db, schema, _ := strings.Cut(ns, ".")
	db = account.NormalizeIdent(db)
	if s.acct.CheckUse(s.actor, account.Ref{Kind: account.KindDatabase, Path: []string{db}}) != nil {
		return
	}
	s.database = db
	schema = account.NormalizeIdent(schema)
	if schema == "" {
		schema = "PUBLIC"
	}
	if s.acct.CheckUse(s.actor, account.Ref{Kind: account.KindSchema, Path: []string{db, schema}}) == nil {
		s.schema = schema
	}
}

// UseConnectionContext makes current the database, schema and warehouse a
// client named when it connected (the databaseName, schemaName and warehouse
// of a Snowflake driver's login, a PostgreSQL startup's database), each only
// when it exists and the session may use it: as in Snowflake, a login never
// fails because of them, the session just has no current database, schema
// or warehouse. Names follow identifier rules: unquoted ones fold to upper
// case, "quoted" ones are kept. An empty name leaves that part as the login
// defaults set it; a database without a schema makes PUBLIC current, as USE
// DATABASE does.
func (s *Session) UseConnectionContext(database, schema, warehouse string) {
	if warehouse != "" {
		wh := account.NormalizeIdent(warehouse)
		if s.acct.CheckUse(s.actor, account.Ref{Kind: account.KindWarehouse, Path: []string{wh}}) == nil {
			s.warehouse = wh
		} else {
			s.warehouse = ""
		}
	}
	if database != "" {
		db := account.NormalizeIdent(database)
		s.database, s.schema = "", ""
		if s.acct.CheckUse(s.actor, account.Ref{Kind: account.KindDatabase, Path: []string{db}}) != nil {
			return
		}
		s.database = db
		if schema == "" {
			schema = "PUBLIC"
		}
	}
	if schema != "" && s.database != "" {
		sc := account.NormalizeIdent(schema)
		s.schema = ""
		if s.acct.CheckUse(s.actor, account.Ref{Kind: account.KindSchema, Path: []string{s.database, sc}}) == nil {
			s.schema = sc
		}
	}
}
