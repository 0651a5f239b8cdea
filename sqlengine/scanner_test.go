package sqlengine

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/frostgate/frostgate/emulator/account"
)

// scanned is one token as Scan returns it, for readable comparisons.
type scanned struct {
	pos Pos
	tok Token
	lit string
}

func scanAll(src string) (toks []scanned, errs []string) {
	var s Scanner
	s.Init(src, func(pos Pos, msg string) { errs = append(errs, msg) })
	for {
		pos, tok, lit := s.Scan()
		toks = append(toks, scanned{pos, tok, lit})
		if tok == EOF {
			return toks, errs
		}
	}
}

func TestScanTokens(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		src  string
		want []scanned
	}{
		{"identifiers and keywords", "grant Select\tON my_Tab$1 _x",
			[]scanned{{0, GRANT, "grant"}, {6, SELECT, "Select"}, {13, ON, "ON"}, {16, IDENT, "my_Tab$1"}, {25, IDENT, "_x"}, {27, EOF, ""}}},
		{"quoted identifiers", `"My Role" "a""b" "select"`,
			[]scanned{{0, QIDENT, `"My Role"`}, {10, QIDENT, `"a""b"`}, {17, QIDENT, `"select"`}, {25, EOF, ""}}},
		{"strings", `'abc' 'it''s' 'a\'b' '\\' ''`,
			[]scanned{{0, STRING, `'abc'`}, {6, STRING, `'it''s'`}, {14, STRING, `'a\'b'`}, {21, STRING, `'\\'`}, {26, STRING, `''`}, {28, EOF, ""}}},
		{"dollar strings", "$$a 'b' $c$$ $$$$",
			[]scanned{{0, STRING, "$$a 'b' $c$$"}, {13, STRING, "$$$$"}, {17, EOF, ""}}},
		{"numbers", "1 12.5 .5 1e3 1.5E-3 2. 7e 8e+",
			[]scanned{{0, NUMBER, "1"}, {2, NUMBER, "12.5"}, {7, NUMBER, ".5"}, {10, NUMBER, "1e3"}, {14, NUMBER, "1.5E-3"},
				{21, NUMBER, "2."}, {24, NUMBER, "7"}, {25, IDENT, "e"}, {27, NUMBER, "8"}, {28, IDENT, "e"}, {29, PLUS, "+"}, {30, EOF, ""}}},
		{"variables", "$x $1 $My_Var",
			[]scanned{{0, VARIABLE, "$x"}, {3, VARIABLE, "$1"}, {6, VARIABLE, "$My_Var"}, {13, EOF, ""}}},
		{"operators", "( ) , . ; = <> != < > <= >= + - * / || :: : % ? @ ~ => -> [ ] { }",
			[]scanned{{0, LPAREN, "("}, {2, RPAREN, ")"}, {4, COMMA, ","}, {6, PERIOD, "."}, {8, SEMICOLON, ";"},
				{10, EQ, "="}, {12, NEQ, "<>"}, {15, NEQ, "!="}, {18, LT, "<"}, {20, GT, ">"}, {22, LE, "<="},
				{25, GE, ">="}, {28, PLUS, "+"}, {30, MINUS, "-"}, {32, STAR, "*"}, {34, SLASH, "/"},
				{36, CONCAT, "||"}, {39, DCOLON, "::"}, {42, COLON, ":"}, {44, PERCENT, "%"}, {46, QUESTION, "?"},
				{48, AT, "@"}, {50, TILDE, "~"}, {52, ARROW, "=>"}, {55, RARROW, "->"}, {58, LBRACK, "["},
				{60, RBRACK, "]"}, {62, LBRACE, "{"}, {64, RBRACE, "}"}, {65, EOF, ""}}},
		{"tight operators", "a.b::int<=-1",
			[]scanned{{0, IDENT, "a"}, {1, PERIOD, "."}, {2, IDENT, "b"}, {3, DCOLON, "::"}, {5, IDENT, "int"},
				{8, LE, "<="}, {10, MINUS, "-"}, {11, NUMBER, "1"}, {12, EOF, ""}}},
		{"line comments", "a -- one\nb // two\r\nc --",
			[]scanned{{0, IDENT, "a"}, {9, IDENT, "b"}, {19, IDENT, "c"}, {23, EOF, ""}}},
		{"block comments", "a/* x\n -- y */b /**/ c",
			[]scanned{{0, IDENT, "a"}, {14, IDENT, "b"}, {21, IDENT, "c"}, {22, EOF, ""}}},
		{"comment markers inside literals", `'--' "//" $$/*$$`,
			[]scanned{{0, STRING, "'--'"}, {5, QIDENT, `"//"`}, {10, STRING, "$$/*$$"}, {16, EOF, ""}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, errs := scanAll(tc.src)
			require.Empty(t, errs)
			require.Equal(t, tc.want, got)
		})
	}
}

func TestScanErrors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		src  string
		want []scanned
		msg  string
	}{
		{"a 'bc", []scanned{{0, IDENT, "a"}, {2, ILLEGAL, "'bc"}, {5, EOF, ""}}, msgUnterminatedString},
		{`'a\'`, []scanned{{0, ILLEGAL, `'a\'`}, {4, EOF, ""}}, msgUnterminatedString},
		{`"ab""`, []scanned{{0, ILLEGAL, `"ab""`}, {5, EOF, ""}}, msgUnterminatedIdent},
		{"$$ab$", []scanned{{0, ILLEGAL, "$$ab$"}, {5, EOF, ""}}, msgUnterminatedDollar},
		{"a /* b", []scanned{{0, IDENT, "a"}, {2, ILLEGAL, "/* b"}, {6, EOF, ""}}, msgUnterminatedComment},
		{`""`, []scanned{{0, ILLEGAL, `""`}, {2, EOF, ""}}, msgEmptyIdent},
		{"#", []scanned{{0, ILLEGAL, "#"}, {1, EOF, ""}}, msgIllegalChar},
		{"$ x", []scanned{{0, ILLEGAL, "$"}, {2, IDENT, "x"}, {3, EOF, ""}}, msgIllegalChar},
		{"é", []scanned{{0, ILLEGAL, "é"}, {2, EOF, ""}}, msgIllegalChar},
		{"!", []scanned{{0, ILLEGAL, "!"}, {1, EOF, ""}}, msgIllegalChar},
		{"|", []scanned{{0, ILLEGAL, "|"}, {1, EOF, ""}}, msgIllegalChar},
	}
	for _, tc := range tests {
		t.Run(tc.src, func(t *testing.T) {
			got, errs := scanAll(tc.src)
			require.Equal(t, tc.want, got)
			require.Equal(t, []string{tc.msg}, errs)
		})
	}
}

func TestScanEOFRepeats(t *testing.T) {
	t.Parallel()
	var s Scanner
	s.Init("x", nil)
	s.Scan()
	for range 3 {
		pos, tok, lit := s.Scan()
		require.Equal(t, scanned{1, EOF, ""}, scanned{pos, tok, lit})
	}
	require.Zero(t, s.ErrorCount)
	s.Init("#", nil) // a nil handler still counts errors
	s.Scan()
	require.Equal(t, 1, s.ErrorCount)
}

// TestIdentifierNormalization checks that the literal the scanner returns,
// fed to account.NormalizeIdent, gives Snowflake's stored identifier.
func TestIdentifierNormalization(t *testing.T) {
	t.Parallel()
	for src, want := range map[string]string{
		`analyst`:                  "ANALYST",
		`My_Role$2`:                "MY_ROLE$2",
		`"analyst"`:                "analyst",
		`"My Role"`:                "My Role",
		`"quote""andunquote"""`:    `quote"andunquote"`,
		`"SELECT"`:                 "SELECT",
		`"with.dot"`:               "with.dot",
		`usage`:                    "USAGE",
		`"  spaces and 'quotes' "`: "  spaces and 'quotes' ",
	} {
		toks, errs := scanAll(src)
		require.Empty(t, errs, src)
		require.Len(t, toks, 2, src)
		require.Equal(t, want, account.NormalizeIdent(toks[0].lit), src)
	}
}

func TestStringValues(t *testing.T) {
	t.Parallel()
	for src, want := range map[string]string{
		`'abc'`:            "abc",
		`''`:               "",
		`'it''s'`:          "it's",
		`'it\'s'`:          "it's",
		`'a\\b'`:           `a\b`,
		`'a\nb\tc\rd'`:     "a\nb\tc\rd",
		`'\0'`:             "\x00",
		`'\b\f'`:           "\b\f",
		`'\q\%\_'`:         "q%_",
		`'\"'`:             `"`,
		"'multi\nline'":    "multi\nline",
		`$$raw 'x' \n$$`:   `raw 'x' \n`,
		`$$$$`:             "",
		`'mixed''\\''end'`: `mixed'\'end`,
	} {
		toks, errs := scanAll(src)
		require.Empty(t, errs, src)
		require.Equal(t, STRING, toks[0].tok, src)
		require.Equal(t, want, unquoteString(toks[0].lit), src)
	}
}

func TestQuoteStringRoundTrip(t *testing.T) {
	t.Parallel()
	for _, s := range []string{"", "abc", "it's", `a\b`, "\x00", "new\nline", `'\''`, "$$"} {
		toks, errs := scanAll(quoteString(s))
		require.Empty(t, errs)
		require.Len(t, toks, 2)
		require.Equal(t, s, unquoteString(toks[0].lit))
	}
}

func TestLineCol(t *testing.T) {
	t.Parallel()
	src := "ab\ncdé f\n\nx"
	for pos, want := range map[Pos][2]int{0: {1, 0}, 2: {1, 2}, 3: {2, 0}, 8: {2, 4}, 9: {2, 5}, 10: {3, 0}, 11: {4, 0}, 12: {4, 1}, 99: {4, 1}} {
		line, col := lineCol(src, pos)
		require.Equal(t, want, [2]int{line, col}, "pos %d", pos)
	}
}

func TestTokenTable(t *testing.T) {
	t.Parallel()
	for tok := keywordBeg + 1; tok < keywordEnd; tok++ {
		require.True(t, tok.IsKeyword())
		require.NotEmpty(t, tok.String())
		require.Equal(t, tok, Lookup(tok.String()), tok.String())
	}
	require.Equal(t, GRANT, Lookup("grant"))
	require.Equal(t, MINUS_KW, Lookup("Minus"))
	require.Equal(t, IDENT, Lookup("analyst"))
	require.Equal(t, IDENT, Lookup("current_role"))
	require.True(t, SELECT.IsReserved())
	require.False(t, ROLE.IsReserved())
	require.True(t, IDENT.IsLiteral())
	require.True(t, CONCAT.IsOperator())
	require.Equal(t, "<>", NEQ.String())
	require.Equal(t, "IDENT", IDENT.String())
	require.Equal(t, "token(-1)", Token(-1).String())
	for tok := range reserved {
		require.True(t, tok.IsKeyword(), tok.String())
	}
}

func TestEnumStrings(t *testing.T) {
	t.Parallel()
	for _, s := range []interface{ String() string }{
		KindProcedure, ObjectKind(0), BehaviorCascade, ValueProps, ValueKind(0), GranteeApplication, GranteeKind(0),
		AlterOther, AlterAction(0), TargetFuture, TargetKind(0), CopyCurrentGrants, ShowGrantsOf, ShowGrantsKind(0),
		ScopeName, ScopeKind(9), SecondaryRolesList, SecondaryRoles(0),
	} {
		require.NotPanics(t, func() { _ = s.String() })
	}
	require.Equal(t, "ObjectKind(0)", ObjectKind(0).String())
	require.Equal(t, "MATERIALIZED VIEWS", KindMaterializedView.Plural())
	require.Equal(t, "IN SCHEMA", ScopeSchema.String())
}
