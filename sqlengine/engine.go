package sqlengine

import (
	"context"

	"github.com/frostgate/frostgate/emulator/account"
)

// Engine runs Snowflake SQL against one account. It is safe for concurrent
// use; each Session it opens is not.
type Engine struct {
	acct *account.Account
}

// New returns an engine over acct.
func New(acct *account.Account) *Engine { return &Engine{acct: acct} }

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
	actor, err := e.acct.Login(login.User, login.Password, login.Role)
	if err != nil {
		return nil, err
	}
	return newSession(e, actor), nil
}
