package sqlengine

import (
	"errors"

	"github.com/frostgate/frostgate/sferr"
)

// Lateral column aliases: Snowflake lets a select item name an alias an
// earlier item of the same list defines (SELECT x + 1 AS y, y * 10 AS z),
// when no column of the FROM clause has that name. go-mysql-server refuses
// it (ErrMisusedAlias), and the rewriter, which reads the select list before
// the FROM clause, cannot tell an alias from a column. So the statement is
// first run as written; if go-mysql-server reports a name as an alias of
// the same projection, which it does only when no column has the name, the
// statement is rewritten again with that name replaced by the aliased
// expression, once per name. The refusal comes from planning, before
// anything is read or written, so running again is safe.

// maxLateral bounds the rewrites of one statement.
const maxLateral = 16

// misusedAlias is go-mysql-server's refusal of a lateral alias: Name is
// the alias, Err what the client sees if it cannot be resolved.
type misusedAlias struct {
	Name string
	Err  *sferr.Error
}

func (e *misusedAlias) Error() string { return e.Err.Error() }
func (e *misusedAlias) Unwrap() error { return e.Err }

// withLateralAliases runs f, which rewrites a statement resolving the
// names in lateral and runs or plans it, until no lateral alias is left
// unresolved.
func withLateralAliases[T any](f func(lateral map[string]bool) (T, error)) (T, error) {
	var lateral map[string]bool
	for {
		v, err := f(lateral)
		var m *misusedAlias
		if !errors.As(err, &m) || lateral[m.Name] || len(lateral) >= maxLateral {
			return v, err
		}
		if lateral == nil {
			lateral = map[string]bool{}
		}
		lateral[m.Name] = true
	}
}

// lateralAlias returns the expression of the earlier select item aliased
// name, when name is one go-mysql-server reported as a lateral alias.
func (r *rewriter) lateralAlias(name string) (xpr, bool) {
	if !r.lateral[name] || r.sel == nil {
		return xpr{}, false
	}
	for _, it := range *r.sel {
		if !it.star && it.name == name {
			return xpr{sql: "(" + it.sql + ")", win: it.win}, true
		}
	}
	return xpr{}, false
}
