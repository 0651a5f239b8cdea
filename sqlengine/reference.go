package sqlengine

import (
	"strconv"
	"strings"

	"github.com/frostgate/frostgate/emulator/account"
	"github.com/frostgate/frostgate/sferr"
)

// SYSTEM$REFERENCE and the use of a reference string as a table name
// (spec §9). The account owns references and every decision about them;
// the engine qualifies names and routes a reference written where a table
// name goes to account.UseReference.

// referenceFunc is SYSTEM$REFERENCE(type, name [, scope [, privilege ...]]).
func (s *Session) referenceFunc(args []any) (any, error) {
	if len(args) < 2 {
		return nil, sferr.InvalidArgument("SYSTEM$REFERENCE takes an object type, an object name, an optional scope and privileges, got " + strconv.Itoa(len(args)) + " arguments")
	}
	strs := make([]string, len(args))
	for i, a := range args {
		str, ok := a.(string)
		if !ok {
			return nil, sferr.InvalidArgument("SYSTEM$REFERENCE's arguments are strings, got [" + valueText(a) + "]")
		}
		strs[i] = str
	}
	typ := strings.ToUpper(strings.TrimSpace(strs[0]))
	kind, ok := account.IsReferenceType(typ)
	if !ok && account.DocumentedReferenceType(typ) {
		return nil, sferr.Unsupported("SYSTEM$REFERENCE for object type " + typ)
	}
	parts := 3
	switch kind {
	case account.KindWarehouse, account.KindDatabase:
		parts = 1
	case account.KindSchema:
		parts = 2
	}
	var name ObjectName
	var sig []string
	var err error
	if kind == account.KindFunction || kind == account.KindProcedure {
		name, sig, err = parseSignatureText(strs[1])
	} else {
		name, err = parseNameText(strs[1], parts)
	}
	if err != nil {
		return nil, sferr.InvalidIdentifier(strs[1])
	}
	path, err := s.qualifyParts(name, parts)
	if err != nil {
		return nil, err
	}
	scope := ""
	if len(strs) > 2 {
		scope = strings.TrimSpace(strs[2])
	}
	var privs []string
	if len(strs) > 3 {
		privs = strs[3:]
	}
	ref, err := s.acct.CreateReference(s.actor, typ, path, sig, scope, privs)
	if err != nil {
		return nil, toSF(err)
	}
	return ref, nil
}

// qualifyParts completes a name of an object that lives at depth parts
// (1 account, 2 database, 3 schema) with the current database and schema.
func (s *Session) qualifyParts(name ObjectName, parts int) ([]string, error) {
	missing := parts - len(name)
	if missing <= 0 {
		return name, nil
	}
	if s.database == "" {
		return nil, sferr.NoCurrentDatabase()
	}
	if missing == 1 {
		if parts == 2 {
			return append([]string{s.database}, name...), nil
		}
		return append([]string{s.database}, name...), nil
	}
	if s.schema == "" {
		return nil, sferr.NoCurrentSchema()
	}
	return append([]string{s.database, s.schema}, name...), nil
}

// isRefToken says whether a one-part name may be a reference string.
func isRefToken(name ObjectName) bool {
	return len(name) == 1 && strings.HasPrefix(name[0], "ENT_REF_")
}

// referenceRelation resolves a reference written as a table name: the
// statement acts on that one object with the rights of the reference's
// creator.
func (d *dataScope) referenceRelation(token string, op account.Op, dml bool) (relation, bool, error) {
	t, ok, err := d.s.acct.UseReference(d.s.actor, token, op)
	if !ok {
		return relation{}, false, nil
	}
	rel, err := d.targetRelation(token, t, err, op, dml)
	return rel, true, err
}

// targetRelation builds the relation for what a reference string or a
// binding (reference('name')) resolved to, or reports why it did not
// resolve. name is how the statement wrote it.
func (d *dataScope) targetRelation(name string, t account.RefTarget, err error, op account.Op, dml bool) (relation, error) {
	word := "Object"
	if dml {
		word = "Table"
	}
	if err != nil {
		return relation{}, relationError(err, word)
	}
	if t.Query != "" {
		return d.queryReference(name, t)
	}
	if t.Kind != account.KindTable && t.Kind != account.KindView {
		return relation{}, sferr.ReferenceInvalid()
	}
	if t.Kind == account.KindView && dml {
		return relation{}, sferr.Unsupported(op.String() + " on a view")
	}
	return d.finishRelation(t.ID, t.Kind, t.Path, word, dml)
}

// queryReference expands a query reference into a derived table, its
// names resolved and authorized with the creator's rights in the creator's
// database and schema, as a view's body is with its owner's.
func (d *dataScope) queryReference(token string, t account.RefTarget) (relation, error) {
	if d.depth >= maxViewDepth {
		return relation{}, sferr.Internal("references nested too deeply")
	}
	child := &dataScope{s: d.s, actor: t.Creator, database: t.Namespace[0], schema: t.Namespace[1], view: token,
		depth: d.depth + 1, acc: d.acc}
	body, err := rewriteQuery(t.Query, child)
	if err != nil {
		return relation{}, err
	}
	return relation{sql: "(" + body + ")", name: token, alias: token}, nil
}

// queryReferenceFunc is SYSTEM$QUERY_REFERENCE(query [, use_session_scope]).
// The query must be a SELECT (or WITH ... SELECT) without variables or
// binds (spec §9.2).
func (s *Session) queryReferenceFunc(args []any) (any, error) {
	if len(args) < 1 || len(args) > 2 {
		return nil, sferr.InvalidArgument("SYSTEM$QUERY_REFERENCE takes a query and an optional session-scope flag, got " + strconv.Itoa(len(args)) + " arguments")
	}
	query, ok := args[0].(string)
	if !ok {
		return nil, sferr.InvalidArgument("SYSTEM$QUERY_REFERENCE's query must be a string, got [" + valueText(args[0]) + "]")
	}
	session := false
	if len(args) == 2 && args[1] != nil {
		b, ok := args[1].(bool)
		if !ok {
			return nil, sferr.InvalidArgument("SYSTEM$QUERY_REFERENCE's use_session_scope must be a boolean, got [" + valueText(args[1]) + "]")
		}
		session = b
	}
	if err := checkQueryReference(query); err != nil {
		return nil, err
	}
	return s.acct.CreateQueryReference(s.actor, query, []string{s.database, s.schema}, session), nil
}

// checkQueryReference accepts a query that can serve as an inline view.
func checkQueryReference(query string) error {
	toks := newParser(query).toks
	if len(toks) < 2 || toks[0].tok != SELECT && toks[0].tok != WITH {
		return sferr.InvalidArgument("SYSTEM$QUERY_REFERENCE needs a SELECT statement that can serve as an inline view")
	}
	for _, t := range toks {
		switch {
		case t.tok == ILLEGAL:
			return sferr.InvalidArgument("SYSTEM$QUERY_REFERENCE's query does not parse")
		case t.tok == VARIABLE, t.tok == QUESTION:
			return sferr.InvalidArgument("SYSTEM$QUERY_REFERENCE's query cannot use session variables or bind variables")
		case t.tok == SEMICOLON:
			return sferr.InvalidArgument("SYSTEM$QUERY_REFERENCE takes one statement")
		}
	}
	return nil
}

// parseSignatureText parses a function or procedure written as text with
// its argument types: 'd.s.f(NUMBER, VARCHAR)'. Without a list the
// signature is empty: f().
func parseSignatureText(text string) (name ObjectName, args []string, err error) {
	p := newParser(text)
	defer func() {
		if e := recover(); e != nil {
			b, ok := e.(bailout)
			if !ok {
				panic(e)
			}
			name, args, err = nil, nil, b.err
		}
	}()
	name = p.parseName(3)
	args = []string{}
	if p.got(LPAREN) {
		if p.tok != RPAREN {
			for {
				args = append(args, argType(p.parseType()))
				if !p.got(COMMA) {
					break
				}
			}
		}
		p.expect(RPAREN)
	}
	if p.tok != EOF {
		p.errorUnexpected()
	}
	return name, args, nil
}
