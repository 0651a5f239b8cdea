package account

import "strings"

// ReferenceDefinitions returns the reference definitions of the current
// version of application appName, in the manifest's order, for its owner:
// what the owner's tools (Snowsight, or Frostgate's configuration check)
// read to drive the register and configuration callbacks. Like SHOW
// REFERENCES it needs OWNERSHIP of the application.
func (a *Account) ReferenceDefinitions(x *Actor, appName string) ([]RefDefinition, error) {
	a.mu.RLock()
	defer a.mu.RUnlock()
	x.refresh()
	_, app, err := a.ownedApp(x, appName)
	if err != nil {
		return nil, err
	}
	out := make([]RefDefinition, len(app.refs.defs))
	for i, d := range app.refs.defs {
		d.Privileges = append([]string(nil), d.Privileges...)
		out[i] = d
	}
	return out, nil
}

// FindDefinition returns the definition named name (any case) among defs,
// or the error a definition missing from the application's current version
// gives.
func FindDefinition(defs []RefDefinition, name, appName string) (RefDefinition, error) {
	for _, d := range defs {
		if d.Name == strings.ToUpper(name) {
			return d, nil
		}
	}
	return RefDefinition{}, defGone(strings.ToUpper(name), appName)
}
