package account

import (
	"sort"
	"time"
)

// The account privileges an application's manifest asks for (`privileges:`,
// "Configure the privileges required by an app"): SHOW PRIVILEGES IN
// APPLICATION lists them, and with manifest_version 2 the ones Snowflake
// grants automatically are granted to the application when it is installed
// or upgraded.

// AppPrivilege is one privilege a version's manifest asks for.
type AppPrivilege struct {
	Name        string
	Description string
}

// autoGranted are the privileges manifest_version 2 grants without the
// consumer's consent (BCR-1952, "Changes to privileges commonly used by
// apps"; docs/compatibility.md G.5). CREATE COMPUTE POOL and BIND SERVICE
// ENDPOINT are in the list but not among Frostgate's privileges' effects.
var autoGranted = []string{"EXECUTE TASK", "EXECUTE MANAGED TASK", "CREATE WAREHOUSE", "CREATE COMPUTE POOL",
	"BIND SERVICE ENDPOINT", "CREATE DATABASE"}

// autoGrant grants the application app (its object) the privileges of v
// that manifest_version 2 grants automatically; granted_by is empty, as
// for the grants Snowflake makes itself.
func (a *Account) autoGrant(app *object, v *AppVersion) {
	if v.ManifestVersion != 2 {
		return
	}
	acct := a.objects[a.accountObj]
	for _, p := range v.Privileges {
		for _, name := range autoGranted {
			if p.Name == name {
				a.addGrant(acct, app.principal, mustPriv(name), false, system, a.cfg.Now())
			}
		}
	}
}

// PrivilegeRow is one row of SHOW PRIVILEGES IN APPLICATION.
type PrivilegeRow struct {
	Privilege   string
	Description string
	Granted     bool // the application holds it on the account
	Grantable   bool // the session could grant it (grant option or MANAGE GRANTS)
}

// ShowApplicationPrivileges is SHOW PRIVILEGES IN APPLICATION name for a
// session that can see the application: the privileges its version's
// manifest asks for, in the manifest's order.
func (a *Account) ShowApplicationPrivileges(x *Actor, name string) ([]PrivilegeRow, error) {
	a.mu.RLock()
	defer a.mu.RUnlock()
	x.refresh()
	o, app, err := a.resolveApp(x, name)
	if err != nil {
		return nil, err
	}
	acct := a.objects[a.accountObj]
	ax := a.appActor(o, x)
	ax.refresh()
	held, _, _ := a.held(acct, &ax.active)
	_, opts, _ := a.held(acct, &x.active)
	manage := a.manageGrants(&x.active)
	out := make([]PrivilegeRow, len(app.privileges))
	for i, p := range app.privileges {
		out[i] = PrivilegeRow{Privilege: p.Name, Description: p.Description}
		if priv, ok := PrivilegeByName(p.Name); ok && validFor[KindAccount].Has(priv) {
			out[i].Granted = held.Has(priv)
			out[i].Grantable = manage || opts.Has(priv)
		}
	}
	return out, nil
}

// OwnedObjectRow is one row of SHOW OBJECTS OWNED BY APPLICATION.
type OwnedObjectRow struct {
	Created time.Time
	Name    string
	Kind    Kind
}

// ShowObjectsOwnedByApplication is SHOW OBJECTS OWNED BY APPLICATION name:
// the account-level objects (databases, warehouses, ...) the application
// owns outside itself, by name, for its owner or a role with MANAGE GRANTS
// (the command's access control requirements). snowflake-cli's teardown
// lists them before DROP APPLICATION [CASCADE].
func (a *Account) ShowObjectsOwnedByApplication(x *Actor, name string) ([]OwnedObjectRow, error) {
	a.mu.RLock()
	defer a.mu.RUnlock()
	x.refresh()
	o, _, err := a.resolveApp(x, name)
	if err != nil {
		return nil, err
	}
	if !a.ownsObject(x, o) && !a.manageGrants(&x.active) {
		return nil, denied(KindApplication, o.name)
	}
	var out []OwnedObjectRow
	for _, id := range sortedIDs(a.principals[o.principal].owns) {
		c := a.objects[id]
		if c.parent == a.accountObj && c.id != o.id && a.live(c) {
			out = append(out, OwnedObjectRow{Created: c.created, Name: c.name, Kind: c.kind})
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out, nil
}
