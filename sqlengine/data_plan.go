package sqlengine

import (
	"github.com/dolthub/go-mysql-server/sql"
	"github.com/dolthub/go-mysql-server/sql/plan"
	"github.com/dolthub/go-mysql-server/sql/transform"

	"github.com/frostgate/frostgate/sferr"
)

// verify walks the analyzed plan of a statement and fails unless every
// table it reads was authorized for reading and every table it writes is
// the one authorized for writing. The rewriter only emits tables the
// resolver authorized, so a failure here is a Frostgate bug; it is checked
// anyway, on what go-mysql-server will actually run, so that a rewriting
// mistake can never become an access the rules did not grant. The walk
// covers what Inspect does not reach on its own: INSERT's source and the
// subqueries inside expressions.
func (a *accessSet) verify(root sql.Node) error {
	var bad bool
	var visit func(n sql.Node)
	visit = func(n sql.Node) {
		if n == nil {
			return
		}
		transform.Inspect(n, func(n sql.Node) bool {
			if bad || n == nil {
				return false
			}
			switch t := n.(type) {
			case *plan.InsertInto:
				if a.write == "" || tableDatabase(t.Destination) != a.write {
					bad = true
					return false
				}
				visit(t.Source)
			case *plan.Update, *plan.DeleteFrom, *plan.Truncate:
				if a.write == "" {
					bad = true
					return false
				}
			case sql.TableNode:
				if db := tableDatabase(t); db != "" && !a.reads[db] && db != a.write {
					bad = true
					return false
				}
			}
			if e, ok := n.(sql.Expressioner); ok {
				for _, x := range e.Expressions() {
					transform.InspectExpr(x, func(e sql.Expression) bool {
						if sq, ok := e.(*plan.Subquery); ok {
							visit(sq.Query)
						}
						return bad
					})
				}
			}
			return !bad
		})
	}
	visit(root)
	if bad {
		return sferr.Internal("the statement's plan touches a table it was not authorized for")
	}
	return nil
}

// tableDatabase returns the physical database of a table node ("" for
// tables of no database, such as DUAL).
func tableDatabase(n sql.Node) string {
	var db string
	transform.Inspect(n, func(n sql.Node) bool {
		if t, ok := n.(sql.Databaser); ok && t.Database() != nil {
			if _, isTable := n.(sql.TableNode); isTable {
				db = t.Database().Name()
				return false
			}
		}
		return db == ""
	})
	return db
}
