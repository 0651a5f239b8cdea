package sqlengine

import (
	"strings"

	"github.com/frostgate/frostgate/emulator/account"
)

// DataStatement is a data-plane statement (SELECT ... FROM, INSERT, UPDATE,
// DELETE, MERGE, TRUNCATE, COPY, CALL, WITH, EXPLAIN), kept as source text
// for a later data plane.
type DataStatement struct {
	Verb string // the first keyword, upper case: "SELECT", "INSERT", ...
	Text string // the statement's source text, without the trailing ';'
}

var _ Statement = (*DataStatement)(nil)

func (*DataStatement) stmt() {}

// String returns the statement's source text.
func (n *DataStatement) String() string { return n.Text }

func (p *parser) parseData() Statement {
	verb := strings.ToUpper(p.lit)
	from := p.skipToEnd()
	return &DataStatement{Verb: verb, Text: p.rawText(from, p.i)}
}

// Select is a SELECT without FROM: a list of expressions evaluated once.
type Select struct {
	Items []SelectItem // the select list, in order
}

var _ Statement = (*Select)(nil)

func (*Select) stmt() {}

// String implements Statement.
func (n *Select) String() string {
	parts := make([]string, len(n.Items))
	for i, it := range n.Items {
		parts[i] = it.String()
	}
	return "SELECT " + strings.Join(parts, ", ")
}

// SelectItem is one expression of a select list.
type SelectItem struct {
	Expr  Expr   // the expression
	Text  string // its source text as Snowflake names an unaliased column: upper case outside string literals and quoted identifiers, white space collapsed ("CURRENT_ROLE()")
	Alias string // [AS] alias, normalized; "" when absent
}

// Column returns the result column's name: the alias, else Text.
func (it SelectItem) Column() string {
	if it.Alias != "" {
		return it.Alias
	}
	return it.Text
}

// String renders the item as SQL: its text and alias.
func (it SelectItem) String() string {
	if it.Alias != "" {
		return it.Text + " AS " + quoteName(it.Alias)
	}
	return it.Text
}

// dataClauses are keywords that, at the top level of a SELECT, make it a
// data-plane query.
var dataClauses = map[Token]bool{
	FROM: true, WHERE: true, GROUP: true, HAVING: true, ORDER: true, LIMIT: true, UNION: true,
	INTERSECT: true, EXCEPT: true, MINUS_KW: true, QUALIFY: true, FETCH: true, OFFSET: true,
}

// pathBase are the tokens a VARIANT path's ':' follows (v:key, f(x):key).
var pathBase = map[Token]bool{IDENT: true, QIDENT: true, RPAREN: true, RBRACK: true}

func (p *parser) parseSelect() Statement {
	for j := p.i + 1; j < len(p.toks) && p.toks[j].tok != EOF && p.toks[j].tok != SEMICOLON; j++ {
		if isWordText(p.toks[j], "RESULT_SCAN") && p.toks[j+1].tok == LPAREN {
			// Frostgate keeps no query results (docs/compatibility.md D.3).
			return p.unsupported(p.i, "RESULT_SCAN")
		}
	}
	depth := 0
scan:
	for j := p.i + 1; j < len(p.toks); j++ {
		switch t := p.toks[j].tok; {
		case t == EOF, t == SEMICOLON:
			break scan
		case t == LPAREN:
			depth++
		case t == RPAREN:
			depth--
		case depth == 0 && dataClauses[t]:
			return p.parseData()
		case t == LBRACK, t == COLON && j > p.i+1 && pathBase[p.toks[j-1].tok]:
			// A VARIANT path (v[0], v:key) is the data plane's to evaluate.
			return p.parseData()
		}
	}
	p.next()
	n := &Select{}
	for {
		from := p.i
		it := SelectItem{Expr: p.parseExpr()}
		it.Text = p.normText(from, p.i)
		switch {
		case p.got(AS):
			it.Alias = p.parseIdent()
		case isNameStart(p.cur()):
			it.Alias = p.parseIdent()
		}
		n.Items = append(n.Items, it)
		if !p.got(COMMA) {
			break
		}
	}
	return n
}

// Expr is an expression of a select list or SET. The set is sealed.
// String renders the expression as SQL that parses back to an equal tree.
type Expr interface {
	String() string
	expr()
}

// StringLit is a string literal.
type StringLit struct {
	Value string // the string's value, escapes resolved
}

// NumberLit is a numeric literal.
type NumberLit struct {
	Text string // as written, exponent marker upper-cased: "12", "1.5", "1E3"
}

// BoolLit is TRUE or FALSE.
type BoolLit struct {
	Value bool // TRUE
}

// NullLit is NULL.
type NullLit struct{}

// Variable is a session variable $name or a positional $1.
type Variable struct {
	Name string // without '$', upper case: "MY_VAR", "1"
}

// ColumnRef is an identifier in expression position, possibly qualified.
type ColumnRef struct {
	Name ObjectName // normalized parts
}

// FuncCall is name(args), name(*) or name(DISTINCT args).
type FuncCall struct {
	Name     ObjectName // the function: "CURRENT_ROLE", or qualified: SYSTEM$... stays one part
	Args     []Expr     // the arguments; nil with Star
	Star     bool       // name(*)
	Distinct bool       // name(DISTINCT ...)
}

// ParenExpr is ( X ).
type ParenExpr struct {
	X Expr // the parenthesised expression
}

// UnaryExpr is -X, +X or NOT X.
type UnaryExpr struct {
	Op Token // MINUS, PLUS or NOT
	X  Expr  // the operand
}

// BinaryExpr is X op Y.
type BinaryExpr struct {
	Op Token // PLUS, MINUS, STAR, SLASH, PERCENT, CONCAT, EQ, NEQ (for <> and !=), LT, GT, LE, GE, AND or OR
	X  Expr  // the left operand
	Y  Expr  // the right operand
}

// IsNullExpr is X IS [NOT] NULL.
type IsNullExpr struct {
	X   Expr // the tested expression
	Not bool // IS NOT NULL
}

// CastExpr is CAST(X AS type), TRY_CAST(X AS type) or X::type.
type CastExpr struct {
	X    Expr   // the converted expression
	Type string // normalized type text
	Try  bool   // TRY_CAST
}

// CaseExpr is CASE [operand] WHEN ... THEN ... [ELSE ...] END.
type CaseExpr struct {
	Operand Expr       // the simple CASE's operand; nil for a searched CASE
	Whens   []CaseWhen // at least one
	Else    Expr       // nil when absent
}

// CaseWhen is one WHEN Cond THEN Result branch.
type CaseWhen struct {
	Cond   Expr // the condition, or the value compared with a simple CASE's operand
	Result Expr // the branch's value
}

func (*StringLit) expr()  {}
func (*NumberLit) expr()  {}
func (*BoolLit) expr()    {}
func (*NullLit) expr()    {}
func (*Variable) expr()   {}
func (*ColumnRef) expr()  {}
func (*FuncCall) expr()   {}
func (*ParenExpr) expr()  {}
func (*UnaryExpr) expr()  {}
func (*BinaryExpr) expr() {}
func (*IsNullExpr) expr() {}
func (*CastExpr) expr()   {}
func (*CaseExpr) expr()   {}

var (
	_ Expr = (*StringLit)(nil)
	_ Expr = (*NumberLit)(nil)
	_ Expr = (*BoolLit)(nil)
	_ Expr = (*NullLit)(nil)
	_ Expr = (*Variable)(nil)
	_ Expr = (*ColumnRef)(nil)
	_ Expr = (*FuncCall)(nil)
	_ Expr = (*ParenExpr)(nil)
	_ Expr = (*UnaryExpr)(nil)
	_ Expr = (*BinaryExpr)(nil)
	_ Expr = (*IsNullExpr)(nil)
	_ Expr = (*CastExpr)(nil)
	_ Expr = (*CaseExpr)(nil)
)

// String implements Expr.
func (e *StringLit) String() string { return quoteString(e.Value) }

// String implements Expr.
func (e *NumberLit) String() string { return e.Text }

// String implements Expr.
func (e *BoolLit) String() string {
	if e.Value {
		return "TRUE"
	}
	return "FALSE"
}

// String implements Expr.
func (*NullLit) String() string { return "NULL" }

// String implements Expr.
func (e *Variable) String() string { return "$" + e.Name }

// String implements Expr.
func (e *ColumnRef) String() string { return e.Name.sql() }

// String implements Expr.
func (e *FuncCall) String() string {
	parts := make([]string, len(e.Name))
	for i, s := range e.Name {
		parts[i] = account.QuoteIdent(s)
		if Lookup(s).IsReserved() {
			parts[i] = `"` + s + `"`
		}
	}
	var b strings.Builder
	b.WriteString(strings.Join(parts, "."))
	b.WriteByte('(')
	if e.Distinct {
		b.WriteString("DISTINCT ")
	}
	if e.Star {
		b.WriteByte('*')
	}
	for i, a := range e.Args {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(a.String())
	}
	b.WriteByte(')')
	return b.String()
}

// String implements Expr.
func (e *ParenExpr) String() string { return "(" + e.X.String() + ")" }

// String implements Expr.
func (e *UnaryExpr) String() string {
	x := e.X.String()
	if e.Op == NOT {
		return "NOT " + x
	}
	if strings.HasPrefix(x, "-") || strings.HasPrefix(x, "+") {
		return e.Op.String() + " " + x
	}
	return e.Op.String() + x
}

// String implements Expr.
func (e *BinaryExpr) String() string {
	return e.X.String() + " " + e.Op.String() + " " + e.Y.String()
}

// String implements Expr.
func (e *IsNullExpr) String() string {
	if e.Not {
		return e.X.String() + " IS NOT NULL"
	}
	return e.X.String() + " IS NULL"
}

// String implements Expr.
func (e *CastExpr) String() string {
	fn := "CAST"
	if e.Try {
		fn = "TRY_CAST"
	}
	return fn + "(" + e.X.String() + " AS " + e.Type + ")"
}

// String implements Expr.
func (e *CaseExpr) String() string {
	s := &sqlWriter{}
	s.w("CASE")
	if e.Operand != nil {
		s.w(e.Operand.String())
	}
	for _, w := range e.Whens {
		s.w("WHEN", w.Cond.String(), "THEN", w.Result.String())
	}
	if e.Else != nil {
		s.w("ELSE", e.Else.String())
	}
	return s.w("END").String()
}

// Expression grammar, loosest first:
//
//	expr       = and { OR and }
//	and        = not { AND not }
//	not        = NOT not | comparison
//	comparison = additive { (= | <> | < | > | <= | >=) additive | IS [NOT] NULL }
//	additive   = multiplicative { (+ | - | ||) multiplicative }
//	multiplicative = unary { (* | / | %) unary }
//	unary      = (- | +) unary | postfix
//	postfix    = primary { :: type }

func (p *parser) parseExpr() Expr {
	p.incNest()
	defer p.decNest()
	x := p.parseAnd()
	for p.tok == OR {
		p.next()
		x = &BinaryExpr{Op: OR, X: x, Y: p.parseAnd()}
	}
	return x
}

func (p *parser) parseAnd() Expr {
	x := p.parseNot()
	for p.tok == AND {
		p.next()
		x = &BinaryExpr{Op: AND, X: x, Y: p.parseNot()}
	}
	return x
}

func (p *parser) parseNot() Expr {
	if p.tok == NOT {
		p.incNest()
		defer p.decNest()
		p.next()
		return &UnaryExpr{Op: NOT, X: p.parseNot()}
	}
	return p.parseComparison()
}

func (p *parser) parseComparison() Expr {
	x := p.parseAdditive()
	for {
		switch p.tok {
		case EQ, NEQ, LT, GT, LE, GE:
			op := p.tok
			p.next()
			x = &BinaryExpr{Op: op, X: x, Y: p.parseAdditive()}
		case IS:
			p.next()
			not := p.got(NOT)
			p.expect(NULL)
			x = &IsNullExpr{X: x, Not: not}
		default:
			return x
		}
	}
}

func (p *parser) parseAdditive() Expr {
	x := p.parseMultiplicative()
	for p.tok == PLUS || p.tok == MINUS || p.tok == CONCAT {
		op := p.tok
		p.next()
		x = &BinaryExpr{Op: op, X: x, Y: p.parseMultiplicative()}
	}
	return x
}

func (p *parser) parseMultiplicative() Expr {
	x := p.parseUnary()
	for p.tok == STAR || p.tok == SLASH || p.tok == PERCENT {
		op := p.tok
		p.next()
		x = &BinaryExpr{Op: op, X: x, Y: p.parseUnary()}
	}
	return x
}

func (p *parser) parseUnary() Expr {
	if p.tok == MINUS || p.tok == PLUS {
		p.incNest()
		defer p.decNest()
		op := p.tok
		p.next()
		return &UnaryExpr{Op: op, X: p.parseUnary()}
	}
	x := p.parsePrimary()
	for p.tok == DCOLON {
		p.next()
		x = &CastExpr{X: x, Type: p.parseType()}
	}
	return x
}

func (p *parser) parsePrimary() Expr {
	t := p.cur()
	switch t.tok {
	case NUMBER:
		p.next()
		return &NumberLit{Text: strings.ToUpper(t.lit)}
	case STRING:
		p.next()
		return &StringLit{Value: unquoteString(t.lit)}
	case TRUE, FALSE:
		p.next()
		return &BoolLit{Value: t.tok == TRUE}
	case NULL:
		p.next()
		return &NullLit{}
	case VARIABLE:
		p.next()
		return &Variable{Name: strings.ToUpper(t.lit[1:])}
	case LPAREN:
		p.next()
		x := p.parseExpr()
		p.expect(RPAREN)
		return &ParenExpr{X: x}
	case CASE:
		return p.parseCase()
	case CAST, TRY_CAST:
		p.next()
		p.expect(LPAREN)
		x := p.parseExpr()
		p.expect(AS)
		typ := p.parseType()
		p.expect(RPAREN)
		return &CastExpr{X: x, Type: typ, Try: t.tok == TRY_CAST}
	}
	if !isNameStart(t) {
		p.errorAt(t)
	}
	name := ObjectName{p.parseIdent()}
	for p.tok == PERIOD {
		if len(name) == 3 {
			p.errorUnexpected()
		}
		p.next()
		name = append(name, p.parseIdent())
	}
	if p.tok != LPAREN {
		return &ColumnRef{Name: name}
	}
	p.next()
	f := &FuncCall{Name: name}
	switch {
	case p.got(STAR):
		f.Star = true
	case p.tok == RPAREN:
	default:
		f.Distinct = p.got(DISTINCT)
		for {
			f.Args = append(f.Args, p.parseExpr())
			if !p.got(COMMA) {
				break
			}
		}
	}
	p.expect(RPAREN)
	return f
}

func (p *parser) parseCase() Expr {
	p.next()
	c := &CaseExpr{}
	if p.tok != WHEN {
		c.Operand = p.parseExpr()
	}
	for p.tok == WHEN {
		p.next()
		w := CaseWhen{Cond: p.parseExpr()}
		p.expect(THEN)
		w.Result = p.parseExpr()
		c.Whens = append(c.Whens, w)
	}
	if c.Whens == nil {
		p.errorUnexpected()
	}
	if p.got(ELSE) {
		c.Else = p.parseExpr()
	}
	p.expect(END)
	return c
}
