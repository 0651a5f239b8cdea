package sqlengine

import (
	"context"
	"strconv"
	"strings"
)

// Describe returns the columns that Execute would return for sql, without
// carrying the statement out. PostgreSQL's extended query protocol needs
// this: its clients ask for a statement's row description before they bind
// its parameters, and some never ask again.
//
// Parameters ($n, ?) have no value yet: a select list names them $1, $2
// ... and types them TEXT unless cast; elsewhere they are read as empty
// strings. A SELECT is typed from its expressions (a NULL value has the
// type its expression would have); SHOW
// and DESCRIBE, which change nothing, are run for their columns; every
// other statement returns the one status column. Parse errors, and the
// errors of statements Frostgate does not support, are returned as Execute
// would return them.
// A data statement is planned, not run (describeData).
func (s *Session) Describe(ctx context.Context, sql string) ([]Column, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if n := Params(sql); n > 0 {
		// A select list names its columns after the text as written, so
		// parameters stay $1, $2 ... there (and ? becomes $k).
		if stmt, err := Parse(numbered(sql)); err == nil {
			if sel, ok := stmt.(*Select); ok {
				return s.selectColumns(sel), nil
			}
		}
		// Elsewhere a parameter is a literal, such as SHOW ... LIKE $1:
		// an empty string fits where one may stand.
		empty := make([]any, n)
		for i := range empty {
			empty[i] = ""
		}
		bound, err := Bind(sql, empty)
		if err != nil {
			return nil, toSF(err)
		}
		sql = bound
	}
	stmt, err := Parse(sql)
	if err != nil {
		return nil, err
	}
	switch n := stmt.(type) {
	case *Select:
		for _, it := range n.Items {
			if !isConstant(it.Expr) { // Execute runs it on the data plane: plan it there
				return s.describeData(ctx, &DataStatement{Verb: "SELECT", Text: sql})
			}
		}
		return s.selectColumns(n), nil
	case *DataStatement:
		cols, err := s.describeData(ctx, n)
		if err != nil {
			return nil, toSF(err)
		}
		return cols, nil
	case *Call:
		return s.callColumns(n)
	case *Block:
		return []Column{{Name: anonymousBlock, Type: "TEXT", Nullable: true}}, nil
	case *ExecuteImmediate:
		return s.immediateColumns(ctx, n)
	case *AddApplicationPatch:
		return addPatchCols, nil // what ADD PATCH answers, without adding one
	case *ShowGrants, *ShowFutureGrants, *ShowObjects, *ShowColumns, *Describe, *Unsupported, *ShowReferences,
		*ShowVersions, *ShowTelemetryEventDefinitions, *ShowPrivileges,
		*ShowObjectsOwnedByApplication, *ExecuteImmediateFrom:
		res, err := s.exec(ctx, stmt)
		if err != nil {
			return nil, toSF(err)
		}
		return res.Columns(), nil
	}
	return statusCols, nil
}

func (s *Session) selectColumns(n *Select) []Column {
	cols := make([]Column, len(n.Items))
	for i, it := range n.Items {
		name := it.Alias
		if name == "" {
			name = it.Text
		}
		cols[i] = Column{Name: name, Type: s.exprType(it.Expr), Nullable: true}
	}
	return cols
}

// exprType is the Snowflake type of e's value when it has one, as typeOf
// names it at run time.
func (s *Session) exprType(e Expr) string {
	switch x := e.(type) {
	case *StringLit, *NullLit:
		return "TEXT"
	case *NumberLit:
		if _, err := strconv.ParseInt(x.Text, 10, 64); err == nil {
			return "FIXED"
		}
		return "REAL"
	case *BoolLit, *IsNullExpr:
		return "BOOLEAN"
	case *ParenExpr:
		return s.exprType(x.X)
	case *Variable: // a session variable, or a parameter ($1): TEXT unless cast
		if v, ok := s.vars[x.Name]; ok {
			return typeOf(v)
		}
	case *FuncCall:
		if x.Name.Last() == "IS_ROLE_IN_SESSION" {
			return "BOOLEAN"
		}
	case *UnaryExpr:
		if x.Op == NOT {
			return "BOOLEAN"
		}
		return s.exprType(x.X)
	case *BinaryExpr:
		switch x.Op {
		case AND, OR, EQ, NEQ, LT, GT, LE, GE:
			return "BOOLEAN"
		case CONCAT:
			return "TEXT"
		}
		if x.Op != SLASH && s.exprType(x.X) == "FIXED" && s.exprType(x.Y) == "FIXED" {
			return "FIXED"
		}
		return "REAL"
	case *CastExpr:
		base, _, _ := strings.Cut(strings.ToUpper(x.Type), "(")
		switch strings.TrimSpace(base) {
		case "VARCHAR", "STRING", "TEXT", "CHAR":
			return "TEXT"
		case "NUMBER", "INT", "INTEGER", "BIGINT", "DECIMAL", "NUMERIC":
			return "FIXED"
		case "FLOAT", "DOUBLE", "REAL":
			return "REAL"
		case "BOOLEAN":
			return "BOOLEAN"
		}
		return s.exprType(x.X)
	case *CaseExpr:
		for _, w := range x.Whens {
			if _, null := w.Result.(*NullLit); !null {
				return s.exprType(w.Result)
			}
		}
		if x.Else != nil {
			return s.exprType(x.Else)
		}
	}
	return "TEXT"
}
