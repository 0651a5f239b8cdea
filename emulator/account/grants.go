package account

import (
	"sort"
)

// Scope says what a GRANT or REVOKE names: one object, all objects of a kind
// in a container, or the future objects of a kind in a container.
type Scope uint8

const (
	ScopeObject Scope = iota
	ScopeAll
	ScopeFuture
)

// Target is the ON clause. For ScopeAll and ScopeFuture, Kind is the kind of
// the objects meant (from the plural) and Container names the database or
// schema (Container.Kind is KindDatabase or KindSchema).
type Target struct {
	Scope     Scope
	Object    Ref // ScopeObject
	Kind      Kind
	Container Ref
}

// Grantee is the TO / FROM clause: a role, database role or user.
type Grantee struct {
	Kind Kind
	Path []string
}

// GrantSpec describes GRANT <privileges>.
type GrantSpec struct {
	Privileges      []string // as written, canonical upper case
	All             bool     // ALL [PRIVILEGES]
	On              Target
	To              Grantee
	WithGrantOption bool
}

// GrantOutcome says what a GRANT did when it did not fail.
type GrantOutcome uint8

const (
	Granted        GrantOutcome = iota
	NotExecuted                 // "Grant not executed: Insufficient privileges."
	PublicNoEffect              // GRANT ROLE PUBLIC
)

func (a *Account) resolveGrantee(x *Actor, g Grantee) (*principal, *Error) {
	o, err := a.resolve(x, Ref{Kind: g.Kind, Path: g.Path})
	if err != nil {
		return nil, err
	}
	return a.principals[o.principal], nil
}

// privileges validates a privilege list against kind k (spec §5).
func privileges(k Kind, names []string, all bool) (PrivSet, *Error) {
	if all {
		return allFor[k], nil
	}
	var s PrivSet
	for _, n := range names {
		if n == "OWNERSHIP" {
			return s, &Error{Code: ErrOwnershipInList}
		}
		p, ok := PrivilegeByName(n)
		if !ok || !validFor[k].Has(p) {
			return s, &Error{Code: ErrInvalidPrivilege, Name: showKind(k), Priv: n}
		}
		s = s.With(p)
	}
	return s, nil
}

func showKind(k Kind) string { return k.ShowName() }

// targets resolves a Target to the objects it names now (none for ScopeFuture).
func (a *Account) targets(x *Actor, t Target) (container *object, objs []*object, err *Error) {
	if t.Scope == ScopeObject {
		o, err := a.resolve(x, t.Object)
		if err != nil {
			return nil, nil, err
		}
		return nil, []*object{o}, nil
	}
	c, err := a.resolve(x, t.Container)
	if err != nil {
		return nil, nil, err
	}
	if t.Scope == ScopeFuture {
		return c, nil, nil
	}
	objs = a.objectsIn(c, t.Kind)
	return c, objs, nil
}

// objectsIn lists the live objects of kind k in container c (a database
// reaches into its schemas), in name order.
func (a *Account) objectsIn(c *object, k Kind) []*object {
	var out []*object
	for _, id := range sortedIDs(c.children) {
		o := a.objects[id]
		if o.dropped || o.system {
			continue
		}
		if o.kind == k {
			out = append(out, o)
		} else if o.kind == KindSchema && c.kind.isDatabaseLike() && k != KindSchema {
			out = append(out, a.objectsIn(o, k)...)
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return a.fqn(out[i]) < a.fqn(out[j]) })
	return out
}

// managedSchema returns o's schema when that schema has managed access.
func (a *Account) managedSchema(o *object) *object {
	if !o.kind.inSchema() {
		return nil
	}
	s := a.objects[o.parent]
	if s.managed {
		return s
	}
	return nil
}

// grantAuthority returns which of privs the session may grant on o, and the
// grantor to record (spec §2.10): the owner when an active role owns o or
// MANAGE GRANTS authorises it (in managed access schemas only the schema
// owner or MANAGE GRANTS), else an active role holding the privilege with
// grant option.
func (a *Account) grantAuthority(x *Actor, o *object, privs PrivSet) (PrivSet, PrivilegeGrantor) {
	set := &x.active
	mg := a.manageGrants(set)
	if o.kind == KindAccount {
		_, opts, _ := a.held(o, set)
		ok := opts.Intersect(privs)
		if mg {
			ok = ok.Union(privs.Minus(accountadminOnly))
		}
		return ok, a.optionGrantor(x, o)
	}
	if s := a.managedSchema(o); s != nil {
		_, _, schemaOwner := a.held(s, set)
		if mg || schemaOwner {
			return privs, PrivilegeGrantor{o.owner}
		}
		return PrivSet{}, PrivilegeGrantor{}
	}
	_, opts, owner := a.held(o, set)
	if owner || mg {
		return privs, PrivilegeGrantor{o.owner}
	}
	return opts.Intersect(privs), a.optionGrantor(x, o)
}

// PrivilegeGrantor is the role recorded as granted_by.
type PrivilegeGrantor struct{ Role PrincipalID }

// optionGrantor picks the grantor for a grant made through a grant option:
// the primary role when its hierarchy holds one, else the first role
// granted to the user (by name) whose hierarchy does.
func (a *Account) optionGrantor(x *Actor, o *object) PrivilegeGrantor {
	if _, opts, _ := a.held(o, &x.primSet); !opts.Empty() {
		return PrivilegeGrantor{x.primary}
	}
	var best PrincipalID
	for _, r := range a.principals[x.user].holds {
		var s roleSet
		s.reset(len(a.principals))
		s.addAll(a.closure(r))
		if _, opts, _ := a.held(o, &s); !opts.Empty() {
			if best == system || a.principalName(r) < a.principalName(best) {
				best = r
			}
		}
	}
	if best == system {
		best = x.primary
	}
	return PrivilegeGrantor{best}
}

// GrantPrivileges runs GRANT <privileges> ON ... TO ....
func (a *Account) GrantPrivileges(x *Actor, g GrantSpec) (GrantOutcome, error) {
	a.mu.Lock()
	defer a.mu.Unlock()
	x.refresh()
	kind := g.On.Kind
	if g.On.Scope == ScopeObject {
		kind = g.On.Object.Kind
	}
	privs, err := privileges(kind, g.Privileges, g.All)
	if err != nil {
		return Granted, err
	}
	container, objs, err := a.targets(x, g.On)
	if err != nil {
		return Granted, err
	}
	grantee, err := a.resolveGrantee(x, g.To)
	if err != nil {
		return Granted, err
	}
	if err := a.checkGrantee(grantee, g.On, container, objs, privs, false); err != nil {
		return Granted, err
	}
	if grantee.kind == KindApplicationRole {
		if err := a.checkAppGrantee(x, grantee, container, objs); err != nil {
			return Granted, err
		}
	}
	if err := a.checkAppBoundary(x, grantee, container, objs); err != nil {
		return Granted, err
	}
	now := a.cfg.Now()
	if g.On.Scope == ScopeFuture {
		if !a.futureAuthority(x, container) {
			return NotExecuted, nil
		}
		privs.Each(func(p Privilege) {
			a.addFuture(container, kind, futureGrant{grantee: grantee.id, priv: p, opt: g.WithGrantOption, created: now})
		})
		return Granted, nil
	}
	type plan struct {
		o       *object
		privs   PrivSet
		grantor PrincipalID
	}
	var plans []plan
	var notGranted PrivSet
	for _, o := range objs {
		if o.system && o.kind == KindSchema {
			return Granted, protected("Cannot grant privileges on system %s '%s'.", o.kind.Lower(), o.name)
		}
		ok, grantor := a.grantAuthority(x, o, privs)
		if ok.Empty() || (!g.All && ok != privs) {
			return NotExecuted, nil
		}
		notGranted = notGranted.Union(privs.Minus(ok))
		plans = append(plans, plan{o, ok, grantor.Role})
	}
	for _, p := range plans {
		p.privs.Each(func(pv Privilege) { a.addGrant(p.o, grantee.id, pv, g.WithGrantOption, p.grantor, now) })
	}
	if !notGranted.Empty() {
		return Granted, &Error{Code: ErrPartialGrant, Privs: notGranted.Names()}
	}
	return Granted, nil
}

// checkGrantee applies the rules about who may receive what: database
// roles only within their database, users neither CREATE privileges nor
// future grants nor OWNERSHIP.
func (a *Account) checkGrantee(grantee *principal, t Target, container *object, objs []*object, privs PrivSet, ownership bool) *Error {
	switch grantee.kind {
	case KindApplicationPackage:
		return a.checkShareGrantee(grantee, t, objs, privs, ownership)
	case KindApplication, KindApplicationRole:
		if ownership {
			return invalid("Ownership cannot be granted to an %s.", grantee.kind.Lower())
		}
	case KindUser:
		if ownership {
			return &Error{Code: ErrOwnershipToUser}
		}
		if t.Scope == ScopeFuture {
			return invalid("Future grants to users are not supported.")
		}
		bad := ""
		privs.Each(func(p Privilege) {
			if bad == "" && len(p.String()) > 7 && p.String()[:7] == "CREATE " {
				bad = p.String()
			}
		})
		if bad != "" {
			return invalid("Privilege '%s' cannot be granted to users.", bad)
		}
	case KindDatabaseRole:
		db := a.objects[a.objects[grantee.obj].parent]
		check := objs
		if container != nil {
			check = []*object{container}
		}
		for _, o := range check {
			if a.databaseOf(o) != db {
				return invalid("Privileges on objects in one database cannot be granted to database roles in another database.")
			}
			if ownership && o == db {
				// "only an account role can hold the OWNERSHIP privilege on the
				// database itself" (spec §10.1)
				return invalid("Only account roles can own database '%s'.", db.name)
			}
		}
	}
	return nil
}

// databaseOf returns the database containing o (o itself for a database),
// or nil for account-level objects.
func (a *Account) databaseOf(o *object) *object {
	for p := o; p != nil && p.kind != KindAccount; p = a.objects[p.parent] {
		if p.kind.isDatabaseLike() {
			return p
		}
	}
	return nil
}

// futureAuthority: database-level future grants need MANAGE GRANTS; in a
// managed access schema the schema owner may define them too (spec §2.6);
// inside an application, the application.
func (a *Account) futureAuthority(x *Actor, c *object) bool {
	if a.manageGrants(&x.active) {
		return true
	}
	if d := a.databaseOf(c); x.app != 0 && d != nil && d.id == x.app {
		return true // an application defines future grants in its own schemas (spec §2.3)
	}
	if c.kind == KindSchema && c.managed {
		_, _, owner := a.held(c, &x.active)
		return owner
	}
	return false
}

func (a *Account) addFuture(c *object, k Kind, f futureGrant) {
	key := futureKey{container: c.id, kind: k}
	for i, e := range a.future[key] {
		if e.grantee == f.grantee && e.priv == f.priv && e.ownership == f.ownership {
			a.future[key][i].opt = e.opt || f.opt
			return
		}
	}
	if f.ownership { // at most one future OWNERSHIP per container and kind
		kept := a.future[key][:0]
		for _, e := range a.future[key] {
			if !e.ownership {
				kept = append(kept, e)
			}
		}
		a.future[key] = kept
	}
	a.future[key] = append(a.future[key], f)
}

// applyFuture gives a new object the future grants of its schema, or, when
// the schema defines none for the kind, those of its database (spec §2.6).
func (a *Account) applyFuture(o *object) {
	var fs []futureGrant
	managed := false
	switch {
	case o.kind.inSchema():
		s := a.objects[o.parent]
		managed = s.managed
		fs = a.future[futureKey{container: s.id, kind: o.kind}]
		if len(fs) == 0 {
			fs = a.future[futureKey{container: s.parent, kind: o.kind}]
		} else {
			managed = false // schema-level ownership grants apply in managed schemas
		}
	case o.kind == KindSchema:
		fs = a.future[futureKey{container: o.parent, kind: KindSchema}]
	default:
		return
	}
	for _, f := range fs {
		if f.ownership && !managed {
			a.setOwner(o, f.grantee)
		}
	}
	for _, f := range fs {
		if !f.ownership {
			a.addGrant(o, f.grantee, f.priv, f.opt, o.owner, o.created)
		}
	}
}

// RevokeSpec describes REVOKE <privileges>.
type RevokeSpec struct {
	Privileges     []string
	All            bool
	On             Target
	From           Grantee
	GrantOptionFor bool
	Cascade        bool
}

// RevokePrivileges runs REVOKE <privileges>. Only grants whose grantor is an
// active role are revoked, unless MANAGE GRANTS (or, in a managed access
// schema, the schema owner) authorises revoking every instance. Revoking
// nothing succeeds (spec §2.5).
func (a *Account) RevokePrivileges(x *Actor, r RevokeSpec) error {
	a.mu.Lock()
	defer a.mu.Unlock()
	x.refresh()
	for _, n := range r.Privileges {
		if n == "OWNERSHIP" {
			return &Error{Code: ErrRevokeOwnership}
		}
	}
	kind := r.On.Kind
	if r.On.Scope == ScopeObject {
		kind = r.On.Object.Kind
	}
	privs, err := privileges(kind, r.Privileges, r.All)
	if err != nil {
		return err
	}
	if r.All {
		privs = validFor[kind]
	}
	container, objs, err := a.targets(x, r.On)
	if err != nil {
		return err
	}
	grantee, err := a.resolveGrantee(x, r.From)
	if err != nil {
		return err
	}
	if err := a.checkAppBoundary(x, nil, container, objs); err != nil {
		return err
	}
	if r.On.Scope == ScopeFuture {
		if !a.futureAuthority(x, container) {
			return nil
		}
		key := futureKey{container: container.id, kind: kind}
		kept := a.future[key][:0]
		for _, f := range a.future[key] {
			if f.grantee == grantee.id && !f.ownership && privs.Has(f.priv) {
				if r.GrantOptionFor {
					f.opt = false
				} else {
					continue
				}
			}
			kept = append(kept, f)
		}
		a.future[key] = kept
		return nil
	}
	// Check every object first so a refused revoke changes nothing.
	for _, o := range objs {
		if err := a.revokeOn(x, o, grantee.id, privs, r.GrantOptionFor, r.Cascade, true); err != nil {
			return err
		}
	}
	for _, o := range objs {
		_ = a.revokeOn(x, o, grantee.id, privs, r.GrantOptionFor, r.Cascade, false)
	}
	return nil
}

// revokeOn revokes privs on o from grantee. With dryRun it only reports the
// error the revoke would give.
func (a *Account) revokeOn(x *Actor, o *object, grantee PrincipalID, privs PrivSet, optionOnly, cascade, dryRun bool) *Error {
	set := &x.active
	everyInstance := a.manageGrants(set)
	if s := a.managedSchema(o); s != nil {
		_, _, schemaOwner := a.held(s, set)
		everyInstance = everyInstance || schemaOwner
	}
	match := func(r grantRec) bool {
		return privs.Has(r.priv) && (everyInstance || set.has(r.grantor))
	}
	i, ok := aclIndex(o, grantee)
	if !ok {
		return nil
	}
	for _, r := range o.acl[i].recs {
		if match(r) && r.grantor == system {
			return protected("Grants of privileges by the SYSTEM role cannot be modified.")
		}
	}
	// What grantee keeps with grant option after the revoke decides whether
	// its own grants of those privileges become dependent.
	var keepOpts PrivSet
	for _, r := range o.acl[i].recs {
		if r.opt && !match(r) {
			keepOpts = keepOpts.With(r.priv)
		}
	}
	lost := privs.Minus(keepOpts)
	for _, e := range o.acl {
		for _, r := range e.recs {
			if r.grantor == grantee && lost.Has(r.priv) && e.grantee != grantee && !cascade {
				return &Error{Code: ErrDependentGrant, Priv: r.priv.String(), Name: a.errName(o),
					Other: a.principalName(e.grantee)}
			}
		}
	}
	if dryRun {
		return nil
	}
	a.removeGrants(o, grantee, optionOnly, match)
	if cascade {
		a.removeDependents(o, grantee, lost)
	}
	return nil
}

// removeDependents revokes, recursively, the grants of lost privileges that
// from made on o with a grant option it no longer has (REVOKE ... CASCADE).
// A holder that keeps the privilege through a parallel grant keeps its own
// dependents.
func (a *Account) removeDependents(o *object, from PrincipalID, lost PrivSet) {
	if lost.Empty() {
		return
	}
	var holders []PrincipalID
	for _, e := range o.acl {
		if e.grantee != from {
			holders = append(holders, e.grantee)
		}
	}
	for _, h := range holders {
		removed := a.removeGrants(o, h, false, func(r grantRec) bool { return r.grantor == from && lost.Has(r.priv) })
		var hadOpt PrivSet
		for _, r := range removed {
			if r.opt {
				hadOpt = hadOpt.With(r.priv)
			}
		}
		var stillOpt PrivSet
		if i, ok := aclIndex(o, h); ok {
			_, stillOpt = o.acl[i].sets()
		}
		a.removeDependents(o, h, hadOpt.Minus(stillOpt))
	}
}

// CurrentGrants is the COPY / REVOKE CURRENT GRANTS clause of GRANT OWNERSHIP.
type CurrentGrants uint8

const (
	KeepCurrentGrants CurrentGrants = iota // neither: blocked by outbound grants
	CopyCurrentGrants
	RevokeCurrentGrants
)

// OwnershipSpec describes GRANT OWNERSHIP.
type OwnershipSpec struct {
	On            Target
	To            Grantee
	CurrentGrants CurrentGrants
}

// GrantOwnership transfers ownership (spec §2.7). Bulk transfers move
// objects in name order and stop at the first one that is blocked.
func (a *Account) GrantOwnership(x *Actor, g OwnershipSpec) (GrantOutcome, error) {
	a.mu.Lock()
	defer a.mu.Unlock()
	x.refresh()
	container, objs, err := a.targets(x, g.On)
	if err != nil {
		return Granted, err
	}
	grantee, err := a.resolveGrantee(x, g.To)
	if err != nil {
		return Granted, err
	}
	if err := a.checkGrantee(grantee, g.On, container, objs, PrivSet{}, true); err != nil {
		return Granted, err
	}
	if err := a.checkAppBoundary(x, grantee, container, objs); err != nil {
		return Granted, err
	}
	if g.On.Scope == ScopeFuture {
		if g.CurrentGrants == RevokeCurrentGrants {
			return Granted, invalid("REVOKE CURRENT GRANTS is not supported for future grants.")
		}
		if !a.futureAuthority(x, container) {
			return NotExecuted, nil
		}
		a.addFuture(container, g.On.Kind, futureGrant{grantee: grantee.id, ownership: true, created: a.cfg.Now()})
		return Granted, nil
	}
	mg := a.manageGrants(&x.active)
	for _, o := range objs {
		if o.system {
			return Granted, protected("Cannot transfer ownership of system %s '%s'.", o.kind.Lower(), o.name)
		}
		_, _, owner := a.held(o, &x.active)
		if s := a.managedSchema(o); s != nil && !mg {
			_, _, owner = a.held(s, &x.active)
		}
		if !owner && !mg {
			return NotExecuted, nil
		}
		if g.CurrentGrants == CopyCurrentGrants && !mg && !x.active.has(grantee.id) {
			return NotExecuted, nil
		}
	}
	for _, o := range objs {
		if o.owner == grantee.id {
			continue
		}
		if o.kind != KindRole && o.kind != KindDatabaseRole {
			if rec, holder, ok := a.firstOutbound(o); ok {
				switch g.CurrentGrants {
				case KeepCurrentGrants:
					return Granted, &Error{Code: ErrDependentGrant, Priv: rec.priv.String(), Name: a.errName(o),
						Other: a.principalName(holder)}
				case CopyCurrentGrants:
					for i := range o.acl {
						for j := range o.acl[i].recs {
							if o.acl[i].recs[j].grantor != system {
								o.acl[i].recs[j].grantor = grantee.id
							}
						}
					}
				case RevokeCurrentGrants:
					for _, e := range append([]aclEntry(nil), o.acl...) {
						a.removeGrants(o, e.grantee, false, func(r grantRec) bool { return r.grantor != system })
					}
				}
			}
		}
		a.setOwner(o, grantee.id)
	}
	return Granted, nil
}

// firstOutbound returns the first non-SYSTEM grant on o, privileges and
// then grantees in alphabetical order, as Snowflake reports it.
func (a *Account) firstOutbound(o *object) (grantRec, PrincipalID, bool) {
	var best grantRec
	var holder PrincipalID
	found := false
	for _, e := range o.acl {
		for _, r := range e.recs {
			if r.grantor == system {
				continue
			}
			if !found || r.priv.String() < best.priv.String() ||
				(r.priv == best.priv && a.principalName(e.grantee) < a.principalName(holder)) {
				best, holder, found = r, e.grantee, true
			}
		}
	}
	return best, holder, found
}

// RoleGrantSpec describes GRANT ROLE / GRANT DATABASE ROLE and their REVOKE.
type RoleGrantSpec struct {
	Role            Ref // KindRole or KindDatabaseRole
	To              Grantee
	WithGrantOption bool
	GrantOptionFor  bool // REVOKE only
	Cascade         bool // REVOKE only
}

// roleAuthority reports whether the session may grant role, and the grantor.
func (a *Account) roleAuthority(x *Actor, role *object) (bool, PrincipalID) {
	_, _, owner := a.held(role, &x.active)
	if owner || a.manageGrants(&x.active) {
		return true, role.owner
	}
	for _, p := range x.active.list {
		if g, ok := a.roleGrants[edge{role.principal, p}]; ok && g.opt {
			return true, p
		}
	}
	return false, system
}

// GrantRole grants a role or database role to a role, database role or user.
func (a *Account) GrantRole(x *Actor, g RoleGrantSpec) (GrantOutcome, error) {
	a.mu.Lock()
	defer a.mu.Unlock()
	x.refresh()
	role, err := a.resolve(x, g.Role)
	if err != nil {
		return Granted, err
	}
	grantee, err := a.resolveGrantee(x, g.To)
	if err != nil {
		return Granted, err
	}
	if role.principal == a.public {
		return PublicNoEffect, nil
	}
	authority := a.roleAuthority
	if role.kind == KindApplicationRole {
		if err := a.checkAppRoleGrant(x, role, grantee); err != nil {
			return Granted, err
		}
		authority = a.appRoleAuthority
	} else if err := a.checkRoleGrant(role, grantee); err != nil {
		return Granted, err
	}
	ok, grantor := authority(x, role)
	if !ok {
		return NotExecuted, nil
	}
	if grantee.kind != KindUser && a.inherits(role.principal, grantee.id) {
		return Granted, &Error{Code: ErrCycle, Name: a.roleFQN(role.principal), Other: a.roleFQN(grantee.id)}
	}
	a.addRoleGrant(role.principal, grantee.id, g.WithGrantOption && grantee.kind != KindUser, grantor, a.cfg.Now())
	return Granted, nil
}

// checkRoleGrant applies the rules of GRANT ROLE and GRANT DATABASE ROLE
// about who may hold what.
func (a *Account) checkRoleGrant(role *object, grantee *principal) *Error {
	if grantee.kind == KindApplicationRole {
		return invalid("Only application roles of the same application can be granted to an application role.")
	}
	switch {
	case role.kind == KindRole && grantee.kind == KindDatabaseRole:
		return invalid("Account roles cannot be granted to database roles.")
	case role.kind == KindDatabaseRole && grantee.kind == KindDatabaseRole &&
		a.objects[grantee.obj].parent != role.parent:
		return invalid("Database roles can only be granted to database roles in the same database.")
	}
	return nil
}

// RevokeRole revokes a role grant. Revoking a grant that does not exist, or
// that the session may not revoke, changes nothing and succeeds.
func (a *Account) RevokeRole(x *Actor, g RoleGrantSpec) error {
	a.mu.Lock()
	defer a.mu.Unlock()
	x.refresh()
	role, err := a.resolve(x, g.Role)
	if err != nil {
		return err
	}
	grantee, err := a.resolveGrantee(x, g.To)
	if err != nil {
		return err
	}
	rg, ok := a.roleGrants[edge{role.principal, grantee.id}]
	if !ok {
		return nil
	}
	if rg.grantor == system {
		return protected("Grants of roles by the SYSTEM role cannot be modified.")
	}
	allowed, _ := a.roleAuthority(x, role)
	if role.kind == KindApplicationRole {
		allowed, _ = a.appRoleAuthority(x, role)
		if !allowed {
			return nil
		}
	}
	if !allowed && !x.active.has(rg.grantor) {
		return nil
	}
	// Grants of this role that grantee made using its grant option depend on it.
	var dependents []*roleGrant
	for _, h := range a.principals[role.principal].heldBy {
		if d := a.roleGrants[edge{role.principal, h}]; d != nil && d.grantor == grantee.id && h != grantee.id {
			dependents = append(dependents, d)
		}
	}
	if len(dependents) > 0 && rg.opt {
		if !g.Cascade {
			return &Error{Code: ErrDependentGrant, Priv: "USAGE", Name: a.roleFQN(role.principal),
				Other: a.principalName(dependents[0].grantee)}
		}
		for _, d := range dependents {
			a.removeRoleGrant(d.role, d.grantee)
		}
	}
	if g.GrantOptionFor {
		rg.opt = false
		a.roleGen++
		return nil
	}
	a.removeRoleGrant(role.principal, grantee.id)
	return nil
}
