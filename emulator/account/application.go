package account

// Installed applications (spec native-apps part B.4, §10.2). An application
// is two things at once:
//   - a database-like container (KindApplication, in the databases' name
//     space) owned by the role that installed it, so app.schema.proc
//     resolves through it;
//   - a principal, the application itself, that runs the setup script and
//     the application's owner's-rights procedures and owns everything they
//     create. It inherits nothing, PUBLIC included (Actor.app): "an
//     application reaches nothing in the consumer account except through
//     bound references".
//
// Application roles are principals under the application, the way database
// roles are under a database, and reuse that machinery (names, grants,
// SHOW GRANTS); they are owned by the application and implicitly granted to
// its owner role WITH GRANT OPTION.

// application is what the account keeps about an installed application
// beside its object.
type application struct {
	obj     ObjectID
	pkg     string
	version string
	refs    *appRefs // reference definitions and bindings (binding.go)
}

// CreateApplication is CREATE APPLICATION name FROM APPLICATION PACKAGE pkg
// USING VERSION version: the primary role's hierarchy needs CREATE
// APPLICATION on the account, the package must be one the session's roles
// own and hold the version, and the name must be free among databases and
// applications. The primary role owns the new, empty application; the
// caller then runs the version's setup script as ApplicationActor and calls
// DiscardApplication if it fails.
func (a *Account) CreateApplication(x *Actor, name, pkg, version, comment string) (ObjectID, *AppVersion, error) {
	a.mu.Lock()
	defer a.mu.Unlock()
	x.refresh()
	acct := a.objects[a.accountObj]
	if !a.meets(x, &x.primSet, acct, needPriv("CREATE APPLICATION")) {
		return 0, nil, denied(KindAccount, a.cfg.Name)
	}
	p, err := a.lookupPackage(x, pkg)
	if err != nil {
		return 0, nil, err
	}
	var v *AppVersion
	for _, pv := range p.versions {
		if pv.Name == version {
			v = pv
		}
	}
	if v == nil {
		return 0, nil, invalid("Version '%s' does not exist in application package '%s'.", version, pkg)
	}
	if a.lookupDatabaseLike(name) != nil {
		return 0, nil, &Error{Code: ErrAlreadyExists, Name: name}
	}
	o := a.addObject(&object{kind: KindApplication, name: name, parent: a.accountObj, comment: comment,
		props: map[string]string{"SOURCE": pkg, "VERSION": version}})
	a.setOwner(o, x.primary)
	if a.apps == nil {
		a.apps = map[ObjectID]*application{}
	}
	a.apps[o.id] = &application{obj: o.id, pkg: pkg, version: version, refs: newAppRefs(v)}
	return o.id, v, nil
}

// ApplicationActor returns the actor the application app acts as: its own
// principal, with no user's roles, no secondary roles and no PUBLIC. caller
// is the session on whose behalf it acts (its session ID keeps session-scoped
// state apart).
func (a *Account) ApplicationActor(app ObjectID, caller *Actor) (*Actor, error) {
	a.mu.RLock()
	defer a.mu.RUnlock()
	if a.apps[app] == nil {
		return nil, notFound(KindApplication, "")
	}
	return a.appActor(a.objects[app], caller), nil
}

func (a *Account) appActor(app *object, caller *Actor) *Actor {
	// No user: nothing can turn the application's session into a user's
	// (USE ROLE, USE SECONDARY ROLES find no roles to take).
	x := &Actor{acct: a, user: system, primary: app.principal, mode: SecondaryNone, roleOnly: true, app: app.id}
	if caller != nil {
		x.sessionID = caller.sessionID
	}
	return x
}

// roleActor returns the actor an object owned by owner acts with (an
// owner's-rights procedure, a view's body): the owner role's hierarchy and
// PUBLIC, or the application when an application owns it.
func (a *Account) roleActor(owner PrincipalID, caller *Actor) *Actor {
	if p := a.principals[owner]; p.kind == KindApplication {
		return a.appActor(a.objects[p.obj], caller)
	}
	x := &Actor{acct: a, user: system, primary: owner, mode: SecondaryNone, roleOnly: true}
	if caller != nil {
		x.user, x.sessionID = caller.user, caller.sessionID
	} else {
		x.sessionID = 1000000 + sessionSeq.Add(1)
	}
	return x
}

// InApplication returns the name of the application x acts as, or "".
func (a *Account) InApplication(x *Actor) string {
	a.mu.RLock()
	defer a.mu.RUnlock()
	if x.app == 0 {
		return ""
	}
	return a.objects[x.app].name
}

// ownsObject reports whether an active role of x owns o.
func (a *Account) ownsObject(x *Actor, o *object) bool {
	return o.owner != system && x.active.has(o.owner)
}

// resolveApp finds an application the session may see by name.
func (a *Account) resolveApp(x *Actor, name string) (*object, *application, *Error) {
	o, err := a.resolve(x, Ref{Kind: KindApplication, Path: []string{name}})
	if err != nil {
		return nil, nil, err
	}
	return o, a.apps[o.id], nil
}

// DiscardApplication removes an application for good, without checking
// privileges: everything in it, its application roles and every grant to
// or from them, and the application's own grants. Objects the application
// owns outside itself pass to the application's owner role. It undoes a
// failed install, leaving the account as it was before CREATE APPLICATION.
// It returns the IDs of the objects removed, so that the engine can forget
// data it keeps about them.
func (a *Account) DiscardApplication(id ObjectID) []ObjectID {
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.discardApp(id)
}

func (a *Account) discardApp(id ObjectID) []ObjectID {
	if int(id) >= len(a.objects) || id == 0 || a.apps[id] == nil {
		return nil
	}
	app := a.objects[id]
	var removed []ObjectID
	var walk func(o *object)
	walk = func(o *object) {
		for _, c := range sortedIDs(o.children) {
			walk(a.objects[c])
		}
		removed = append(removed, o.id)
		if o.kind.isPrincipal() {
			a.discardPrincipal(o, app.owner)
		} else {
			a.discardObject(o)
		}
	}
	// Dropped objects are no longer children; they leave with the rest.
	for _, stack := range a.dropped {
		for _, d := range stack {
			if o := a.objects[d]; a.inApp(o, id) {
				removed = append(removed, d)
				a.discardObject(o)
			}
		}
	}
	walk(app)
	delete(a.apps, id)
	return removed
}

// inApp reports whether o lies inside the application app.
func (a *Account) inApp(o *object, app ObjectID) bool {
	for p := o; p != nil && p.kind != KindAccount; p = a.objects[p.parent] {
		if p.parent == app {
			return true
		}
	}
	return false
}

// discardObject removes a non-principal object for good (no undrop).
func (a *Account) discardObject(o *object) {
	key := keyOf(o)
	if a.names[key] == o.id {
		delete(a.names, key)
	}
	stack := a.dropped[key]
	for i, d := range stack {
		if d == o.id {
			a.dropped[key] = append(stack[:i:i], stack[i+1:]...)
			break
		}
	}
	if len(a.dropped[key]) == 0 {
		delete(a.dropped, key)
	}
	o.dropped = true
	if p := a.objects[o.parent]; p != nil {
		delete(p.children, o.id)
	}
	a.dropAllGrants(o)
	if o.owner != system {
		delete(a.principals[o.owner].owns, o.id)
	}
	for k, fs := range a.future {
		if k.container == o.id || len(fs) == 0 {
			delete(a.future, k)
		}
	}
}

// discardPrincipal removes a principal object for good: its grants and role
// grants go; what it still owns passes to heir.
func (a *Account) discardPrincipal(o *object, heir PrincipalID) {
	a.erasePrincipalTo(o, heir)
	a.discardObject(o)
}

// DropApplication is DROP APPLICATION [IF EXISTS] name [CASCADE]: only the
// application's owner role (its hierarchy) may drop it. The application is
// gone for good (there is no UNDROP APPLICATION); objects it owned outside
// itself are dropped with CASCADE and otherwise pass to its owner.
// It returns the IDs of the objects removed for good.
func (a *Account) DropApplication(x *Actor, name string, ifExists, cascade bool) (Outcome, []ObjectID, error) {
	a.mu.Lock()
	defer a.mu.Unlock()
	x.refresh()
	o, _, err := a.resolveApp(x, name)
	if err != nil {
		if ifExists && err.Code == ErrNotFound {
			return Absent, nil, nil
		}
		return Done, nil, err
	}
	if !a.ownsObject(x, o) {
		return Done, nil, denied(KindApplication, o.name)
	}
	if cascade {
		for _, id := range sortedIDs(a.principals[o.principal].owns) {
			if c := a.objects[id]; !a.within(c, o) && c.id != o.id && !c.dropped {
				a.destroy(x, c)
			}
		}
	}
	return Done, a.discardApp(o.id), nil
}

// CreateApplicationRole is CREATE [OR REPLACE] APPLICATION ROLE [IF NOT
// EXISTS] name, valid only inside an application (its setup script or its
// procedures). The role is owned by the application and implicitly granted
// to the application's owner role WITH GRANT OPTION; like a database role
// it holds USAGE on its container.
func (a *Account) CreateApplicationRole(x *Actor, name, comment string, orReplace, ifNotExists bool) (Outcome, error) {
	a.mu.Lock()
	defer a.mu.Unlock()
	x.refresh()
	if x.app == 0 {
		return Done, invalid("Application roles can only be created inside an application.")
	}
	app := a.objects[x.app]
	key := nameKey{parent: app.id, ns: KindApplicationRole, name: name}
	if id, ok := a.names[key]; ok {
		switch {
		case ifNotExists:
			return Existed, nil
		case orReplace:
			a.discardPrincipal(a.objects[id], app.principal)
		default:
			return Done, &Error{Code: ErrAlreadyExists, Name: name}
		}
	}
	o := a.addObject(&object{kind: KindApplicationRole, name: name, parent: app.id, comment: comment,
		props: map[string]string{}})
	a.setOwner(o, app.principal)
	now := o.created
	a.addGrant(app, o.principal, PrivUsage, false, system, now)
	if app.owner != system {
		a.addRoleGrant(o.principal, app.owner, true, app.principal, now)
	}
	return Done, nil
}

// appRoleAuthority decides who may grant an application role (spec §2.9):
// the application itself, or its owner ("Only the application owner can
// grant an application role to other roles or users"); MANAGE GRANTS does
// not. It returns the grantor to record.
func (a *Account) appRoleAuthority(x *Actor, role *object) (bool, PrincipalID) {
	app := a.objects[role.parent]
	if x.app == app.id {
		return true, app.principal
	}
	if a.ownsObject(x, app) {
		if x.primSet.has(app.owner) {
			return true, x.primary
		}
		return true, app.owner
	}
	return false, system
}

// checkAppRoleGrant applies the rules of GRANT APPLICATION ROLE: to an
// account role or user only by the owner (outside the application), to
// another application role of the same application only inside it.
func (a *Account) checkAppRoleGrant(x *Actor, role *object, grantee *principal) *Error {
	app := a.objects[role.parent]
	switch grantee.kind {
	case KindApplicationRole:
		if a.objects[grantee.obj].parent != app.id {
			return invalid("Application roles can only be granted to application roles in the same application.")
		}
		if x.app != app.id {
			return invalid("Granting an application role to another application role can only be performed within the application.")
		}
	case KindRole, KindUser:
		if x.app != 0 {
			return invalid("An application cannot grant its application roles to roles or users of the account.")
		}
	default:
		return invalid("Application roles can only be granted to account roles, users or application roles.")
	}
	return nil
}

// checkAppGrantee applies the rules of GRANT <privileges> TO APPLICATION
// ROLE (spec §2.3): "This command can only be executed from within the
// application", and only on objects in the application.
func (a *Account) checkAppGrantee(x *Actor, grantee *principal, container *object, objs []*object) *Error {
	app := a.objects[grantee.obj].parent
	if x.app != app {
		return invalid("Privileges can only be granted to application roles from within the application.")
	}
	check := objs
	if container != nil {
		check = []*object{container}
	}
	for _, o := range check {
		if d := a.databaseOf(o); d == nil || d.id != app {
			return invalid("Privileges can only be granted to application roles on objects in the application.")
		}
	}
	return nil
}

// grantAppRole is GrantRole for an application role.
func (a *Account) grantAppRole(x *Actor, role *object, grantee *principal, g RoleGrantSpec) (GrantOutcome, error) {
	if err := a.checkAppRoleGrant(x, role, grantee); err != nil {
		return Granted, err
	}
	ok, grantor := a.appRoleAuthority(x, role)
	if !ok {
		return NotExecuted, nil
	}
	if grantee.kind != KindUser && a.inherits(role.principal, grantee.id) {
		return Granted, &Error{Code: ErrCycle, Name: a.roleFQN(role.principal), Other: a.roleFQN(grantee.id)}
	}
	a.addRoleGrant(role.principal, grantee.id, g.WithGrantOption && grantee.kind != KindUser, grantor, a.cfg.Now())
	return Granted, nil
}

// IsApplication reports whether x acts as an application.
func (x *Actor) IsApplication() bool { return x.app != 0 }

// checkAppBoundary keeps grants from crossing an application's boundary
// (spec §2.3): objects inside an application are granted only by the
// application itself ("Privileges can only be granted or revoked on objects
// owned by the application", MANAGE GRANTS included), and an application
// grants only to its own application roles. grantee is nil for REVOKE.
func (a *Account) checkAppBoundary(x *Actor, grantee *principal, container *object, objs []*object) *Error {
	check := objs
	if container != nil {
		check = []*object{container}
	}
	for _, o := range check {
		if d := a.databaseOf(o); d != nil && d.kind == KindApplication && d.id != x.app {
			return invalid("Grants on objects in application '%s' can only be made by the application.", d.name)
		}
	}
	if x.app != 0 && grantee != nil && !(grantee.kind == KindApplicationRole && a.objects[grantee.obj].parent == x.app) {
		return invalid("An application can only grant privileges to its own application roles.")
	}
	return nil
}

// UpgradeApplication is ALTER APPLICATION name UPGRADE USING VERSION
// version: the application's owner, who must also own the package the
// application was installed from, moves it to another version of that
// package. The application's reference definitions become the new
// version's; bindings of definitions the new version lacks stay but cannot
// be used. The caller then runs the new version's setup script as the
// application and, if it fails, calls the returned undo, which puts the
// version and definitions back (objects the failed script made stay).
func (a *Account) UpgradeApplication(x *Actor, name, version string) (ObjectID, *AppVersion, func(), error) {
	a.mu.Lock()
	defer a.mu.Unlock()
	x.refresh()
	o, app, err := a.resolveApp(x, name)
	if err != nil {
		return 0, nil, nil, err
	}
	if !a.ownsObject(x, o) {
		return 0, nil, nil, denied(KindApplication, o.name)
	}
	p, err := a.lookupPackage(x, app.pkg)
	if err != nil {
		return 0, nil, nil, err
	}
	var v *AppVersion
	for _, pv := range p.versions {
		if pv.Name == version {
			v = pv
		}
	}
	if v == nil {
		return 0, nil, nil, invalid("Version '%s' does not exist in application package '%s'.", version, app.pkg)
	}
	oldVersion, oldDefs := app.version, app.refs.defs
	app.version, app.refs.defs = version, append([]RefDefinition(nil), v.References...)
	o.props["VERSION"] = version
	undo := func() {
		a.mu.Lock()
		defer a.mu.Unlock()
		app.version, app.refs.defs = oldVersion, oldDefs
		o.props["VERSION"] = oldVersion
	}
	return o.id, v, undo, nil
}

// checkCreateIn keeps objects from being created in (or moved into) an
// application from outside it: only the application itself creates in its
// container, although its owner role owns the container; database roles
// live in databases only.
func (a *Account) checkCreateIn(x *Actor, k Kind, parent *object) *Error {
	d := a.databaseOf(parent)
	if d == nil || d.kind != KindApplication {
		return nil
	}
	if k == KindDatabaseRole {
		return notFound(KindDatabase, d.name)
	}
	if d.id != x.app {
		return denied(KindApplication, d.name)
	}
	return nil
}
