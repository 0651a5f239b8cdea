package account

import "time"

// An application package holds the versions an application is installed
// from (spec native-apps part B). Frostgate keeps packages beside the
// securable objects, not among them: a package is owned by the role that
// created it and acted on only by that role's hierarchy; GRANT ... ON
// APPLICATION PACKAGE, SHOW APPLICATION PACKAGES and DROP are not emulated yet
// (docs/compatibility.md G.4).
type appPackage struct {
	name     string
	owner    PrincipalID
	created  time.Time
	versions []*AppVersion
}

// AppVersion is one version of an application package. Folder is what
// sqlengine read from the application folder when the version was added
// (a *nativeapp.Folder; account keeps it without looking inside).
type AppVersion struct {
	Name       string
	Folder     any
	References []RefDefinition // the manifest's reference definitions
}

// appPackageWord is the word "does not exist" errors print for packages.
const appPackageWord = "Application package"

func (a *Account) lookupPackage(x *Actor, name string) (*appPackage, *Error) {
	p := a.packages[name]
	if p == nil || !x.active.has(p.owner) {
		return nil, &Error{Code: ErrAppNotFound, Other: appPackageWord, Name: name}
	}
	return p, nil
}

// CreateApplicationPackage is CREATE APPLICATION PACKAGE [IF NOT EXISTS]
// name: the primary role's hierarchy needs CREATE APPLICATION PACKAGE on the
// account, and the primary role owns the package. exists reports an IF NOT
// EXISTS that found the name taken.
func (a *Account) CreateApplicationPackage(x *Actor, name string, ifNotExists bool) (exists bool, err error) {
	a.mu.Lock()
	defer a.mu.Unlock()
	x.refresh()
	acct := a.objects[a.accountObj]
	if !a.meets(x, &x.primSet, acct, needPriv("CREATE APPLICATION PACKAGE")) {
		return false, denied(KindAccount, a.cfg.Name)
	}
	if a.packages[name] != nil {
		if ifNotExists {
			return true, nil
		}
		return false, &Error{Code: ErrAlreadyExists, Name: name}
	}
	if a.packages == nil {
		a.packages = map[string]*appPackage{}
	}
	a.packages[name] = &appPackage{name: name, owner: x.primary, created: time.Now()}
	return false, nil
}

// AddApplicationVersion is ALTER APPLICATION PACKAGE pkg ADD VERSION version
// USING dir: the caller has read the application folder (manifest.yml and
// its setup script, standing in for the stage Snowflake reads) into folder,
// or failed to with ferr. A failure is an ErrInvalid carrying ferr's text
// (file, line and problem) and leaves the package as it was. Only the
// package's owner (its role hierarchy) may add versions.
//
// refs are the manifest's reference definitions, which an application
// installed from the version has.
func (a *Account) AddApplicationVersion(x *Actor, pkg, version string, folder any, refs []RefDefinition, ferr error) error {
	a.mu.Lock()
	defer a.mu.Unlock()
	x.refresh()
	p, err := a.lookupPackage(x, pkg)
	if err != nil {
		return err
	}
	for _, v := range p.versions {
		if v.Name == version {
			return invalid("Version '%s' already exists in application package '%s'.", version, pkg)
		}
	}
	if ferr != nil {
		return invalid("Cannot add version '%s' to application package '%s': %s", version, pkg, ferr.Error())
	}
	p.versions = append(p.versions, &AppVersion{Name: version, Folder: folder, References: refs})
	return nil
}

// ApplicationVersion returns a version of a package the session's roles own.
func (a *Account) ApplicationVersion(x *Actor, pkg, version string) (*AppVersion, error) {
	a.mu.RLock()
	defer a.mu.RUnlock()
	x.refresh()
	p, err := a.lookupPackage(x, pkg)
	if err != nil {
		return nil, err
	}
	for _, v := range p.versions {
		if v.Name == version {
			return v, nil
		}
	}
	return nil, invalid("Version '%s' does not exist in application package '%s'.", version, pkg)
}

// ApplicationVersions lists the names of a package's versions, oldest first.
func (a *Account) ApplicationVersions(x *Actor, pkg string) ([]string, error) {
	a.mu.RLock()
	defer a.mu.RUnlock()
	x.refresh()
	p, err := a.lookupPackage(x, pkg)
	if err != nil {
		return nil, err
	}
	out := make([]string, len(p.versions))
	for i, v := range p.versions {
		out[i] = v.Name
	}
	return out, nil
}
