package account

// UseBinding resolves reference('name'[, alias]) for the actor x running
// inside an application (its setup script or one of its procedures): the
// binding of the application's reference definition name (any case) —
// alias required for a multi-valued definition and ignored when empty for
// a single-valued one — then, like UseReference, the object by its name
// now (a rename or drop makes it invalid, an undrop valid again) after
// checking that op's privilege is among both the reference's and the
// definition's privileges and that the creator's roles, as they are now,
// allow op. Outside an application, for an unbound or unknown alias, and
// for a definition the application's current version no longer has
// ("Reference definition '<NAME>' cannot be found in the current version of
// the application '<APP>'"), it fails.
func (a *Account) UseBinding(x *Actor, name, alias string, op Op) (RefTarget, error) {
	a.mu.RLock()
	defer a.mu.RUnlock()
	_, app, d, err := a.appDef(x, name)
	if err != nil {
		return RefTarget{}, err
	}
	bs := app.refs.bindings[d.Name]
	i, err := pickBinding(d, bs, alias, alias != "")
	if err != nil {
		return RefTarget{}, err
	}
	if i < 0 {
		return RefTarget{}, unbound(d.Name)
	}
	var defPrivs PrivSet
	for _, p := range d.Privileges {
		if pv, ok := PrivilegeByName(p); ok {
			defPrivs = defPrivs.With(pv)
		}
	}
	if e := refOpAllowed(defPrivs, op); e != nil {
		return RefTarget{}, e
	}
	t, e := a.useStored(x, bs[i].ref, op)
	if e != nil {
		return RefTarget{}, e
	}
	return t, nil
}
