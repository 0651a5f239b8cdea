package account

import (
	"strconv"
	"time"
)

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
	version string // UnversionedName in development mode
	patch   int
	debug   bool // DEBUG_MODE (appdev.go)
	// privileges are what the current version's manifest asks for (appprivs.go).
	privileges []AppPrivilege
	refs       *appRefs  // reference definitions and bindings (binding.go)
	upgraded   time.Time // the last UPGRADE; zero when never upgraded
}

// AppSource says what an application is installed or upgraded from: a
// version (and patch) of its package, or files read from a folder
// (development mode, Files set, Version empty).
type AppSource struct {
	Version string
	Patch   *int        // nil: the version's highest patch
	Files   *AppVersion // development mode: the folder the caller read
}

// source finds what src names in package p (pkg its name), checking the
// privilege it needs on the package: INSTALL for a version, DEVELOP for
// files (OWNERSHIP covers both).
func (a *Account) source(x *Actor, pkg string, src AppSource) (*AppVersion, *Error) {
	priv := "INSTALL"
	if src.Files != nil {
		priv = "DEVELOP"
	}
	_, p, err := a.packageFor(x, pkg, priv)
	if err != nil {
		return nil, err
	}
	if src.Files != nil {
		v := *src.Files
		v.Name, v.Patch, v.Created = UnversionedName, 0, a.cfg.Now()
		return &v, nil
	}
	return p.findErr(pkg, src.Version, src.Patch)
}

// CreateApplication is CREATE APPLICATION name FROM APPLICATION PACKAGE pkg
// USING VERSION version: CreateApplicationFrom with the version's highest
// patch.
func (a *Account) CreateApplication(x *Actor, name, pkg, version, comment string) (ObjectID, *AppVersion, error) {
	return a.CreateApplicationFrom(x, name, pkg, AppSource{Version: version}, comment)
}

// CreateApplicationFrom is CREATE APPLICATION name FROM APPLICATION PACKAGE
// pkg USING VERSION v [PATCH n] | USING '<folder>': the primary role's
// hierarchy needs CREATE APPLICATION on the account, the session INSTALL
// (a version) or DEVELOP (files) on the package, and the name must be free
// among databases and applications. The primary role owns the new, empty
// application; the caller then runs the setup script as ApplicationActor
// and calls DiscardApplication if it fails.
func (a *Account) CreateApplicationFrom(x *Actor, name, pkg string, src AppSource, comment string) (ObjectID, *AppVersion, error) {
	a.mu.Lock()
	defer a.mu.Unlock()
	x.refresh()
	acct := a.objects[a.accountObj]
	if !a.meets(x, &x.primSet, acct, needPriv("CREATE APPLICATION")) {
		return 0, nil, denied(KindAccount, a.cfg.Name)
	}
	v, err := a.source(x, pkg, src)
	if err != nil {
		return 0, nil, err
	}
	if a.lookupDatabaseLike(name) != nil {
		return 0, nil, &Error{Code: ErrAlreadyExists, Name: name}
	}
	o := a.addObject(&object{kind: KindApplication, name: name, parent: a.accountObj, comment: comment,
		props: map[string]string{"SOURCE": pkg}})
	a.setOwner(o, x.primary)
	// Like a database, an application has its INFORMATION_SCHEMA.
	a.addObject(&object{kind: KindSchema, name: "INFORMATION_SCHEMA", parent: o.id, system: true, created: o.created})
	if a.apps == nil {
		a.apps = map[ObjectID]*application{}
	}
	app := &application{obj: o.id, pkg: pkg, refs: newAppRefs(v)}
	a.apps[o.id] = app
	app.setVersion(o, v)
	a.autoGrant(o, v)
	return o.id, v, nil
}

// setVersion records the version (or files) the application is at.
func (app *application) setVersion(o *object, v *AppVersion) {
	app.version, app.patch, app.privileges = v.Name, v.Patch, v.Privileges
	o.props["VERSION"] = v.Name
	o.props["PATCH"] = strconv.Itoa(v.Patch)
	if v.Name == UnversionedName {
		o.props["PATCH"] = ""
	}
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

// ownedApp is resolveApp for what only the application's owner may do
// (SHOW REFERENCES, UNSET REFERENCES, UPGRADE, ...).
func (a *Account) ownedApp(x *Actor, name string) (*object, *application, *Error) {
	o, app, err := a.resolveApp(x, name)
	if err != nil {
		return nil, nil, err
	}
	if !a.ownsObject(x, o) {
		return nil, nil, denied(KindApplication, o.name)
	}
	return o, app, nil
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

// IsApplication reports whether x acts as an application.
func (x *Actor) IsApplication() bool { return x.app != 0 }

// UpgradeApplication is ALTER APPLICATION name UPGRADE USING VERSION
// version: UpgradeApplicationFrom with the version's highest patch.
func (a *Account) UpgradeApplication(x *Actor, name, version string) (ObjectID, *AppVersion, func() []ObjectID, error) {
	return a.UpgradeApplicationFrom(x, name, AppSource{Version: version})
}

// UpgradeApplicationFrom is ALTER APPLICATION name UPGRADE [USING VERSION v
// [PATCH n] | USING '<folder>']: the application's owner, who needs INSTALL
// (a version) or DEVELOP (files) on the package the application was
// installed from, moves it to another version, patch or set of files. A
// source with neither Version nor Files is the highest patch of the
// application's current version (Frostgate has no release directives).
// The application's reference definitions become the new version's;
// bindings of definitions the new version lacks stay but cannot be used.
// The caller then runs the new setup script as the application and, if it
// fails, calls the returned undo (upgrade_undo.go), which puts the account
// back as it was before the upgrade.
func (a *Account) UpgradeApplicationFrom(x *Actor, name string, src AppSource) (ObjectID, *AppVersion, func() []ObjectID, error) {
	a.mu.Lock()
	defer a.mu.Unlock()
	x.refresh()
	o, app, err := a.ownedApp(x, name)
	if err != nil {
		return 0, nil, nil, err
	}
	if src.Version == "" && src.Files == nil {
		if app.version == UnversionedName {
			return 0, nil, nil, invalid("Application '%s' was created from files: name a version or files to upgrade it to.", o.name)
		}
		src.Version = app.version
	}
	v, err := a.source(x, app.pkg, src)
	if err != nil {
		return 0, nil, nil, err
	}
	undo := a.upgradeUndo(o, app)
	app.refs.defs = append([]RefDefinition(nil), v.References...)
	app.upgraded = a.cfg.Now()
	app.setVersion(o, v)
	a.autoGrant(o, v)
	return o.id, v, undo, nil
}

// AppProperty is one row of DESCRIBE APPLICATION.
type AppProperty struct{ Property, Value string }

// DescribeApplication is DESCRIBE APPLICATION name for a session that can
// see the application: the properties Frostgate keeps, in the order the
// documentation lists them ("" is NULL).
func (a *Account) DescribeApplication(x *Actor, name string) ([]AppProperty, error) {
	a.mu.RLock()
	defer a.mu.RUnlock()
	x.refresh()
	o, app, err := a.resolveApp(x, name)
	if err != nil {
		return nil, err
	}
	upgraded := ""
	if !app.upgraded.IsZero() {
		upgraded = app.upgraded.UTC().Format("2006-01-02 15:04:05.000 -0700")
	}
	return []AppProperty{
		{"name", o.name}, {"source_type", "APP_PACKAGE"}, {"source", app.pkg}, {"version", app.version},
		{"version_label", ""}, {"patch", o.props["PATCH"]}, {"created_on", o.created.UTC().Format("2006-01-02 15:04:05.000 -0700")},
		{"last_upgraded_on", upgraded}, {"comment", o.comment}, {"debug_mode", strconv.FormatBool(app.debug)},
	}, nil
}
