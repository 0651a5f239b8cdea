package sqlengine

import (
	"strings"
	"unicode/utf8"
)

// Pos is a byte offset into the scanned text. Line and column are computed
// from it only when an error is formatted (see lineCol).
type Pos int

// An ErrorHandler is called with the position of a construct the scanner
// cannot read and a message; the scanner then returns an ILLEGAL token.
type ErrorHandler func(pos Pos, msg string)

// Messages passed to the ErrorHandler. The unterminated ones mean that the
// ILLEGAL token runs to the end of the input.
const (
	msgIllegalChar         = "illegal character"
	msgEmptyIdent          = "zero-length quoted identifier"
	msgUnterminatedString  = "unterminated string literal"
	msgUnterminatedDollar  = "unterminated $$ string"
	msgUnterminatedIdent   = "unterminated quoted identifier"
	msgUnterminatedComment = "unterminated comment"
)

// Scanner splits Snowflake SQL into tokens, one per call to Scan, in the
// manner of go/scanner. Comments and white space are skipped. The zero value
// is an empty scanner; call Init before use. A Scanner is not safe for
// concurrent use.
type Scanner struct {
	// immutable state
	src string       // the text being scanned
	err ErrorHandler // may be nil

	// scanning state
	offset int // byte offset of the next unread character

	// public state
	ErrorCount int // number of errors reported so far
}

// Init prepares s to scan src from the beginning, reporting errors to err
// (which may be nil).
func (s *Scanner) Init(src string, err ErrorHandler) {
	s.src = src
	s.err = err
	s.offset = 0
	s.ErrorCount = 0
}

func (s *Scanner) error(pos int, msg string) {
	s.ErrorCount++
	if s.err != nil {
		s.err(Pos(pos), msg)
	}
}

// Scan returns the next token: its byte offset, its kind and its literal
// text exactly as written (quotes and all; keywords keep their case). At the
// end of the input it returns EOF with an empty literal, again and again.
// A string, quoted identifier or block comment that runs to the end of the
// input is returned as one ILLEGAL token covering the rest of the input.
func (s *Scanner) Scan() (pos Pos, tok Token, lit string) {
	if bad := s.skipSpaceAndComments(); bad >= 0 {
		return Pos(bad), ILLEGAL, s.src[bad:]
	}
	start := s.offset
	if start >= len(s.src) {
		return Pos(start), EOF, ""
	}
	tok = s.scanToken()
	return Pos(start), tok, s.src[start:s.offset]
}

// skipSpaceAndComments advances past white space and comments. It returns
// the offset of an unterminated block comment, or -1.
func (s *Scanner) skipSpaceAndComments() int {
	for s.offset < len(s.src) {
		c := s.src[s.offset]
		switch {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v':
			s.offset++
		case c == '-' && s.peekAt(1) == '-', c == '/' && s.peekAt(1) == '/':
			s.skipLineComment()
		case c == '/' && s.peekAt(1) == '*':
			start := s.offset
			end := strings.Index(s.src[s.offset+2:], "*/")
			if end < 0 {
				s.offset = len(s.src)
				s.error(start, msgUnterminatedComment)
				return start
			}
			s.offset += 2 + end + 2
		default:
			return -1
		}
	}
	return -1
}

func (s *Scanner) skipLineComment() {
	if i := strings.IndexByte(s.src[s.offset:], '\n'); i >= 0 {
		s.offset += i + 1
	} else {
		s.offset = len(s.src)
	}
}

// peekAt returns the byte n places after the current one, or 0 past the end.
func (s *Scanner) peekAt(n int) byte {
	if s.offset+n < len(s.src) {
		return s.src[s.offset+n]
	}
	return 0
}

func isIdentStart(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_'
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

func isIdentPart(c byte) bool { return isIdentStart(c) || isDigit(c) || c == '$' }

// scanToken reads one token starting at s.offset (not at EOF, not at space).
func (s *Scanner) scanToken() Token {
	start := s.offset
	c := s.src[start]
	switch {
	case isIdentStart(c):
		for s.offset < len(s.src) && isIdentPart(s.src[s.offset]) {
			s.offset++
		}
		return Lookup(s.src[start:s.offset])
	case isDigit(c), c == '.' && isDigit(s.peekAt(1)):
		return s.scanNumber()
	case c == '\'':
		return s.scanString()
	case c == '"':
		return s.scanQuotedIdent()
	case c == '$':
		return s.scanDollar()
	}
	s.offset++
	next := s.peekAt(0)
	switch c {
	case '(':
		return LPAREN
	case ')':
		return RPAREN
	case '[':
		return LBRACK
	case ']':
		return RBRACK
	case '{':
		return LBRACE
	case '}':
		return RBRACE
	case ',':
		return COMMA
	case '.':
		return PERIOD
	case ';':
		return SEMICOLON
	case '+':
		return PLUS
	case '*':
		return STAR
	case '/':
		return SLASH
	case '%':
		return PERCENT
	case '?':
		return QUESTION
	case '@':
		return AT
	case '~':
		return TILDE
	case '=':
		if next == '>' {
			s.offset++
			return ARROW
		}
		return EQ
	case '-':
		if next == '>' {
			s.offset++
			return RARROW
		}
		return MINUS
	case '<':
		switch next {
		case '=':
			s.offset++
			return LE
		case '>':
			s.offset++
			return NEQ
		}
		return LT
	case '>':
		if next == '=' {
			s.offset++
			return GE
		}
		return GT
	case '!':
		if next == '=' {
			s.offset++
			return NEQ
		}
	case '|':
		if next == '|' {
			s.offset++
			return CONCAT
		}
	case ':':
		if next == ':' {
			s.offset++
			return DCOLON
		}
		return COLON
	}
	// An illegal character: take the whole UTF-8 sequence so that the error
	// message quotes a readable character.
	if c >= utf8.RuneSelf {
		_, size := utf8.DecodeRuneInString(s.src[start:])
		s.offset = start + size
	}
	s.error(start, msgIllegalChar)
	return ILLEGAL
}

// scanNumber reads digits [. digits] [e [+-] digits]. An exponent marker not
// followed by digits is left for the next token.
func (s *Scanner) scanNumber() Token {
	for s.offset < len(s.src) && isDigit(s.src[s.offset]) {
		s.offset++
	}
	if s.peekAt(0) == '.' {
		s.offset++
		for s.offset < len(s.src) && isDigit(s.src[s.offset]) {
			s.offset++
		}
	}
	if c := s.peekAt(0); c == 'e' || c == 'E' {
		n := 1
		if c := s.peekAt(1); c == '+' || c == '-' {
			n++
		}
		if isDigit(s.peekAt(n)) {
			s.offset += n
			for s.offset < len(s.src) && isDigit(s.src[s.offset]) {
				s.offset++
			}
		}
	}
	return NUMBER
}

// scanString reads a '...' literal; doubled quotes and backslash escapes stay inside it.
func (s *Scanner) scanString() Token {
	start := s.offset
	s.offset++
	for s.offset < len(s.src) {
		switch s.src[s.offset] {
		case '\\':
			s.offset += 2
			continue
		case '\'':
			if s.peekAt(1) == '\'' {
				s.offset += 2
				continue
			}
			s.offset++
			return STRING
		}
		s.offset++
	}
	s.offset = len(s.src)
	s.error(start, msgUnterminatedString)
	return ILLEGAL
}

// scanQuotedIdent reads a "..." identifier, in which "" stands for ".
func (s *Scanner) scanQuotedIdent() Token {
	start := s.offset
	s.offset++
	for s.offset < len(s.src) {
		if s.src[s.offset] == '"' {
			if s.peekAt(1) == '"' {
				s.offset += 2
				continue
			}
			s.offset++
			if s.offset-start == 2 {
				s.error(start, msgEmptyIdent)
				return ILLEGAL
			}
			return QIDENT
		}
		s.offset++
	}
	s.error(start, msgUnterminatedIdent)
	return ILLEGAL
}

// scanDollar reads a $$...$$ string or a $name / $1 variable.
func (s *Scanner) scanDollar() Token {
	start := s.offset
	if s.peekAt(1) == '$' {
		end := strings.Index(s.src[start+2:], "$$")
		if end < 0 {
			s.offset = len(s.src)
			s.error(start, msgUnterminatedDollar)
			return ILLEGAL
		}
		s.offset = start + 2 + end + 2
		return STRING
	}
	s.offset++
	n := s.offset
	for s.offset < len(s.src) && (isIdentStart(s.src[s.offset]) || isDigit(s.src[s.offset])) {
		s.offset++
	}
	if s.offset == n {
		s.error(start, msgIllegalChar)
		return ILLEGAL
	}
	return VARIABLE
}

// unquoteString returns the value of a STRING literal as the scanner
// returned it: $$...$$ verbatim; '...' with doubled quotes undoubled and the backslash escapes
// \n \t \r \b \f \0 (and \\, \', any other character stands for itself).
func unquoteString(lit string) string {
	if strings.HasPrefix(lit, "$$") {
		return lit[2 : len(lit)-2]
	}
	body := lit[1 : len(lit)-1]
	if !strings.ContainsAny(body, `\'`) {
		return body
	}
	var b strings.Builder
	for i := 0; i < len(body); i++ {
		c := body[i]
		switch {
		case c == '\\' && i+1 < len(body):
			i++
			switch e := body[i]; e {
			case 'n':
				b.WriteByte('\n')
			case 't':
				b.WriteByte('\t')
			case 'r':
				b.WriteByte('\r')
			case 'b':
				b.WriteByte('\b')
			case 'f':
				b.WriteByte('\f')
			case '0':
				b.WriteByte(0)
			default:
				b.WriteByte(e)
			}
		case c == '\'' && i+1 < len(body) && body[i+1] == '\'':
			i++
			b.WriteByte('\'')
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

// quoteString renders s as a '...' literal that unquoteString reads back.
func quoteString(s string) string {
	var b strings.Builder
	b.WriteByte('\'')
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case '\'':
			b.WriteString("''")
		case '\\':
			b.WriteString(`\\`)
		case 0:
			b.WriteString(`\0`)
		default:
			b.WriteByte(c)
		}
	}
	b.WriteByte('\'')
	return b.String()
}

// lineCol converts a byte offset in src to Snowflake's 1-based line and
// 0-based column (counted in characters).
func lineCol(src string, pos Pos) (line, col int) {
	p := int(pos)
	if p > len(src) {
		p = len(src)
	}
	lineStart := strings.LastIndexByte(src[:p], '\n') + 1
	line = 1 + strings.Count(src[:lineStart], "\n")
	col = utf8.RuneCountInString(src[lineStart:p])
	return line, col
}
