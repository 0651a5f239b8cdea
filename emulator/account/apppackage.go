package account

import (
	"slices"
	"sort"
	"time"
)

// An application package holds the versions an application is installed
// from (spec native-apps part B). A package is a securable account-level
// object (KindApplicationPackage, its own name space) so that GRANT ... ON
// APPLICATION PACKAGE, SHOW GRANTS ON and visibility reuse the ordinary
// machinery; what only packages have (versions and patches) is kept beside
// the object, as applications keep theirs (application.go).
//
// Privileges on a package (spec §5, "Create versions and patches"):
// OWNERSHIP does everything; MANAGE VERSIONS adds and drops versions and
// patches; INSTALL creates applications from a version; DEVELOP creates and
// upgrades applications from files (development mode, Account.source). ATTACH
// LISTING and MANAGE RELEASES are grantable but guard nothing Frostgate
// emulates.
type appPackage struct {
	obj      ObjectID
	versions []*AppVersion // every patch of every version, in the order added
}

// AppVersion is one patch of one version of an application package, or the
// files an application in development mode was created or upgraded from
// (Name UnversionedName). Folder is what sqlengine read from the application
// folder (a *nativeapp.Folder; account keeps it without looking inside).
type AppVersion struct {
	Name       string
	Patch      int
	Folder     any
	References []RefDefinition // the manifest's reference definitions
	Created    time.Time
	// ManifestVersion and Privileges are the manifest's manifest_version and
	// privileges: list (appprivs.go).
	ManifestVersion int
	Privileges      []AppPrivilege
}

// UnversionedName is the version of an application created or upgraded
// from files rather than from a version (SHOW APPLICATIONS prints it).
const UnversionedName = "UNVERSIONED"

// appPackageWord is the word "does not exist" errors print for packages.
const appPackageWord = "Application package"

// lookupPackage finds a package the session can see (it owns it or holds a
// privilege on it).
func (a *Account) lookupPackage(x *Actor, name string) (*object, *appPackage, *Error) {
	o := a.lookup(KindApplicationPackage, []string{name}, nil)
	if o == nil || !a.visible(x, o) {
		return nil, nil, &Error{Code: ErrAppNotFound, Other: appPackageWord, Name: name}
	}
	return o, a.packages[o.id], nil
}

// packageFor is lookupPackage for an action that needs priv on the package
// (OWNERSHIP always suffices): 003001 on the package otherwise.
func (a *Account) packageFor(x *Actor, name, priv string) (*object, *appPackage, *Error) {
	o, p, err := a.lookupPackage(x, name)
	if err != nil {
		return nil, nil, err
	}
	privs, _, owner := a.held(o, &x.active)
	if !owner && !privs.Has(mustPriv(priv)) {
		return nil, nil, denied(KindApplicationPackage, o.name)
	}
	return o, p, nil
}

// find returns a version's patch: the given one, or the highest when patch
// is nil.
func (p *appPackage) find(version string, patch *int) *AppVersion {
	var out *AppVersion
	for _, v := range p.versions {
		if v.Name != version {
			continue
		}
		if patch != nil && v.Patch == *patch {
			return v
		}
		if patch == nil && (out == nil || v.Patch > out.Patch) {
			out = v
		}
	}
	return out
}

// findErr is find with the error a missing version or patch gives.
func (p *appPackage) findErr(pkg, version string, patch *int) (*AppVersion, *Error) {
	if v := p.find(version, patch); v != nil {
		return v, nil
	}
	if patch != nil && p.find(version, nil) != nil {
		return nil, invalid("Patch %d for version '%s' does not exist in application package '%s'.", *patch, version, pkg)
	}
	return nil, invalid("Version '%s' does not exist in application package '%s'.", version, pkg)
}

// CreateApplicationPackage is CREATE APPLICATION PACKAGE [IF NOT EXISTS]
// name [COMMENT = 'c'] [DISTRIBUTION = d]: the primary role's hierarchy needs
// CREATE APPLICATION PACKAGE on the account, and the primary role owns the
// package. exists reports an IF NOT EXISTS that found the name taken.
func (a *Account) CreateApplicationPackage(x *Actor, name string, ifNotExists bool, props ...PackageProp) (exists bool, err error) {
	a.mu.Lock()
	defer a.mu.Unlock()
	x.refresh()
	acct := a.objects[a.accountObj]
	if !a.meets(x, &x.primSet, acct, needPriv("CREATE APPLICATION PACKAGE")) {
		return false, denied(KindAccount, a.cfg.Name)
	}
	if a.lookup(KindApplicationPackage, []string{name}, nil) != nil {
		if ifNotExists {
			return true, nil
		}
		return false, &Error{Code: ErrAlreadyExists, Name: name}
	}
	o := &object{kind: KindApplicationPackage, name: name, parent: a.accountObj,
		props: map[string]string{"DISTRIBUTION": "INTERNAL"}}
	for _, p := range props {
		if p.Key == "COMMENT" {
			o.comment = p.Value
		} else {
			o.props[p.Key] = p.Value
		}
	}
	a.addObject(o)
	a.setOwner(o, x.primary)
	a.newShare(o)
	if a.packages == nil {
		a.packages = map[ObjectID]*appPackage{}
	}
	a.packages[o.id] = &appPackage{obj: o.id}
	return false, nil
}

// PackageProp is one property written in CREATE APPLICATION PACKAGE
// (COMMENT, DISTRIBUTION; Key upper case).
type PackageProp struct{ Key, Value string }

// DropApplicationPackage is DROP APPLICATION PACKAGE [IF EXISTS] name: only
// the owner's role hierarchy may drop it, and it is gone for good. As in
// Snowflake, applications installed from it stay (their upgrades then fail:
// the package does not exist).
func (a *Account) DropApplicationPackage(x *Actor, name string, ifExists bool) (Outcome, error) {
	a.mu.Lock()
	defer a.mu.Unlock()
	x.refresh()
	o, _, err := a.lookupPackage(x, name)
	if err != nil {
		if ifExists {
			return Absent, nil
		}
		return Done, err
	}
	if !a.ownsObject(x, o) {
		return Done, denied(KindApplicationPackage, o.name)
	}
	a.discardShared(o)
	a.discardObject(o)
	delete(a.packages, o.id)
	return Done, nil
}

// AddApplicationVersion is ALTER APPLICATION PACKAGE pkg ADD VERSION version
// USING dir: the caller has read the application folder (manifest.yml and
// its setup script, standing in for the stage Snowflake reads) into folder,
// or failed to with ferr. A failure is an ErrInvalid carrying ferr's text
// (file, line and problem) and leaves the package as it was. It needs
// OWNERSHIP or MANAGE VERSIONS on the package. The version's first patch
// is 0.
//
// refs are the manifest's reference definitions, which an application
// installed from the version has.
func (a *Account) AddApplicationVersion(x *Actor, pkg, version string, folder any, refs []RefDefinition, ferr error) error {
	_, err := a.AddVersionFrom(x, pkg, version, nil, false, AppVersion{Folder: folder, References: refs}, ferr)
	return err
}

// AddApplicationPatch is ALTER APPLICATION PACKAGE pkg ADD PATCH [n] FOR
// VERSION version USING dir: like AddApplicationVersion, for a version that
// exists. Without n the patch is one more than the version's highest; a
// given n must be higher than every patch the version has. It returns the
// new patch's number.
func (a *Account) AddApplicationPatch(x *Actor, pkg, version string, patch *int, folder any, refs []RefDefinition, ferr error) (int, error) {
	return a.AddVersionFrom(x, pkg, version, patch, true, AppVersion{Folder: folder, References: refs}, ferr)
}

// AddVersionFrom is AddApplicationVersion (isPatch false) or
// AddApplicationPatch with everything the caller read from the folder in v
// (Folder, References, ManifestVersion, Privileges; its Name, Patch and
// Created are set here).
func (a *Account) AddVersionFrom(x *Actor, pkg, version string, patch *int, isPatch bool, v AppVersion, ferr error) (int, error) {
	a.mu.Lock()
	defer a.mu.Unlock()
	x.refresh()
	_, p, err := a.packageFor(x, pkg, "MANAGE VERSIONS")
	if err != nil {
		return 0, err
	}
	last := p.find(version, nil)
	n := 0
	switch {
	case !isPatch && last != nil:
		return 0, invalid("Version '%s' already exists in application package '%s'.", version, pkg)
	case !isPatch && ferr != nil:
		return 0, invalid("Cannot add version '%s' to application package '%s': %s", version, pkg, ferr.Error())
	case isPatch && last == nil:
		return 0, invalid("Version '%s' does not exist in application package '%s'.", version, pkg)
	case isPatch:
		n = last.Patch + 1
		if patch != nil {
			if p.find(version, patch) != nil {
				return 0, invalid("Patch %d already exists for version '%s' in application package '%s'.", *patch, version, pkg)
			}
			if *patch < n {
				return 0, invalid("Cannot add a patch with a non-increasing patch number to version '%s' in application package '%s'.", version, pkg)
			}
			n = *patch
		}
		if ferr != nil {
			return 0, invalid("Cannot add patch %d for version '%s' to application package '%s': %s", n, version, pkg, ferr.Error())
		}
	}
	v.Name, v.Patch, v.Created = version, n, a.cfg.Now()
	p.versions = append(p.versions, &v)
	return n, nil
}

// DropApplicationVersion is ALTER APPLICATION PACKAGE pkg DROP VERSION
// version: every patch of the version goes. It needs OWNERSHIP or MANAGE
// VERSIONS, and is refused while an application is installed at the
// version (Snowflake instead marks the version DROPPING and removes it
// once no application uses it; Frostgate has no background upgrades).
func (a *Account) DropApplicationVersion(x *Actor, pkg, version string) error {
	a.mu.Lock()
	defer a.mu.Unlock()
	x.refresh()
	o, p, err := a.packageFor(x, pkg, "MANAGE VERSIONS")
	if err != nil {
		return err
	}
	if p.find(version, nil) == nil {
		return invalid("Version '%s' does not exist in application package '%s'.", version, pkg)
	}
	for _, id := range sortedIDs(mapKeys(a.apps)) {
		if app := a.apps[id]; app.pkg == o.name && app.version == version {
			return invalid("Cannot drop version '%s' from application package '%s': application '%s' is installed at it.",
				version, pkg, a.objects[id].name)
		}
	}
	kept := p.versions[:0:0]
	for _, v := range p.versions {
		if v.Name != version {
			kept = append(kept, v)
		}
	}
	p.versions = kept
	return nil
}

func mapKeys[V any](m map[ObjectID]V) map[ObjectID]struct{} {
	out := make(map[ObjectID]struct{}, len(m))
	for k := range m {
		out[k] = struct{}{}
	}
	return out
}

// ApplicationVersion returns the highest patch of a version of a package
// the session can see.
func (a *Account) ApplicationVersion(x *Actor, pkg, version string) (*AppVersion, error) {
	a.mu.RLock()
	defer a.mu.RUnlock()
	x.refresh()
	_, p, err := a.lookupPackage(x, pkg)
	if err != nil {
		return nil, err
	}
	v, err := p.findErr(pkg, version, nil)
	if err != nil {
		return nil, err
	}
	return v, nil
}

// ApplicationVersions lists the names of a package's versions, oldest first.
func (a *Account) ApplicationVersions(x *Actor, pkg string) ([]string, error) {
	a.mu.RLock()
	defer a.mu.RUnlock()
	x.refresh()
	_, p, err := a.lookupPackage(x, pkg)
	if err != nil {
		return nil, err
	}
	var out []string
	for _, v := range p.versions {
		if !slices.Contains(out, v.Name) {
			out = append(out, v.Name)
		}
	}
	return out, nil
}

// VersionRow is one row of SHOW VERSIONS IN APPLICATION PACKAGE.
type VersionRow struct {
	Version string
	Patch   int
	Created time.Time
}

// ShowVersions is SHOW VERSIONS IN APPLICATION PACKAGE pkg: one row per
// patch, by version then patch, for a session that owns the package or
// holds MANAGE VERSIONS, DEVELOP or INSTALL on it.
func (a *Account) ShowVersions(x *Actor, pkg string) ([]VersionRow, error) {
	a.mu.RLock()
	defer a.mu.RUnlock()
	x.refresh()
	_, p, err := a.lookupPackage(x, pkg)
	if err != nil {
		return nil, err
	}
	out := make([]VersionRow, len(p.versions))
	for i, v := range p.versions {
		out[i] = VersionRow{Version: v.Name, Patch: v.Patch, Created: v.Created}
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Version != out[j].Version {
			return out[i].Version < out[j].Version
		}
		return out[i].Patch < out[j].Patch
	})
	return out, nil
}

// DescribeApplicationPackage is DESCRIBE APPLICATION PACKAGE name for a
// session that can see the package: the documented properties Frostgate
// keeps, in the documentation's order ("" is NULL).
func (a *Account) DescribeApplicationPackage(x *Actor, name string) ([]AppProperty, error) {
	a.mu.RLock()
	defer a.mu.RUnlock()
	x.refresh()
	o, _, err := a.lookupPackage(x, name)
	if err != nil {
		return nil, err
	}
	return []AppProperty{
		{"name", o.name}, {"created_on", o.created.UTC().Format("2006-01-02 15:04:05.000 -0700")},
		{"distribution", o.props["DISTRIBUTION"]}, {"comment", o.comment}, {"owner", a.principalName(o.owner)},
	}, nil
}
