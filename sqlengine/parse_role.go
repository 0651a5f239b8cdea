package sqlengine

// CreateRole is CREATE [OR REPLACE] ROLE [IF NOT EXISTS] name [COMMENT = 'c'].
type CreateRole struct {
	OrReplace   bool    // OR REPLACE
	IfNotExists bool    // IF NOT EXISTS
	Name        string  // the role
	Comment     *string // COMMENT = 'c'; nil when absent
}

var _ Statement = (*CreateRole)(nil)

func (*CreateRole) stmt() {}

// String implements Statement.
func (n *CreateRole) String() string {
	s := createSQL(n.OrReplace)
	return s.w("ROLE", ifNotExistsSQL(n.IfNotExists), quoteName(n.Name), commentSQL(n.Comment)).String()
}

// CreateDatabaseRole is CREATE [OR REPLACE] DATABASE ROLE [IF NOT EXISTS]
// [db.]name [COMMENT = 'c'].
type CreateDatabaseRole struct {
	OrReplace   bool       // OR REPLACE
	IfNotExists bool       // IF NOT EXISTS
	Name        ObjectName // [db.]role: without db the session's current database
	Comment     *string    // COMMENT = 'c'; nil when absent
}

var _ Statement = (*CreateDatabaseRole)(nil)

func (*CreateDatabaseRole) stmt() {}

// String implements Statement.
func (n *CreateDatabaseRole) String() string {
	s := createSQL(n.OrReplace)
	return s.w("DATABASE ROLE", ifNotExistsSQL(n.IfNotExists), n.Name.sql(), commentSQL(n.Comment)).String()
}

// GrantRole is GRANT ROLE r TO ROLE p | USER u [WITH GRANT OPTION], or
// GRANT DATABASE ROLE d TO ROLE p | DATABASE ROLE p | USER u | APPLICATION a
// [WITH GRANT OPTION].
type GrantRole struct {
	DatabaseRole    bool       // GRANT DATABASE ROLE (else GRANT ROLE)
	ApplicationRole bool       // GRANT APPLICATION ROLE [app.]r TO ROLE | APPLICATION ROLE | USER (spec §2.9)
	Role            ObjectName // the granted role: one part, or [db.]name for a database role
	To              Grantee    // GranteeRole or GranteeUser; for database roles also GranteeDatabaseRole, GranteeApplication
	WithGrantOption bool       // WITH GRANT OPTION
}

var _ Statement = (*GrantRole)(nil)

func (*GrantRole) stmt() {}

// String implements Statement.
func (n *GrantRole) String() string {
	s := &sqlWriter{}
	s.w("GRANT", pick(n.DatabaseRole, "DATABASE"), pick(n.ApplicationRole, "APPLICATION"), "ROLE", n.Role.sql(),
		"TO", n.To.String())
	return s.flag(n.WithGrantOption, "WITH GRANT OPTION").String()
}

// RevokeRole is REVOKE [GRANT OPTION FOR] ROLE r FROM ROLE p | USER u
// [RESTRICT|CASCADE], or the same with DATABASE ROLE d (FROM ROLE,
// DATABASE ROLE, USER or APPLICATION).
type RevokeRole struct {
	GrantOptionFor  bool         // GRANT OPTION FOR: revoke only the grant option
	DatabaseRole    bool         // REVOKE DATABASE ROLE (else REVOKE ROLE)
	ApplicationRole bool         // REVOKE APPLICATION ROLE
	Role            ObjectName   // the revoked role: one part, or [db.]name for a database role
	From            Grantee      // as GrantRole.To
	Behavior        DropBehavior // RESTRICT or CASCADE; BehaviorNone when absent
}

var _ Statement = (*RevokeRole)(nil)

func (*RevokeRole) stmt() {}

// String implements Statement.
func (n *RevokeRole) String() string {
	s := &sqlWriter{}
	s.w("REVOKE").flag(n.GrantOptionFor, "GRANT OPTION FOR")
	s.w(pick(n.DatabaseRole, "DATABASE"), pick(n.ApplicationRole, "APPLICATION"), "ROLE", n.Role.sql(), "FROM",
		n.From.String())
	return s.w(n.Behavior.String()).String()
}

// atRoleGrant reports whether GRANT/REVOKE continues with [DATABASE] ROLE
// name (a role grant) rather than a privilege list.
func (p *parser) atRoleGrant() (databaseRole, ok bool) {
	switch {
	case p.tok == ROLE && isNameStart(p.peek(1)):
		return false, true
	case p.tok == DATABASE && p.peek(1).tok == ROLE && isNameStart(p.peek(2)):
		return true, true
	}
	return false, false
}

// parseGrantRole parses the rest of GRANT [DATABASE] ROLE ... after GRANT.
func (p *parser) parseGrantRole(databaseRole bool) Statement {
	n := &GrantRole{DatabaseRole: databaseRole}
	if databaseRole {
		p.next()
		p.next()
		n.Role = p.parseName(2)
		p.expect(TO)
		n.To = p.parseGrantee(false, GranteeRole, GranteeDatabaseRole, GranteeUser, GranteeApplication)
	} else {
		p.next()
		n.Role = p.parseName(1)
		p.expect(TO)
		n.To = p.parseGrantee(false, GranteeRole, GranteeUser)
	}
	if p.tok == WITH {
		p.next()
		p.expect(GRANT)
		p.expect(OPTION)
		n.WithGrantOption = true
	}
	return n
}

// parseRevokeRole parses the rest of REVOKE [GRANT OPTION FOR] [DATABASE] ROLE ...
func (p *parser) parseRevokeRole(grantOptionFor, databaseRole bool) Statement {
	n := &RevokeRole{GrantOptionFor: grantOptionFor, DatabaseRole: databaseRole}
	if databaseRole {
		p.next()
		p.next()
		n.Role = p.parseName(2)
		p.expect(FROM)
		n.From = p.parseGrantee(false, GranteeRole, GranteeDatabaseRole, GranteeUser, GranteeApplication)
	} else {
		p.next()
		n.Role = p.parseName(1)
		p.expect(FROM)
		n.From = p.parseGrantee(false, GranteeRole, GranteeUser)
	}
	n.Behavior = p.parseBehavior()
	return n
}

// atApplicationRoleGrant reports whether GRANT/REVOKE continues with
// APPLICATION ROLE name.
func (p *parser) atApplicationRoleGrant() bool {
	return p.tok == APPLICATION && p.peek(1).tok == ROLE && isNameStart(p.peek(2))
}

// parseGrantApplicationRole parses the rest of GRANT APPLICATION ROLE
// [app.]r TO { ROLE r | APPLICATION ROLE r | USER u } after GRANT. The
// documented grammar has no WITH GRANT OPTION.
func (p *parser) parseGrantApplicationRole() Statement {
	p.next()
	p.next()
	n := &GrantRole{ApplicationRole: true, Role: p.parseName(2)}
	p.expect(TO)
	n.To = p.parseGrantee(false, GranteeRole, GranteeApplicationRole, GranteeUser)
	return n
}

// parseRevokeApplicationRole parses the rest of REVOKE APPLICATION ROLE
// [app.]r FROM { ROLE r | APPLICATION ROLE r | USER u }.
func (p *parser) parseRevokeApplicationRole(grantOptionFor bool) Statement {
	p.next()
	p.next()
	n := &RevokeRole{GrantOptionFor: grantOptionFor, ApplicationRole: true, Role: p.parseName(2)}
	p.expect(FROM)
	n.From = p.parseGrantee(false, GranteeRole, GranteeApplicationRole, GranteeUser)
	n.Behavior = p.parseBehavior()
	return n
}
