package account

// Undoing a failed ALTER APPLICATION ... UPGRADE. The new setup script ran
// statement by statement as the application and one of them failed: what
// the statements before it created is removed for good with the functions
// that undo a failed install (appdiscard.go: discardObject,
// discardPrincipal), and the application's version, patch and reference
// definitions are put back. Objects are numbered in creation order, so
// what the script created is what lies in the application, or is owned by
// it, and was numbered after the upgrade began.
//
// Grants among what existed before are put back too: the upgrade saves the
// grants on every object of the application, the role grants and future
// grants of its application roles (an application grants only on its own
// objects and only to its own roles, so nothing outside can have changed)
// and restores them after the discard.
//
// What existed before and the script dropped or replaced (DROP TABLE,
// CREATE OR REPLACE PROCEDURE, DROP APPLICATION ROLE) comes back: the
// objects are still there, marked dropped (the engine keeps their data and
// bodies for UNDROP), and are put back in their names.
//
// Not undone (docs/compatibility.md G.5): objects the script renamed or
// altered (comment, properties), rows it wrote into existing tables.

// upgradeUndo returns the undo of the upgrade about to change app (o its
// object): it removes what was created from now on and restores the
// version. It returns the IDs of the objects removed, for the engine to
// forget their data.
func (a *Account) upgradeUndo(o *object, app *application) func() []ObjectID {
	mark := ObjectID(len(a.objects))
	grants := a.saveAppGrants(o)
	saved, savedDefs := *app, app.refs.defs
	savedProps := map[string]string{}
	for k, v := range o.props {
		savedProps[k] = v
	}
	return func() []ObjectID {
		a.mu.Lock()
		defer a.mu.Unlock()
		var removed []ObjectID
		// Newest first: children go before the schemas holding them.
		for id := ObjectID(len(a.objects)) - 1; id >= mark; id-- {
			c := a.objects[id]
			madeByScript := a.inApp(c, o.id) || c.owner == o.principal
			if !madeByScript || (c.dropped && !a.inDroppedStack(c)) {
				continue
			}
			removed = append(removed, c.id)
			if c.kind.isPrincipal() {
				a.discardPrincipal(c, o.owner)
			} else {
				a.discardObject(c)
			}
		}
		a.restoreAppGrants(o, grants)
		app.version, app.patch, app.refs.defs, app.upgraded = saved.version, saved.patch, savedDefs, saved.upgraded
		app.privileges = saved.privileges
		o.props = savedProps
		return removed
	}
}

// inDroppedStack reports whether a dropped object can still be undropped
// (it waits in its name's undrop stack).
func (a *Account) inDroppedStack(o *object) bool {
	for _, d := range a.dropped[keyOf(o)] {
		if d == o.id {
			return true
		}
	}
	return false
}

// appGrants are the grants of an application's objects and roles at one
// moment (upgradeUndo).
type appGrants struct {
	acl        map[ObjectID][]aclEntry // every object live in the application, and its grants
	acctRecs   []grantRec              // the application's grants on the account (manifest v2 grants some on upgrade)
	acctHeld   bool
	members    map[PrincipalID]bool            // the application and its roles
	principals map[PrincipalID]*savedPrincipal // theirs, and those of principals role-granted to or from them
	roleGrants map[edge]roleGrant
	future     map[futureKey][]futureGrant
}

// inAppScope reports whether o is the application app or lies inside it.
func (a *Account) inAppScope(o *object, app *object) bool {
	return o.id == app.id || a.inApp(o, app.id)
}

func (a *Account) saveAppGrants(app *object) *appGrants {
	g := &appGrants{acl: map[ObjectID][]aclEntry{}, members: map[PrincipalID]bool{}, principals: map[PrincipalID]*savedPrincipal{},
		roleGrants: map[edge]roleGrant{}, future: map[futureKey][]futureGrant{}}
	for _, o := range a.objects[1:] {
		if o.dropped || !a.inAppScope(o, app) {
			continue
		}
		acl := make([]aclEntry, len(o.acl))
		for i, e := range o.acl {
			acl[i] = aclEntry{grantee: e.grantee, recs: append([]grantRec(nil), e.recs...)}
		}
		g.acl[o.id] = acl
		if o.kind.isPrincipal() {
			g.members[o.principal] = true
			g.save(a.principals[o.principal])
		}
	}
	acct := a.objects[a.accountObj]
	if i, ok := aclIndex(acct, app.principal); ok {
		g.acctRecs, g.acctHeld = append([]grantRec(nil), acct.acl[i].recs...), true
	}
	for e, rg := range a.roleGrants {
		if g.members[e.role] || g.members[e.grantee] {
			g.roleGrants[e] = *rg
			g.save(a.principals[e.role])
			g.save(a.principals[e.grantee])
		}
	}
	for k, fs := range a.future {
		if c := a.objects[k.container]; c != nil && a.inAppScope(c, app) {
			g.future[k] = append([]futureGrant(nil), fs...)
		}
	}
	return g
}

func (a *Account) restoreAppGrants(app *object, g *appGrants) {
	for id, acl := range g.acl {
		o := a.objects[id]
		o.acl = acl
		if o.dropped {
			a.revive(o)
		}
	}
	acct := a.objects[a.accountObj]
	i, ok := aclIndex(acct, app.principal)
	switch {
	case ok && g.acctHeld:
		acct.acl[i].recs = g.acctRecs
	case ok:
		acct.acl = append(acct.acl[:i], acct.acl[i+1:]...)
	case g.acctHeld:
		acct.acl = append(acct.acl, aclEntry{})
		copy(acct.acl[i+1:], acct.acl[i:])
		acct.acl[i] = aclEntry{grantee: app.principal, recs: g.acctRecs}
	}
	for id, saved := range g.principals {
		p := a.principals[id]
		p.holds, p.heldBy = saved.holds, saved.heldBy
		if g.members[id] { // an outside principal's grants are not the application's to restore
			p.grantsOn = saved.grantsOn
		}
	}
	for e := range a.roleGrants {
		if g.members[e.role] || g.members[e.grantee] {
			delete(a.roleGrants, e)
		}
	}
	for e, rg := range g.roleGrants {
		a.roleGrants[e] = &rg
	}
	for k := range a.future {
		if c := a.objects[k.container]; c != nil && a.inAppScope(c, app) {
			delete(a.future, k)
		}
	}
	for k, fs := range g.future {
		a.future[k] = fs
	}
	a.roleGen++
}

// savedPrincipal is what appGrants keeps of a principal.
type savedPrincipal struct {
	holds, heldBy []PrincipalID
	grantsOn      map[ObjectID]struct{}
}

// revive puts back an object the failed script dropped, replaced or
// discarded: under its name again, out of the undrop stack, among its
// parent's children and its owner's objects.
func (a *Account) revive(o *object) {
	key := keyOf(o)
	a.unstackDropped(key, o.id)
	o.dropped = false
	a.names[key] = o.id
	if p := a.objects[o.parent]; p != nil {
		if p.children == nil {
			p.children = map[ObjectID]struct{}{}
		}
		p.children[o.id] = struct{}{}
	}
	if o.owner != system {
		owner := a.principals[o.owner]
		if owner.owns == nil {
			owner.owns = map[ObjectID]struct{}{}
		}
		owner.owns[o.id] = struct{}{}
	}
}

// save keeps p's role lists and grants (once). A principal outside the
// application (the owner role, a consumer's role) is saved too when a role
// grant links it to the application: erasing a dropped application role
// takes its side of the edge.
func (g *appGrants) save(p *principal) {
	if _, done := g.principals[p.id]; done {
		return
	}
	g.principals[p.id] = &savedPrincipal{holds: append([]PrincipalID(nil), p.holds...),
		heldBy: append([]PrincipalID(nil), p.heldBy...), grantsOn: copySet(p.grantsOn)}
}

func copySet(m map[ObjectID]struct{}) map[ObjectID]struct{} {
	out := make(map[ObjectID]struct{}, len(m))
	for k := range m {
		out[k] = struct{}{}
	}
	return out
}
