package account

import "sort"

// What INFORMATION_SCHEMA and SNOWFLAKE.ACCOUNT_USAGE show about access:
// grants with their object's parts, the roles a user may use, the roles a
// session has enabled. Who may see which rows is decided here, with the
// rest of the rules.

// PrivilegeGrant is one privilege grant (OWNERSHIP included) on an object,
// with the object's name split into its parts.
type PrivilegeGrant struct {
	GrantRow
	Database string // the containing database ("" for account-level objects)
	Schema   string // the containing schema ("" unless in a schema)
	Object   string // the object's own name
}

// parts splits an object's name into database, schema and own name.
func (a *Account) parts(o *object) (db, schema, name string) {
	switch {
	case o.kind.inSchema():
		s := a.objects[o.parent]
		return a.objects[s.parent].name, s.name, o.name
	case o.kind.inDatabase():
		return a.objects[o.parent].name, "", o.name
	case o.kind == KindDatabase:
		return o.name, "", o.name
	}
	return "", "", o.name
}

func (a *Account) privilegeGrants(o *object) []PrivilegeGrant {
	db, schema, name := a.parts(o)
	var rows []GrantRow
	if o.owner != system {
		rows = append(rows, a.ownerRow(o))
	}
	rows = append(rows, a.aclRows(o, system)...)
	out := make([]PrivilegeGrant, len(rows))
	for i, r := range rows {
		out[i] = PrivilegeGrant{GrantRow: r, Database: db, Schema: schema, Object: name}
	}
	return out
}

// GrantsInDatabase returns the grants on the database named db and on
// every object in it that the session may see (INFORMATION_SCHEMA's
// OBJECT_PRIVILEGES and TABLE_PRIVILEGES): the database's own grants need
// it to be visible, as any of its objects does.
func (a *Account) GrantsInDatabase(x *Actor, db string) ([]PrivilegeGrant, error) {
	a.mu.RLock()
	defer a.mu.RUnlock()
	x.refresh()
	d, err := a.resolveScope(x, Ref{Kind: KindDatabase, Path: []string{db}})
	if err != nil {
		return nil, err
	}
	out := a.privilegeGrants(d)
	var walk func(c *object)
	walk = func(c *object) {
		for _, id := range sortedIDs(c.children) {
			o := a.objects[id]
			if o.dropped || o.kind.isPrincipal() || !a.visible(x, o) {
				continue
			}
			out = append(out, a.privilegeGrants(o)...)
			if o.kind == KindSchema {
				walk(o)
			}
		}
	}
	walk(d)
	return out, nil
}

// canReadAccountUsage reports whether the session may query the
// SNOWFLAKE.ACCOUNT_USAGE views: ACCOUNTADMIN, which Snowflake grants
// IMPORTED PRIVILEGES on the SNOWFLAKE database, is among its active roles.
func (a *Account) canReadAccountUsage(x *Actor) bool {
	return x.active.has(a.accountadmin)
}

// GrantsToRoles returns SNOWFLAKE.ACCOUNT_USAGE.GRANTS_TO_ROLES: every
// privilege grant (OWNERSHIP included) on every live object to a role or
// database role, and every role granted to a role as USAGE on it. A
// session that may not read ACCOUNT_USAGE gets ErrNotFound.
func (a *Account) GrantsToRoles(x *Actor) ([]PrivilegeGrant, error) {
	a.mu.RLock()
	defer a.mu.RUnlock()
	x.refresh()
	if !a.canReadAccountUsage(x) {
		return nil, notFound(KindTable, "SNOWFLAKE.ACCOUNT_USAGE.GRANTS_TO_ROLES")
	}
	var out []PrivilegeGrant
	for _, o := range a.objects[1:] {
		if !a.live(o) || o.kind == KindUser {
			continue
		}
		for _, g := range a.privilegeGrants(o) {
			if g.GrantedTo != "USER" {
				out = append(out, g)
			}
		}
	}
	for _, g := range a.sortedRoleGrants() {
		if a.principals[g.grantee].kind == KindUser {
			continue
		}
		r := a.roleUsageRow(g)
		out = append(out, PrivilegeGrant{GrantRow: r, Object: a.principalName(g.role)})
	}
	return out, nil
}

// GrantsToUsers returns SNOWFLAKE.ACCOUNT_USAGE.GRANTS_TO_USERS: every
// role granted to a user.
func (a *Account) GrantsToUsers(x *Actor) ([]RoleGrantRow, error) {
	a.mu.RLock()
	defer a.mu.RUnlock()
	x.refresh()
	if !a.canReadAccountUsage(x) {
		return nil, notFound(KindTable, "SNOWFLAKE.ACCOUNT_USAGE.GRANTS_TO_USERS")
	}
	var out []RoleGrantRow
	for _, g := range a.sortedRoleGrants() {
		if a.principals[g.grantee].kind != KindUser {
			continue
		}
		out = append(out, RoleGrantRow{Created: g.created, Role: a.roleFQN(g.role), GrantedTo: "USER",
			GranteeName: a.principalName(g.grantee), GrantedBy: a.granteeName(g.grantor)})
	}
	return out, nil
}

func (a *Account) sortedRoleGrants() []*roleGrant {
	out := make([]*roleGrant, 0, len(a.roleGrants))
	for _, g := range a.roleGrants {
		out = append(out, g)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].grantee != out[j].grantee {
			return out[i].grantee < out[j].grantee
		}
		return out[i].role < out[j].role
	})
	return out
}

// RoleInfo is a role as INFORMATION_SCHEMA lists it.
type RoleInfo struct {
	Grantee   string // APPLICABLE_ROLES: the user or role the role is granted to
	Name      string
	Owner     string
	Grantable bool
}

// ApplicableRoles returns INFORMATION_SCHEMA.APPLICABLE_ROLES: each grant
// of a role to the session's user, or to a role the user holds through any
// depth, sorted by grantee and role.
func (a *Account) ApplicableRoles(x *Actor) []RoleInfo {
	a.mu.RLock()
	defer a.mu.RUnlock()
	var out []RoleInfo
	for _, holder := range a.closure(x.user) {
		for _, r := range a.principals[holder].holds {
			g := a.roleGrants[edge{r, holder}]
			if g == nil || a.principals[r].kind != KindRole {
				continue
			}
			out = append(out, RoleInfo{Grantee: a.principalName(holder), Name: a.principalName(r),
				Owner: a.ownerName(r), Grantable: g.opt})
		}
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Grantee != out[j].Grantee {
			return out[i].Grantee < out[j].Grantee
		}
		return out[i].Name < out[j].Name
	})
	return out
}

// EnabledRoles returns INFORMATION_SCHEMA.ENABLED_ROLES: the account roles
// whose privileges the session's statements use (the primary and secondary
// roles and every role they inherit), sorted by name.
func (a *Account) EnabledRoles(x *Actor) []RoleInfo {
	a.mu.RLock()
	defer a.mu.RUnlock()
	x.refresh()
	var out []RoleInfo
	for _, p := range x.active.list {
		if a.principals[p].kind == KindRole {
			out = append(out, RoleInfo{Name: a.principalName(p), Owner: a.ownerName(p)})
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

func (a *Account) ownerName(p PrincipalID) string {
	o := a.objects[a.principals[p].obj]
	if o.owner == system {
		return ""
	}
	return a.principalName(o.owner)
}
