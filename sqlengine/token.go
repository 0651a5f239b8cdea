package sqlengine

import (
	"strconv"
	"strings"
)

// Token is the kind of one lexical token of Snowflake SQL. Its layout follows
// go/token: literal, operator and keyword ranges marked off by unexported
// sentinels, and one string table behind String, Lookup and IsKeyword.
type Token int

// The tokens. Keywords are recognised case-insensitively; most of them are
// non-reserved and the parser accepts them as names (see IsReserved).
const (
	ILLEGAL Token = iota // a character or construct the scanner cannot read
	EOF                  // end of input

	literalBeg
	IDENT    // unquoted identifier: ANALYST, my_table, SYSTEM$TYPEOF
	QIDENT   // double-quoted identifier: "My Role"
	STRING   // '...' or $$...$$
	NUMBER   // 12, 1.5, .5, 1e-3
	VARIABLE // $name or $1
	literalEnd

	operatorBeg
	LPAREN    // (
	RPAREN    // )
	LBRACK    // [
	RBRACK    // ]
	LBRACE    // {
	RBRACE    // }
	COMMA     // ,
	PERIOD    // .
	SEMICOLON // ;
	EQ        // =
	NEQ       // <> or !=
	LT        // <
	GT        // >
	LE        // <=
	GE        // >=
	PLUS      // +
	MINUS     // -
	STAR      // *
	SLASH     // /
	PERCENT   // %
	CONCAT    // ||
	DCOLON    // ::
	COLON     // :
	QUESTION  // ?
	AT        // @
	TILDE     // ~
	ARROW     // =>
	RARROW    // ->
	operatorEnd

	keywordBeg
	ACCESS
	ACCOUNT
	ALL
	ALTER
	AND
	APPLICATION
	AS
	BY
	CALL
	CALLER
	CASCADE
	CASE
	CAST
	CLONE
	CLUSTER
	COMMENT
	CONSTRAINT
	COPY
	CREATE
	CURRENT
	DATABASE
	DATABASES
	DELETE
	DESC
	DESCRIBE
	DISABLE
	DISTINCT
	DROP
	ELSE
	ENABLE
	END
	EXCEPT
	EXECUTE
	EXISTS
	EXPLAIN
	FALSE
	FETCH
	FOR
	FOREIGN
	FROM
	FUNCTION
	FUNCTIONS
	FUTURE
	GLOBAL
	GRANT
	GRANTS
	GROUP
	HAVING
	HISTORY
	IDENTIFIER
	IF
	IN
	INCREMENT
	INSERT
	INTERSECT
	IS
	KEY
	LANGUAGE
	LIKE
	LIMIT
	LOCAL
	MANAGED
	MATERIALIZED
	MERGE
	MINUS_KW // MINUS, the set operator
	NONE
	NOORDER
	NOT
	NULL
	OF
	OFFSET
	ON
	OPTION
	OR
	ORDER
	OWNER
	OWNERSHIP
	PASSWORD
	PRIMARY
	PRIVILEGES
	PROCEDURE
	PROCEDURES
	QUALIFY
	RENAME
	REPLACE
	RESET
	RESTRICT
	RESTRICTED
	RESUME
	RETURNS
	REVOKE
	ROLE
	ROLES
	SCHEMA
	SCHEMAS
	SECONDARY
	SECURE
	SELECT
	SEQUENCE
	SEQUENCES
	SESSION
	SET
	SHARE
	SHOW
	STAGE
	STAGES
	START
	STARTS
	SUSPEND
	SUSPENDED
	TABLE
	TABLES
	TAG
	TEMP
	TEMPORARY
	TERSE
	THEN
	TO
	TRANSIENT
	TRUE
	TRUNCATE
	TRY_CAST
	UNDROP
	UNION
	UNIQUE
	UNSET
	UPDATE
	USE
	USER
	USERS
	VIEW
	VIEWS
	VOLATILE
	WAREHOUSE
	WAREHOUSES
	WHEN
	WHERE
	WITH
	keywordEnd
)

var tokens = [...]string{
	ILLEGAL: "ILLEGAL",
	EOF:     "EOF",

	IDENT:    "IDENT",
	QIDENT:   "QIDENT",
	STRING:   "STRING",
	NUMBER:   "NUMBER",
	VARIABLE: "VARIABLE",

	LPAREN:    "(",
	RPAREN:    ")",
	LBRACK:    "[",
	RBRACK:    "]",
	LBRACE:    "{",
	RBRACE:    "}",
	COMMA:     ",",
	PERIOD:    ".",
	SEMICOLON: ";",
	EQ:        "=",
	NEQ:       "<>",
	LT:        "<",
	GT:        ">",
	LE:        "<=",
	GE:        ">=",
	PLUS:      "+",
	MINUS:     "-",
	STAR:      "*",
	SLASH:     "/",
	PERCENT:   "%",
	CONCAT:    "||",
	DCOLON:    "::",
	COLON:     ":",
	QUESTION:  "?",
	AT:        "@",
	TILDE:     "~",
	ARROW:     "=>",
	RARROW:    "->",

	ACCESS:       "ACCESS",
	ACCOUNT:      "ACCOUNT",
	ALL:          "ALL",
	ALTER:        "ALTER",
	AND:          "AND",
	APPLICATION:  "APPLICATION",
	AS:           "AS",
	BY:           "BY",
	CALL:         "CALL",
	CALLER:       "CALLER",
	CASCADE:      "CASCADE",
	CASE:         "CASE",
	CAST:         "CAST",
	CLONE:        "CLONE",
	CLUSTER:      "CLUSTER",
	COMMENT:      "COMMENT",
	CONSTRAINT:   "CONSTRAINT",
	COPY:         "COPY",
	CREATE:       "CREATE",
	CURRENT:      "CURRENT",
	DATABASE:     "DATABASE",
	DATABASES:    "DATABASES",
	DELETE:       "DELETE",
	DESC:         "DESC",
	DESCRIBE:     "DESCRIBE",
	DISABLE:      "DISABLE",
	DISTINCT:     "DISTINCT",
	DROP:         "DROP",
	ELSE:         "ELSE",
	ENABLE:       "ENABLE",
	END:          "END",
	EXCEPT:       "EXCEPT",
	EXECUTE:      "EXECUTE",
	EXISTS:       "EXISTS",
	EXPLAIN:      "EXPLAIN",
	FALSE:        "FALSE",
	FETCH:        "FETCH",
	FOR:          "FOR",
	FOREIGN:      "FOREIGN",
	FROM:         "FROM",
	FUNCTION:     "FUNCTION",
	FUNCTIONS:    "FUNCTIONS",
	FUTURE:       "FUTURE",
	GLOBAL:       "GLOBAL",
	GRANT:        "GRANT",
	GRANTS:       "GRANTS",
	GROUP:        "GROUP",
	HAVING:       "HAVING",
	HISTORY:      "HISTORY",
	IDENTIFIER:   "IDENTIFIER",
	IF:           "IF",
	IN:           "IN",
	INCREMENT:    "INCREMENT",
	INSERT:       "INSERT",
	INTERSECT:    "INTERSECT",
	IS:           "IS",
	KEY:          "KEY",
	LANGUAGE:     "LANGUAGE",
	LIKE:         "LIKE",
	LIMIT:        "LIMIT",
	LOCAL:        "LOCAL",
	MANAGED:      "MANAGED",
	MATERIALIZED: "MATERIALIZED",
	MERGE:        "MERGE",
	MINUS_KW:     "MINUS",
	NONE:         "NONE",
	NOORDER:      "NOORDER",
	NOT:          "NOT",
	NULL:         "NULL",
	OF:           "OF",
	OFFSET:       "OFFSET",
	ON:           "ON",
	OPTION:       "OPTION",
	OR:           "OR",
	ORDER:        "ORDER",
	OWNER:        "OWNER",
	OWNERSHIP:    "OWNERSHIP",
	PASSWORD:     "PASSWORD",
	PRIMARY:      "PRIMARY",
	PRIVILEGES:   "PRIVILEGES",
	PROCEDURE:    "PROCEDURE",
	PROCEDURES:   "PROCEDURES",
	QUALIFY:      "QUALIFY",
	RENAME:       "RENAME",
	REPLACE:      "REPLACE",
	RESET:        "RESET",
	RESTRICT:     "RESTRICT",
	RESTRICTED:   "RESTRICTED",
	RESUME:       "RESUME",
	RETURNS:      "RETURNS",
	REVOKE:       "REVOKE",
	ROLE:         "ROLE",
	ROLES:        "ROLES",
	SCHEMA:       "SCHEMA",
	SCHEMAS:      "SCHEMAS",
	SECONDARY:    "SECONDARY",
	SECURE:       "SECURE",
	SELECT:       "SELECT",
	SEQUENCE:     "SEQUENCE",
	SEQUENCES:    "SEQUENCES",
	SESSION:      "SESSION",
	SET:          "SET",
	SHARE:        "SHARE",
	SHOW:         "SHOW",
	STAGE:        "STAGE",
	STAGES:       "STAGES",
	START:        "START",
	STARTS:       "STARTS",
	SUSPEND:      "SUSPEND",
	SUSPENDED:    "SUSPENDED",
	TABLE:        "TABLE",
	TABLES:       "TABLES",
	TAG:          "TAG",
	TEMP:         "TEMP",
	TEMPORARY:    "TEMPORARY",
	TERSE:        "TERSE",
	THEN:         "THEN",
	TO:           "TO",
	TRANSIENT:    "TRANSIENT",
	TRUE:         "TRUE",
	TRUNCATE:     "TRUNCATE",
	TRY_CAST:     "TRY_CAST",
	UNDROP:       "UNDROP",
	UNION:        "UNION",
	UNIQUE:       "UNIQUE",
	UNSET:        "UNSET",
	UPDATE:       "UPDATE",
	USE:          "USE",
	USER:         "USER",
	USERS:        "USERS",
	VIEW:         "VIEW",
	VIEWS:        "VIEWS",
	VOLATILE:     "VOLATILE",
	WAREHOUSE:    "WAREHOUSE",
	WAREHOUSES:   "WAREHOUSES",
	WHEN:         "WHEN",
	WHERE:        "WHERE",
	WITH:         "WITH",
}

// reserved lists the keywords of Snowflake's reserved-keyword list that this
// lexer knows: they cannot be used as unquoted names
// (https://docs.snowflake.com/en/sql-reference/reserved-keywords).
var reserved = map[Token]bool{
	ACCOUNT: true, ALL: true, ALTER: true, AND: true, AS: true, BY: true,
	CASE: true, CAST: true, CONSTRAINT: true, CREATE: true, CURRENT: true,
	DATABASE: true, DELETE: true, DISTINCT: true, DROP: true, ELSE: true,
	EXISTS: true, FALSE: true, FOR: true, FROM: true, GRANT: true, GROUP: true,
	HAVING: true, IN: true, INCREMENT: true, INSERT: true, INTERSECT: true,
	IS: true, LIKE: true, MINUS_KW: true, NOT: true, NULL: true, OF: true,
	ON: true, OR: true, ORDER: true, QUALIFY: true, REVOKE: true, SCHEMA: true,
	SELECT: true, SET: true, START: true, TABLE: true, THEN: true, TO: true,
	TRUE: true, TRY_CAST: true, UNION: true, UNIQUE: true, UPDATE: true,
	VIEW: true, WHEN: true, WHERE: true, WITH: true,
}

var keywords map[string]Token

func init() {
	keywords = make(map[string]Token, keywordEnd-keywordBeg)
	for i := keywordBeg + 1; i < keywordEnd; i++ {
		keywords[tokens[i]] = i
	}
}

// String returns the token's text for operators and keywords (MINUS_KW
// prints as MINUS) and its constant name otherwise.
func (tok Token) String() string {
	if tok >= 0 && int(tok) < len(tokens) && tokens[tok] != "" {
		return tokens[tok]
	}
	return "token(" + strconv.Itoa(int(tok)) + ")"
}

// IsLiteral reports whether tok is an identifier or a literal.
func (tok Token) IsLiteral() bool { return literalBeg < tok && tok < literalEnd }

// IsOperator reports whether tok is an operator or delimiter.
func (tok Token) IsOperator() bool { return operatorBeg < tok && tok < operatorEnd }

// IsKeyword reports whether tok is a keyword.
func (tok Token) IsKeyword() bool { return keywordBeg < tok && tok < keywordEnd }

// IsReserved reports whether tok is a reserved keyword, one that cannot name
// an object unless it is double-quoted.
func (tok Token) IsReserved() bool { return reserved[tok] }

// Lookup maps an unquoted identifier, in any case, to its keyword token, or
// to IDENT if it is not a keyword.
func Lookup(ident string) Token {
	if tok, ok := keywords[strings.ToUpper(ident)]; ok {
		return tok
	}
	return IDENT
}
