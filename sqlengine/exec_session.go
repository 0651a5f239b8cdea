package sqlengine

import (
	"context"
	"math"
	"strconv"
	"strings"

	"github.com/frostgate/frostgate/emulator/account"
	"github.com/frostgate/frostgate/sferr"
)

func (s *Session) execUse(n *Use) (*Result, error) {
	switch n.Kind {
	case KindRole:
		if err := s.acct.UseRole(s.actor, n.Name.Last()); err != nil {
			return nil, err
		}
	case KindDatabase:
		ref := account.Ref{Kind: account.KindDatabase, Path: []string{n.Name.Last()}}
		if err := s.acct.CheckUse(s.actor, ref); err != nil {
			return nil, err
		}
		s.database, s.schema = ref.Path[0], ""
		// USE DATABASE also makes PUBLIC the current schema when there is one.
		if s.acct.CheckUse(s.actor, account.Ref{Kind: account.KindSchema, Path: []string{s.database, "PUBLIC"}}) == nil {
			s.schema = "PUBLIC"
		}
	case KindSchema:
		ref, err := s.ref(account.KindSchema, n.Name, nil)
		if err != nil {
			return nil, err
		}
		if err := s.acct.CheckUse(s.actor, ref); err != nil {
			return nil, err
		}
		s.database, s.schema = ref.Path[0], ref.Path[1]
	case KindWarehouse:
		ref := account.Ref{Kind: account.KindWarehouse, Path: []string{n.Name.Last()}}
		if err := s.acct.CheckUse(s.actor, ref); err != nil {
			return nil, err
		}
		s.warehouse = ref.Path[0]
	default:
		return nil, sferr.Unsupported("USE " + n.Kind.String())
	}
	return status(KindUse, executedOK), nil
}

func (s *Session) execUseSecondaryRoles(n *UseSecondaryRoles) (*Result, error) {
	mode := account.SecondaryAll
	switch n.Mode {
	case SecondaryRolesNone:
		mode = account.SecondaryNone
	case SecondaryRolesList:
		mode = account.SecondaryList
	}
	if err := s.acct.UseSecondaryRoles(s.actor, mode, n.Roles); err != nil {
		return nil, err
	}
	return status(KindUse, executedOK), nil
}

func (s *Session) execSetVariable(n *SetVariable) (*Result, error) {
	if len(n.Names) != len(n.Values) {
		return nil, sferr.SyntaxErrorMessage("number of variables does not match the number of values")
	}
	vals := make([]any, len(n.Values))
	for i, e := range n.Values {
		v, err := s.eval(e)
		if err != nil {
			return nil, err
		}
		vals[i] = v
	}
	if s.vars == nil {
		s.vars = map[string]any{}
	}
	for i, name := range n.Names {
		s.vars[name] = vals[i]
	}
	return status(KindUse, executedOK), nil
}

// execSelect answers a SELECT without FROM: literals, context functions and
// simple expressions, one row, columns named as Snowflake names them.
func (s *Session) execSelect(n *Select) (*Result, error) {
	cols := make([]Column, len(n.Items))
	row := make([]any, len(n.Items))
	for i, it := range n.Items {
		v, err := s.eval(it.Expr)
		if err != nil {
			return nil, err
		}
		name := it.Alias
		if name == "" {
			name = it.Text
		}
		cols[i] = Column{Name: name, Type: typeOf(v), Nullable: true}
		row[i] = v
	}
	return rowsResult(cols, [][]any{row}), nil
}

func typeOf(v any) string {
	switch v.(type) {
	case int64:
		return "FIXED"
	case float64:
		return "REAL"
	case bool:
		return "BOOLEAN"
	}
	return "TEXT"
}

// eval computes a constant expression.
func (s *Session) eval(e Expr) (any, error) {
	switch x := e.(type) {
	case *StringLit:
		return x.Value, nil
	case *NumberLit:
		if n, err := strconv.ParseInt(x.Text, 10, 64); err == nil {
			return n, nil
		}
		f, err := strconv.ParseFloat(x.Text, 64)
		if err != nil {
			return nil, sferr.InvalidArgument("Numeric value '" + x.Text + "' is not recognized")
		}
		return f, nil
	case *BoolLit:
		return x.Value, nil
	case *NullLit:
		return nil, nil
	case *ParenExpr:
		return s.eval(x.X)
	case *ScalarQuery:
		return s.scalarQuery(x.Text)
	case *TableArg:
		return s.tableArg(x)
	case *Variable:
		v, ok := s.vars[x.Name]
		if !ok {
			return nil, sferr.SyntaxErrorMessage("Session variable '$" + x.Name + "' does not exist")
		}
		return v, nil
	case *FuncCall:
		args := make([]any, len(x.Args))
		for i, a := range x.Args {
			v, err := s.eval(a)
			if err != nil {
				return nil, err
			}
			args[i] = v
		}
		name := x.Name.Last()
		if v, ok, err := s.contextFunc(name, args); ok {
			return v, err
		}
		if v, ok, err := s.systemFunc(name, args); ok {
			return v, err
		}
		return nil, &notConstant{fn: x.Name.String()}
	case *UnaryExpr:
		v, err := s.eval(x.X)
		if err != nil || v == nil {
			return nil, err
		}
		switch x.Op {
		case NOT:
			b, ok := v.(bool)
			if !ok {
				return nil, sferr.InvalidArgument("Boolean value expected for NOT")
			}
			return !b, nil
		case MINUS:
			switch n := v.(type) {
			case int64:
				return -n, nil
			case float64:
				return -n, nil
			}
			return nil, sferr.InvalidArgument("Numeric value expected for unary minus")
		}
		return v, nil
	case *IsNullExpr:
		v, err := s.eval(x.X)
		if err != nil {
			return nil, err
		}
		return (v == nil) != x.Not, nil
	case *BinaryExpr:
		return s.evalBinary(x)
	case *CastExpr:
		v, err := s.eval(x.X)
		if err != nil || v == nil {
			return nil, err
		}
		return castTo(v, x.Type, x.Try)
	case *CaseExpr:
		var operand any
		if x.Operand != nil {
			v, err := s.eval(x.Operand)
			if err != nil {
				return nil, err
			}
			operand = v
		}
		for _, w := range x.Whens {
			c, err := s.eval(w.Cond)
			if err != nil {
				return nil, err
			}
			hit := false
			if x.Operand != nil {
				hit = c != nil && operand != nil && compare(operand, c) == 0
			} else {
				b, _ := c.(bool)
				hit = b
			}
			if hit {
				return s.eval(w.Result)
			}
		}
		if x.Else != nil {
			return s.eval(x.Else)
		}
		return nil, nil
	case *ColumnRef:
		return nil, sferr.ObjectNotFound("Object", x.Name.String())
	}
	return nil, sferr.Unsupported("expression")
}

func toFloat(v any) (float64, bool) {
	switch n := v.(type) {
	case int64:
		return float64(n), true
	case float64:
		return n, true
	}
	return 0, false
}

func compare(a, b any) int {
	if fa, ok := toFloat(a); ok {
		if fb, ok := toFloat(b); ok {
			switch {
			case fa < fb:
				return -1
			case fa > fb:
				return 1
			}
			return 0
		}
	}
	sa, sb := valueText(a), valueText(b)
	return strings.Compare(sa, sb)
}

func valueText(v any) string {
	switch x := v.(type) {
	case string:
		return x
	case int64:
		return strconv.FormatInt(x, 10)
	case float64:
		return strconv.FormatFloat(x, 'g', -1, 64)
	case bool:
		if x {
			return "true"
		}
		return "false"
	}
	return ""
}

func (s *Session) evalBinary(x *BinaryExpr) (any, error) {
	a, err := s.eval(x.X)
	if err != nil {
		return nil, err
	}
	b, err := s.eval(x.Y)
	if err != nil {
		return nil, err
	}
	switch x.Op {
	case AND, OR:
		ab, aok := a.(bool)
		bb, bok := b.(bool)
		if x.Op == AND {
			if (aok && !ab) || (bok && !bb) {
				return false, nil
			}
			if aok && bok {
				return true, nil
			}
			return nil, nil
		}
		if (aok && ab) || (bok && bb) {
			return true, nil
		}
		if aok && bok {
			return false, nil
		}
		return nil, nil
	}
	if a == nil || b == nil {
		return nil, nil
	}
	switch x.Op {
	case CONCAT:
		return valueText(a) + valueText(b), nil
	case EQ:
		return compare(a, b) == 0, nil
	case NEQ:
		return compare(a, b) != 0, nil
	case LT:
		return compare(a, b) < 0, nil
	case GT:
		return compare(a, b) > 0, nil
	case LE:
		return compare(a, b) <= 0, nil
	case GE:
		return compare(a, b) >= 0, nil
	}
	ai, aInt := a.(int64)
	bi, bInt := b.(int64)
	if aInt && bInt && x.Op != SLASH {
		switch x.Op {
		case PLUS:
			return ai + bi, nil
		case MINUS:
			return ai - bi, nil
		case STAR:
			return ai * bi, nil
		case PERCENT:
			if bi == 0 {
				return nil, sferr.InvalidArgument("Division by zero")
			}
			return ai % bi, nil
		}
	}
	fa, okA := toFloat(a)
	fb, okB := toFloat(b)
	if !okA || !okB {
		return nil, sferr.InvalidArgument("Numeric value '" + valueText(a) + "' is not recognized")
	}
	switch x.Op {
	case PLUS:
		return fa + fb, nil
	case MINUS:
		return fa - fb, nil
	case STAR:
		return fa * fb, nil
	case SLASH:
		if fb == 0 {
			return nil, sferr.InvalidArgument("Division by zero")
		}
		return fa / fb, nil
	case PERCENT:
		return math.Mod(fa, fb), nil
	}
	return nil, sferr.Unsupported("operator")
}

func castTo(v any, typ string, try bool) (any, error) {
	base, _, _ := strings.Cut(strings.ToUpper(typ), "(")
	fail := func() (any, error) {
		if try {
			return nil, nil
		}
		return nil, sferr.InvalidArgument("Numeric value '" + valueText(v) + "' is not recognized")
	}
	switch strings.TrimSpace(base) {
	case "VARCHAR", "STRING", "TEXT", "CHAR":
		return valueText(v), nil
	case "NUMBER", "INT", "INTEGER", "BIGINT", "DECIMAL", "NUMERIC":
		switch n := v.(type) {
		case int64:
			return n, nil
		case float64:
			return int64(math.Round(n)), nil
		case string:
			if i, err := strconv.ParseInt(strings.TrimSpace(n), 10, 64); err == nil {
				return i, nil
			}
		}
		return fail()
	case "FLOAT", "DOUBLE", "REAL":
		if f, ok := toFloat(v); ok {
			return f, nil
		}
		if s, ok := v.(string); ok {
			if f, err := strconv.ParseFloat(strings.TrimSpace(s), 64); err == nil {
				return f, nil
			}
		}
		return fail()
	case "BOOLEAN":
		switch b := v.(type) {
		case bool:
			return b, nil
		case string:
			switch strings.ToLower(b) {
			case "true", "t", "yes", "y", "on", "1":
				return true, nil
			case "false", "f", "no", "n", "off", "0":
				return false, nil
			}
		case int64:
			return b != 0, nil
		}
		return fail()
	}
	return v, nil
}

// scalarQuery runs the query of SET var = (SELECT ...) as a statement and
// returns its one value (NULL when it returns no row).
func (s *Session) scalarQuery(text string) (any, error) {
	ctx := s.ctx
	if ctx == nil {
		ctx = context.Background()
	}
	saved, savedCtx := s.parsed, s.ctx
	res, err := s.Execute(ctx, text)
	s.parsed, s.ctx = saved, savedCtx
	if err != nil {
		return nil, err
	}
	if len(res.columns) != 1 {
		return nil, sferr.SyntaxErrorMessage("SET expects one value from the query, got " + strconv.Itoa(len(res.columns)) + " columns")
	}
	switch len(res.rows) {
	case 0:
		return nil, nil
	case 1:
		return res.rows[0][0], nil
	}
	return nil, sferr.SingleRowSubquery()
}
