package account

// Application roles and the grants that cross, or may not cross, an
// application's boundary (spec §2.3, §2.9, §10.2).

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
		return true, app.owner // the owning role is the grantor (spec §2.10)
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

// grantAppRolesToOwner grants every application role of app to app's
// owner role WITH GRANT OPTION: the implicit grant follows the application
// to a new owner (a dropped owner role's heir).
func (a *Account) grantAppRolesToOwner(app *object) {
	for _, id := range sortedIDs(app.children) {
		if r := a.objects[id]; r.kind == KindApplicationRole && !r.dropped {
			a.addRoleGrant(r.principal, app.owner, true, app.principal, a.cfg.Now())
		}
	}
}

// DropApplicationRole is DROP APPLICATION ROLE [IF EXISTS] name, valid only
// inside an application, like CREATE: the role, its grants and the grants
// of it (to the owner, to consumers' roles and users, to other application
// roles) are removed for good (there is no UNDROP).
func (a *Account) DropApplicationRole(x *Actor, name string, ifExists bool) (Outcome, error) {
	a.mu.Lock()
	defer a.mu.Unlock()
	x.refresh()
	if x.app == 0 {
		return Done, invalid("Application roles can only be dropped inside an application.")
	}
	app := a.objects[x.app]
	id, ok := a.names[nameKey{parent: app.id, ns: KindApplicationRole, name: name}]
	if !ok {
		if ifExists {
			return Absent, nil
		}
		return Done, notFound(KindApplicationRole, name)
	}
	a.discardPrincipal(a.objects[id], app.principal)
	return Done, nil
}
