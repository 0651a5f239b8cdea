package sqlengine

import (
	"strconv"
	"strings"

	"github.com/frostgate/frostgate/emulator/account"
	"github.com/frostgate/frostgate/sferr"
)

// The Snowflake Scripting subset LANGUAGE SQL procedures and anonymous
// blocks run:
//
//	[DECLARE
//	  name [type] [DEFAULT | := expr];
//	  name RESULTSET [DEFAULT | := (query)];
//	  name CURSOR FOR query | resultset;
//	  name EXCEPTION [(number, 'message')]; ...]
//	BEGIN
//	  LET name [type] { DEFAULT | := } expr;     -- also RESULTSET, CURSOR FOR
//	  name := expr;
//	  IF (cond) THEN ... [ELSEIF (cond) THEN ...] [ELSE ...] END IF;
//	  CASE [(expr)] WHEN v THEN ... [ELSE ...] END CASE;
//	  FOR i IN [REVERSE] a TO b { DO | LOOP } ... END { FOR | LOOP } [label];
//	  FOR row IN cursor DO ... END FOR [label];
//	  WHILE (cond) { DO | LOOP } ... END { WHILE | LOOP } [label];
//	  REPEAT ... UNTIL (cond) END REPEAT [label];
//	  LOOP ... END LOOP [label];
//	  BREAK | EXIT [label];  CONTINUE | ITERATE [label];
//	  OPEN c [USING (expr, ...)];  FETCH c INTO v, ...;  CLOSE c;
//	  RAISE [name];
//	  NULL;
//	  SYSTEM$LOG('level', msg);  SYSTEM$LOG_INFO(msg);  -- and the other levels
//	  ASYNC (statement);  AWAIT { ALL | resultset };  CANCEL resultset;  -- run at once
//	  RETURN [expr | TABLE(resultset) | TABLE(RESULTSET_FROM_CURSOR(c))];
//	  EXECUTE IMMEDIATE expr;
//	  [DECLARE ...] BEGIN ... [EXCEPTION WHEN name [OR name] THEN ...] END;
//	  SELECT ... INTO :v, ... FROM ...;  CALL p(...) INTO :v;
//	  <any SQL statement>;   -- :name binds a variable
//	[EXCEPTION WHEN name [OR name ...] [EXIT | CONTINUE] THEN ... [WHEN OTHER ...]]
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
	scriptCase
	scriptReturn
	scriptImmediate
	scriptBlock
	scriptFor
	scriptWhile
	scriptRepeat
	scriptLoop
	scriptBreak
	scriptContinue
	scriptOpen
	scriptFetch
	scriptClose
	scriptRaise
	scriptNull // NULL; does nothing
	scriptLog  // SYSTEM$LOG[_<level>](...); evaluated, its value dropped
)

// declKind says what a DECLARE or LET makes.
type declKind uint8

const (
	declValue declKind = iota
	declResultset
	declCursor
	declException
)

// scriptStmt is one statement of a block.
type scriptStmt struct {
	kind  scriptKind
	line  int    // 1-based line of its first token in the body
	col   int    // 1-based position of its first token in its line
	name  string // the variable, cursor, exception or label it names, normalized
	text  string // the statement or expression it runs (see below)
	conds []string
	arms  [][]scriptStmt
	into  []string // SELECT/CALL ... INTO :v, FETCH ... INTO v: the variables, normalized
	label string   // a loop's label, normalized; "" when none
	decl  declKind // scriptAssign: what it declares
	table bool     // scriptReturn: RETURN TABLE(text)
	rev   bool     // scriptFor: REVERSE
	code  int      // scriptAssign of an EXCEPTION: its number
	block *script  // scriptBlock
}

// What text, conds and arms hold per kind:
//
//	scriptSQL        text: the statement (INTO removed)
//	scriptAssign     text: the expression, query or cursor's query; "" for none; an EXCEPTION's message
//	scriptIf         conds: the conditions; arms: one per cond, then the ELSE arm (possibly nil)
//	scriptCase       text: the operand ("" when searched); conds: the WHEN values or conditions; arms as IF
//	scriptReturn     text: the expression ("" for a bare RETURN), or TABLE's argument
//	scriptImmediate  text: the expression giving the statement
//	scriptFor        name: the loop variable; text: the start, conds[0] the end; or text: the cursor (conds nil); arms[0]: the body
//	scriptWhile      conds[0]: the condition; arms[0]: the body
//	scriptRepeat     conds[0]: UNTIL's condition; arms[0]: the body
//	scriptLoop       arms[0]: the body
//	scriptOpen       name: the cursor; text: USING's expressions, "" when none

// script is a parsed block.
type script struct {
	decls    []scriptStmt // DECLARE: scriptAssign with text "" when no default
	body     []scriptStmt
	handlers []handler // EXCEPTION WHEN ...
	lets     []string  // the names LET declares in the block (not in blocks inside it)
}

// handler is one WHEN of a block's EXCEPTION section.
type handler struct {
	names []string // exception names, normalized; OTHER catches every exception
	cont  bool     // CONTINUE: the block goes on after the statement that raised
	body  []scriptStmt
}

// maxScriptNest bounds how deeply statements nest in a body.
const maxScriptNest = 64

// scriptParser reads a body's tokens.
type scriptParser struct {
	src   string
	toks  []token
	i     int
	nest  int
	loops int      // enclosing loops, for BREAK and CONTINUE
	lets  []string // the names LET declared so far in the block being read
}

// fail stops parsing with a syntax error at t, with its line and position
// in the body.
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

func (sp *scriptParser) isAny(ws ...string) bool {
	for _, w := range ws {
		if sp.is(w) {
			return true
		}
	}
	return false
}

func (sp *scriptParser) expectWord(w string) {
	if !sp.is(w) {
		sp.fail(sp.cur(), "expected "+w)
	}
	sp.next()
}

// parseScript reads a LANGUAGE SQL body or an anonymous block.
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
	sc = sp.parseBlock()
	if sp.cur().tok == SEMICOLON {
		sp.next()
	}
	if sp.cur().tok != EOF {
		sp.fail(sp.cur(), "expected the end of the body")
	}
	return sc, nil
}

// parseBlock reads [DECLARE decls] BEGIN stmts [EXCEPTION handlers] END.
func (sp *scriptParser) parseBlock() *script {
	sc := &script{}
	outer := sp.lets
	sp.lets = nil
	defer func() { sc.lets, sp.lets = sp.lets, outer }()
	if sp.is("DECLARE") {
		sp.next()
		for !sp.is("BEGIN") {
			if sp.cur().tok == EOF {
				sp.fail(sp.cur(), "expected BEGIN")
			}
			sc.decls = append(sc.decls, sp.parseDecl(false))
		}
	}
	sp.expectWord("BEGIN")
	sc.body = sp.parseStmts("END", "EXCEPTION")
	if sp.is("EXCEPTION") {
		sp.next()
		if !sp.is("WHEN") {
			sp.fail(sp.cur(), "expected WHEN")
		}
		for sp.is("WHEN") {
			sp.next()
			var h handler
			h.names = append(h.names, sp.ident())
			for sp.is("OR") {
				sp.next()
				h.names = append(h.names, sp.ident())
			}
			if sp.isAny("EXIT", "CONTINUE") {
				h.cont = sp.is("CONTINUE")
				sp.next()
			}
			sp.expectWord("THEN")
			h.body = sp.parseStmts("WHEN", "END")
			sc.handlers = append(sc.handlers, h)
		}
	}
	sp.expectWord("END")
	return sc
}

// parseDecl reads a declaration after DECLARE (let false) or LET:
// name [type] [DEFAULT | := expr], name RESULTSET [DEFAULT | := (query)],
// name CURSOR FOR query, name EXCEPTION [(number, 'message')]. LET needs
// the initial value.
func (sp *scriptParser) parseDecl(let bool) scriptStmt {
	t := sp.cur()
	st := sp.at(t, scriptAssign)
	st.name = sp.ident()
	switch {
	case sp.is("RESULTSET"):
		sp.next()
		st.decl = declResultset
		st.text = sp.initial(let)
	case sp.is("CURSOR"):
		sp.next()
		st.decl = declCursor
		sp.expectWord("FOR")
		st.text = sp.until()
		if st.text == "" {
			sp.fail(sp.cur(), "expected a query")
		}
	case sp.is("EXCEPTION") && !let:
		sp.next()
		st.decl = declException
		st.code = -20000
		if sp.cur().tok == LPAREN {
			sp.next()
			neg := sp.cur().tok == MINUS
			if neg {
				sp.next()
			}
			n, err := strconv.Atoi(sp.cur().lit)
			if sp.cur().tok != NUMBER || err != nil {
				sp.fail(sp.cur(), "expected an exception number")
			}
			if neg {
				n = -n
			}
			if n < -20999 || n > -20000 {
				sp.fail(sp.cur(), "an exception number is between -20999 and -20000")
			}
			st.code = n
			sp.next()
			if sp.cur().tok != COMMA {
				sp.fail(sp.cur(), "expected ,")
			}
			sp.next()
			if sp.cur().tok != STRING {
				sp.fail(sp.cur(), "expected a message")
			}
			st.text = unquoteString(sp.cur().lit)
			sp.next()
			if sp.cur().tok != RPAREN {
				sp.fail(sp.cur(), "expected )")
			}
			sp.next()
		}
	default:
		sp.skipType()
		st.text = sp.initial(let)
	}
	sp.semicolon()
	return st
}

// initial reads DEFAULT expr or := expr; it is required after LET.
func (sp *scriptParser) initial(required bool) string {
	if sp.is("DEFAULT") || sp.cur().tok == COLON && sp.peek(1).tok == EQ {
		if sp.cur().tok == COLON {
			sp.next()
		}
		sp.next()
		text := sp.until()
		if text == "" {
			sp.fail(sp.cur(), "expected an expression")
		}
		return text
	}
	if required {
		sp.fail(sp.cur(), "expected := or DEFAULT")
	}
	return ""
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
// parentheses).
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

// exprUntil reads an expression up to one of the words that follow it
// (THEN, TO, DO ...), outside parentheses and CASE ... END expressions.
func (sp *scriptParser) exprUntil(words ...string) string {
	start := sp.cur()
	depth, cases := 0, 0
	last := start
	for n := 0; ; n++ {
		t := sp.cur()
		switch {
		case t.tok == EOF || t.tok == SEMICOLON && depth == 0:
			sp.fail(t, "expected "+strings.Join(words, " or "))
		case t.tok == LPAREN:
			depth++
		case t.tok == RPAREN:
			depth--
		case depth == 0 && cases == 0 && sp.isAny(words...):
			if n == 0 {
				sp.fail(t, "expected an expression")
			}
			return strings.TrimSpace(sp.src[start.pos:last.end()])
		case depth == 0 && sp.is("CASE"):
			cases++
		case depth == 0 && sp.is("END") && cases > 0:
			cases--
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

// parseStmts reads statements up to one of the words that end a list.
func (sp *scriptParser) parseStmts(ends ...string) []scriptStmt {
	sp.nest++
	if sp.nest > maxScriptNest {
		sp.fail(sp.cur(), "blocks nested too deeply")
	}
	defer func() { sp.nest-- }()
	var out []scriptStmt
	for {
		if sp.isAny(ends...) {
			return out
		}
		if sp.cur().tok == EOF || sp.isAny(closers...) {
			sp.fail(sp.cur(), "expected "+strings.Join(ends, " or "))
		}
		out = append(out, sp.parseStmt())
	}
}

// closers are the words that end a list of statements; one that does not
// end the list being read is out of place.
var closers = []string{"END", "ELSE", "ELSEIF", "WHEN", "UNTIL", "EXCEPTION"}

// loopBody reads a loop's statements up to the words that end it.
func (sp *scriptParser) loopBody(ends ...string) []scriptStmt {
	sp.loops++
	defer func() { sp.loops-- }()
	return sp.parseStmts(ends...)
}

// endLoop reads END { one of words } [label].
func (sp *scriptParser) endLoop(st *scriptStmt, words ...string) {
	sp.expectWord("END")
	if !sp.isAny(words...) {
		sp.fail(sp.cur(), "expected "+strings.Join(words, " or "))
	}
	sp.next()
	if sp.cur().tok != SEMICOLON {
		st.label = sp.ident()
	}
}

func (sp *scriptParser) parseStmt() scriptStmt {
	t := sp.cur()
	var st scriptStmt
	switch {
	case sp.is("LET"):
		at := sp.at(t, scriptAssign) // the statement starts at LET
		sp.next()
		st = sp.parseDecl(true) // with its ;
		st.line, st.col = at.line, at.col
		sp.lets = append(sp.lets, st.name)
		return st
	case (isWord(t) || t.tok == QIDENT) && sp.peek(1).tok == COLON && sp.peek(2).tok == EQ:
		st = sp.at(t, scriptAssign)
		st.name = sp.ident()
		sp.next()
		sp.next()
		st.text = sp.expr()
	case sp.is("RETURN"):
		st = sp.parseReturn(t)
	case sp.is("IF"):
		st = sp.parseIf(t)
	case sp.is("CASE"):
		st = sp.parseCase(t)
	case sp.is("FOR"):
		st = sp.parseFor(t)
	case sp.isAny("WHILE", "REPEAT", "LOOP"):
		st = sp.parseLoop(t)
	case sp.isAny("BREAK", "EXIT", "CONTINUE", "ITERATE"):
		st = sp.at(t, scriptBreak)
		if sp.isAny("CONTINUE", "ITERATE") {
			st.kind = scriptContinue
		}
		if sp.loops == 0 {
			sp.fail(t, strings.ToUpper(t.lit)+" outside a loop")
		}
		sp.next()
		if sp.cur().tok != SEMICOLON {
			st.name = sp.ident()
		}
	case sp.isAny("OPEN", "FETCH", "CLOSE"):
		st = sp.parseCursorStmt(t)
	case sp.is("RAISE"):
		sp.next()
		st = sp.at(t, scriptRaise)
		if sp.cur().tok != SEMICOLON {
			st.name = sp.ident()
		}
	case sp.is("EXECUTE") && isWordText(sp.peek(1), "IMMEDIATE"):
		sp.next()
		sp.next()
		st = sp.at(t, scriptImmediate)
		st.text = sp.expr()
	case sp.is("BEGIN") || sp.is("DECLARE"):
		st = sp.at(t, scriptBlock)
		st.block = sp.parseBlock()
	case sp.is("NULL") && sp.peek(1).tok == SEMICOLON:
		sp.next()
		st = sp.at(t, scriptNull)
	case sp.isAny("AWAIT", "CANCEL") && sp.peek(2).tok == SEMICOLON:
		// Asynchronous child jobs run at once (ASYNC), so they have
		// finished by the time a body waits for or cancels them.
		sp.next()
		st = sp.at(t, scriptNull)
		st.name = sp.ident()
	case sp.is("ASYNC") && sp.peek(1).tok == LPAREN:
		sp.next()
		st = sp.at(t, scriptSQL)
		st.text = sp.inner()
	case isLogFunc(t.lit) && sp.peek(1).tok == LPAREN:
		st = sp.at(t, scriptLog)
		st.text = sp.expr()
	case t.tok == SEMICOLON:
		sp.fail(t, "empty statement")
	default:
		st = sp.at(t, scriptSQL)
		start := sp.i
		st.text = sp.until()
		if k := sp.toks[start].tok; k == SELECT || k == WITH || k == CALL {
			st.text, st.into = sp.cutInto(start, sp.i)
		}
	}
	sp.semicolon()
	return st
}

// expr reads the expression that ends the statement; it may not be empty.
func (sp *scriptParser) expr() string {
	text := sp.until()
	if text == "" {
		sp.fail(sp.cur(), "expected an expression")
	}
	return text
}

// parseReturn reads RETURN [expr | TABLE(resultset)].
func (sp *scriptParser) parseReturn(t token) scriptStmt {
	sp.next()
	st := sp.at(t, scriptReturn)
	if !sp.is("TABLE") || sp.peek(1).tok != LPAREN {
		st.text = sp.until()
		return st
	}
	sp.next()
	st.table = true
	st.text = sp.inner()
	if st.text == "" {
		sp.fail(sp.cur(), "expected a RESULTSET")
	}
	return st
}

// parseIf reads IF (c) THEN ... [ELSEIF (c) THEN ...] [ELSE ...] END IF.
func (sp *scriptParser) parseIf(t token) scriptStmt {
	st := sp.at(t, scriptIf)
	for sp.is("IF") && len(st.conds) == 0 || sp.is("ELSEIF") {
		sp.next()
		st.conds = append(st.conds, sp.cond())
		sp.expectWord("THEN")
		st.arms = append(st.arms, sp.parseStmts("ELSEIF", "ELSE", "END"))
	}
	st.arms = append(st.arms, sp.elseArm())
	sp.expectWord("END")
	sp.expectWord("IF")
	return st
}

// parseCase reads CASE [operand] WHEN v THEN ... [ELSE ...] END CASE.
func (sp *scriptParser) parseCase(t token) scriptStmt {
	sp.next()
	st := sp.at(t, scriptCase)
	if !sp.is("WHEN") {
		st.text = sp.exprUntil("WHEN", "END")
	}
	if !sp.is("WHEN") {
		sp.fail(sp.cur(), "expected WHEN")
	}
	for sp.is("WHEN") {
		sp.next()
		st.conds = append(st.conds, sp.exprUntil("THEN"))
		sp.expectWord("THEN")
		st.arms = append(st.arms, sp.parseStmts("WHEN", "ELSE", "END"))
	}
	st.arms = append(st.arms, sp.elseArm())
	sp.expectWord("END")
	sp.expectWord("CASE")
	return st
}

// parseFor reads FOR i IN [REVERSE] a TO b { DO | LOOP } ... END { FOR |
// LOOP } [label] and FOR row IN cursor DO ... END FOR [label].
func (sp *scriptParser) parseFor(t token) scriptStmt {
	sp.next()
	st := sp.at(t, scriptFor)
	st.name = sp.ident()
	sp.expectWord("IN")
	if sp.is("REVERSE") {
		sp.next()
		st.rev = true
	}
	if (isWord(sp.cur()) || sp.cur().tok == QIDENT) && (isWordText(sp.peek(1), "DO") || isWordText(sp.peek(1), "LOOP")) {
		st.text = sp.ident() // FOR row IN cursor
	} else {
		st.text = sp.exprUntil("TO")
		sp.next()
		st.conds = []string{sp.exprUntil("DO", "LOOP")}
	}
	sp.next() // DO or LOOP
	st.arms = [][]scriptStmt{sp.loopBody("END")}
	sp.endLoop(&st, "FOR", "LOOP")
	return st
}

// parseLoop reads WHILE (c) { DO | LOOP } ... END { WHILE | LOOP }, REPEAT
// ... UNTIL (c) END REPEAT and LOOP ... END LOOP, each with an optional
// label.
func (sp *scriptParser) parseLoop(t token) scriptStmt {
	sp.next()
	switch {
	case isWordText(t, "WHILE"):
		st := sp.at(t, scriptWhile)
		st.conds = []string{sp.exprUntil("DO", "LOOP")}
		sp.next()
		st.arms = [][]scriptStmt{sp.loopBody("END")}
		sp.endLoop(&st, "WHILE", "LOOP")
		return st
	case isWordText(t, "REPEAT"):
		st := sp.at(t, scriptRepeat)
		st.arms = [][]scriptStmt{sp.loopBody("UNTIL")}
		sp.next()
		st.conds = []string{sp.exprUntil("END")}
		sp.endLoop(&st, "REPEAT")
		return st
	}
	st := sp.at(t, scriptLoop)
	st.arms = [][]scriptStmt{sp.loopBody("END")}
	sp.endLoop(&st, "LOOP")
	return st
}

// parseCursorStmt reads OPEN c [USING (expr, ...)], FETCH c INTO v, ...
// and CLOSE c.
func (sp *scriptParser) parseCursorStmt(t token) scriptStmt {
	sp.next()
	st := sp.at(t, scriptClose)
	st.name = sp.ident()
	switch {
	case isWordText(t, "OPEN"):
		st.kind = scriptOpen
		if sp.is("USING") {
			sp.next()
			st.text = sp.inner()
		}
	case isWordText(t, "FETCH"):
		st.kind = scriptFetch
		sp.expectWord("INTO")
		st.into = append(st.into, sp.ident())
		for sp.cur().tok == COMMA {
			sp.next()
			st.into = append(st.into, sp.ident())
		}
	}
	return st
}

// inner reads ( ... ) and gives what is inside.
func (sp *scriptParser) inner() string {
	c := sp.cond()
	return strings.TrimSpace(c[1 : len(c)-1])
}

// elseArm reads ELSE's statements, or gives nil when there is no ELSE.
func (sp *scriptParser) elseArm() []scriptStmt {
	if !sp.is("ELSE") {
		return nil
	}
	sp.next()
	return sp.parseStmts("END")
}

// cutInto takes INTO :v [, :w ...] out of the statement in tokens
// [start, end): SELECT ... INTO :v FROM ..., CALL p(...) INTO :v. It
// returns the statement's text without it and the variables.
func (sp *scriptParser) cutInto(start, end int) (string, []string) {
	text := strings.TrimSpace(sp.src[sp.toks[start].pos:sp.toks[end].pos])
	if sp.toks[start].tok == CALL && end-start > 3 && isWordText(sp.toks[end-2], "INTO") &&
		(isWord(sp.toks[end-1]) || sp.toks[end-1].tok == QIDENT) && sp.toks[end-3].tok == RPAREN {
		// CALL p(...) INTO v, without the colon, as Snowflake's sample
		// applications write it (native-apps-examples account-privileges).
		before := sp.src[sp.toks[start].pos:sp.toks[end-2].pos]
		return strings.TrimSpace(before), []string{account.NormalizeIdent(sp.toks[end-1].lit)}
	}
	depth := 0
	for i := start; i < end; i++ {
		t := sp.toks[i]
		switch {
		case t.tok == LPAREN:
			depth++
		case t.tok == RPAREN:
			depth--
		case depth == 0 && isWordText(t, "INTO") && sp.toks[i+1].tok == COLON:
			var into []string
			j := i + 1
			for j+1 < end && sp.toks[j].tok == COLON && (isWord(sp.toks[j+1]) || sp.toks[j+1].tok == QIDENT) &&
				sp.toks[j+1].pos == sp.toks[j].end() {
				into = append(into, account.NormalizeIdent(sp.toks[j+1].lit))
				j += 2
				if sp.toks[j].tok != COMMA || j+1 >= end || sp.toks[j+1].tok != COLON {
					break
				}
				j++
			}
			if into == nil {
				sp.fail(sp.toks[i+1], "expected a variable")
			}
			before := sp.src[sp.toks[start].pos:t.pos]
			after := sp.src[sp.toks[j-1].end():sp.toks[end].pos]
			return strings.TrimSpace(strings.TrimSpace(before) + " " + strings.TrimSpace(after)), into
		}
	}
	return text, nil
}

// cond reads a parenthesized condition or list: ( ... ).
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

// literalValue says whether a variable's value can stand in SQL as a literal:
// RESULTSETs, cursors, exceptions and FOR loop rows cannot.
func literalValue(v any) bool {
	switch v.(type) {
	case *Result, *scriptCursor, *scriptException, scriptRow:
		return false
	}
	return true
}

// substitute replaces :name binds in text with the variables' literals,
// and, when bare is set (an expression, not a statement), bare names of
// variables too. A FOR loop's row variable is read by column:
// :row.col, or row.col in an expression.
func substitute(text string, vars map[string]any, bare bool) (string, error) {
	toks := newParser(text).toks
	var b strings.Builder
	last := 0
	named := func(t token) bool { return isWord(t) || t.tok == QIDENT }
	// field reads row.col at toks[i] when row is a row variable.
	field := func(i int) (any, int, bool, error) {
		row, ok := vars[account.NormalizeIdent(toks[i].lit)].(scriptRow)
		if !ok || i+2 >= len(toks) || toks[i+1].tok != PERIOD || !named(toks[i+2]) {
			return nil, 0, false, nil
		}
		col := account.NormalizeIdent(toks[i+2].lit)
		v, ok := row[col]
		if !ok {
			return nil, 0, false, sferr.InvalidIdentifier(col)
		}
		return v, i + 2, true, nil
	}
	for i := 0; i < len(toks); i++ {
		t := toks[i]
		if t.tok == COLON && i+1 < len(toks) && named(toks[i+1]) &&
			toks[i+1].pos == t.end() && (i == 0 || toks[i-1].tok != COLON) {
			v, end, ok, err := field(i + 1)
			if err != nil {
				return "", err
			}
			if !ok {
				name := account.NormalizeIdent(toks[i+1].lit)
				if v, ok = vars[name]; !ok || !literalValue(v) {
					return "", sferr.SyntaxErrorMessage("invalid identifier '" + name + "'")
				}
				end = i + 1
			}
			b.WriteString(text[last:t.pos])
			b.WriteString(scriptLiteral(v))
			last = int(toks[end].end())
			i = end
			continue
		}
		if bare && isWord(t) && (i == 0 || toks[i-1].tok != PERIOD) {
			v, end, ok, err := field(i)
			if err != nil {
				return "", err
			}
			if ok {
				b.WriteString(text[last:t.pos])
				b.WriteString(scriptLiteral(v))
				last = int(toks[end].end())
				i = end
				continue
			}
			if i+1 >= len(toks) || toks[i+1].tok != LPAREN && toks[i+1].tok != PERIOD {
				if v, ok := vars[account.NormalizeIdent(t.lit)]; ok && literalValue(v) {
					b.WriteString(text[last:t.pos])
					b.WriteString(scriptLiteral(v))
					last = int(t.end())
				}
			}
		}
	}
	b.WriteString(text[last:])
	return b.String(), nil
}
