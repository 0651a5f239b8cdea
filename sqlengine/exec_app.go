package sqlengine

import (
	"path/filepath"

	"github.com/frostgate/frostgate/nativeapp"
)

func (s *Session) execCreateApplicationPackage(n *CreateApplicationPackage) (*Result, error) {
	exists, err := s.acct.CreateApplicationPackage(s.actor, n.Name, n.IfNotExists)
	if err != nil {
		return nil, err
	}
	if exists {
		return status(KindDDL, n.Name+" already exists, statement succeeded."), nil
	}
	return status(KindDDL, "Application Package '"+n.Name+"' created successfully."), nil
}

// execAddApplicationVersion reads the application folder n.Path names (a
// folder on disk stands in for a stage): a relative path is resolved against
// the engine's application root, by default the process's working directory.
func (s *Session) execAddApplicationVersion(n *AddApplicationVersion) (*Result, error) {
	if err := s.AddApplicationVersion(n.Package, n.Version, n.Path); err != nil {
		return nil, err
	}
	return status(KindDDL, executedOK), nil
}

// AddApplicationVersion is the Go API of ALTER APPLICATION PACKAGE pkg ADD
// VERSION version USING 'dir': it reads and validates the application folder
// dir and adds it to the package as version. Names are as stored (upper case
// unless quoted). A broken folder is an error naming the file, the line and
// the problem, and leaves the package as it was.
func (s *Session) AddApplicationVersion(pkg, version, dir string) error {
	if s.eng.appRoot != "" && !filepath.IsAbs(dir) {
		dir = filepath.Join(s.eng.appRoot, dir)
	}
	folder, ferr := nativeapp.Load(dir)
	var payload any
	if ferr == nil {
		payload = folder
	}
	if err := s.acct.AddApplicationVersion(s.actor, pkg, version, payload, ferr); err != nil {
		return toSF(err)
	}
	return nil
}
