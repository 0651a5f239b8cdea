package sqlengine

import (
	"strconv"
	"strings"

	"github.com/frostgate/frostgate/emulator/account"
	"github.com/frostgate/frostgate/sferr"
)

// The Snowflake Scripting subset LANGUAGE SQL procedures run:
//
//	[DECLARE name [type] [DEFAULT | := expr]; ...]
//	BEGIN
//	  LET name [type] { DEFAULT | := } expr;
//	  name := expr;
//	  IF (cond) THEN ... [ELSEIF (cond) THEN ...] [ELSE ...] END IF;
//	  RETURN [expr];
//	  EXECUTE IMMEDIATE expr;
//	  BEGIN ... END;
//	  CALL p(...) INTO :name;
//	  <any SQL statement>;   -- :name binds a variable
//	END
//
// A body is read into a tree of scriptStmt once, when the procedure is
// created; expressions and statements stay text, with variables replaced
// by literals when they run.

type scriptKind uint8

const (
	scriptSQL scriptKind = iota + 1
	scriptAssign
	scriptIf
	scriptReturn
	scriptImmediate
	scriptBlock
)

// scriptStmt is one statement of a block.
type scriptStmt struct {
	kind  scriptKind
	line  int    // 1-based line of its first token in the body
	col   int    // 1-based position of its first token in its line
	name  string // scriptAssign: the variable, normalized
	text  string // scriptSQL: the statement (name: CALL ... INTO :name); scriptAssign, scriptReturn, scriptImmediate: the expression ("" for a bare RETURN)
	conds []string
	arms  [][]scriptStmt // scriptIf: one per cond, then the ELSE arm (possibly nil); scriptBlock: one
}

// script is a parsed body.
type script struct {
	decls []scriptStmt // DECLARE: scriptAssign with text "" when no default
	body  []scriptStmt
}

// scriptParser reads a body's tokens.
type scriptParser struct {
	src  string
	toks []token
	i    int
	nest int
}

// scriptError is a syntax error in a body, at a line and position of the body.
func (sp *scriptParser) fail(t token, what string) {
	line, col := sp.lineCol(t.pos)
	text := t.lit
	if t.tok == EOF {
		text = "<EOF>"
	}
	panic(bailout{err: sferr.SyntaxErrorMessage("syntax error line " + strconv.Itoa(line) + " at position " +
		strconv.Itoa(col) + " unexpected '" + text + "' (" + what + ").")})
}

func (sp *scriptParser) lineCol(pos Pos) (int, int) {
	p := int(pos)
	if p > len(sp.src) {
		p = len(sp.src)
	}
	line := 1 + strings.Count(sp.src[:p], "\n")
	col := p - strings.LastIndexByte(sp.src[:p], '\n') - 1
	return line, col
}

func (sp *scriptParser) cur() token { return sp.toks[sp.i] }

func (sp *scriptParser) peek(n int) token {
	if sp.i+n < len(sp.toks) {
		return sp.toks[sp.i+n]
	}
	return sp.toks[len(sp.toks)-1]
}

func (sp *scriptParser) next() {
	if sp.i < len(sp.toks)-1 {
		sp.i++
	}
}

func (sp *scriptParser) is(w string) bool {
	t := sp.cur()
	return t.tok != STRING && t.tok != EOF && strings.EqualFold(t.lit, w)
}

func (sp *scriptParser) expectWord(w string) {
	if !sp.is(w) {
		sp.fail(sp.cur(), "expected "+w)
	}
	sp.next()
}

// parseScript reads a LANGUAGE SQL body.
func parseScript(body string) (sc *script, err error) {
	p := newParser(body)
	sp := &scriptParser{src: body, toks: p.toks}
	defer func() {
		if e := recover(); e != nil {
			b, ok := e.(bailout)
			if !ok {
				panic(e)
			}
			sc, err = nil, b.err
		}
	}()
	for _, t := range sp.toks {
		if t.tok == ILLEGAL {
			sp.fail(t, "illegal token")
		}
	}
	sc = &script{}
	if sp.is("DECLARE") {
		sp.next()
		for !sp.is("BEGIN") {
			if sp.cur().tok == EOF {
				sp.fail(sp.cur(), "expected BEGIN")
			}
			sc.decls = append(sc.decls, sp.parseDecl())
		}
	}
	sc.body = sp.parseBlock()
	if sp.cur().tok == SEMICOLON {
		sp.next()
	}
	if sp.cur().tok != EOF {
		sp.fail(sp.cur(), "expected the end of the body")
	}
	return sc, nil
}

// parseDecl reads name [type] [DEFAULT | := expr] ; in DECLARE.
func (sp *scriptParser) parseDecl() scriptStmt {
	t := sp.cur()
	st := sp.at(t, scriptAssign)
	st.name = sp.ident()
	if sp.is("RESULTSET") || sp.is("CURSOR") || sp.is("EXCEPTION") {
		sp.fail(sp.cur(), "unsupported declaration")
	}
	sp.skipType()
	if sp.is("DEFAULT") || sp.cur().tok == COLON && sp.peek(1).tok == EQ {
		if sp.cur().tok == COLON {
			sp.next()
		}
		sp.next()
		st.text = sp.until()
	}
	sp.semicolon()
	return st
}

func (sp *scriptParser) at(t token, k scriptKind) scriptStmt {
	line, col := sp.lineCol(t.pos)
	return scriptStmt{kind: k, line: line, col: col + 1}
}

// ident reads a variable name.
func (sp *scriptParser) ident() string {
	t := sp.cur()
	if !isWord(t) && t.tok != QIDENT {
		sp.fail(t, "expected a name")
	}
	sp.next()
	return account.NormalizeIdent(t.lit)
}

// skipType skips a type written after a variable, up to DEFAULT, := or ;.
func (sp *scriptParser) skipType() {
	depth := 0
	for {
		t := sp.cur()
		switch {
		case t.tok == EOF:
			return
		case t.tok == LPAREN:
			depth++
		case t.tok == RPAREN:
			depth--
		case depth == 0 && (t.tok == SEMICOLON || sp.is("DEFAULT") || t.tok == COLON && sp.peek(1).tok == EQ):
			return
		}
		sp.next()
	}
}

// until reads text up to the ; that ends the statement (outside
// parentheses and nested BEGIN ... END).
func (sp *scriptParser) until() string {
	start := sp.cur()
	depth := 0
	last := start
	for {
		t := sp.cur()
		switch {
		case t.tok == EOF:
			sp.fail(t, "expected ;")
		case t.tok == LPAREN:
			depth++
		case t.tok == RPAREN:
			depth--
		case t.tok == SEMICOLON && depth <= 0:
			if last.pos < start.pos || t.pos == start.pos {
				return ""
			}
			return strings.TrimSpace(sp.src[start.pos:last.end()])
		}
		last = t
		sp.next()
	}
}

func (sp *scriptParser) semicolon() {
	if sp.cur().tok != SEMICOLON {
		sp.fail(sp.cur(), "expected ;")
	}
	sp.next()
}

// parseBlock reads BEGIN stmts END.
func (sp *scriptParser) parseBlock() []scriptStmt {
	sp.nest++
	if sp.nest > 64 {
		sp.fail(sp.cur(), "blocks nested too deeply")
	}
	defer func() { sp.nest-- }()
	sp.expectWord("BEGIN")
	stmts := sp.parseStmts("END")
	sp.expectWord("END")
	return stmts
}

// parseStmts reads statements up to one of the words that end a list.
func (sp *scriptParser) parseStmts(ends ...string) []scriptStmt {
	var out []scriptStmt
	for {
		for _, e := range ends {
			if sp.is(e) {
				return out
			}
		}
		if sp.cur().tok == EOF {
			sp.fail(sp.cur(), "expected "+strings.Join(ends, " or "))
		}
		out = append(out, sp.parseStmt())
	}
}

func (sp *scriptParser) parseStmt() scriptStmt {
	t := sp.cur()
	switch {
	case sp.is("LET"):
		sp.next()
		st := sp.at(t, scriptAssign)
		st.name = sp.ident()
		if sp.is("RESULTSET") || sp.is("CURSOR") {
			sp.fail(sp.cur(), "unsupported declaration")
		}
		sp.skipType()
		if sp.cur().tok == COLON {
			sp.next()
		}
		if sp.cur().tok != EQ && !sp.is("DEFAULT") {
			sp.fail(sp.cur(), "expected := or DEFAULT")
		}
		sp.next()
		st.text = sp.until()
		if st.text == "" {
			sp.fail(sp.cur(), "expected an expression")
		}
		sp.semicolon()
		return st
	case (isWord(t) || t.tok == QIDENT) && sp.peek(1).tok == COLON && sp.peek(2).tok == EQ:
		st := sp.at(t, scriptAssign)
		st.name = sp.ident()
		sp.next()
		sp.next()
		st.text = sp.until()
		if st.text == "" {
			sp.fail(sp.cur(), "expected an expression")
		}
		sp.semicolon()
		return st
	case sp.is("RETURN"):
		sp.next()
		st := sp.at(t, scriptReturn)
		st.text = sp.until()
		sp.semicolon()
		return st
	case sp.is("IF"):
		sp.next()
		st := sp.at(t, scriptIf)
		st.conds = append(st.conds, sp.cond())
		sp.expectWord("THEN")
		st.arms = append(st.arms, sp.parseStmts("ELSEIF", "ELSE", "END"))
		for sp.is("ELSEIF") {
			sp.next()
			st.conds = append(st.conds, sp.cond())
			sp.expectWord("THEN")
			st.arms = append(st.arms, sp.parseStmts("ELSEIF", "ELSE", "END"))
		}
		var els []scriptStmt
		if sp.is("ELSE") {
			sp.next()
			els = sp.parseStmts("END")
		}
		st.arms = append(st.arms, els)
		sp.expectWord("END")
		sp.expectWord("IF")
		sp.semicolon()
		return st
	case sp.is("EXECUTE") && strings.EqualFold(sp.peek(1).lit, "IMMEDIATE"):
		sp.next()
		sp.next()
		st := sp.at(t, scriptImmediate)
		st.text = sp.until()
		if st.text == "" {
			sp.fail(sp.cur(), "expected an expression")
		}
		sp.semicolon()
		return st
	case sp.is("BEGIN"):
		st := sp.at(t, scriptBlock)
		st.arms = [][]scriptStmt{sp.parseBlock()}
		sp.semicolon()
		return st
	case sp.is("DECLARE") || sp.is("FOR") || sp.is("WHILE") || sp.is("LOOP") || sp.is("REPEAT") ||
		sp.is("CASE") || sp.is("OPEN") || sp.is("FETCH") || sp.is("CLOSE") || sp.is("RAISE") || sp.is("EXCEPTION"):
		sp.fail(t, "unsupported Snowflake Scripting statement")
	case t.tok == SEMICOLON:
		sp.fail(t, "empty statement")
	}
	st := sp.at(t, scriptSQL)
	start := sp.i
	st.text = sp.until()
	if sp.toks[start].tok == CALL {
		// CALL p(...) INTO :var keeps the procedure's value.
		end := sp.i
		if end-start >= 4 && strings.EqualFold(sp.toks[end-3].lit, "INTO") && sp.toks[end-2].tok == COLON &&
			(isWord(sp.toks[end-1]) || sp.toks[end-1].tok == QIDENT) {
			st.name = account.NormalizeIdent(sp.toks[end-1].lit)
			st.text = strings.TrimSpace(sp.src[sp.toks[start].pos:sp.toks[end-3].pos])
		}
	}
	sp.semicolon()
	return st
}

// cond reads IF's ( condition ).
func (sp *scriptParser) cond() string {
	if sp.cur().tok != LPAREN {
		sp.fail(sp.cur(), "expected (")
	}
	start := sp.cur()
	depth := 0
	for {
		t := sp.cur()
		switch t.tok {
		case EOF:
			sp.fail(t, "expected )")
		case LPAREN:
			depth++
		case RPAREN:
			depth--
			if depth == 0 {
				sp.next()
				return sp.src[start.pos:t.end()]
			}
		}
		sp.next()
	}
}

// scriptLiteral renders a variable's value for substitution into SQL.
func scriptLiteral(v any) string { return plainLiteral(v, quoteString) }

// substitute replaces :name binds in text with the variables' literals,
// and, when bare is set (an expression, not a statement), bare names of
// variables too.
func substitute(text string, vars map[string]any, bare bool) (string, error) {
	toks := newParser(text).toks
	var b strings.Builder
	last := 0
	for i := 0; i < len(toks); i++ {
		t := toks[i]
		if t.tok == COLON && i+1 < len(toks) && (isWord(toks[i+1]) || toks[i+1].tok == QIDENT) &&
			toks[i+1].pos == t.end() && (i == 0 || toks[i-1].tok != COLON) {
			n := toks[i+1]
			name := account.NormalizeIdent(n.lit)
			v, ok := vars[name]
			if !ok {
				return "", sferr.SyntaxErrorMessage("invalid identifier '" + name + "'")
			}
			b.WriteString(text[last:t.pos])
			b.WriteString(scriptLiteral(v))
			last = int(n.end())
			i++
			continue
		}
		if bare && isWord(t) && (i == 0 || toks[i-1].tok != PERIOD) && (i+1 >= len(toks) || toks[i+1].tok != LPAREN && toks[i+1].tok != PERIOD) {
			if v, ok := vars[account.NormalizeIdent(t.lit)]; ok {
				b.WriteString(text[last:t.pos])
				b.WriteString(scriptLiteral(v))
				last = int(t.end())
			}
		}
	}
	b.WriteString(text[last:])
	return b.String(), nil
}
