package account

import "strings"

// UseBinding resolves reference('name' [, 'alias']), written in an
// application's code, for op by x: the object the consumer bound to the
// application's reference definition name (alias picks one object of a
// multi-valued reference), checked as UseReference checks a reference.
// The statement then acts on the returned target with its Creator's rights.
//
// This is a stub: applications are not installed yet, so no code runs
// inside one and no name is ever bound; every use fails as a definition
// missing from the application would. The applications work replaces this
// body (and only this file) with the real lookup.
func (a *Account) UseBinding(x *Actor, name, alias string, op Op) (RefTarget, error) {
	return RefTarget{}, invalid("Reference definition '%s' cannot be found in the current version of the application.",
		strings.ToUpper(name))
}
