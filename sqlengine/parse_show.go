package sqlengine

import (
	"strconv"
)

// ShowGrantsKind says which form of SHOW GRANTS was written.
type ShowGrantsKind int

// The SHOW GRANTS forms.
const (
	ShowGrantsCurrentUser ShowGrantsKind = iota + 1 // SHOW GRANTS: the roles granted to the current user
	ShowGrantsOn                                    // SHOW GRANTS ON ACCOUNT | ON <object_type> name
	ShowGrantsTo                                    // SHOW GRANTS TO ROLE | DATABASE ROLE | APPLICATION ROLE | USER | SHARE | APPLICATION
	ShowGrantsOf                                    // SHOW GRANTS OF ROLE | DATABASE ROLE | APPLICATION ROLE | SHARE
)

// String returns the form's keyword: "", ON, TO or OF.
func (k ShowGrantsKind) String() string {
	switch k {
	case ShowGrantsCurrentUser:
		return ""
	case ShowGrantsOn:
		return "ON"
	case ShowGrantsTo:
		return "TO"
	case ShowGrantsOf:
		return "OF"
	}
	return "ShowGrantsKind(" + itoa(int(k)) + ")"
}

// ShowGrants is SHOW GRANTS [ON ... | TO ... | OF ...] [LIMIT n].
type ShowGrants struct {
	Kind    ShowGrantsKind // which form
	On      GrantTarget    // ShowGrantsOn: TargetAccount or TargetObject
	Grantee Grantee        // ShowGrantsTo, ShowGrantsOf: whose grants
	Limit   *int64         // LIMIT n; nil when absent
}

var _ Statement = (*ShowGrants)(nil)

func (*ShowGrants) stmt() {}

// String implements Statement.
func (n *ShowGrants) String() string {
	s := &sqlWriter{}
	s.w("SHOW GRANTS")
	switch n.Kind {
	case ShowGrantsOn:
		s.w("ON", n.On.String())
	case ShowGrantsTo:
		s.w("TO", n.Grantee.String())
	case ShowGrantsOf:
		s.w("OF", n.Grantee.String())
	}
	return s.w(limitSQL(n.Limit)).String()
}

func limitSQL(n *int64) string {
	if n == nil {
		return ""
	}
	return "LIMIT " + strconv.FormatInt(*n, 10)
}

// ShowFutureGrants is SHOW FUTURE GRANTS IN SCHEMA s | IN DATABASE d |
// TO ROLE r | TO DATABASE ROLE r [LIMIT n].
type ShowFutureGrants struct {
	InKind ObjectKind // KindDatabase or KindSchema for the IN forms; 0 for the TO forms
	In     ObjectName // IN: the database or [db.]schema
	To     Grantee    // TO: GranteeRole or GranteeDatabaseRole; zero for the IN forms
	Limit  *int64     // LIMIT n; nil when absent
}

var _ Statement = (*ShowFutureGrants)(nil)

func (*ShowFutureGrants) stmt() {}

// String implements Statement.
func (n *ShowFutureGrants) String() string {
	s := &sqlWriter{}
	s.w("SHOW FUTURE GRANTS")
	if n.InKind != 0 {
		s.w("IN", n.InKind.String(), n.In.sql())
	} else {
		s.w("TO", n.To.String())
	}
	return s.w(limitSQL(n.Limit)).String()
}

// ScopeKind says which IN clause a SHOW has.
type ScopeKind int

// The scopes. The zero value means no IN clause.
const (
	ScopeNone        ScopeKind = iota
	ScopeAccount               // IN ACCOUNT
	ScopeDatabase              // IN DATABASE [name]
	ScopeSchema                // IN SCHEMA [name]
	ScopeName                  // IN name (a database or schema, by the name's shape)
	ScopeApplication           // IN APPLICATION name
)

// String returns the scope's keywords: "", IN ACCOUNT, IN DATABASE, IN SCHEMA or IN.
func (k ScopeKind) String() string {
	switch k {
	case ScopeNone:
		return ""
	case ScopeAccount:
		return "IN ACCOUNT"
	case ScopeDatabase:
		return "IN DATABASE"
	case ScopeSchema:
		return "IN SCHEMA"
	case ScopeName:
		return "IN"
	case ScopeApplication:
		return "IN APPLICATION"
	}
	return "ScopeKind(" + itoa(int(k)) + ")"
}

// ShowScope is the IN clause of SHOW <objects>.
type ShowScope struct {
	Kind ScopeKind  // which form
	Name ObjectName // the database or schema; nil for IN ACCOUNT and for IN DATABASE/SCHEMA without a name (the current one)
}

// String renders the clause as SQL ("" for ScopeNone).
func (sc ShowScope) String() string {
	s := &sqlWriter{}
	s.w(sc.Kind.String())
	if sc.Name != nil {
		s.w(sc.Name.sql())
	}
	return s.String()
}

// ShowObjects is SHOW [TERSE] <objects> [HISTORY] [LIKE 'p'] [IN ...]
// [STARTS WITH 's'] [LIMIT n [FROM 's']] for ROLES, DATABASE ROLES, USERS,
// DATABASES, SCHEMAS, WAREHOUSES, TABLES, VIEWS, MATERIALIZED VIEWS, STAGES,
// SEQUENCES, FUNCTIONS and PROCEDURES. SHOW of other known object types
// parses as Unsupported.
type ShowObjects struct {
	Terse      bool       // TERSE
	Kind       ObjectKind // what to list
	History    bool       // HISTORY (the executor may reject it)
	Like       *string    // LIKE pattern; nil when absent
	In         ShowScope  // IN clause
	StartsWith *string    // STARTS WITH prefix; nil when absent
	Limit      *int64     // LIMIT n; nil when absent
	From       *string    // LIMIT n FROM 'name'; nil when absent
}

var _ Statement = (*ShowObjects)(nil)

func (*ShowObjects) stmt() {}

// String implements Statement.
func (n *ShowObjects) String() string {
	s := &sqlWriter{}
	s.w("SHOW").flag(n.Terse, "TERSE").w(n.Kind.Plural()).flag(n.History, "HISTORY")
	if n.Like != nil {
		s.w("LIKE", quoteString(*n.Like))
	}
	s.w(n.In.String())
	if n.StartsWith != nil {
		s.w("STARTS WITH", quoteString(*n.StartsWith))
	}
	s.w(limitSQL(n.Limit))
	if n.From != nil {
		s.w("FROM", quoteString(*n.From))
	}
	return s.String()
}

var showKinds = []ObjectKind{
	KindRole, KindDatabaseRole, KindUser, KindDatabase, KindSchema, KindWarehouse, KindTable,
	KindView, KindMaterializedView, KindStage, KindSequence, KindFunction, KindProcedure, KindApplication,
	KindApplicationRole, KindStreamlit, KindApplicationPackage,
}

// parseShowKind reads the plural of a kind SHOW lists, or returns 0.
func (p *parser) parseShowKind() ObjectKind {
	return p.longestKind(showKinds, ObjectKind.Plural, false)
}

func (p *parser) parseShow() Statement {
	start := p.i
	p.next()
	switch {
	case p.tok == GRANTS:
		p.next()
		return p.parseShowGrants()
	case p.tok == FUTURE && p.peek(1).tok == GRANTS:
		p.next()
		p.next()
		return p.parseShowFutureGrants()
	}
	if isWordText(p.cur(), "COLUMNS") {
		return p.parseShowColumns()
	}
	if p.atShowReferences() {
		return p.parseShowReferences()
	}
	if p.atShowVersions() {
		return p.parseShowVersions()
	}
	if p.atShowTelemetry() {
		return p.parseShowTelemetry()
	}
	if p.atShowPrivileges() {
		return p.parseShowPrivileges()
	}
	if p.atShowOwnedObjects() {
		return p.parseShowOwnedObjects()
	}
	n := &ShowObjects{Terse: p.got(TERSE)}
	n.Kind = p.parseShowKind()
	if n.Kind == 0 {
		return p.parseUnsupportedKind(start, "SHOW", showTypes)
	}
	n.History = p.got(HISTORY)
	if p.got(LIKE) {
		s := p.parseString()
		n.Like = &s
	}
	if p.got(IN) {
		switch {
		case p.got(ACCOUNT):
			n.In.Kind = ScopeAccount
		case p.tok == APPLICATION && isNameStart(p.peek(1)):
			p.next()
			n.In.Kind, n.In.Name = ScopeApplication, p.parseName(1)
		case p.tok == DATABASE || p.tok == SCHEMA:
			n.In.Kind = ScopeDatabase
			kind := KindDatabase
			if p.tok == SCHEMA {
				n.In.Kind, kind = ScopeSchema, KindSchema
			}
			p.next()
			if isNameStart(p.cur()) && !(p.tok == STARTS && p.peek(1).tok == WITH) && !(p.tok == LIMIT && p.peek(1).tok == NUMBER) {
				n.In.Name = p.parseName(kind.NameParts())
			}
		default:
			n.In.Kind = ScopeName
			n.In.Name = p.parseName(2)
		}
	}
	if p.tok == STARTS && p.peek(1).tok == WITH {
		p.next()
		p.next()
		s := p.parseString()
		n.StartsWith = &s
	}
	if p.got(LIMIT) {
		n.Limit = p.parseLimit()
		if p.got(FROM) {
			s := p.parseString()
			n.From = &s
		}
	}
	return n
}

func (p *parser) parseShowGrants() Statement {
	n := &ShowGrants{Kind: ShowGrantsCurrentUser}
	switch {
	case p.got(ON):
		n.Kind = ShowGrantsOn
		n.On = p.parseGrantTarget(false)
	case p.got(TO):
		n.Kind = ShowGrantsTo
		n.Grantee = p.parseGrantee(false, GranteeRole, GranteeDatabaseRole, GranteeApplicationRole,
			GranteeUser, GranteeShare, GranteeApplication, GranteePackageShare)
	case p.got(OF):
		n.Kind = ShowGrantsOf
		n.Grantee = p.parseGrantee(false, GranteeRole, GranteeDatabaseRole, GranteeApplicationRole, GranteeShare)
	}
	if p.got(LIMIT) {
		n.Limit = p.parseLimit()
	}
	return n
}

func (p *parser) parseShowFutureGrants() Statement {
	n := &ShowFutureGrants{}
	switch {
	case p.got(IN):
		switch p.tok {
		case DATABASE:
			n.InKind = KindDatabase
		case SCHEMA:
			n.InKind = KindSchema
		default:
			p.errorUnexpected()
		}
		p.next()
		n.In = p.parseName(n.InKind.NameParts())
	case p.got(TO):
		n.To = p.parseGrantee(false, GranteeRole, GranteeDatabaseRole)
	default:
		p.errorUnexpected()
	}
	if p.got(LIMIT) {
		n.Limit = p.parseLimit()
	}
	return n
}
