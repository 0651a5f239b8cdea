package account

// Undoing a failed ALTER APPLICATION ... UPGRADE. The new setup script ran
// statement by statement as the application and one of them failed: what
// the statements before it created is removed for good with the functions
// that undo a failed install (appdiscard.go: discardObject,
// discardPrincipal), and the application's version, patch and reference
// definitions are put back. Objects are numbered in creation order, so
// what the script created is what lies in the application, or is owned by
// it, and was numbered after the upgrade began.
//
// Not undone (docs/compatibility.md G.5): changes the script made to
// objects that existed before the upgrade (a dropped or replaced object, a
// grant on an existing object, rows inserted into an existing table).

// upgradeUndo returns the undo of the upgrade about to change app (o its
// object): it removes what was created from now on and restores the
// version. It returns the IDs of the objects removed, for the engine to
// forget their data.
func (a *Account) upgradeUndo(o *object, app *application) func() []ObjectID {
	mark := ObjectID(len(a.objects))
	saved, savedDefs := *app, app.refs.defs
	savedProps := map[string]string{}
	for k, v := range o.props {
		savedProps[k] = v
	}
	return func() []ObjectID {
		a.mu.Lock()
		defer a.mu.Unlock()
		var removed []ObjectID
		// Newest first: children go before the schemas holding them.
		for id := ObjectID(len(a.objects)) - 1; id >= mark; id-- {
			c := a.objects[id]
			madeByScript := a.inApp(c, o.id) || c.owner == o.principal
			if !madeByScript || (c.dropped && !a.inDroppedStack(c)) {
				continue
			}
			removed = append(removed, c.id)
			if c.kind.isPrincipal() {
				a.discardPrincipal(c, o.owner)
			} else {
				a.discardObject(c)
			}
		}
		app.version, app.patch, app.refs.defs, app.upgraded = saved.version, saved.patch, savedDefs, saved.upgraded
		o.props = savedProps
		return removed
	}
}

// inDroppedStack reports whether a dropped object can still be undropped
// (it waits in its name's undrop stack).
func (a *Account) inDroppedStack(o *object) bool {
	for _, d := range a.dropped[keyOf(o)] {
		if d == o.id {
			return true
		}
	}
	return false
}
