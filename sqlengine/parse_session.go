package sqlengine

import "strings"

// Use is USE ROLE r, USE [DATABASE] d, USE SCHEMA [db.]s or USE WAREHOUSE w.
// USE db.schema without a keyword is USE SCHEMA.
type Use struct {
	Kind ObjectKind // KindRole, KindDatabase, KindSchema or KindWarehouse
	Name ObjectName // the object: one part, or [db.]schema for KindSchema
}

var _ Statement = (*Use)(nil)

func (*Use) stmt() {}

// String implements Statement.
func (n *Use) String() string { return "USE " + n.Kind.String() + " " + n.Name.sql() }

// SecondaryRoles says which form USE SECONDARY ROLES takes.
type SecondaryRoles int

// The USE SECONDARY ROLES forms.
const (
	SecondaryRolesAll  SecondaryRoles = iota + 1 // ALL
	SecondaryRolesNone                           // NONE
	SecondaryRolesList                           // r1 [, r2 ...]
)

// String returns ALL, NONE or LIST.
func (m SecondaryRoles) String() string {
	switch m {
	case SecondaryRolesAll:
		return "ALL"
	case SecondaryRolesNone:
		return "NONE"
	case SecondaryRolesList:
		return "LIST"
	}
	return "SecondaryRoles(" + itoa(int(m)) + ")"
}

// UseSecondaryRoles is USE SECONDARY ROLES ALL | NONE | r1 [, r2 ...].
type UseSecondaryRoles struct {
	Mode  SecondaryRoles // which form
	Roles []string       // SecondaryRolesList: the roles, normalized, in order
}

var _ Statement = (*UseSecondaryRoles)(nil)

func (*UseSecondaryRoles) stmt() {}

// String implements Statement.
func (n *UseSecondaryRoles) String() string {
	switch n.Mode {
	case SecondaryRolesAll:
		return "USE SECONDARY ROLES ALL"
	case SecondaryRolesNone:
		return "USE SECONDARY ROLES NONE"
	}
	parts := make([]string, len(n.Roles))
	for i, r := range n.Roles {
		parts[i] = quoteName(r)
	}
	return "USE SECONDARY ROLES " + strings.Join(parts, ", ")
}

func (p *parser) parseUse() Statement {
	p.next()
	switch {
	case p.tok == SECONDARY && p.peek(1).tok == ROLES:
		p.next()
		p.next()
		n := &UseSecondaryRoles{}
		switch {
		case p.got(ALL):
			n.Mode = SecondaryRolesAll
		case p.got(NONE):
			n.Mode = SecondaryRolesNone
		default:
			n.Mode = SecondaryRolesList
			n.Roles = []string{p.parseName(1)[0]}
			for p.got(COMMA) {
				n.Roles = append(n.Roles, p.parseName(1)[0])
			}
		}
		return n
	case p.tok == ROLE:
		p.next()
		return &Use{Kind: KindRole, Name: p.parseName(1)}
	case p.tok == WAREHOUSE:
		p.next()
		return &Use{Kind: KindWarehouse, Name: p.parseName(1)}
	case p.tok == DATABASE:
		p.next()
		return &Use{Kind: KindDatabase, Name: p.parseName(1)}
	case p.tok == SCHEMA:
		p.next()
		return &Use{Kind: KindSchema, Name: p.parseName(2)}
	}
	name := p.parseName(2)
	if len(name) == 2 {
		return &Use{Kind: KindSchema, Name: name}
	}
	return &Use{Kind: KindDatabase, Name: name}
}

// AlterSession is ALTER SESSION SET name = value [, ...] or ALTER SESSION
// UNSET name [, ...].
type AlterSession struct {
	Set   Properties // SET: parameters and values; nil for UNSET
	Unset []string   // UNSET: parameter names, upper case; nil for SET
}

var _ Statement = (*AlterSession)(nil)

func (*AlterSession) stmt() {}

// String implements Statement.
func (n *AlterSession) String() string {
	if n.Unset != nil {
		return "ALTER SESSION UNSET " + strings.Join(n.Unset, ", ")
	}
	return "ALTER SESSION SET " + n.Set.String()
}

// parseAlterSession parses the rest of ALTER SESSION.
func (p *parser) parseAlterSession() Statement {
	p.next()
	n := &AlterSession{}
	switch p.tok {
	case SET:
		p.next()
		if !p.atProperty() {
			p.errorUnexpected()
		}
		n.Set = p.parseProperties()
	case UNSET:
		p.next()
		n.Unset = p.parseWordList()
	default:
		p.errorUnexpected()
	}
	return n
}

// SetVariable is SET var = expr or SET (v1, v2) = (e1, e2): session
// variables. The executor may reject it.
type SetVariable struct {
	Names  []string // the variables, normalized
	Values []Expr   // one expression per name
}

var _ Statement = (*SetVariable)(nil)

func (*SetVariable) stmt() {}

// String implements Statement.
func (n *SetVariable) String() string {
	names := make([]string, len(n.Names))
	for i, s := range n.Names {
		names[i] = quoteName(s)
	}
	values := make([]string, len(n.Values))
	for i, e := range n.Values {
		values[i] = e.String()
	}
	if len(names) == 1 {
		return "SET " + names[0] + " = " + values[0]
	}
	return "SET (" + strings.Join(names, ", ") + ") = (" + strings.Join(values, ", ") + ")"
}

func (p *parser) parseSetVariable() Statement {
	p.next()
	n := &SetVariable{}
	if !p.got(LPAREN) {
		n.Names = []string{p.parseIdent()}
		p.expect(EQ)
		if q, ok := p.parseScalarQuery(); ok {
			n.Values = []Expr{q}
			return n
		}
		n.Values = []Expr{p.parseExpr()}
		return n
	}
	for {
		n.Names = append(n.Names, p.parseIdent())
		if !p.got(COMMA) {
			break
		}
	}
	p.expect(RPAREN)
	p.expect(EQ)
	p.expect(LPAREN)
	for {
		n.Values = append(n.Values, p.parseExpr())
		if len(n.Values) == len(n.Names) || !p.got(COMMA) {
			break
		}
	}
	if len(n.Values) != len(n.Names) {
		p.errorUnexpected()
	}
	p.expect(RPAREN)
	return n
}

// ScalarQuery is ( SELECT ... ) as the value of SET var = (SELECT ...):
// the query runs as a statement of its own and must return one value.
type ScalarQuery struct {
	Text string // the query, without the parentheses
}

func (*ScalarQuery) expr() {}

// String implements Expr.
func (q *ScalarQuery) String() string { return "(" + q.Text + ")" }

// parseScalarQuery reads ( SELECT ... ) up to its closing parenthesis if
// the next tokens start one.
func (p *parser) parseScalarQuery() (*ScalarQuery, bool) {
	if p.tok != LPAREN || (p.peek(1).tok != SELECT && p.peek(1).tok != WITH) {
		return nil, false
	}
	depth := 0
	for j := p.i; j < len(p.toks); j++ {
		switch p.toks[j].tok {
		case LPAREN:
			depth++
		case RPAREN:
			depth--
			if depth == 0 {
				q := &ScalarQuery{Text: p.src[p.toks[p.i+1].pos:p.toks[j-1].end()]}
				for p.i < j {
					p.next()
				}
				p.expect(RPAREN)
				return q, true
			}
		case EOF:
			return nil, false
		}
	}
	return nil, false
}
