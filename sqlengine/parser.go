package sqlengine

import (
	"strings"

	"github.com/frostgate/frostgate/emulator/account"
	"github.com/frostgate/frostgate/sferr"
)

// Statement is one parsed SQL statement. The set is sealed: only this
// package's node types implement it. String prints the statement as
// canonical Snowflake SQL that parses back to an equal node.
type Statement interface {
	String() string
	stmt()
}

// maxNestLev caps the nesting of expressions, value lists and parentheses, so
// that no input can exhaust the stack.
const maxNestLev = 1000

// Parse parses one statement. An optional trailing ';' and white space or
// comments around the statement are allowed. On failure it returns a nil
// Statement and an *sferr.Error: a syntax error (001003) for the first
// unexpected token, in Snowflake's "syntax error line L at position P
// unexpected 'T'." form, where L is 1-based, P is the 0-based column of the
// token and T is its text as written ('<EOF>' at the end of the input).
func Parse(sql string) (stmt Statement, err error) {
	stmt, _, err = parse(sql)
	return stmt, err
}

// parse is Parse that also returns the parser, whose tokens a data
// statement's rewrite reuses.
func parse(sql string) (stmt Statement, p *parser, err error) {
	p = newParser(sql)
	defer func() {
		if e := recover(); e != nil {
			b, ok := e.(bailout)
			if !ok {
				panic(e)
			}
			stmt, err = nil, b.err
		}
	}()
	stmt = p.parseStatement()
	p.got(SEMICOLON)
	if p.tok != EOF {
		p.errorUnexpected()
	}
	if p.deferred != nil {
		return nil, p, p.deferred
	}
	return stmt, p, nil
}

// try runs f, turning the parser's bailout into an error: for executors
// that parse a statement's text themselves.
func (p *parser) try(f func()) (err error) {
	defer func() {
		if e := recover(); e != nil {
			b, ok := e.(bailout)
			if !ok {
				panic(e)
			}
			err = b.err
		}
	}()
	f()
	return nil
}

// ParseScript splits sql with SplitStatements and parses each statement
// (the text after the last ';' included) with Parse. It stops at the first
// error; positions in that error are relative to the failing statement's
// text, which starts at its first token. A script with no statements gives
// (nil, nil).
func ParseScript(sql string) ([]Statement, error) {
	texts, rest := SplitStatements(sql)
	if strings.TrimSpace(rest) != "" {
		texts = append(texts, rest)
	}
	var stmts []Statement
	for _, t := range texts {
		if !hasToken(t) {
			continue
		}
		st, err := Parse(t)
		if err != nil {
			return nil, err
		}
		stmts = append(stmts, st)
	}
	return stmts, nil
}

// SplitStatements splits sql at each top-level ';' (not inside strings,
// quoted identifiers, $$ strings or comments, nor inside an anonymous
// block: a statement that starts with DECLARE, or with BEGIN not followed
// by ;, TRANSACTION, WORK or NAME, ends at the ';' after its last END). It
// returns the complete statements, from their first token to just before
// their ';', empty ones dropped, and the text after the last ';', which may
// be an unfinished statement (a shell reading line by line feeds it back
// with the next line).
func SplitStatements(sql string) (stmts []string, rest string) {
	spans, after, _ := statementSpans(sql)
	for _, sp := range spans {
		stmts = append(stmts, strings.TrimSpace(sql[sp[0]:sp[1]]))
	}
	return stmts, sql[after:]
}

// statementSpans is SplitStatements by offsets: each complete statement's
// [first token, ';') span, the offset of the text after the last ';', and
// the offset of that text's first token (-1 if it has none).
func statementSpans(sql string) (spans [][2]int, after, pending int) {
	var s Scanner
	s.Init(sql, nil)
	var toks []token
	for {
		pos, tok, lit := s.Scan()
		toks = append(toks, token{pos: pos, tok: tok, lit: lit})
		if tok == EOF {
			break
		}
	}
	start := -1
	var blk blockDepth
	for i, t := range toks {
		switch {
		case t.tok == EOF:
			return spans, after, start
		case t.tok == SEMICOLON && blk.done():
			if start >= 0 {
				spans = append(spans, [2]int{start, int(t.pos)})
			}
			start, after = -1, int(t.pos)+1
			blk = blockDepth{}
		case t.tok == SEMICOLON:
		default:
			if start < 0 {
				start = int(t.pos)
				blk.block = startsBlock(t, toks[i+1])
			}
			blk.add(t, toks[i+1])
		}
	}
	return spans, after, start
}

// startsBlock says whether a statement starting with t, then next, is an
// anonymous block.
func startsBlock(t, next token) bool {
	if isWordText(t, "DECLARE") {
		return true
	}
	return isWordText(t, "BEGIN") && next.tok != EOF && next.tok != SEMICOLON &&
		!isWordText(next, "TRANSACTION") && !isWordText(next, "WORK") && !isWordText(next, "NAME")
}

// blockDepth follows an anonymous block's BEGIN ... END and CASE ... END
// nesting, so that its inner ';'s do not end it.
type blockDepth struct {
	block  bool // the statement is a block
	opened bool // its first BEGIN has been seen
	depth  int
	end    bool // the last token was END (END CASE closes a CASE, it opens none)
}

// done says whether a ';' now ends the statement.
func (b *blockDepth) done() bool { return !b.block || b.opened && b.depth <= 0 }

// add counts the token t, followed by next.
func (b *blockDepth) add(t, next token) {
	if !b.block {
		return
	}
	afterEnd := b.end
	b.end = isWordText(t, "END")
	switch {
	case isWordText(t, "BEGIN"):
		b.opened = true
		b.depth++
	case isWordText(t, "CASE") && !afterEnd:
		b.depth++
	case b.end:
		// END IF, END FOR ... close statements that did not count.
		for _, w := range []string{"IF", "FOR", "LOOP", "WHILE", "REPEAT"} {
			if isWordText(next, w) {
				return
			}
		}
		b.depth--
	}
}

// hasToken reports whether sql holds anything but white space and comments.
func hasToken(sql string) bool {
	var s Scanner
	s.Init(sql, nil)
	_, tok, _ := s.Scan()
	return tok != EOF
}

// token is one scanned token with the scanner's message for ILLEGAL ones.
type token struct {
	pos Pos
	tok Token
	lit string
	msg string
}

func (t token) end() Pos { return t.pos + Pos(len(t.lit)) }

// bailout carries the first syntax error up to Parse.
type bailout struct{ err *sferr.Error }

// parser is a recursive-descent parser over the whole token stream, which
// gives it the few tokens of lookahead that Snowflake's non-reserved keywords
// need. The current token is mirrored in pos, tok and lit.
type parser struct {
	src  string
	toks []token // every token, ending with EOF
	i    int     // index of the current token

	// current token
	pos Pos
	tok Token
	lit string

	nestLev  int
	deferred *sferr.Error // an error reported only once the whole statement parsed
}

func newParser(src string) *parser {
	p := &parser{src: src, toks: make([]token, 0, len(src)/4+4)}
	var msg string
	var s Scanner
	s.Init(src, func(_ Pos, m string) { msg = m })
	for {
		msg = ""
		pos, tok, lit := s.Scan()
		p.toks = append(p.toks, token{pos: pos, tok: tok, lit: lit, msg: msg})
		if tok == EOF {
			break
		}
	}
	p.setCur()
	return p
}

func (p *parser) setCur() {
	t := p.toks[p.i]
	p.pos, p.tok, p.lit = t.pos, t.tok, t.lit
}

// next advances to the next token (staying on EOF).
func (p *parser) next() {
	if p.i < len(p.toks)-1 {
		p.i++
	}
	p.setCur()
}

// cur returns the current token.
func (p *parser) cur() token { return p.toks[p.i] }

// peek returns the token n places after the current one (EOF past the end).
func (p *parser) peek(n int) token {
	if p.i+n < len(p.toks) {
		return p.toks[p.i+n]
	}
	return p.toks[len(p.toks)-1]
}

// errorAt stops parsing with a syntax error at t.
func (p *parser) errorAt(t token) {
	pos, text := t.pos, t.lit
	switch {
	case t.tok == EOF:
		text = "<EOF>"
	case t.tok == ILLEGAL && strings.HasPrefix(t.msg, "unterminated"):
		pos, text = Pos(len(p.src)), "<EOF>"
	}
	line, col := lineCol(p.src, pos)
	panic(bailout{sferr.SyntaxError(line, col, text)})
}

// errorUnexpected stops parsing with a syntax error at the current token.
func (p *parser) errorUnexpected() { p.errorAt(p.cur()) }

// got consumes the current token if it is tok.
func (p *parser) got(tok Token) bool {
	if p.tok == tok {
		p.next()
		return true
	}
	return false
}

// expect consumes the current token, which must be tok.
func (p *parser) expect(tok Token) token {
	t := p.cur()
	if t.tok != tok {
		p.errorAt(t)
	}
	p.next()
	return t
}

func (p *parser) incNest() {
	p.nestLev++
	if p.nestLev > maxNestLev {
		p.errorUnexpected()
	}
}

func (p *parser) decNest() { p.nestLev-- }

// isWord reports whether t is an unquoted word: an identifier or any keyword.
// Words make up privileges, object types and property names.
func isWord(t token) bool { return t.tok == IDENT || t.tok.IsKeyword() }

// isNameStart reports whether t can begin an object name: an identifier, a
// quoted identifier or a non-reserved keyword.
func isNameStart(t token) bool {
	return t.tok == IDENT || t.tok == QIDENT || t.tok.IsKeyword() && !t.tok.IsReserved()
}

// atEnd reports whether the current token ends the statement.
func (p *parser) atEnd() bool { return p.tok == EOF || p.tok == SEMICOLON }

// isWordText reports whether t is the unquoted word w (w in upper case).
func isWordText(t token, w string) bool { return isWord(t) && strings.EqualFold(t.lit, w) }

// word consumes a word and returns it in canonical upper case.
func (p *parser) word() string {
	t := p.cur()
	if !isWord(t) {
		p.errorAt(t)
	}
	p.next()
	return account.NormalizeIdent(t.lit)
}

// parseIdent consumes one identifier (a name part) and returns it normalized.
func (p *parser) parseIdent() string {
	t := p.cur()
	if !isNameStart(t) {
		p.errorAt(t)
	}
	p.next()
	return account.NormalizeIdent(t.lit)
}

// parseName reads a dotted name of 1 to maxParts parts, or
// IDENTIFIER('name') with a literal string.
func (p *parser) parseName(maxParts int) ObjectName {
	if p.tok == IDENTIFIER && p.peek(1).tok == LPAREN {
		return p.parseIdentifierFunc(maxParts)
	}
	name := ObjectName{p.parseIdent()}
	for p.tok == PERIOD {
		if len(name) == maxParts {
			p.errorUnexpected()
		}
		p.next()
		name = append(name, p.parseIdent())
	}
	return name
}

// parseIdentifierFunc reads IDENTIFIER('name'): the string must hold a
// name as it would be written in SQL.
func (p *parser) parseIdentifierFunc(maxParts int) ObjectName {
	p.next()
	p.expect(LPAREN)
	str := p.cur()
	if str.tok != STRING {
		p.errorAt(str)
	}
	p.next()
	p.expect(RPAREN)
	sub := newParser(unquoteString(str.lit))
	sub.nestLev = p.nestLev + 1
	if sub.nestLev > maxNestLev {
		p.errorAt(str)
	}
	name, ok := func() (name ObjectName, ok bool) {
		defer func() {
			if e := recover(); e != nil {
				if _, isBail := e.(bailout); !isBail {
					panic(e)
				}
			}
		}()
		name = sub.parseName(maxParts)
		if sub.tok != EOF {
			sub.errorUnexpected()
		}
		return name, true
	}()
	if !ok {
		p.errorAt(str)
	}
	return name
}

// parseIfExists reads an optional IF EXISTS.
func (p *parser) parseIfExists() bool {
	if p.tok == IF && p.peek(1).tok == EXISTS {
		p.next()
		p.next()
		return true
	}
	return false
}

// parseIfNotExists reads an optional IF NOT EXISTS.
func (p *parser) parseIfNotExists() bool {
	if p.tok == IF && p.peek(1).tok == NOT {
		p.next()
		p.next()
		p.expect(EXISTS)
		return true
	}
	return false
}

// parseString reads a string literal and returns its value.
func (p *parser) parseString() string {
	t := p.expect(STRING)
	return unquoteString(t.lit)
}

// parseCommentOpt reads an optional COMMENT = 'text'.
func (p *parser) parseCommentOpt() *string {
	if p.tok == COMMENT && p.peek(1).tok == EQ {
		p.next()
		p.next()
		s := p.parseString()
		return &s
	}
	return nil
}

// parseSignedNumber reads [+|-] NUMBER and returns its text ("-1").
func (p *parser) parseSignedNumber() string {
	sign := ""
	if p.tok == MINUS || p.tok == PLUS {
		if p.tok == MINUS {
			sign = "-"
		}
		p.next()
	}
	return sign + p.expect(NUMBER).lit
}

// parseLimit reads the count after LIMIT.
func (p *parser) parseLimit() *int64 {
	t := p.expect(NUMBER)
	n, ok := parseUint(t.lit)
	if !ok {
		p.errorAt(t)
	}
	return &n
}

func parseUint(s string) (int64, bool) {
	if s == "" || len(s) > 18 {
		return 0, false
	}
	var n int64
	for i := 0; i < len(s); i++ {
		if !isDigit(s[i]) {
			return 0, false
		}
		n = n*10 + int64(s[i]-'0')
	}
	return n, true
}

// skipToEnd consumes every token up to the end of the statement and returns
// the index of the first one it consumed. It fails on an ILLEGAL token.
func (p *parser) skipToEnd() int {
	from := p.i
	for !p.atEnd() {
		if p.tok == ILLEGAL {
			p.errorUnexpected()
		}
		p.next()
	}
	return from
}

// rawText returns the source text of tokens [from, to).
func (p *parser) rawText(from, to int) string {
	if from >= to {
		return ""
	}
	return p.src[p.toks[from].pos:p.toks[to-1].end()]
}

// normText returns tokens [from, to) the way Snowflake names an unaliased
// column: upper case outside string literals and quoted identifiers, one
// space wherever the source had white space or a comment, none elsewhere.
func (p *parser) normText(from, to int) string { return normTokens(p.toks[from:to]) }

// normTokens is normText over a run of tokens (the parser's or the
// rewriter's).
func normTokens(toks []token) string {
	var b strings.Builder
	for j, t := range toks {
		if j > 0 && toks[j-1].end() < t.pos {
			b.WriteByte(' ')
		}
		writeNorm(&b, t)
	}
	return b.String()
}

// writeNorm writes a token upper-cased, except strings and quoted
// identifiers, which keep their text.
func writeNorm(b *strings.Builder, t token) {
	if t.tok == STRING || t.tok == QIDENT {
		b.WriteString(t.lit)
	} else {
		b.WriteString(strings.ToUpper(t.lit))
	}
}

// typeText returns tokens [from, to) as a normalized type: upper case, one
// space between adjacent words, none around punctuation: NUMBER(38,0).
func (p *parser) typeText(from, to int) string {
	wordish := func(t token) bool {
		return isWord(t) || t.tok == QIDENT || t.tok == NUMBER || t.tok == STRING
	}
	var b strings.Builder
	for j := from; j < to; j++ {
		t := p.toks[j]
		if j > from && (wordish(t) && wordish(p.toks[j-1]) || !separate(p.toks[j-1].lit, t.lit)) {
			b.WriteByte(' ')
		}
		writeNorm(&b, t)
	}
	return b.String()
}

// separate reports whether a and b, written with nothing between them, still
// scan as the two tokens a and b (and not, say, "- -" as a comment).
func separate(a, b string) bool {
	var s Scanner
	s.Init(a+b, nil)
	_, _, lit1 := s.Scan()
	_, _, lit2 := s.Scan()
	_, tok3, _ := s.Scan()
	return lit1 == a && lit2 == b && tok3 == EOF
}

// typeContinuations are words that continue a multi-word type name.
var typeContinuations = map[string]bool{"PRECISION": true, "VARYING": true, "CHARACTER": true, "CHAR": true}

// columnConstraintStarts are words that end a column's type.
var columnConstraintStarts = map[string]bool{
	"NOT": true, "NULL": true, "DEFAULT": true, "AUTOINCREMENT": true, "IDENTITY": true,
	"PRIMARY": true, "UNIQUE": true, "FOREIGN": true, "REFERENCES": true, "CONSTRAINT": true,
	"COLLATE": true, "COMMENT": true, "WITH": true, "MASKING": true, "TAG": true, "AS": true,
	"CHECK": true, "PROJECTION": true,
}

// parseType reads a data type: a word, optional continuation words, and an
// optional parenthesised argument list; it returns the normalized text.
func (p *parser) parseType() string {
	from := p.i
	t := p.cur()
	if !isWord(t) || columnConstraintStarts[strings.ToUpper(t.lit)] {
		p.errorAt(t)
	}
	p.next()
	for isWord(p.cur()) && typeContinuations[strings.ToUpper(p.lit)] {
		p.next()
	}
	if p.tok == LPAREN {
		p.skipGroup()
	}
	return p.typeText(from, p.i)
}

// skipGroup consumes a balanced parenthesised group starting at '('.
func (p *parser) skipGroup() {
	depth := 0
	for {
		switch p.tok {
		case LPAREN:
			depth++
			if depth > maxNestLev {
				p.errorUnexpected()
			}
		case RPAREN:
			depth--
		case EOF, SEMICOLON, ILLEGAL:
			p.errorUnexpected()
		}
		p.next()
		if depth == 0 {
			return
		}
	}
}

// collectUntil consumes tokens up to (not including) a ',' or ')' at
// parenthesis depth 0, or the end of the statement, and returns the index of
// the first token consumed.
func (p *parser) collectUntil() int {
	from := p.i
	depth := 0
	for {
		switch p.tok {
		case EOF, SEMICOLON:
			return from
		case ILLEGAL:
			p.errorUnexpected()
		case COMMA:
			if depth == 0 {
				return from
			}
		case LPAREN:
			depth++
			if depth > maxNestLev {
				p.errorUnexpected()
			}
		case RPAREN:
			if depth == 0 {
				return from
			}
			depth--
		}
		p.next()
	}
}

// parseStatement dispatches on the statement's first word.
func (p *parser) parseStatement() Statement {
	switch p.tok {
	case CREATE:
		return p.parseCreate()
	case ALTER:
		return p.parseAlter()
	case DROP:
		return p.parseDrop()
	case UNDROP:
		return p.parseUndrop()
	case GRANT:
		return p.parseGrant()
	case REVOKE:
		return p.parseRevoke()
	case SHOW:
		return p.parseShow()
	case DESCRIBE, DESC:
		return p.parseDescribe()
	case USE:
		return p.parseUse()
	case SET:
		return p.parseSetVariable()
	case SELECT:
		return p.parseSelect()
	case CALL:
		return p.parseCall()
	case INSERT, UPDATE, DELETE, MERGE, TRUNCATE, COPY, WITH, EXPLAIN:
		return p.parseData()
	}
	if p.startsBlock() {
		return p.parseBlock()
	}
	if p.tok == EXECUTE && isWordText(p.peek(1), "IMMEDIATE") {
		return p.parseExecuteImmediate()
	}
	if t := p.cur(); isWord(t) && otherVerbs[strings.ToUpper(t.lit)] {
		start := p.i
		what := p.word()
		return p.unsupported(start, what)
	}
	p.errorUnexpected()
	return nil
}

// otherVerbs start statements that Frostgate recognises but does not run.
var otherVerbs = map[string]bool{
	"BEGIN": true, "START": true, "COMMIT": true, "ROLLBACK": true, "UNSET": true,
	"EXECUTE": true, "PUT": true, "GET": true, "LIST": true, "LS": true, "REMOVE": true,
	"RM": true, "COMMENT": true, "ABORT": true, "DECLARE": true, "LET": true, "CANCEL": true,
}

// Unsupported is a statement Frostgate recognises but does not emulate; the
// executor answers it with sferr.Unsupported(What).
type Unsupported struct {
	What string // the statement's leading keywords, upper case: "CREATE PIPE", "ALTER ACCOUNT", "BEGIN"
	Text string // the statement's source text, without the trailing ';'
}

var _ Statement = (*Unsupported)(nil)

func (*Unsupported) stmt() {}

// String returns the statement's source text.
func (n *Unsupported) String() string { return n.Text }

// unsupported consumes the rest of the statement that began at token start.
func (p *parser) unsupported(start int, what string) *Unsupported {
	p.skipToEnd()
	return &Unsupported{What: what, Text: p.rawText(start, p.i)}
}

// matchPhrase returns the longest phrase in phrases (each a list of upper-case
// words) that the tokens from the current one spell, or nil. It does not
// consume anything. If needName is set, the phrase must be followed by a
// token that can start a name.
func (p *parser) matchPhrase(phrases map[string]bool, maxWords int, needName bool) []string {
	var words, best []string
	for n := 0; n < maxWords; n++ {
		t := p.peek(n)
		if !isWord(t) {
			break
		}
		words = append(words, strings.ToUpper(t.lit))
		if phrases[strings.Join(words, " ")] && (!needName || isNameStart(p.peek(n+1))) {
			best = append([]string(nil), words...)
		}
	}
	return best
}

// consumePhrase consumes the words of a phrase returned by matchPhrase and
// returns it joined by single spaces.
func (p *parser) consumePhrase(words []string) string {
	for range words {
		p.next()
	}
	return strings.Join(words, " ")
}

// objectTypes are Snowflake's object types in the singular, as they follow
// CREATE, ALTER, DROP, DESCRIBE and GRANT ... ON.
var objectTypes = phraseSet(
	"ACCOUNT", "AGENT", "AGGREGATION POLICY", "ALERT", "API INTEGRATION", "APPLICATION",
	"APPLICATION PACKAGE", "APPLICATION ROLE", "AUTHENTICATION POLICY", "CATALOG INTEGRATION",
	"COMPUTE POOL", "CONNECTION", "CONTACT", "CORTEX SEARCH SERVICE", "DATA METRIC FUNCTION",
	"DATABASE", "DATABASE ROLE", "DATASET", "DBT PROJECT", "DYNAMIC TABLE", "EVENT TABLE",
	"EXTERNAL ACCESS INTEGRATION", "EXTERNAL FUNCTION", "EXTERNAL TABLE", "EXTERNAL VOLUME",
	"FAILOVER GROUP", "FEATURE POLICY", "FILE FORMAT", "FUNCTION", "GIT REPOSITORY", "HYBRID TABLE",
	"ICEBERG TABLE", "IMAGE REPOSITORY", "INDEX", "INTEGRATION", "JOIN POLICY", "LISTING",
	"MANAGED ACCOUNT", "MASKING POLICY", "MATERIALIZED VIEW", "MODEL", "MODEL MONITOR",
	"NETWORK POLICY", "NETWORK RULE", "NOTEBOOK", "NOTIFICATION INTEGRATION",
	"ORGANIZATION PROFILE", "PACKAGES POLICY", "PASSWORD POLICY", "PIPE", "PRIVACY POLICY",
	"PROCEDURE", "PROJECTION POLICY", "REPLICATION GROUP", "RESOURCE MONITOR", "ROLE",
	"ROW ACCESS POLICY", "SCHEMA", "SECRET", "SECURITY INTEGRATION", "SEMANTIC VIEW", "SEQUENCE",
	"SERVICE", "SESSION", "SESSION POLICY", "SHARE", "SNAPSHOT", "STAGE", "STORAGE INTEGRATION",
	"STORAGE LIFECYCLE POLICY", "STREAM", "STREAMLIT", "TABLE", "TAG", "TASK", "USER", "VIEW",
	"WAREHOUSE",
)

// showExtras are SHOW targets that are not plurals of an object type.
var showExtras = []string{
	"PARAMETERS", "VARIABLES", "OBJECTS", "COLUMNS", "LOCKS", "TRANSACTIONS", "REGIONS",
	"PRIMARY KEYS", "IMPORTED KEYS", "UNIQUE KEYS", "EXPORTED KEYS", "USER FUNCTIONS",
	"REPLICATION DATABASES", "ORGANIZATION ACCOUNTS", "DELEGATED AUTHORIZATIONS", "CHANNELS",
	"RELEASE DIRECTIVES", "VERSIONS", "CLASSES", "REFERENCES", "CONTEXTS", "DATABASES IN FAILOVER GROUP",
	"GLOBAL ACCOUNTS", "USER PROGRAMMATIC ACCESS TOKENS", "SNOWFLAKE CORTEX", "CORTEX SEARCH SERVICES",
}

// showTypes are the plurals SHOW accepts.
var showTypes = func() map[string]bool {
	m := make(map[string]bool)
	for t := range objectTypes {
		m[plural(t)] = true
	}
	for _, t := range showExtras {
		m[t] = true
	}
	return m
}()

// describeTypes are what DESCRIBE accepts.
var describeTypes = func() map[string]bool {
	m := phraseSet("RESULT", "SEARCH OPTIMIZATION")
	for t := range objectTypes {
		m[t] = true
	}
	return m
}()

func phraseSet(phrases ...string) map[string]bool {
	m := make(map[string]bool, len(phrases))
	for _, s := range phrases {
		m[s] = true
	}
	return m
}

// plural returns the plural of an object type as SHOW and GRANT ... ON ALL
// spell it: TABLE → TABLES, MASKING POLICY → MASKING POLICIES.
func plural(t string) string {
	switch {
	case strings.HasSuffix(t, "POLICY"):
		return strings.TrimSuffix(t, "Y") + "IES"
	case strings.HasSuffix(t, "REPOSITORY"):
		return strings.TrimSuffix(t, "Y") + "IES"
	case strings.HasSuffix(t, "INDEX"):
		return t + "ES"
	}
	return t + "S"
}

// maxPhraseWords bounds the object-type phrases above.
const maxPhraseWords = 5

// parseUnsupportedKind reads the object type after verb and returns an
// Unsupported statement, or fails on the current token if no type is known.
func (p *parser) parseUnsupportedKind(start int, verb string, types map[string]bool) Statement {
	words := p.matchPhrase(types, maxPhraseWords, false)
	if words == nil {
		p.errorUnexpected()
	}
	return p.unsupported(start, verb+" "+p.consumePhrase(words))
}
