package account

import (
	"sort"
	"time"
)

// GrantRow is one row of SHOW GRANTS ON / TO / plain, in Snowflake's terms.
type GrantRow struct {
	Created           time.Time
	Privilege         string
	GrantedOn         string // object kind, SHOW spelling
	Name              string // fully qualified
	Role              string // TO USER only: the role granted, "" when NULL
	GrantedTo         string // ROLE, DATABASE_ROLE, USER
	GranteeName       string
	GrantOption       bool
	GrantedBy         string // "" for SYSTEM
	GrantedByRoleType string // ROLE, DATABASE_ROLE, or "" for SYSTEM
}

// RoleGrantRow is one row of SHOW GRANTS OF ROLE / DATABASE ROLE.
type RoleGrantRow struct {
	Created     time.Time
	Role        string
	GrantedTo   string
	GranteeName string
	GrantedBy   string
}

// FutureRow is one row of SHOW FUTURE GRANTS.
type FutureRow struct {
	Created     time.Time
	Privilege   string
	GrantOn     string
	Name        string // D.S.<TABLE>, D.<TABLE>, D.<SCHEMA>
	GrantTo     string
	GranteeName string
	GrantOption bool
}

func (a *Account) grantorType(p PrincipalID) string {
	if p == system {
		return ""
	}
	return a.principals[p].kind.ShowName()
}

// ownerRow is the OWNERSHIP row; in a managed access schema every
// grant_option reads false (spec §4).
func (a *Account) ownerRow(o *object) GrantRow {
	return GrantRow{Created: o.created, Privilege: "OWNERSHIP", GrantedOn: o.kind.ShowName(), Name: a.fqn(o),
		GrantedTo: a.principals[o.owner].kind.ShowName(), GranteeName: a.granteeName(o.owner),
		GrantOption: a.managedSchema(o) == nil,
		GrantedBy:   a.granteeName(o.owner), GrantedByRoleType: a.grantorType(o.owner)}
}

func (a *Account) aclRows(o *object, only PrincipalID) []GrantRow {
	var rows []GrantRow
	managed := a.managedSchema(o) != nil
	for _, e := range o.acl {
		if only != system && e.grantee != only {
			continue
		}
		for _, r := range e.recs {
			rows = append(rows, GrantRow{Created: time.Unix(0, r.created), Privilege: r.priv.String(),
				GrantedOn: o.kind.ShowName(), Name: a.fqn(o), GrantedTo: a.principals[e.grantee].kind.ShowName(),
				GranteeName: a.granteeName(e.grantee), GrantOption: r.opt && !managed,
				GrantedBy: a.granteeName(r.grantor), GrantedByRoleType: a.grantorType(r.grantor)})
		}
	}
	return rows
}

func (a *Account) roleUsageRow(g *roleGrant) GrantRow {
	return GrantRow{Created: g.created, Privilege: "USAGE", GrantedOn: a.principals[g.role].kind.ShowName(),
		Name: a.roleFQN(g.role), GrantedTo: a.principals[g.grantee].kind.ShowName(),
		GranteeName: a.granteeName(g.grantee), GrantOption: g.opt, GrantedBy: a.granteeName(g.grantor),
		GrantedByRoleType: a.grantorType(g.grantor)}
}

// ShowGrantsOn lists the grants on one object (or on the account, for
// KindAccount): OWNERSHIP first in its sort place, then every privilege.
func (a *Account) ShowGrantsOn(x *Actor, ref Ref) ([]GrantRow, error) {
	a.mu.RLock()
	defer a.mu.RUnlock()
	x.refresh()
	o, err := a.resolve(x, ref)
	if err != nil {
		return nil, err
	}
	if o.kind != KindAccount {
		if err := a.authorize(x, OpShow, o); err != nil {
			return nil, err
		}
	}
	var rows []GrantRow
	if o.owner != system {
		rows = append(rows, a.ownerRow(o))
		if o.kind == KindSchema && o.managed {
			// "The privilege column includes the OWNERSHIP and MANAGE GRANTS
			// privileges for the role that owns the managed access schema" (spec §4).
			mg := a.ownerRow(o)
			mg.Privilege, mg.GrantOption = "MANAGE GRANTS", false
			rows = append(rows, mg)
		}
	}
	rows = append(rows, a.aclRows(o, system)...)
	if o.kind.isPrincipal() && o.kind != KindUser {
		for _, h := range a.principals[o.principal].heldBy {
			if o.kind == KindRole && a.principals[h].kind == KindUser {
				continue // users holding a role show under SHOW GRANTS OF ROLE
			}
			rows = append(rows, a.roleUsageRow(a.roleGrants[edge{o.principal, h}]))
		}
	}
	sortRows(rows, func(r GrantRow) string { return r.GrantedTo }, func(r GrantRow) string { return r.GranteeName },
		func(r GrantRow) string { return r.Privilege })
	return rows, nil
}

// ShowGrantsTo lists what a role, database role or user holds: its
// privilege grants, the objects it owns, and the roles granted to it.
func (a *Account) ShowGrantsTo(x *Actor, g Grantee) ([]GrantRow, error) {
	a.mu.RLock()
	defer a.mu.RUnlock()
	x.refresh()
	p, err := a.resolveGrantee(x, g)
	if err != nil {
		return nil, err
	}
	self := a.objects[p.obj]
	if !x.active.has(p.id) && !(p.kind == KindUser && p.id == x.user) {
		if err := a.authorize(x, OpShow, self); err != nil {
			return nil, err
		}
	}
	var rows []GrantRow
	for _, id := range sortedIDs(p.grantsOn) {
		if o := a.objects[id]; a.live(o) {
			rows = append(rows, a.aclRows(o, p.id)...)
		}
	}
	for _, id := range sortedIDs(p.owns) {
		// An application owns everything inside itself; SHOW GRANTS TO
		// APPLICATION lists what it was given in the account.
		if o := a.objects[id]; a.live(o) && !(p.kind == KindApplication && a.inApp(o, p.obj)) {
			rows = append(rows, a.ownerRow(o))
		}
	}
	for _, r := range p.holds {
		row := a.roleUsageRow(a.roleGrants[edge{r, p.id}])
		if p.kind == KindUser && a.principals[r].kind == KindRole {
			row.Role = row.Name
		}
		rows = append(rows, row)
	}
	sortRows(rows, func(r GrantRow) string { return r.GrantedOn }, func(r GrantRow) string { return r.Name },
		func(r GrantRow) string { return r.Privilege })
	return rows, nil
}

// ShowGrantsOf lists the roles and users a role or database role is granted to.
func (a *Account) ShowGrantsOf(x *Actor, role Ref) ([]RoleGrantRow, error) {
	a.mu.RLock()
	defer a.mu.RUnlock()
	x.refresh()
	o, err := a.resolve(x, role)
	if err != nil {
		return nil, err
	}
	var rows []RoleGrantRow
	for _, h := range a.principals[o.principal].heldBy {
		g := a.roleGrants[edge{o.principal, h}]
		rows = append(rows, RoleGrantRow{Created: g.created, Role: a.roleFQN(o.principal),
			GrantedTo: a.principals[h].kind.ShowName(), GranteeName: a.granteeName(h), GrantedBy: a.granteeName(g.grantor)})
	}
	sortRows(rows, func(r RoleGrantRow) string { return r.GrantedTo }, func(r RoleGrantRow) string { return r.GranteeName })
	return rows, nil
}

func (a *Account) futureRows(key futureKey, only PrincipalID) []FutureRow {
	c := a.objects[key.container]
	var rows []FutureRow
	for _, f := range a.future[key] {
		if only != system && f.grantee != only {
			continue
		}
		priv := "OWNERSHIP"
		if !f.ownership {
			priv = f.priv.String()
		}
		rows = append(rows, FutureRow{Created: f.created, Privilege: priv, GrantOn: key.kind.ShowName(),
			Name: a.fqn(c) + ".<" + key.kind.ShowName() + ">", GrantTo: a.principals[f.grantee].kind.ShowName(),
			GranteeName: a.granteeName(f.grantee), GrantOption: f.opt})
	}
	return rows
}

func sortFuture(rows []FutureRow) {
	sortRows(rows, func(r FutureRow) string { return r.GranteeName }, func(r FutureRow) string { return r.GrantOn },
		func(r FutureRow) string { return r.Name }, func(r FutureRow) string { return r.Privilege })
}

// sortRows orders rows by keys, compared as text one after the other: the
// row orders of SHOW (docs/compatibility.md A.3).
func sortRows[T any](rows []T, keys ...func(T) string) {
	sort.SliceStable(rows, func(i, j int) bool {
		for _, k := range keys {
			if a, b := k(rows[i]), k(rows[j]); a != b {
				return a < b
			}
		}
		return false
	})
}

// ShowFutureGrantsIn lists the future grants defined in a database or schema.
func (a *Account) ShowFutureGrantsIn(x *Actor, container Ref) ([]FutureRow, error) {
	a.mu.RLock()
	defer a.mu.RUnlock()
	x.refresh()
	c, err := a.resolve(x, container)
	if err != nil {
		return nil, err
	}
	var rows []FutureRow
	for k := range a.future {
		if k.container == c.id {
			rows = append(rows, a.futureRows(k, system)...)
		}
	}
	sortFuture(rows)
	return rows, nil
}

// ShowFutureGrantsTo lists the future grants naming a role or database role.
func (a *Account) ShowFutureGrantsTo(x *Actor, g Grantee) ([]FutureRow, error) {
	a.mu.RLock()
	defer a.mu.RUnlock()
	x.refresh()
	p, err := a.resolveGrantee(x, g)
	if err != nil {
		return nil, err
	}
	var rows []FutureRow
	for k := range a.future {
		if a.live(a.objects[k.container]) {
			rows = append(rows, a.futureRows(k, p.id)...)
		}
	}
	sortFuture(rows)
	return rows, nil
}

// ObjectRow is one object as SHOW <objects> needs it; sqlengine lays out
// the columns of each kind.
type ObjectRow struct {
	ID            ObjectID
	Kind          Kind
	Created       time.Time
	Name          string
	Database      string
	Schema        string
	Owner         string
	OwnerRoleType string
	Comment       string
	Managed       bool
	Transient     bool
	Args          []string
	Props         map[string]string
	// Roles
	IsInherited            bool
	IsCurrent              bool
	IsDefault              bool
	AssignedToUsers        int
	GrantedToRoles         int
	GrantedRoles           int
	GrantedToDatabaseRoles int
	GrantedDatabaseRoles   int
	HasPassword            bool
}

func (a *Account) objectRow(x *Actor, o *object) ObjectRow {
	r := ObjectRow{ID: o.id, Kind: o.kind, Created: o.created, Name: o.name, Comment: o.comment, Managed: o.managed,
		Transient: o.transient, Args: o.args, Props: map[string]string{}}
	for k, v := range o.props {
		r.Props[k] = v
	}
	if o.owner != system {
		r.Owner = a.principalName(o.owner)
		r.OwnerRoleType = a.principals[o.owner].kind.ShowName()
	}
	switch {
	case o.kind.inSchema():
		s := a.objects[o.parent]
		r.Schema, r.Database = s.name, a.objects[s.parent].name
	case o.kind.inDatabase():
		r.Database = a.objects[o.parent].name
	}
	if o.kind.isPrincipal() {
		p := a.principals[o.principal]
		if o.kind == KindUser {
			r.HasPassword = p.user != nil && p.user.key != nil
		} else {
			r.IsCurrent = o.principal == x.primary
			r.IsInherited = !r.IsCurrent && x.primSet.has(o.principal)
			r.IsDefault = a.objects[a.principals[x.user].obj].props["DEFAULT_ROLE"] == o.name && o.kind == KindRole
			for _, h := range p.heldBy {
				switch a.principals[h].kind {
				case KindUser:
					r.AssignedToUsers++
				case KindRole:
					r.GrantedToRoles++
				case KindDatabaseRole:
					r.GrantedToDatabaseRoles++
				}
			}
			for _, h := range p.holds {
				if a.principals[h].kind == KindDatabaseRole {
					r.GrantedDatabaseRoles++
				} else {
					r.GrantedRoles++
				}
			}
		}
	}
	return r
}

// ShowObjects lists the live objects of kind k the session may see, in
// container in (nil for the whole account), ordered by name.
// Roles are always listed; other kinds need a privilege or MANAGE GRANTS.
func (a *Account) ShowObjects(x *Actor, k Kind, in *Ref) ([]ObjectRow, error) {
	a.mu.RLock()
	defer a.mu.RUnlock()
	x.refresh()
	var scope *object
	if in != nil {
		c, err := a.resolveScope(x, *in)
		if err != nil {
			return nil, err
		}
		scope = c
	}
	var rows []ObjectRow
	for _, o := range a.objects[1:] {
		// SHOW DATABASES lists applications too, with kind APPLICATION.
		if (o.kind != k && !(k == KindDatabase && o.kind == KindApplication)) || !a.live(o) || !a.visible(x, o) {
			continue
		}
		if scope != nil && !a.within(o, scope) {
			continue
		}
		if o.kind.inSchema() || o.kind == KindSchema {
			if !a.containersVisible(x, o) {
				continue
			}
		}
		rows = append(rows, a.objectRow(x, o))
	}
	sortRows(rows, func(r ObjectRow) string { return r.Name }, func(r ObjectRow) string { return r.Database },
		func(r ObjectRow) string { return r.Schema })
	return rows, nil
}

func (a *Account) within(o, scope *object) bool {
	for p := o; p != nil && p.kind != KindAccount; p = a.objects[p.parent] {
		if p.parent == scope.id {
			return true
		}
	}
	return false
}

func (a *Account) containersVisible(x *Actor, o *object) bool {
	for p := a.objects[o.parent]; p != nil && p.kind != KindAccount; p = a.objects[p.parent] {
		if !a.visible(x, p) {
			return false
		}
	}
	return true
}

// DescribeUser returns DESCRIBE USER's rows for a user the session owns or
// may see with MANAGE GRANTS, or the session's own user.
func (a *Account) DescribeUser(x *Actor, name string) ([]UserProperty, error) {
	a.mu.RLock()
	defer a.mu.RUnlock()
	x.refresh()
	o, err := a.resolve(x, Ref{Kind: KindUser, Path: []string{name}})
	if err != nil {
		return nil, err
	}
	if o.principal != x.user {
		if err := a.authorize(x, OpShow, o); err != nil {
			return nil, err
		}
	}
	p := a.principals[o.principal]
	var out []UserProperty
	for _, up := range userProps {
		v := o.props[up.name]
		switch up.name {
		case "NAME":
			v = o.name
		case "COMMENT":
			v = o.comment
		case "PASSWORD":
			if p.user != nil && p.user.key != nil {
				v = "********"
			}
		case "DEFAULT_SECONDARY_ROLES":
			if dv, ok := o.props[up.name]; !ok || dv == "ALL" {
				v = `["ALL"]`
			} else {
				v = "[]"
			}
		}
		if v == "" {
			v = up.def
		}
		out = append(out, UserProperty{Property: up.name, Value: v, Default: up.def, Description: up.desc})
	}
	return out, nil
}

// CheckUse reports whether the session may USE the object ref names,
// with Snowflake's error when it may not.
func (a *Account) CheckUse(x *Actor, ref Ref) error {
	a.mu.RLock()
	defer a.mu.RUnlock()
	x.refresh()
	o, err := a.resolve(x, ref)
	if err != nil {
		return err
	}
	if err := a.authorize(x, OpUse, o); err != nil {
		return err
	}
	return nil
}
