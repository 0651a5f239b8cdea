package sqlengine

import (
	"context"
	"fmt"
	"strings"

	"github.com/dolthub/go-mysql-server/sql"
	"github.com/dolthub/go-mysql-server/sql/expression"
	"github.com/dolthub/go-mysql-server/sql/types"

	"github.com/frostgate/frostgate/sferr"
)

// Session functions on the data plane. SYSTEM$REFERENCE and
// SYSTEM$QUERY_REFERENCE act on the account as a session, so
// go-mysql-server cannot compute them; yet their arguments may depend on
// the row (SYSTEM$REFERENCE('TABLE', t.name)). The rewriter therefore
// registers each call with the statement (accessSet.fns, bound to the
// resolver's actor and namespace) and writes
//
//	frostgate_session_fn(<slot>, arg, ...)
//
// which go-mysql-server evaluates per row: it computes the arguments, and
// sessionFn hands their values to the registered Go function. The slot is
// only an index into the running statement's table, which travels in the
// statement's context, so a parsed statement cached by text stays valid.
// Users cannot write the name: the rewriter's function table lacks it.

// sessionFnName is the go-mysql-server name of every session function call.
const sessionFnName = "frostgate_session_fn"

// sessionFunc is a session function bound to the scope that called it.
type sessionFunc func(args []any) (any, error)

// stmtFnsKey keys the running statement's accessSet in its context.
type stmtFnsKey struct{}

// withSessionFns returns gctx carrying the session functions of the
// statement allowed (which may be nil).
func withSessionFns(gctx *sql.Context, allowed *accessSet) *sql.Context {
	if allowed == nil || len(allowed.fns) == 0 {
		return gctx
	}
	return gctx.WithContext(context.WithValue(gctx.Context, stmtFnsKey{}, allowed))
}

// registerSessionFn adds frostgate_session_fn to a go-mysql-server engine's
// function registry (the registry is the engine's own).
func registerSessionFn(c interface {
	RegisterFunction(*sql.Context, ...sql.Function)
}) {
	c.RegisterFunction(sql.NewEmptyContext(), sql.FunctionN{Name: sessionFnName, Fn: newSessionFn})
}

// sessionFn is one call of a session function in a plan.
type sessionFn struct {
	slot int
	args []sql.Expression
}

var _ sql.NonDeterministicExpression = (*sessionFn)(nil)

func newSessionFn(args ...sql.Expression) (sql.Expression, error) {
	if len(args) == 0 {
		return nil, sql.ErrInvalidArgumentNumber.New(sessionFnName, 1, 0)
	}
	lit, ok := args[0].(*expression.Literal)
	if !ok {
		return nil, fmt.Errorf("%s: the slot must be a literal", sessionFnName)
	}
	slot, ok := toValue(lit.Value(), typeNumber).(int64)
	if !ok {
		return nil, fmt.Errorf("%s: the slot must be an integer", sessionFnName)
	}
	return &sessionFn{slot: int(slot), args: args[1:]}, nil
}

// Resolved implements sql.Expression.
func (f *sessionFn) Resolved() bool {
	for _, a := range f.args {
		if !a.Resolved() {
			return false
		}
	}
	return true
}

// String implements sql.Expression.
func (f *sessionFn) String() string {
	parts := make([]string, len(f.args))
	for i, a := range f.args {
		parts[i] = a.String()
	}
	return fmt.Sprintf("%s(%d, %s)", sessionFnName, f.slot, strings.Join(parts, ", "))
}

// Type implements sql.Expression: the functions return strings.
func (f *sessionFn) Type() sql.Type { return types.LongText }

// IsNullable implements sql.Expression.
func (f *sessionFn) IsNullable() bool { return true }

// IsNonDeterministic implements sql.NonDeterministicExpression: each call
// makes a new reference, so none may be cached or folded.
func (f *sessionFn) IsNonDeterministic() bool { return true }

// Children implements sql.Expression.
func (f *sessionFn) Children() []sql.Expression { return f.args }

// WithChildren implements sql.Expression.
func (f *sessionFn) WithChildren(children ...sql.Expression) (sql.Expression, error) {
	if len(children) != len(f.args) {
		return nil, sql.ErrInvalidChildrenNumber.New(f, len(children), len(f.args))
	}
	return &sessionFn{slot: f.slot, args: children}, nil
}

// Eval implements sql.Expression: it evaluates the arguments on the row
// and calls the statement's function in the slot.
func (f *sessionFn) Eval(ctx *sql.Context, row sql.Row) (any, error) {
	acc, _ := ctx.Value(stmtFnsKey{}).(*accessSet)
	if acc == nil || f.slot < 0 || f.slot >= len(acc.fns) {
		return nil, sferr.Internal("a session function outside its statement")
	}
	vals := make([]any, len(f.args))
	for i, a := range f.args {
		v, err := a.Eval(ctx, row)
		if err != nil {
			return nil, err
		}
		vals[i] = toValue(v, snowflakeType(a.Type()))
	}
	return acc.fns[f.slot](vals)
}
