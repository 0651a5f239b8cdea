package sqlengine

import (
	"github.com/dolthub/go-mysql-server/sql"
	"github.com/dolthub/go-mysql-server/sql/expression"
	"github.com/dolthub/go-mysql-server/sql/plan"
	"github.com/dolthub/go-mysql-server/sql/transform"
	"github.com/dolthub/go-mysql-server/sql/types"

	"github.com/frostgate/frostgate/sferr"
)

// verify walks the analyzed plan of a statement and fails unless every
// table it reads was authorized for reading and every table it writes is
// the one authorized for writing. The rewriter only emits tables the
// resolver authorized, so a failure here is a Frostgate bug; it is checked
// anyway, on what go-mysql-server will actually run, so that a rewriting
// mistake can never become an access the rules did not grant. The walk
// covers what Inspect does not reach on its own: INSERT's source and the
// subqueries inside expressions. It also reports whether the plan holds a
// hash join on DECIMAL keys, which fixDecimalHashKeys must rewrite.
func (a *accessSet) verify(root sql.Node) (decimalHash bool, err error) {
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
			case *plan.HashLookup:
				decimalHash = decimalHash || types.IsDecimal(t.LeftProbeKey.Type()) || types.IsDecimal(t.RightEntryKey.Type())
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
		return false, sferr.Internal("the statement's plan touches a table it was not authorized for")
	}
	return decimalHash, nil
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

// fixDecimalHashKeys works around a go-mysql-server v0.20.0 bug: a hash
// join keys its table by the join key's Go value, and a DECIMAL is a
// decimal.Decimal holding a pointer, so equal numbers miss each other and
// an inner join on NUMBER columns loses rows. The keys are converted to
// DOUBLE instead, which hashes by value; two numbers that round to one
// DOUBLE only share a bucket, since the join still compares the real
// values.
func fixDecimalHashKeys(n sql.Node) (sql.Node, error) {
	if n == nil {
		return nil, nil
	}
	out, _, err := transform.Node(n, func(n sql.Node) (sql.Node, transform.TreeIdentity, error) {
		changed := false
		if ins, ok := n.(*plan.InsertInto); ok && ins.Source != nil {
			src, err := fixDecimalHashKeys(ins.Source)
			if err != nil {
				return nil, transform.SameTree, err
			}
			n, changed = ins.WithSource(src), true
		}
		if h, ok := n.(*plan.HashLookup); ok && (types.IsDecimal(h.LeftProbeKey.Type()) || types.IsDecimal(h.RightEntryKey.Type())) {
			nn, err := h.WithExpressions(expression.NewConvert(h.RightEntryKey, expression.ConvertToDouble),
				expression.NewConvert(h.LeftProbeKey, expression.ConvertToDouble))
			if err != nil {
				return nil, transform.SameTree, err
			}
			n, changed = nn, true
		}
		nn, same, err := transform.OneNodeExpressions(n, func(e sql.Expression) (sql.Expression, transform.TreeIdentity, error) {
			sq, ok := e.(*plan.Subquery)
			if !ok {
				return e, transform.SameTree, nil
			}
			q, err := fixDecimalHashKeys(sq.Query)
			if err != nil {
				return nil, transform.SameTree, err
			}
			return sq.WithQuery(q), transform.NewTree, nil
		})
		if err != nil {
			return nil, transform.SameTree, err
		}
		if same == transform.NewTree {
			n, changed = nn, true
		}
		if changed {
			return n, transform.NewTree, nil
		}
		return n, transform.SameTree, nil
	})
	return out, err
}
