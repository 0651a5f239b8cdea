package sqlengine

import (
	"strings"

	"github.com/frostgate/frostgate/emulator/account"
	"github.com/frostgate/frostgate/sferr"
)

// Expressions, by Snowflake's precedence, loosest first:
//
//	or        = and {OR and}
//	and       = not {AND not}
//	not       = NOT not | predicate
//	predicate = additive {comparison additive | IS [NOT] NULL | IS [NOT] DISTINCT FROM additive
//	            | [NOT] IN (...) | [NOT] BETWEEN additive AND additive | [NOT] LIKE/ILIKE/RLIKE additive}
//	additive  = mult {(+ | - | ||) mult}
//	mult      = unary {(* | / | %) unary}
//	unary     = (- | +) unary | postfix
//	postfix   = primary {:: type | :path | [subscript]}
//
// Every compound is emitted in parentheses, so MySQL's own precedence
// never matters.

// xpr is a converted expression and what its context needs to know about it.
type xpr struct {
	sql      string
	json     bool   // a VARIANT path or subscript: casts to text unquote it
	win      bool   // contains a window function
	column   string // a column reference: its column's name
	bare     bool   // the column reference is one unqualified name (maybe an alias)
	position int    // a positive integer literal: its value (ORDER BY 2)
}

func (r *rewriter) expr() xpr {
	r.enter()
	defer r.leave()
	x := r.andExpr()
	for r.got(OR) {
		x = binary(x, "OR", r.andExpr())
	}
	return x
}

func (r *rewriter) exprList() []string {
	var out []string
	for {
		out = append(out, r.expr().sql)
		if !r.got(COMMA) {
			return out
		}
	}
}

func binary(x xpr, op string, y xpr) xpr {
	return xpr{sql: "(" + x.sql + " " + op + " " + y.sql + ")", win: x.win || y.win}
}

func (r *rewriter) andExpr() xpr {
	x := r.notExpr()
	for r.got(AND) {
		x = binary(x, "AND", r.notExpr())
	}
	return x
}

func (r *rewriter) notExpr() xpr {
	if r.tok() == NOT {
		r.enter()
		defer r.leave()
		r.next()
		x := r.notExpr()
		return xpr{sql: "(NOT " + x.sql + ")", win: x.win}
	}
	return r.predicate()
}

var comparisons = map[Token]string{EQ: "=", NEQ: "<>", LT: "<", GT: ">", LE: "<=", GE: ">="}

func (r *rewriter) predicate() xpr {
	x := r.additive()
	for {
		if op, ok := comparisons[r.tok()]; ok {
			r.next()
			if r.tok() == ALL || r.isWord("ANY") || r.isWord("SOME") {
				r.unsupported("comparison with " + strings.ToUpper(r.cur().lit))
			}
			x = binary(x, op, r.additive())
			continue
		}
		if r.tok() == IS {
			r.next()
			not := r.got(NOT)
			switch {
			case r.got(NULL):
				if not {
					x = xpr{sql: "(" + x.sql + " IS NOT NULL)", win: x.win}
				} else {
					x = xpr{sql: "(" + x.sql + " IS NULL)", win: x.win}
				}
			case r.got(DISTINCT):
				r.expect(FROM)
				y := r.additive()
				if not {
					x = binary(x, "<=>", y)
				} else {
					x = xpr{sql: "(NOT (" + x.sql + " <=> " + y.sql + "))", win: x.win || y.win}
				}
			case r.tok() == TRUE || r.tok() == FALSE:
				v := strings.ToUpper(r.cur().lit)
				r.next()
				if not {
					v = "NOT " + v
				}
				x = xpr{sql: "(" + x.sql + " IS " + v + ")", win: x.win}
			default:
				r.unexpected()
			}
			continue
		}
		not := false
		if r.tok() == NOT {
			if t := r.peek(1); t.tok == IN || t.tok == LIKE || isWordText(t, "BETWEEN") || isWordText(t, "ILIKE") ||
				isWordText(t, "RLIKE") || isWordText(t, "REGEXP") {
				r.next()
				not = true
			} else {
				return x
			}
		}
		neg := ""
		if not {
			neg = "NOT "
		}
		switch {
		case r.got(IN):
			r.expect(LPAREN)
			var list string
			if r.atQuery() {
				list = r.query()
				r.subs++
			} else {
				list = strings.Join(r.exprList(), ", ")
			}
			r.expect(RPAREN)
			x = xpr{sql: "(" + x.sql + " " + neg + "IN (" + list + "))", win: x.win}
		case r.gotWord("BETWEEN"):
			lo := r.additive()
			r.expect(AND)
			hi := r.additive()
			x = xpr{sql: "(" + x.sql + " " + neg + "BETWEEN " + lo.sql + " AND " + hi.sql + ")", win: x.win || lo.win || hi.win}
		case r.tok() == LIKE || r.isWord("ILIKE"):
			ilike := r.isWord("ILIKE")
			r.next()
			if r.tok() == ALL || r.isWord("ANY") {
				r.unsupported("LIKE " + strings.ToUpper(r.cur().lit))
			}
			y := r.additive()
			esc := ""
			if r.gotWord("ESCAPE") {
				esc = " ESCAPE " + r.additive().sql
			}
			if ilike {
				x = xpr{sql: "(LOWER(" + x.sql + ") " + neg + "LIKE LOWER(" + y.sql + ")" + esc + ")"}
			} else {
				x = xpr{sql: "(" + x.sql + " " + neg + "LIKE " + y.sql + esc + ")"}
			}
		case r.isWord("RLIKE") || r.isWord("REGEXP"):
			r.next()
			y := r.additive()
			// Snowflake's RLIKE matches the whole string.
			x = xpr{sql: "(" + x.sql + " " + neg + "REGEXP CONCAT('^(', " + y.sql + ", ')$'))"}
		default:
			return x
		}
	}
}

func (r *rewriter) additive() xpr {
	x := r.mult()
	for {
		switch r.tok() {
		case PLUS, MINUS:
			op := r.cur().lit
			r.next()
			x = binary(x, op, r.mult())
		case CONCAT:
			r.next()
			y := r.mult()
			x = xpr{sql: "CONCAT(" + x.sql + ", " + y.sql + ")", win: x.win || y.win}
		default:
			return x
		}
	}
}

func (r *rewriter) mult() xpr {
	x := r.unary()
	for r.tok() == STAR || r.tok() == SLASH || r.tok() == PERCENT {
		op := r.cur().lit
		r.next()
		x = binary(x, op, r.unary())
	}
	return x
}

func (r *rewriter) unary() xpr {
	if r.tok() == MINUS || r.tok() == PLUS {
		r.enter()
		defer r.leave()
		op := r.cur().lit
		r.next()
		x := r.unary()
		return xpr{sql: "(" + op + x.sql + ")", win: x.win}
	}
	return r.postfix()
}

func (r *rewriter) postfix() xpr {
	x := r.primary()
	for {
		switch r.tok() {
		case DCOLON:
			r.next()
			x = convertCast(x, r.typeName())
		case COLON:
			r.next()
			x = xpr{sql: "JSON_EXTRACT(" + x.sql + ", " + sqlString(r.jsonPath(true)) + ")", json: true, win: x.win}
		case LBRACK:
			x = xpr{sql: "JSON_EXTRACT(" + x.sql + ", " + sqlString(r.jsonPath(false)) + ")", json: true, win: x.win}
		default:
			return x
		}
	}
}

// castTo converts x to t. A VARIANT extracted as text loses its JSON quotes,
// as Snowflake's ::STRING does.
func convertCast(x xpr, t sfType) xpr {
	if x.json && t.base == "VARCHAR" {
		return xpr{sql: "JSON_UNQUOTE(" + x.sql + ")", win: x.win}
	}
	return xpr{sql: t.cast(x.sql), win: x.win, json: t.base == "VARIANT" || t.base == "OBJECT" || t.base == "ARRAY"}
}

// jsonPath reads a VARIANT path after ':' (key {.key | [index]}) or a run
// of subscripts, and returns it as a MySQL JSON path.
func (r *rewriter) jsonPath(afterColon bool) string {
	var b strings.Builder
	b.WriteString("$")
	key := func() {
		t := r.cur()
		switch {
		case t.tok == QIDENT:
			b.WriteString("." + jsonKey(account.NormalizeIdent(t.lit)))
		case isWord(t):
			b.WriteString("." + jsonKey(t.lit)) // path keys keep their case
		default:
			r.unexpected()
		}
		r.next()
	}
	if afterColon {
		key()
	}
	for {
		switch {
		case r.tok() == PERIOD && afterColon:
			r.next()
			key()
		case r.tok() == LBRACK:
			r.next()
			t := r.cur()
			switch t.tok {
			case NUMBER:
				if _, ok := parseUint(t.lit); !ok {
					r.unexpected()
				}
				b.WriteString("[" + t.lit + "]")
			case STRING:
				b.WriteString("." + jsonKey(unquoteString(t.lit)))
			default:
				r.unsupported("subscripts that are not literals")
			}
			r.next()
			r.expect(RBRACK)
		default:
			return b.String()
		}
	}
}

// jsonKey quotes a key for a MySQL JSON path.
func jsonKey(k string) string {
	return `"` + strings.ReplaceAll(strings.ReplaceAll(k, `\`, `\\`), `"`, `\"`) + `"`
}

// typeName reads a data type in an expression (after :: or AS) and
// resolves it.
func (r *rewriter) typeName() sfType {
	from := r.i
	if !isWord(r.cur()) {
		r.unexpected()
	}
	r.next()
	for isWord(r.cur()) && (typeContinuations[strings.ToUpper(r.cur().lit)] || timeZoneWords[strings.ToUpper(r.cur().lit)]) {
		if r.tok() == WITH && !isWordText(r.peek(1), "TIME") && !isWordText(r.peek(1), "LOCAL") {
			break
		}
		r.next()
	}
	if r.tok() == LPAREN {
		depth := 0
		for {
			switch r.tok() {
			case LPAREN:
				depth++
			case RPAREN:
				depth--
			case EOF, SEMICOLON:
				r.unexpected()
			}
			r.next()
			if depth == 0 {
				break
			}
		}
	}
	p := &parser{src: r.src, toks: r.toks}
	t, err := parseSFType(p.typeText(from, r.i))
	if err != nil {
		r.fail(err)
	}
	return t
}

// timeZoneWords continue TIMESTAMP WITH [LOCAL] TIME ZONE.
var timeZoneWords = map[string]bool{"WITH": true, "WITHOUT": true, "LOCAL": true, "TIME": true, "ZONE": true}

func (r *rewriter) primary() xpr {
	r.enter()
	defer r.leave()
	t := r.cur()
	switch t.tok {
	case NUMBER:
		r.next()
		x := xpr{sql: t.lit}
		if n, ok := parseUint(t.lit); ok && n > 0 && n < 1<<31 {
			x.position = int(n)
		}
		return x
	case STRING:
		r.next()
		return xpr{sql: sqlString(unquoteString(t.lit))}
	case TRUE, FALSE, NULL:
		r.next()
		return xpr{sql: strings.ToUpper(t.lit)}
	case VARIABLE:
		r.next()
		v, err := r.res.variable(strings.ToUpper(t.lit[1:]))
		if err != nil {
			r.fail(err)
		}
		return xpr{sql: v}
	case LPAREN:
		if r.atQuery() {
			r.next()
			q := r.query()
			r.expect(RPAREN)
			r.subs++
			return xpr{sql: "(" + q + ")"}
		}
		r.next()
		x := r.expr()
		if r.tok() == COMMA { // a row: (a, b) IN (...)
			list := []string{x.sql}
			for r.got(COMMA) {
				list = append(list, r.expr().sql)
			}
			x = xpr{sql: "(" + strings.Join(list, ", ") + ")"}
		} else {
			x = xpr{sql: "(" + x.sql + ")", json: x.json, win: x.win}
		}
		r.expect(RPAREN)
		return x
	case CASE:
		return r.caseExpr()
	case CAST, TRY_CAST:
		r.next()
		r.expect(LPAREN)
		x := r.expr()
		r.expect(AS)
		typ := r.typeName()
		r.expect(RPAREN)
		return convertCast(x, typ)
	case EXISTS:
		r.next()
		r.expect(LPAREN)
		if !r.atQuery() {
			r.unexpected()
		}
		q := r.query()
		r.expect(RPAREN)
		r.subs++
		return xpr{sql: "EXISTS (" + q + ")"}
	}
	if isWord(t) && r.peek(1).tok == STRING {
		// Typed literals: DATE '2024-01-31', TIMESTAMP '...', TIME '...', INTERVAL '1 day'.
		switch w := strings.ToUpper(t.lit); w {
		case "DATE", "TIME", "TIMESTAMP", "TIMESTAMP_NTZ", "TIMESTAMP_LTZ", "TIMESTAMP_TZ", "DATETIME":
			r.next()
			lit := r.cur().lit
			r.next()
			typ, _ := parseSFType(w)
			return xpr{sql: typ.cast(sqlString(unquoteString(lit)))}
		case "INTERVAL":
			r.next()
			lit := unquoteString(r.cur().lit)
			r.next()
			return xpr{sql: intervalSQL(r, lit)}
		}
	}
	if atBinding(r.toks, r.i) {
		// reference('f')(args) calls a bound function; Frostgate runs no
		// user-defined functions (docs/compatibility.md G.2).
		r.binding()
		if r.tok() == LPAREN {
			r.unsupported("calling a function through reference()")
		}
		r.unsupported("reference() as a value")
	}
	if !isNameStart(t) {
		r.unexpected()
	}
	name := ObjectName{r.ident()}
	for r.tok() == PERIOD && isNameStart(r.peek(1)) {
		r.next()
		name = append(name, r.ident())
	}
	if r.tok() == LPAREN {
		if len(name) > 1 {
			r.unsupported("qualified function names")
		}
		return r.call(name[0])
	}
	if len(name) == 1 && t.tok == IDENT {
		if f, ok := niladic[name[0]]; ok {
			return xpr{sql: f}
		}
	}
	if len(name) == 1 {
		if x, ok := r.lateralAlias(name[0]); ok {
			return x
		}
	}
	if len(name) > 4 {
		r.unexpected()
	}
	// d.s.t.c and s.t.c name the column of table t: keep table and column.
	if len(name) > 2 {
		name = name[len(name)-2:]
	}
	parts := make([]string, len(name))
	for i, n := range name {
		parts[i] = qi(n)
	}
	if len(name) > 1 {
		r.qualifier(name[len(name)-2])
	}
	return xpr{sql: strings.Join(parts, "."), column: name[len(name)-1], bare: len(name) == 1}
}

// niladic are Snowflake functions written without parentheses.
var niladic = map[string]string{
	"CURRENT_DATE": "CURRENT_DATE()", "CURRENT_TIMESTAMP": "NOW(6)", "CURRENT_TIME": "CURTIME(6)",
	"LOCALTIMESTAMP": "NOW(6)", "LOCALTIME": "CURTIME(6)", "SYSDATE": "UTC_TIMESTAMP(6)",
}

// intervalSQL converts INTERVAL '<n> <unit>' to MySQL's INTERVAL n UNIT.
func intervalSQL(r *rewriter, lit string) string {
	f := strings.Fields(lit)
	if len(f) != 2 {
		r.unsupported("INTERVAL '" + lit + "'")
	}
	if _, ok := parseUint(strings.TrimPrefix(f[0], "-")); !ok {
		r.unsupported("INTERVAL '" + lit + "'")
	}
	unit, ok := dateParts[strings.ToUpper(f[1])]
	if !ok {
		r.unsupported("INTERVAL '" + lit + "'")
	}
	return "INTERVAL " + f[0] + " " + unit
}

func (r *rewriter) caseExpr() xpr {
	r.next()
	var b strings.Builder
	b.WriteString("(CASE")
	if r.tok() != WHEN {
		b.WriteString(" " + r.expr().sql)
	}
	if r.tok() != WHEN {
		r.unexpected()
	}
	for r.got(WHEN) {
		b.WriteString(" WHEN " + r.expr().sql)
		r.expect(THEN)
		b.WriteString(" THEN " + r.expr().sql)
	}
	if r.got(ELSE) {
		b.WriteString(" ELSE " + r.expr().sql)
	}
	r.expect(END)
	b.WriteString(" END)")
	return xpr{sql: b.String()}
}

// call reads a function's arguments (the current token is '(') and
// converts the call through the function table.
func (r *rewriter) call(name string) xpr {
	r.next()
	c := fnCall{name: name}
	switch {
	case name == "EXTRACT" || name == "DATE_PART" && r.peek(1).tok == FROM:
		c.part = r.datePart()
		r.expect(FROM)
		c.args = []xpr{r.expr()}
	case name == "POSITION":
		c.args = []xpr{r.additive()}
		if r.got(IN) {
			c.args = append(c.args, r.expr())
		} else {
			r.expect(COMMA)
			c.args = append(c.args, r.exprList1()...)
		}
	case datePartFirst[name]:
		c.part = r.datePart()
		if r.got(COMMA) {
			c.args = r.exprList1()
		}
	case r.tok() == STAR:
		r.next()
		c.star = true
	case r.tok() == RPAREN:
	default:
		c.distinct = r.got(DISTINCT)
		c.args = r.exprList1()
	}
	r.expect(RPAREN)
	if r.isWord("WITHIN") {
		r.next()
		r.expect(GROUP)
		r.expect(LPAREN)
		r.expect(ORDER)
		r.expect(BY)
		c.within = r.orderItems(nil, false)
		r.expect(RPAREN)
	}
	if r.isWord("RESPECT") || r.isWord("IGNORE") {
		r.unsupported(strings.ToUpper(r.cur().lit) + " NULLS")
	}
	if r.isWord("OVER") {
		r.next()
		c.over = r.window()
	}
	if c.part == "" && c.args == nil && !c.star && c.over == "" {
		if v, ok := r.res.constant(name); ok {
			return xpr{sql: v}
		}
	}
	if c.part == "" && !c.star && !c.distinct && c.within == "" && c.over == "" {
		if slot, ok := r.res.sessionFunc(name); ok {
			args := []string{itoa(slot)}
			for _, a := range c.args {
				args = append(args, a.sql)
			}
			return xpr{sql: sessionFnName + "(" + strings.Join(args, ", ") + ")"}
		}
	}
	sql, err := convertCall(&c)
	if err != nil {
		r.fail(err)
	}
	x := xpr{sql: sql, win: c.over != "", json: jsonResults[name]}
	for _, a := range c.args {
		x.win = x.win || a.win
	}
	return x
}

// jsonResults are the functions whose result is a VARIANT, ARRAY or
// OBJECT: cast to VARCHAR, a string among them loses its JSON quotes as
// Snowflake's does (GET(v, 0)::VARCHAR is abc, not "abc").
var jsonResults = map[string]bool{
	"PARSE_JSON": true, "TRY_PARSE_JSON": true, "TO_VARIANT": true, "TO_OBJECT": true, "TO_ARRAY": true,
	"OBJECT_CONSTRUCT": true, "ARRAY_CONSTRUCT": true, "OBJECT_KEYS": true, "GET": true,
}

// exprList1 reads expressions separated by commas as xprs.
func (r *rewriter) exprList1() []xpr {
	var out []xpr
	for {
		out = append(out, r.expr())
		if !r.got(COMMA) {
			return out
		}
	}
}

// window reads ( [PARTITION BY ...] [ORDER BY ...] [frame] ) after OVER.
func (r *rewriter) window() string {
	r.expect(LPAREN)
	var parts []string
	if r.isWord("PARTITION") {
		r.next()
		r.expect(BY)
		parts = append(parts, "PARTITION BY "+strings.Join(r.exprList(), ", "))
	}
	if r.tok() == ORDER {
		r.next()
		r.expect(BY)
		parts = append(parts, "ORDER BY "+r.orderItems(nil, false))
	}
	if r.isWord("ROWS") || r.isWord("RANGE") {
		frame := strings.ToUpper(r.cur().lit)
		r.next()
		if r.gotWord("BETWEEN") {
			frame += " BETWEEN " + r.frameBound()
			r.expect(AND)
			frame += " AND " + r.frameBound()
		} else {
			frame += " " + r.frameBound()
		}
		parts = append(parts, frame)
	}
	r.expect(RPAREN)
	return "(" + strings.Join(parts, " ") + ")"
}

func (r *rewriter) frameBound() string {
	switch {
	case r.gotWord("UNBOUNDED"):
		if r.gotWord("PRECEDING") {
			return "UNBOUNDED PRECEDING"
		}
		r.expectWord("FOLLOWING")
		return "UNBOUNDED FOLLOWING"
	case r.tok() == CURRENT:
		r.next()
		r.expectWord("ROW")
		return "CURRENT ROW"
	}
	if r.tok() != NUMBER {
		r.unexpected() // a frame offset is a literal count
	}
	n := r.cur().lit
	r.next()
	if r.gotWord("PRECEDING") {
		return n + " PRECEDING"
	}
	r.expectWord("FOLLOWING")
	return n + " FOLLOWING"
}

// datePart reads a date or time part (day, 'month', yy, ...) and returns
// MySQL's unit for it.
func (r *rewriter) datePart() string {
	t := r.cur()
	var w string
	switch {
	case t.tok == STRING:
		w = strings.ToUpper(unquoteString(t.lit))
	case isWord(t):
		w = strings.ToUpper(t.lit)
	default:
		r.unexpected()
	}
	unit, ok := dateParts[w]
	if !ok {
		r.fail(sferr.InvalidArgument("invalid date or time part '" + w + "'"))
	}
	r.next()
	return unit
}

// dateParts maps Snowflake's date and time part names and abbreviations to MySQL units.
var dateParts = func() map[string]string {
	m := map[string]string{}
	for unit, names := range map[string][]string{
		"YEAR":        {"YEAR", "Y", "YY", "YYY", "YYYY", "YR", "YEARS", "YRS"},
		"QUARTER":     {"QUARTER", "Q", "QTR", "QTRS", "QUARTERS"},
		"MONTH":       {"MONTH", "MM", "MON", "MONS", "MONTHS"},
		"WEEK":        {"WEEK", "W", "WK", "WEEKOFYEAR", "WOY", "WY", "WEEKS"},
		"DAY":         {"DAY", "D", "DD", "DAYS", "DAYOFMONTH"},
		"HOUR":        {"HOUR", "H", "HH", "HR", "HOURS", "HRS"},
		"MINUTE":      {"MINUTE", "M", "MI", "MIN", "MINUTES", "MINS"},
		"SECOND":      {"SECOND", "S", "SEC", "SECONDS", "SECS"},
		"MICROSECOND": {"MICROSECOND", "US", "USEC", "MICROSECONDS"},
	} {
		for _, n := range names {
			m[n] = unit
		}
	}
	return m
}()
