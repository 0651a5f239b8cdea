package sqlengine

import (
	"context"
	"fmt"
	"strings"

	"github.com/frostgate/frostgate/emulator/account"
	"github.com/frostgate/frostgate/sferr"
)

// Stored procedures written in Snowflake Scripting (LANGUAGE SQL), with
// owner's or caller's rights (spec §9.6). The account decides who may call
// a procedure (USAGE) and with whose rights it acts; the engine keeps the
// body and runs it.

// procDef is a LANGUAGE SQL procedure's definition.
type procDef struct {
	args      []string // argument names, normalized
	executeAs string   // OWNER or CALLER
	returns   string   // the result column's Snowflake type: FIXED, REAL, BOOLEAN or TEXT
	table     bool     // RETURNS TABLE(...): CALL gives RETURN TABLE's rows
	cols      []Column // RETURNS TABLE(name type, ...)'s columns; none for TABLE()
	database  string   // where it was created: an owner's-rights procedure's
	schema    string   // unqualified names resolve there
	body      *script
}

func (c *catalog) proc(id account.ObjectID) *procDef {
	c.mu.RLock()
	defer c.mu.RUnlock()
	return c.procs[id]
}

func (c *catalog) setProc(id account.ObjectID, d *procDef) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.procs[id] = d
}

// maxCallDepth bounds procedures calling procedures.
const maxCallDepth = 16

// execCreateProcedure creates a procedure; a LANGUAGE SQL body is parsed
// now, so a syntax error fails the CREATE, and kept for CALL.
func (s *Session) execCreateProcedure(n *Routine) (*Result, error) {
	if err := externalAccess(n); err != nil {
		return nil, err
	}
	var def *procDef
	if strings.EqualFold(n.Language, "SQL") && n.Body != nil {
		sc, err := parseScript(*n.Body)
		if err != nil {
			return nil, err
		}
		def = &procDef{executeAs: "OWNER", body: sc, returns: returnsType(n.Returns)}
		def.cols, def.table = tableColumns(n.Returns)
		if strings.EqualFold(n.ExecuteAs, "CALLER") {
			def.executeAs = "CALLER"
		} else if n.ExecuteAs == "RESTRICTED CALLER" {
			return nil, sferr.Unsupported("EXECUTE AS RESTRICTED CALLER")
		}
		for _, a := range n.Args {
			def.args = append(def.args, a.Name)
		}
	}
	args := make([]string, len(n.Args))
	for i, a := range n.Args {
		args[i] = argType(a.Type)
	}
	ref, err := s.ref(account.KindProcedure, n.Name, args)
	if err != nil {
		return nil, err
	}
	if def != nil {
		def.database, def.schema = ref.Path[0], ref.Path[1]
	}
	comment, props := splitProps(n.Props)
	props["RETURNS"] = n.Returns
	props["LANGUAGE"] = n.Language
	if n.OrReplace && n.IfNotExists {
		return nil, errReplaceAndIfNotExists
	}
	id, out, err := s.acct.CreateObject(s.actor, account.CreateSpec{Ref: ref, OrReplace: n.OrReplace,
		IfNotExists: n.IfNotExists, Comment: comment, Props: props})
	if err != nil {
		return nil, err
	}
	if out == account.Done && def != nil {
		s.eng.cat.setProc(id, def)
	}
	return status(KindDDL, createdMessage(ref, out)), nil
}

// Call is CALL name(args) or CALL reference('name')(args).
type Call struct {
	Name ObjectName // nil with Ref
	Ref  *Binding   // CALL reference('name')(args); nil otherwise
	Args []Expr
}

var _ Statement = (*Call)(nil)

func (*Call) stmt() {}

// String implements Statement.
func (n *Call) String() string {
	args := make([]string, len(n.Args))
	for i, a := range n.Args {
		args[i] = a.String()
	}
	name := n.Name.sql()
	if n.Ref != nil {
		name = n.Ref.String()
	}
	return "CALL " + name + "(" + strings.Join(args, ", ") + ")"
}

func (p *parser) parseCall() Statement {
	p.next()
	n := &Call{}
	if atBinding(p.toks, p.i) {
		n.Ref = p.parseBinding()
	} else {
		n.Name = p.parseName(3)
	}
	p.expect(LPAREN)
	if p.tok != RPAREN {
		for {
			if p.tok == TABLE && p.peek(1).tok == LPAREN {
				n.Args = append(n.Args, p.parseTableArg())
			} else {
				n.Args = append(n.Args, p.parseExpr())
			}
			if !p.got(COMMA) {
				break
			}
		}
	}
	p.expect(RPAREN)
	return n
}

// TableArg is a CALL argument TABLE(name) or TABLE(SELECT ...): a
// reference that confers SELECT for the call (spec §9.2).
type TableArg struct {
	Name  ObjectName // TABLE(name), TABLE(IDENTIFIER('name'))
	Query string     // TABLE(SELECT ...)
}

func (*TableArg) expr() {}

// String implements Expr.
func (t *TableArg) String() string {
	if t.Query != "" {
		return "TABLE(" + t.Query + ")"
	}
	return "TABLE(" + t.Name.sql() + ")"
}

func (p *parser) parseTableArg() Expr {
	p.next()
	if q, ok := p.parseScalarQuery(); ok {
		return &TableArg{Query: q.Text}
	}
	p.expect(LPAREN)
	t := &TableArg{Name: p.parseName(3)}
	p.expect(RPAREN)
	return t
}

// tableArg evaluates TABLE(...) in a CALL: a CALL-scoped reference with
// SELECT to a table or view, or a query reference.
func (s *Session) tableArg(t *TableArg) (any, error) {
	if t.Query != "" {
		return s.queryReferenceFunc([]any{t.Query})
	}
	path, err := s.qualifyParts(t.Name, 3)
	if err != nil {
		return nil, err
	}
	ref, err := s.acct.CreateReference(s.actor, "", path, nil, "CALL", nil)
	if err != nil {
		return nil, toSF(err)
	}
	return ref, nil
}

// AlterProcedure is ALTER PROCEDURE [IF EXISTS] name(types) EXECUTE AS OWNER | CALLER.
type AlterProcedure struct {
	IfExists  bool
	Name      ObjectName
	ArgTypes  []string
	ExecuteAs string
}

var _ Statement = (*AlterProcedure)(nil)

func (*AlterProcedure) stmt() {}

// String implements Statement.
func (n *AlterProcedure) String() string {
	return "ALTER PROCEDURE " + ifExistsSQL(n.IfExists) + " " + n.Name.sql() + "(" + strings.Join(n.ArgTypes, ", ") + ") EXECUTE AS " + n.ExecuteAs
}

// parseAlterProcedure reads ALTER PROCEDURE ... EXECUTE AS; its other
// forms (RENAME, SET, ...) are not emulated yet.
func (p *parser) parseAlterProcedure(start int) Statement {
	p.next()
	n := &AlterProcedure{IfExists: p.parseIfExists(), Name: p.parseName(3)}
	p.expect(LPAREN)
	n.ArgTypes = []string{}
	if p.tok != RPAREN {
		for {
			n.ArgTypes = append(n.ArgTypes, argType(p.parseType()))
			if !p.got(COMMA) {
				break
			}
		}
	}
	p.expect(RPAREN)
	if p.tok != EXECUTE {
		return p.unsupported(start, "ALTER PROCEDURE")
	}
	p.next()
	p.expect(AS)
	if p.tok != OWNER && p.tok != CALLER {
		p.errorUnexpected()
	}
	n.ExecuteAs = p.word()
	return n
}

func (s *Session) execAlterProcedure(n *AlterProcedure) (*Result, error) {
	ref, err := s.ref(account.KindProcedure, n.Name, n.ArgTypes)
	if err != nil {
		return nil, err
	}
	id, err := s.acct.Lookup(s.actor, ref)
	if err != nil {
		if n.IfExists && sferr.Is(toSF(err), 2003) {
			return status(KindDDL, executedOK), nil
		}
		return nil, err
	}
	if err := s.acct.Check(s.actor, account.OpOwn, id); err != nil {
		return nil, err
	}
	if d := s.eng.cat.proc(id); d != nil {
		nd := *d
		nd.executeAs = n.ExecuteAs
		s.eng.cat.setProc(id, &nd)
	}
	return status(KindDDL, executedOK), nil
}

// callTypes are the argument types a value matches, most specific first.
func callTypes(v any) []string {
	switch v.(type) {
	case nil:
		return nil
	case int64:
		return []string{"NUMBER", "FLOAT", "VARCHAR"}
	case float64:
		return []string{"FLOAT", "NUMBER", "VARCHAR"}
	case bool:
		return []string{"BOOLEAN", "VARCHAR"}
	}
	return []string{"VARCHAR"}
}

// execCall runs CALL name(args): the arguments are constant expressions
// (literals, session variables, SYSTEM$REFERENCE); the procedure is the
// one of that name whose argument types the values fit; the session needs
// USAGE on it.
func (s *Session) execCall(ctx context.Context, n *Call) (*Result, error) {
	vals := make([]any, len(n.Args))
	var made []string // CALL references made by the arguments: they end with the call
	defer func() {
		if made != nil {
			s.acct.EndCallReferences(made)
		}
	}()
	for i, a := range n.Args {
		v, err := s.eval(a)
		if err != nil {
			return nil, err
		}
		vals[i] = v
		if str, ok := v.(string); ok && makesReference(a) {
			made = append(made, str)
		}
	}
	if len(n.Name) == 1 && strings.EqualFold(n.Name[0], ValidateSetupProcedure) {
		return s.validateNativeAppSetup(vals)
	}
	if n.Ref != nil {
		t, err := s.useBinding(s.actor, n.Ref, account.OpUse)
		return s.callTarget(ctx, t, err, vals)
	}
	if isRefToken(n.Name) {
		if t, ok, err := s.acct.UseReference(s.actor, n.Name[0], account.OpUse); ok {
			return s.callTarget(ctx, t, err, vals)
		}
	}
	path, err := s.qualify(account.KindProcedure, n.Name)
	if err != nil {
		return nil, err
	}
	var types []string
	for _, sig := range s.acct.ProcedureSignatures(s.actor, path) {
		if len(sig) != len(vals) {
			continue
		}
		fits := true
		for i, v := range vals {
			ok := v == nil
			for _, t := range callTypes(v) {
				ok = ok || t == sig[i]
			}
			fits = fits && ok
		}
		if fits {
			types = sig
			break
		}
	}
	if types == nil {
		types = make([]string, len(vals))
		for i, v := range vals {
			if ts := callTypes(v); ts != nil {
				types[i] = ts[0]
			} else {
				types[i] = "VARCHAR"
			}
		}
	}
	ref := account.Ref{Kind: account.KindProcedure, Path: path, Args: types}
	id, err := s.acct.Lookup(s.actor, ref)
	if err != nil {
		return nil, err
	}
	if err := s.acct.Check(s.actor, account.OpUse, id); err != nil {
		return nil, err
	}
	return s.callProcedure(ctx, id, path, vals)
}

// callProcedure runs the procedure id, which the caller may use, with the
// argument values.
func (s *Session) callProcedure(ctx context.Context, id account.ObjectID, path []string, vals []any) (*Result, error) {
	def := s.eng.cat.proc(id)
	if def == nil {
		return nil, sferr.Unsupported("CALL of a procedure that is not LANGUAGE SQL with a Snowflake Scripting body")
	}
	if s.callDepth >= maxCallDepth {
		return nil, sferr.ExecutionError("Procedure calls nested too deeply.")
	}
	run := s
	if def.executeAs == "OWNER" {
		actor, err := s.acct.ProcedureActor(id, s.actor)
		if err != nil {
			return nil, err
		}
		run = &Session{eng: s.eng, acct: s.acct, actor: actor, database: def.database, schema: def.schema,
			warehouse: s.warehouse, vars: map[string]any{}, data: s.dataSession(), owner: true}
	}
	depth := s.callDepth
	run.callDepth = depth + 1
	defer func() { run.callDepth = depth }()
	r := &procRun{s: run, ctx: ctx, vars: map[string]any{}, owner: run.owner}
	for i, name := range def.args {
		r.vars[name] = vals[i]
	}
	v, err := r.call(def.body)
	if err != nil {
		return nil, err
	}
	return def.result(path[2], v)
}

// result is CALL's result for RETURN's value v: one row and one column
// named after the procedure, or for RETURNS TABLE the returned table's
// rows, under the declared columns when there are any.
func (d *procDef) result(name string, v any) (*Result, error) {
	rs, isTable := v.(*Result)
	if !d.table {
		if isTable {
			return nil, sferr.ExecutionError("RETURN TABLE in a procedure that does not return a table.")
		}
		col := Column{Name: name, Type: d.returns, Nullable: true}
		return rowsResult([]Column{col}, [][]any{{convertReturn(v, d.returns)}}), nil
	}
	if v != nil && !isTable {
		return nil, sferr.ExecutionError("The procedure returns a table; RETURN gave a value that is not one.")
	}
	if rs == nil { // no RETURN, or a RESULTSET never assigned: no rows
		return rowsResult(append([]Column{}, d.cols...), nil), nil
	}
	if d.cols == nil {
		return rowsResult(rs.columns, rs.rows), nil
	}
	if len(d.cols) != len(rs.columns) {
		return nil, sferr.ExecutionError(fmt.Sprintf("The returned table has %d columns; the procedure declares %d.", len(rs.columns), len(d.cols)))
	}
	rows := make([][]any, len(rs.rows))
	for i, row := range rs.rows {
		rows[i] = make([]any, len(row))
		for j, x := range row {
			rows[i][j] = convertReturn(x, d.cols[j].Type)
		}
	}
	return rowsResult(d.cols, rows), nil
}

// tableColumns reads RETURNS TABLE(name type, ...): whether the type is a
// table, and its columns.
func tableColumns(returns string) ([]Column, bool) {
	toks := newParser(returns).toks
	if len(toks) < 3 || toks[0].tok != TABLE || toks[1].tok != LPAREN {
		return nil, false
	}
	var cols []Column
	depth, start := 0, 2
	for i := 2; i < len(toks); i++ {
		switch t := toks[i]; {
		case t.tok == LPAREN:
			depth++
		case t.tok == COMMA && depth == 0, t.tok == RPAREN && depth == 0:
			if i > start+1 {
				name := account.NormalizeIdent(toks[start].lit)
				typ := returns[toks[start+1].pos:toks[i-1].end()]
				col := Column{Name: name, Type: returnsType(typ), Nullable: true}
				if t, err := parseSFType(typ); err == nil {
					col = t.column(name)
				}
				cols = append(cols, col)
			}
			start = i + 1
			if t.tok == RPAREN {
				return cols, true
			}
		case t.tok == RPAREN:
			depth--
		}
	}
	return cols, true
}

// returnsType is the result column type of RETURNS t.
func returnsType(t string) string {
	switch argType(t) {
	case "NUMBER":
		return "FIXED"
	case "FLOAT":
		return "REAL"
	case "BOOLEAN":
		return "BOOLEAN"
	}
	return "TEXT"
}

// convertReturn converts RETURN's value to the procedure's result type.
func convertReturn(v any, typ string) any {
	if v == nil {
		return nil
	}
	switch typ {
	case "FIXED":
		if f, ok := v.(float64); ok && f == float64(int64(f)) {
			return int64(f)
		}
		if n, ok := v.(int64); ok {
			return n
		}
	case "REAL":
		if n, ok := v.(int64); ok {
			return float64(n)
		}
		if f, ok := v.(float64); ok {
			return f
		}
	case "BOOLEAN":
		if b, ok := v.(bool); ok {
			return b
		}
	}
	if typeOf(v) == typ {
		return v
	}
	return valueText(v)
}

// callColumns describes CALL's result without running it: one column
// named after the procedure, of its RETURNS type.
func (s *Session) callColumns(n *Call) ([]Column, error) {
	if len(n.Name) == 1 && strings.EqualFold(n.Name[0], ValidateSetupProcedure) {
		return textCols(ValidateSetupProcedure), nil
	}
	if n.Ref != nil {
		t, err := s.useBinding(s.actor, n.Ref, account.OpUse)
		if err != nil {
			return nil, toSF(err)
		}
		if def := s.eng.cat.proc(t.ID); def != nil && t.Kind == account.KindProcedure {
			return []Column{{Name: t.Path[2], Type: def.returns, Nullable: true}}, nil
		}
		return nil, sferr.ReferenceInvalid()
	}
	path, err := s.qualify(account.KindProcedure, n.Name)
	if err != nil {
		return nil, err
	}
	for _, sig := range s.acct.ProcedureSignatures(s.actor, path) {
		if len(sig) != len(n.Args) {
			continue
		}
		id, err := s.acct.Lookup(s.actor, account.Ref{Kind: account.KindProcedure, Path: path, Args: sig})
		if err != nil {
			return nil, toSF(err)
		}
		if def := s.eng.cat.proc(id); def != nil {
			if def.table {
				return def.cols, nil
			}
			return []Column{{Name: path[2], Type: def.returns, Nullable: true}}, nil
		}
	}
	return []Column{{Name: path[2], Type: "TEXT", Nullable: true}}, nil
}

// makesReference says whether a CALL argument is itself SYSTEM$REFERENCE,
// SYSTEM$QUERY_REFERENCE or TABLE(...), whose CALL reference lives as
// long as the call.
func makesReference(e Expr) bool {
	switch x := e.(type) {
	case *TableArg:
		return true
	case *ParenExpr:
		return makesReference(x.X)
	case *FuncCall:
		n := x.Name.Last()
		return n == "SYSTEM$REFERENCE" || n == "SYSTEM$QUERY_REFERENCE"
	}
	return false
}
