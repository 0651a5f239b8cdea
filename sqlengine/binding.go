package sqlengine

import (
	"context"

	"github.com/frostgate/frostgate/emulator/account"
	"github.com/frostgate/frostgate/sferr"
)

// reference('name' [, 'alias']): how an application's code names the
// consumer object bound to one of its reference definitions (spec §9.4,
// seed 001 "Examples of using references"). It is read wherever a table,
// view or procedure name goes: FROM and joins, the target of INSERT,
// UPDATE, DELETE, MERGE and TRUNCATE, DESCRIBE TABLE, CALL, and view
// bodies (resolved each time the view is queried). The account resolves
// the binding (Account.UseBinding) to a RefTarget, which the statement
// then uses exactly as it uses a SYSTEM$REFERENCE string: one mechanism
// (targetRelation, callTarget).
//
// REFERENCE is no keyword: only the word followed by '(' and a string
// literal is a binding, so a table or column named REFERENCE keeps working.

// Binding is reference('name' [, 'alias']).
type Binding struct {
	Name  string // the reference definition's name, as written
	Alias string // one object of a multi-valued reference; "" when absent
}

// String renders the binding as SQL.
func (b *Binding) String() string {
	s := "reference(" + quoteString(b.Name)
	if b.Alias != "" {
		s += ", " + quoteString(b.Alias)
	}
	return s + ")"
}

// atBinding reports whether toks[i:] start with REFERENCE ( 'string'.
func atBinding(toks []token, i int) bool {
	return i+2 < len(toks) && isWordText(toks[i], "REFERENCE") && toks[i+1].tok == LPAREN && toks[i+2].tok == STRING
}

// parseBinding reads reference('name' [, 'alias']); the parser is at REFERENCE.
func (p *parser) parseBinding() *Binding {
	p.next()
	p.expect(LPAREN)
	b := &Binding{Name: p.parseString()}
	if p.got(COMMA) {
		b.Alias = p.parseString()
	}
	p.expect(RPAREN)
	return b
}

// binding reads reference('name' [, 'alias']); the rewriter is at REFERENCE.
func (r *rewriter) binding() *Binding {
	r.next()
	r.expect(LPAREN)
	b := &Binding{Name: r.stringLit()}
	if r.got(COMMA) {
		b.Alias = r.stringLit()
	}
	r.expect(RPAREN)
	return b
}

// stringLit reads a string literal and returns its value.
func (r *rewriter) stringLit() string {
	t := r.cur()
	if t.tok != STRING {
		r.unexpected()
	}
	r.next()
	return unquoteString(t.lit)
}

// bindingFunc resolves a binding in place of Account.UseBinding; tests
// set one (export_test.go) to bind names to ordinary references.
type bindingFunc func(x *account.Actor, name, alias string, op account.Op) (account.RefTarget, error)

// useBinding is the one place the engine resolves a binding: for op, by x
// (the session, or the owner whose rights a view body or procedure runs with).
func (s *Session) useBinding(x *account.Actor, b *Binding, op account.Op) (account.RefTarget, error) {
	use := s.acct.UseBinding
	if s.eng.bindingHook != nil {
		use = s.eng.bindingHook
	}
	return use(x, b.Name, b.Alias, op)
}

// binding implements resolver: reference('name') written where a table
// or view goes. The scope's actor asks: in a view body it is the view's
// owner (the application), as for every other name in the body.
func (d *dataScope) binding(b *Binding, op account.Op, dml bool) (relation, error) {
	t, err := d.s.useBinding(d.actor, b, op)
	return d.targetRelation(b.String(), t, err, op, dml)
}

// callTarget runs the procedure a reference or binding resolved to.
func (s *Session) callTarget(ctx context.Context, t account.RefTarget, err error, vals []any) (*Result, error) {
	if err != nil {
		return nil, toSF(err)
	}
	if t.Kind != account.KindProcedure {
		return nil, sferr.ReferenceInvalid()
	}
	return s.callProcedure(ctx, t.ID, t.Path, vals)
}
