package sqlengine

import (
	"strconv"
	"strings"

	"github.com/frostgate/frostgate/emulator/account"
)

// ObjectName is a name of 1 to 3 parts (database, schema, object), each
// already normalized by account.NormalizeIdent. Which parts a name has is
// what was written: resolving against the session's current database and
// schema is the executor's job.
type ObjectName []string

// String returns the name as Snowflake prints it: parts joined by '.',
// quoted only where needed (account.QualifiedName).
func (n ObjectName) String() string { return account.QualifiedName(n...) }

// Last returns the object's own name, the last part ("" for an empty name).
func (n ObjectName) Last() string {
	if len(n) == 0 {
		return ""
	}
	return n[len(n)-1]
}

// sql prints the name for SQL text: like String, but keywords are quoted too
// so that the text always parses back to the same name.
func (n ObjectName) sql() string {
	parts := make([]string, len(n))
	for i, s := range n {
		parts[i] = quoteName(s)
	}
	return strings.Join(parts, ".")
}

// quoteName renders one stored identifier for SQL text.
func quoteName(s string) string {
	q := account.QuoteIdent(s)
	if q == s && Lookup(s).IsKeyword() {
		return `"` + s + `"`
	}
	return q
}

// ObjectKind is a kind of object that Frostgate models.
type ObjectKind int

// The object kinds. The zero value means "none".
const (
	KindRole ObjectKind = iota + 1
	KindDatabaseRole
	KindUser
	KindDatabase
	KindSchema
	KindWarehouse
	KindTable
	KindView
	KindMaterializedView
	KindStage
	KindSequence
	KindFunction
	KindProcedure
	KindApplication
	KindApplicationRole
	KindStreamlit
	KindApplicationPackage
	numKinds
)

var kindInfo = [...]struct {
	name, plural string
	parts        int // how many name parts a name of this kind may have
}{
	KindRole:               {"ROLE", "ROLES", 1},
	KindDatabaseRole:       {"DATABASE ROLE", "DATABASE ROLES", 2},
	KindUser:               {"USER", "USERS", 1},
	KindDatabase:           {"DATABASE", "DATABASES", 1},
	KindSchema:             {"SCHEMA", "SCHEMAS", 2},
	KindWarehouse:          {"WAREHOUSE", "WAREHOUSES", 1},
	KindTable:              {"TABLE", "TABLES", 3},
	KindView:               {"VIEW", "VIEWS", 3},
	KindMaterializedView:   {"MATERIALIZED VIEW", "MATERIALIZED VIEWS", 3},
	KindStage:              {"STAGE", "STAGES", 3},
	KindSequence:           {"SEQUENCE", "SEQUENCES", 3},
	KindFunction:           {"FUNCTION", "FUNCTIONS", 3},
	KindProcedure:          {"PROCEDURE", "PROCEDURES", 3},
	KindApplication:        {"APPLICATION", "APPLICATIONS", 1},
	KindApplicationRole:    {"APPLICATION ROLE", "APPLICATION ROLES", 2},
	KindStreamlit:          {"STREAMLIT", "STREAMLITS", 3},
	KindApplicationPackage: {"APPLICATION PACKAGE", "APPLICATION PACKAGES", 1},
}

func (k ObjectKind) valid() bool { return k > 0 && k < numKinds }

// String returns the kind as SQL spells it: "DATABASE ROLE".
func (k ObjectKind) String() string {
	if !k.valid() {
		return "ObjectKind(" + itoa(int(k)) + ")"
	}
	return kindInfo[k].name
}

// Plural returns the kind's plural as SHOW spells it: "DATABASE ROLES".
func (k ObjectKind) Plural() string {
	if !k.valid() {
		return k.String()
	}
	return kindInfo[k].plural
}

// NameParts returns the most parts a name of this kind may have: 1 for
// account objects, 2 for schemas and database roles, 3 for schema objects.
func (k ObjectKind) NameParts() int {
	if !k.valid() {
		return 3
	}
	return kindInfo[k].parts
}

// parseKind reads one of the given kinds at the current token, or returns 0
// without consuming anything. A two-word kind (DATABASE ROLE) is taken only
// when a name follows it: "DROP DATABASE role" drops a database named ROLE.
func (p *parser) parseKind(kinds ...ObjectKind) ObjectKind {
	return p.longestKind(kinds, ObjectKind.String, true)
}

// longestKind reads the longest of kinds, as spell writes it, at the
// current token, or returns 0 without consuming anything. With needName, a
// kind of several words is taken only when a name follows it.
func (p *parser) longestKind(kinds []ObjectKind, spell func(ObjectKind) string, needName bool) ObjectKind {
	var best ObjectKind
	bestLen := 0
	for _, k := range kinds {
		words := strings.Fields(spell(k))
		if len(words) <= bestLen {
			continue
		}
		ok := true
		for i, w := range words {
			if !isWordText(p.peek(i), w) {
				ok = false
				break
			}
		}
		if ok && needName && len(words) > 1 && !isNameStart(p.peek(len(words))) {
			ok = false
		}
		if ok {
			best, bestLen = k, len(words)
		}
	}
	for range bestLen {
		p.next()
	}
	return best
}

// DropBehavior is the optional CASCADE or RESTRICT of DROP and REVOKE.
type DropBehavior int

// The drop behaviours. The zero value means neither was written.
const (
	BehaviorNone DropBehavior = iota
	BehaviorRestrict
	BehaviorCascade
)

// String returns "", "RESTRICT" or "CASCADE".
func (b DropBehavior) String() string {
	switch b {
	case BehaviorRestrict:
		return "RESTRICT"
	case BehaviorCascade:
		return "CASCADE"
	}
	return ""
}

func (p *parser) parseBehavior() DropBehavior {
	switch {
	case p.got(RESTRICT):
		return BehaviorRestrict
	case p.got(CASCADE):
		return BehaviorCascade
	}
	return BehaviorNone
}

// ValueKind says what a property Value holds.
type ValueKind int

// The value kinds.
const (
	ValueString ValueKind = iota + 1 // 'text' or $$text$$: Str holds the text
	ValueNumber                      // 12, -1, 1.5: Str holds the number as written
	ValueBool                        // TRUE or FALSE: Bool
	ValueNull                        // NULL
	ValueIdent                       // an identifier, possibly qualified: Name
	ValueList                        // ( v, v, ... ): List; () gives an empty List
	ValueProps                       // ( NAME = v NAME = v ... ): Props
)

// String returns the kind's name in lower case, for test failures.
func (k ValueKind) String() string {
	switch k {
	case ValueString:
		return "string"
	case ValueNumber:
		return "number"
	case ValueBool:
		return "bool"
	case ValueNull:
		return "null"
	case ValueIdent:
		return "ident"
	case ValueList:
		return "list"
	case ValueProps:
		return "props"
	}
	return "ValueKind(" + itoa(int(k)) + ")"
}

// Value is the typed value of a property.
type Value struct {
	Kind  ValueKind
	Str   string     // ValueString: the text; ValueNumber: the number's text
	Bool  bool       // ValueBool
	Name  ObjectName // ValueIdent
	List  []Value    // ValueList
	Props Properties // ValueProps
}

// String renders the value as SQL.
func (v Value) String() string {
	switch v.Kind {
	case ValueString:
		return quoteString(v.Str)
	case ValueNumber:
		return v.Str
	case ValueBool:
		if v.Bool {
			return "TRUE"
		}
		return "FALSE"
	case ValueNull:
		return "NULL"
	case ValueIdent:
		return v.Name.sql()
	case ValueList:
		parts := make([]string, len(v.List))
		for i, e := range v.List {
			parts[i] = e.String()
		}
		return "(" + strings.Join(parts, ", ") + ")"
	case ValueProps:
		return "(" + v.Props.String() + ")"
	}
	return ""
}

// Text returns the value as a plain string: a string's text, a number's
// digits, TRUE/FALSE, NULL, or an identifier's normalized name; lists and
// property lists give their SQL.
func (v Value) Text() string {
	switch v.Kind {
	case ValueString, ValueNumber:
		return v.Str
	case ValueIdent:
		return v.Name.String()
	}
	return v.String()
}

// Property is one NAME = value option.
type Property struct {
	Name  string // upper case: COMMENT, DEFAULT_ROLE, WAREHOUSE_SIZE
	Value Value
}

// String renders the property as SQL.
func (pr Property) String() string { return pr.Name + " = " + pr.Value.String() }

// Properties is a list of options in the order written.
type Properties []Property

// Get returns the last value given for name (upper case).
func (ps Properties) Get(name string) (Value, bool) {
	for i := len(ps) - 1; i >= 0; i-- {
		if ps[i].Name == name {
			return ps[i].Value, true
		}
	}
	return Value{}, false
}

// String renders the properties space-separated.
func (ps Properties) String() string {
	parts := make([]string, len(ps))
	for i, pr := range ps {
		parts[i] = pr.String()
	}
	return strings.Join(parts, " ")
}

// atProperty reports whether a NAME = value option starts here.
func (p *parser) atProperty() bool { return isWord(p.cur()) && p.peek(1).tok == EQ }

// parseProperties reads NAME = value options, separated by spaces or commas.
func (p *parser) parseProperties() Properties {
	var ps Properties
	for p.atProperty() {
		ps = append(ps, p.parseProperty())
		if p.tok == COMMA && isWord(p.peek(1)) && p.peek(2).tok == EQ {
			p.next()
		}
	}
	return ps
}

func (p *parser) parseProperty() Property {
	name := p.word()
	p.expect(EQ)
	return Property{Name: name, Value: p.parseValue()}
}

// parseValue reads a property value.
func (p *parser) parseValue() Value {
	p.incNest()
	defer p.decNest()
	t := p.cur()
	switch {
	case t.tok == STRING:
		p.next()
		return Value{Kind: ValueString, Str: unquoteString(t.lit)}
	case t.tok == NUMBER, t.tok == MINUS, t.tok == PLUS:
		return Value{Kind: ValueNumber, Str: p.parseSignedNumber()}
	case t.tok == TRUE, t.tok == FALSE:
		p.next()
		return Value{Kind: ValueBool, Bool: t.tok == TRUE}
	case t.tok == NULL:
		p.next()
		return Value{Kind: ValueNull}
	case t.tok == LPAREN:
		p.next()
		if p.atProperty() {
			var ps Properties
			for p.atProperty() {
				ps = append(ps, p.parseProperty())
				p.got(COMMA)
			}
			p.expect(RPAREN)
			return Value{Kind: ValueProps, Props: ps}
		}
		v := Value{Kind: ValueList}
		if p.got(RPAREN) {
			return v
		}
		for {
			v.List = append(v.List, p.parseValue())
			if !p.got(COMMA) {
				break
			}
		}
		p.expect(RPAREN)
		return v
	case isNameStart(t):
		return Value{Kind: ValueIdent, Name: p.parseName(3)}
	}
	p.errorAt(t)
	return Value{}
}

// parseWordList reads word [, word ...] (property names after UNSET).
func (p *parser) parseWordList() []string {
	ws := []string{p.word()}
	for p.got(COMMA) {
		ws = append(ws, p.word())
	}
	return ws
}

// GranteeKind says what receives a grant (or what a SHOW GRANTS TO/OF names).
type GranteeKind int

// The grantee kinds.
const (
	GranteeRole            GranteeKind = iota + 1 // ROLE r (the keyword may be omitted after TO/FROM in privilege grants)
	GranteeDatabaseRole                           // DATABASE ROLE [db.]r
	GranteeApplicationRole                        // APPLICATION ROLE [app.]r
	GranteeUser                                   // USER u
	GranteeShare                                  // SHARE s
	GranteeApplication                            // APPLICATION a
	GranteePackageShare                           // SHARE IN APPLICATION PACKAGE p: the package's share (account/appshare.go)
)

var granteeWords = [...]string{
	GranteeRole:            "ROLE",
	GranteeDatabaseRole:    "DATABASE ROLE",
	GranteeApplicationRole: "APPLICATION ROLE",
	GranteeUser:            "USER",
	GranteeShare:           "SHARE",
	GranteeApplication:     "APPLICATION",
	GranteePackageShare:    "SHARE IN APPLICATION PACKAGE",
}

var granteeParts = [...]int{
	GranteeRole: 1, GranteeDatabaseRole: 2, GranteeApplicationRole: 2,
	GranteeUser: 1, GranteeShare: 2, GranteeApplication: 1, GranteePackageShare: 1,
}

// String returns the kind as SQL spells it: "DATABASE ROLE".
func (k GranteeKind) String() string {
	if k > 0 && int(k) < len(granteeWords) {
		return granteeWords[k]
	}
	return "GranteeKind(" + itoa(int(k)) + ")"
}

// Grantee is a role, database role, application role, user, share or
// application named in a grant. The zero value means none.
type Grantee struct {
	Kind GranteeKind
	Name ObjectName // 1 part, or 2 for database and application roles ([db.]name) and shares
}

// String renders the grantee as SQL: "ROLE R", "DATABASE ROLE D.R".
func (g Grantee) String() string { return g.Kind.String() + " " + g.Name.sql() }

// parseGrantee reads a grantee of one of the allowed kinds. With bareRole,
// a name without a kind keyword is a role.
func (p *parser) parseGrantee(bareRole bool, allowed ...GranteeKind) Grantee {
	// Find the longest kind keyword sequence that is followed by a name.
	kind, n := GranteeKind(0), 0
	for k := GranteeRole; int(k) < len(granteeWords); k++ {
		words := strings.Fields(granteeWords[k])
		if len(words) <= n {
			continue
		}
		ok := true
		for i, w := range words {
			if !isWordText(p.peek(i), w) {
				ok = false
				break
			}
		}
		if ok && isNameStart(p.peek(len(words))) {
			kind, n = k, len(words)
		}
	}
	if kind == 0 {
		if !bareRole {
			p.errorUnexpected()
		}
		return Grantee{Kind: GranteeRole, Name: p.parseName(1)}
	}
	ok := false
	for _, a := range allowed {
		ok = ok || a == kind
	}
	if !ok {
		p.errorUnexpected()
	}
	for range n {
		p.next()
	}
	return Grantee{Kind: kind, Name: p.parseName(granteeParts[kind])}
}

// parseArgTypes reads ( [type, ...] ) after a function or procedure name.
func (p *parser) parseArgTypes() []string {
	p.expect(LPAREN)
	types := []string{}
	if p.got(RPAREN) {
		return types
	}
	for {
		types = append(types, p.parseType())
		if !p.got(COMMA) {
			break
		}
	}
	p.expect(RPAREN)
	return types
}

func argTypesSQL(types []string) string {
	if types == nil {
		return ""
	}
	return "(" + strings.Join(types, ", ") + ")"
}

// sqlWriter builds canonical SQL text word by word.
type sqlWriter struct{ b strings.Builder }

// w appends words separated by single spaces, skipping empty ones.
func (s *sqlWriter) w(words ...string) *sqlWriter {
	for _, w := range words {
		if w == "" {
			continue
		}
		if s.b.Len() > 0 {
			s.b.WriteByte(' ')
		}
		s.b.WriteString(w)
	}
	return s
}

// raw appends text with no separator.
func (s *sqlWriter) raw(text string) *sqlWriter {
	s.b.WriteString(text)
	return s
}

// flag appends word when on is set.
func (s *sqlWriter) flag(on bool, word string) *sqlWriter {
	if on {
		s.w(word)
	}
	return s
}

func (s *sqlWriter) String() string { return s.b.String() }

func commentSQL(c *string) string {
	if c == nil {
		return ""
	}
	return "COMMENT = " + quoteString(*c)
}

func itoa(n int) string { return strconv.Itoa(n) }
