package account

// Package shared content (spec native-apps part B.4; Snowflake's "Share data
// content in a Snowflake Native App"). An application package holds schemas,
// tables and views like a database (Kind.isDatabaseLike); the provider's
// role owns them. The package is also the grantee of GRANT ... TO SHARE IN
// APPLICATION PACKAGE: it has a principal, "the share", which holds what was
// granted to it (REFERENCE_USAGE on the databases its views read, USAGE on
// its schemas, SELECT on its tables and views) through the ordinary ACLs.
//
// An application installed from the package acts with the share's
// privileges besides its own (Actor.refresh), and sees each of the package's
// schemas the share has USAGE on under its own name, app.<schema>, when the
// application has no schema of that name (lookup). Nothing else reaches
// them: the consumer's roles hold nothing on the package's objects, and the
// share holds only what can be granted to it, so the application reads
// shared content and writes none.

// newShare gives package o its share principal. The share has USAGE on its
// package implicitly (held), as a share has on the database it shares.
func (a *Account) newShare(o *object) {
	p := &principal{id: PrincipalID(len(a.principals)), kind: KindApplicationPackage, obj: o.id}
	a.principals = append(a.principals, p)
	o.principal = p.id
	a.roleGen++ // actors size their role sets by the number of principals
}

// appShare returns the share principal of application app's package, or
// system when the package is gone.
func (a *Account) appShare(app ObjectID) PrincipalID {
	ap := a.apps[app]
	if ap == nil {
		return system
	}
	if o := a.lookup(KindApplicationPackage, []string{ap.pkg}, nil); o != nil {
		return o.principal
	}
	return system
}

// sharedSchema finds the schema of application app's package named name
// when the share has USAGE on it.
func (a *Account) sharedSchema(app *object, name string) *object {
	share := a.appShare(app.id)
	if share == system {
		return nil
	}
	pkg := a.objects[a.principals[share].obj]
	id, ok := a.names[nameKey{parent: pkg.id, ns: KindSchema, name: name}]
	if !ok {
		return nil
	}
	s := a.objects[id]
	if privs, _, _ := a.held(s, a.shareSet(share)); !privs.Has(PrivUsage) {
		return nil
	}
	return s
}

// checkShareGrantee applies what may be granted to a package's share:
// REFERENCE_USAGE on another database (which the package's views may then
// read), USAGE on the package's schemas, SELECT on its tables and views;
// no OWNERSHIP and no future grants.
func (a *Account) checkShareGrantee(grantee *principal, t Target, objs []*object, privs PrivSet, ownership bool) *Error {
	if ownership {
		return invalid("Ownership cannot be granted to a share.")
	}
	if t.Scope != ScopeObject {
		return invalid("Future and ALL grants to a share in an application package are not supported.")
	}
	pkg := a.objects[grantee.obj]
	for _, o := range objs {
		allowed := PrivSet{}
		switch {
		case o.kind == KindDatabase:
			allowed = allowed.With(mustPriv("REFERENCE_USAGE"))
		case a.databaseOf(o) != pkg:
			return invalid("Objects outside application package '%s' cannot be granted to its share; grant REFERENCE_USAGE on their database and share a view in the package.", pkg.name)
		case o.kind == KindSchema:
			allowed = allowed.With(PrivUsage)
		case o.kind == KindTable || o.kind == KindView:
			allowed = allowed.With(PrivSelect)
		}
		if bad := privs.Minus(allowed); !bad.Empty() {
			return invalid("Privilege '%s' cannot be granted on %s '%s' to a share in an application package.",
				bad.Names()[0], o.kind.Lower(), a.fqn(o))
		}
	}
	return nil
}

// shareSet is a role set holding only share.
func (a *Account) shareSet(share PrincipalID) *roleSet {
	var s roleSet
	s.reset(len(a.principals))
	s.add(share)
	return &s
}

// borrowed reports whether schema s, reached by a path through an
// application, is its package's shared schema while x is not that
// application: only the application sees its package's shared content.
func (a *Account) borrowed(x *Actor, path []string, s *object) bool {
	if s.kind != KindSchema || a.objects[s.parent].kind != KindApplicationPackage {
		return false
	}
	app := a.lookupDatabaseLike(path[0])
	return app != nil && app.kind == KindApplication && x.app != app.id
}

// discardShared removes package pkg's content and its share's grants for
// good, as the package is dropped.
func (a *Account) discardShared(pkg *object) {
	var walk func(o *object)
	walk = func(o *object) {
		for _, c := range sortedIDs(o.children) {
			walk(a.objects[c])
		}
		if o != pkg {
			a.discardObject(o)
		}
	}
	walk(pkg)
	a.erasePrincipalTo(pkg, pkg.owner)
}

// OwnerActorFor is OwnerActor for a view read by caller: when an
// application (or a shared view it reads) reads a view of its package, the
// body may reach other databases only where the package's share holds
// REFERENCE_USAGE (checkReferenceUsage).
func (a *Account) OwnerActorFor(id ObjectID, caller *Actor) (*Actor, error) {
	x, err := a.OwnerActor(id)
	if err != nil || caller == nil {
		return x, err
	}
	a.mu.RLock()
	defer a.mu.RUnlock()
	x.shareOf = caller.shareOf
	if caller.app != 0 {
		if db := a.databaseOf(a.objects[id]); db != nil && db.kind == KindApplicationPackage &&
			a.appShare(caller.app) == db.principal {
			x.shareOf = db.principal
		}
	}
	return x, nil
}

// checkReferenceUsage refuses a shared view's body an object in a database
// the package's share holds no REFERENCE_USAGE on.
func (a *Account) checkReferenceUsage(x *Actor, o *object) *Error {
	if x.shareOf == system {
		return nil
	}
	db := a.databaseOf(o)
	if db == nil || db.kind != KindDatabase {
		return nil
	}
	if privs, _, _ := a.held(db, a.shareSet(x.shareOf)); privs.Has(mustPriv("REFERENCE_USAGE")) {
		return nil
	}
	pkg := a.objects[a.principals[x.shareOf].obj]
	return invalid("A view shared through application package '%s' reads database '%s', on which the package's share has no REFERENCE_USAGE.", pkg.name, db.name)
}
